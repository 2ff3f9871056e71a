// Code actions: the fix-its leadc's diagnostics carry (a misspelt name), "add
// `otherwise`" for a gap in a `first match` classification (E0402), "add this witness
// as an example" (E0401, E0402, E0403 with a witness) and "define `WORD` as a term"
// (E0202). The last two insert a shape with a placeholder (`<label>`, `<condition>`)
// that does not parse: what the lead should get, or what the word means, is the
// author's to write (LANGUAGE.md section 5, E0202), and the file does not check
// until it is written.
#include <fmt/format.h>

#include "lsp/features.h"
#include "lsp/positions.h"

namespace leadc::lsp {

namespace {

bool overlaps(const json& range, const Span& span) {
  json r = range_of(span);
  auto before = [](const json& p, const json& q) {
    return p["line"] < q["line"] || (p["line"] == q["line"] && p["character"] <= q["character"]);
  };
  return before(r["start"], range["end"]) && before(range["start"], r["end"]);
}

json edit_action(const std::string& title, const std::string& uri, json edits, bool preferred) {
  return {{"title", title}, {"kind", "quickfix"}, {"isPreferred", preferred},
          {"edit", {{"changes", {{uri, std::move(edits)}}}}}};
}

// "add `LABEL otherwise`" to the first-match classification whose gap D reports:
// the shape only — which label the leftover leads get is the author's decision, so
// the label is named for what it holds.
std::optional<json> add_otherwise(const Document& doc, const Analysis& a, const Diagnostic& d) {
  const Checked* c = a.checked();
  if (!c) return std::nullopt;
  for (size_t k = 0; k < c->module.classifications.size(); ++k) {
    const ast::ClassifyDecl& cl = c->module.classifications[k];
    if (cl.unique || cl.span.file != d.span.file || cl.span.begin != d.span.begin || cl.labels.empty()) continue;
    if (!cl.labels.back().condition) return std::nullopt;  // it has an `otherwise`
    std::string label = "unmatched";
    for (int n = 2; c->enums[c->classification_enum[k]].member(label) >= 0; ++n)
      label = "unmatched" + std::to_string(n);
    const SourceFile& f = *cl.span.file;
    const ast::LabelRule& last = cl.labels.back();
    std::string indent(last.span.col - 1, ' ');
    // After the last label's line: a new line, as the other labels are laid out.
    uint32_t line_end = static_cast<uint32_t>(f.text.find('\n', last.span.end));
    if (line_end == static_cast<uint32_t>(std::string::npos)) return std::nullopt;
    Span at{&f, line_end + 1, line_end + 1, 0, 0};
    std::tie(at.line, at.col) = f.line_col(at.begin);
    json edit{{"range", range_of(at)}, {"newText", indent + label + " otherwise\n"}};
    return edit_action(fmt::format("add `{} otherwise` to `{}`", label, cl.name.name), doc.uri, json::array({edit}),
                       false);
  }
  return std::nullopt;
}

// The end of FILE as a place to insert a new declaration: after a blank line.
std::pair<Span, std::string> end_of(const SourceFile& f) {
  Span at{&f, static_cast<uint32_t>(f.text.size()), static_cast<uint32_t>(f.text.size()), 0, 0};
  std::tie(at.line, at.col) = f.line_col(at.begin);
  std::string lead = f.text.empty() ? "" : f.text.back() == '\n' ? "\n" : "\n\n";
  return {at, lead};
}

// The classification a finding is about: the one whose header or a label of which is
// at the finding's span.
const ast::ClassifyDecl* classification_at(const Checked& c, const Span& span) {
  for (const ast::ClassifyDecl& cl : c.module.classifications) {
    if (cl.span.file != span.file) continue;
    if (cl.span.begin == span.begin) return &cl;
    for (const ast::LabelRule& l : cl.labels)
      if (l.span.begin == span.begin) return &cl;
  }
  return nullptr;
}

// "add this witness as an example": an `example` whose `given` is the witness (it
// pastes as it is, `as_of` included) and whose expectation is left to the author.
std::optional<json> add_witness_example(const Document& doc, const Analysis& a, const Diagnostic& d) {
  const Checked* c = a.checked();
  if (!c || !d.witness) return std::nullopt;
  const ast::ClassifyDecl* cl = classification_at(*c, d.span);
  if (!cl) return std::nullopt;
  auto [at, lead] = end_of(a.root());
  std::string text = fmt::format(
      "{}// The witness of {} for `{}`: write the label it should get in place of <label>.\n"
      "example \"the {} witness of `{}`\" {{\n  {}\n  expect {} == <label>\n}}\n",
      lead, code_name(d.code), cl->name.name, code_name(d.code), cl->name.name, *d.witness, cl->name.name);
  json edit{{"range", range_of(at)}, {"newText", text}};
  return edit_action(fmt::format("add this witness as an example of `{}` (you write the expected label)", cl->name.name),
                     doc.uri, json::array({edit}), false);
}

// "define `WORD` as a term": the shape of the definition E0202 asks for, at the end of
// the file, with its condition left to the author.
std::optional<json> define_vague_word(const Document& doc, const Analysis& a, const Diagnostic& d) {
  const SourceFile& f = a.root();
  if (d.span.file != &f || d.span.end <= d.span.begin || d.span.end > f.text.size()) return std::nullopt;
  const std::string word = f.text.substr(d.span.begin, d.span.end - d.span.begin);
  auto [at, lead] = end_of(f);
  std::string text = fmt::format("{}// What `{}` means, as a condition on the fields: write it in place of <condition>.\n"
                                 "term {} = <condition>\n",
                                 lead, word, word);
  json edit{{"range", range_of(at)}, {"newText", text}};
  return edit_action(fmt::format("define `{}` as a term (you write what it means)", word), doc.uri,
                     json::array({edit}), false);
}

}  // namespace

json code_actions(Workspace& ws, const json& params) {
  Document& doc = document_of(ws, params);
  // The diagnostics' own compilation when it is of this version (it ran the solver,
  // which finds the gaps), else a fresh one.
  std::shared_ptr<Analysis> a = doc.analysis && doc.analysis->version == doc.version ? doc.analysis : ws.current(doc);
  const json& range = params.at("range");
  json actions = json::array();
  const SourceFile& root = a->root();
  for (const Diagnostic& d : a->diags.all()) {
    if (d.span.file != &root || !overlaps(range, d.span)) continue;
    for (const FixIt& fix : d.fixits) {
      if (fix.span.file != &root) continue;
      actions.push_back(edit_action(fmt::format("replace `{}` with `{}`", std::string(one_line_text(fix.span)),
                                                fix.replacement),
                                    doc.uri, json::array({{{"range", range_of(fix.span)}, {"newText", fix.replacement}}}),
                                    d.fixits.size() == 1));
    }
    if (d.code == DiagCode::E0402)
      if (auto act = add_otherwise(doc, *a, d)) actions.push_back(std::move(*act));
    if (d.code == DiagCode::E0401 || d.code == DiagCode::E0402 || d.code == DiagCode::E0403)
      if (auto act = add_witness_example(doc, *a, d)) actions.push_back(std::move(*act));
    if (d.code == DiagCode::E0202)
      if (auto act = define_vague_word(doc, *a, d)) actions.push_back(std::move(*act));
  }
  // A word used twice is one definition to add, not two.
  json unique = json::array();
  for (json& act : actions) {
    bool seen = false;
    for (const json& u : unique) seen = seen || (u["title"] == act["title"] && u["edit"] == act["edit"]);
    if (!seen) unique.push_back(std::move(act));
  }
  return unique;
}

}  // namespace leadc::lsp
