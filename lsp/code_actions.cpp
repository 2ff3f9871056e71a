// Code actions: the fix-its leadc's diagnostics carry (a misspelt name), and "add
// `otherwise`" for a gap in a `first match` classification (E0402).
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
  }
  return actions;
}

}  // namespace leadc::lsp
