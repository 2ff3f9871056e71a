// Semantic tokens: what each name is (a field, a term, a label…), which a TextMate
// grammar cannot know. Keywords, numbers and strings are left to the grammar.
#include <algorithm>

#include "lsp/features.h"
#include "lsp/positions.h"

namespace leadc::lsp {

namespace {

// The order of semantic_token_legend()'s tokenTypes.
enum TokenType { kProperty, kVariable, kFunction, kEnum, kEnumMember, kType, kEvent };

TokenType token_type(EntityKind k) {
  switch (k) {
    case EntityKind::Field: return kProperty;
    case EntityKind::ActivityField: return kEvent;
    case EntityKind::Term: return kFunction;  // a named condition, computed from others
    case EntityKind::Const: return kVariable;
    case EntityKind::Score: return kVariable;
    case EntityKind::Classification: return kEnum;
    case EntityKind::Member: return kEnumMember;
    case EntityKind::Type: return kType;
  }
  return kVariable;
}

enum Modifier { kDeclaration = 1, kReadonly = 2 };

}  // namespace

json semantic_token_legend() {
  return {{"tokenTypes", {"property", "variable", "function", "enum", "enumMember", "type", "event"}},
          {"tokenModifiers", {"declaration", "readonly"}}};
}

json semantic_tokens(Workspace& ws, const json& params) {
  Document& doc = document_of(ws, params);
  auto a = ws.current(doc);
  json data = json::array();
  if (!a->index) return {{"data", data}};
  const SourceFile* root = &a->root();
  std::vector<const Occurrence*> here;
  for (const auto& o : a->index->all())
    if (o.span.file == root && o.span.line == o.span.end_line()) here.push_back(&o);
  std::sort(here.begin(), here.end(), [](auto* x, auto* y) { return x->span.begin < y->span.begin; });
  uint32_t line = 0, character = 0;
  for (const Occurrence* o : here) {
    json start = position_of(*root, o->span.begin), end = position_of(*root, o->span.end);
    uint32_t l = start["line"], ch = start["character"];
    uint32_t modifiers = (o->declaration ? kDeclaration : 0) | (o->entity.kind == EntityKind::Const ? kReadonly : 0);
    data.push_back(l - line);
    data.push_back(l == line ? ch - character : ch);
    data.push_back(end["character"].get<uint32_t>() - ch);
    data.push_back(token_type(o->entity.kind));
    data.push_back(modifiers);
    line = l;
    character = ch;
  }
  return {{"data", data}};
}

}  // namespace leadc::lsp
