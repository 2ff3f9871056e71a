// Go to definition and find references: the occurrences the index recorded, in
// this file and in its imports.
#include "lsp/features.h"
#include "lsp/positions.h"

namespace leadc::lsp {

namespace {

json location(const Span& span) { return {{"uri", uri_of_path(span.file->path)}, {"range", range_of(span)}}; }

// The occurrence under the cursor of the request, with the analysis that owns it.
const Occurrence* under_cursor(Workspace& ws, const json& params, std::shared_ptr<Analysis>& a) {
  Document& doc = document_of(ws, params);
  a = ws.current(doc);
  if (!a->index) return nullptr;
  return a->index->at(&a->root(), offset_of(a->root(), params.at("position")));
}

}  // namespace

json definition(Workspace& ws, const json& params) {
  std::shared_ptr<Analysis> a;
  const Occurrence* o = under_cursor(ws, params, a);
  if (!o) return nullptr;
  Span decl = a->index->declaration(o->entity);
  if (!decl.valid()) return nullptr;
  return location(decl);
}

json references(Workspace& ws, const json& params) {
  std::shared_ptr<Analysis> a;
  const Occurrence* o = under_cursor(ws, params, a);
  json out = json::array();
  if (!o) return out;
  bool with_declaration = params.value("context", json::object()).value("includeDeclaration", true);
  for (const Occurrence* r : a->index->occurrences(o->entity))
    if (with_declaration || !r->declaration) out.push_back(location(r->span));
  return out;
}

}  // namespace leadc::lsp
