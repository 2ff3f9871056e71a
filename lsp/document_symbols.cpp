// Document symbols (the outline): the declarations of this file, with the fields,
// members and labels inside their blocks.
#include <cstring>

#include "compiler/typecheck.h"
#include "lsp/features.h"
#include "lsp/positions.h"

namespace leadc::lsp {

namespace {

// LSP SymbolKind values.
enum { kModule = 2, kClass = 5, kProperty = 7, kField = 8, kEnum = 10, kFunction = 12, kVariable = 13,
       kConstant = 14, kNumber = 16, kEnumMember = 22, kEvent = 24 };

json symbol(const std::string& name, int kind, const Span& whole, const Span& name_span, std::string detail = "") {
  json s{{"name", name}, {"kind", kind}, {"range", range_of(whole)}, {"selectionRange", range_of(name_span)}};
  if (!detail.empty()) s["detail"] = std::move(detail);
  return s;
}

}  // namespace

json document_symbols(Workspace& ws, const json& params) {
  Document& doc = document_of(ws, params);
  auto a = ws.current(doc);
  json out = json::array();
  const Checked* c = a->checked();
  if (!c) return out;
  const SourceFile* root = &a->root();
  const ast::Module& m = c->module;
  auto here = [&](const Span& s) { return s.file == root && s.valid(); };
  for (const auto& t : m.types) {
    if (!here(t.span)) continue;
    json s = symbol(t.name.name, kEnum, t.span, t.name.span, "type");
    for (const auto& mem : t.members) s["children"].push_back(symbol(mem.name, kEnumMember, mem.span, mem.span));
    out.push_back(std::move(s));
  }
  auto block = [&](const char* name, const Span& span, const std::vector<ast::Field>& fields, int kind) {
    if (!here(span)) return;
    json s = symbol(name, kind, span, Span{span.file, span.begin, span.begin + static_cast<uint32_t>(std::strlen(name)),
                                           span.line, span.col});
    for (const auto& f : fields)
      if (here(f.span)) s["children"].push_back(symbol(f.name.name, kField, f.span, f.name.span, type_as_written(*c, f.resolved)));
    out.push_back(std::move(s));
  };
  if (m.has_lead) block("lead", m.lead_span, m.fields, kClass);
  if (m.has_activity) block("activity", m.activity_span, m.activity_fields, kEvent);
  for (size_t i = 0; i < m.consts.size(); ++i)
    if (here(m.consts[i].span))
      out.push_back(symbol(m.consts[i].name.name, kConstant, m.consts[i].span, m.consts[i].name.span,
                           type_as_written(*c, c->const_types[i])));
  for (size_t i = 0; i < m.terms.size(); ++i)
    if (here(m.terms[i].span))
      out.push_back(symbol(m.terms[i].name.name, kVariable, m.terms[i].span, m.terms[i].name.span,
                           type_as_written(*c, c->term_types[i])));
  for (const auto& s : m.scores)
    if (here(s.span)) out.push_back(symbol(s.name.name, kNumber, s.span, s.name.span, "score"));
  for (const auto& cl : m.classifications) {
    if (!here(cl.span)) continue;
    json s = symbol(cl.name.name, kEnum, cl.span, cl.name.span, cl.unique ? "classify (unique)" : "classify (first match)");
    for (const auto& l : cl.labels) s["children"].push_back(symbol(l.label.name, kEnumMember, l.span, l.label.span));
    out.push_back(std::move(s));
  }
  for (const auto& ex : m.examples)
    if (here(ex.span)) out.push_back(symbol("example \"" + ex.title + "\"", kFunction, ex.span, ex.span));
  return out;
}

}  // namespace leadc::lsp
