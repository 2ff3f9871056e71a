#include "lsp/index.h"

namespace leadc::lsp {

namespace {

EntityKind kind_of(SymbolKind k) {
  switch (k) {
    case SymbolKind::Field: return EntityKind::Field;
    case SymbolKind::Term: return EntityKind::Term;
    case SymbolKind::Const: return EntityKind::Const;
    case SymbolKind::Score: return EntityKind::Score;
    case SymbolKind::Classification: return EntityKind::Classification;
  }
  return EntityKind::Field;
}

}  // namespace

Index::Index(const Checked& checked) : c_(checked) {
  const ast::Module& m = checked.module;
  for (size_t e = 0; e < checked.enums.size(); ++e) {
    const EnumInfo& info = checked.enums[e];
    for (size_t k = 0; k < info.member_spans.size(); ++k)
      add(info.member_spans[k], {EntityKind::Member, static_cast<int>(e), static_cast<int>(k)}, true);
  }
  for (const auto& t : m.types) {
    auto it = checked.types.find(t.name.name);
    if (it != checked.types.end()) add(t.name.span, {EntityKind::Type, it->second}, true);
  }
  auto fields = [&](const std::vector<ast::Field>& list, EntityKind kind) {
    for (size_t i = 0; i < list.size(); ++i) {
      add(list[i].name.span, {kind, static_cast<int>(i)}, true);
      const ast::TypeRef& t = list[i].type;
      if (t.kind == ast::TypeRef::Kind::Named) {
        auto it = checked.types.find(t.name.name);
        if (it != checked.types.end()) add(t.name.span, {EntityKind::Type, it->second});
      }
    }
  };
  fields(m.fields, EntityKind::Field);
  fields(m.activity_fields, EntityKind::ActivityField);
  for (size_t i = 0; i < m.consts.size(); ++i) {
    add(m.consts[i].name.span, {EntityKind::Const, static_cast<int>(i)}, true);
    walk(m.consts[i].value.get());
  }
  for (size_t i = 0; i < m.terms.size(); ++i) {
    add(m.terms[i].name.span, {EntityKind::Term, static_cast<int>(i)}, true);
    walk(m.terms[i].value.get());
  }
  for (size_t i = 0; i < m.scores.size(); ++i) {
    add(m.scores[i].name.span, {EntityKind::Score, static_cast<int>(i)}, true);
    for (const auto& r : m.scores[i].rules) walk(r.expr.get());
    walk(m.scores[i].decay.get());
  }
  for (size_t i = 0; i < m.classifications.size(); ++i) {
    add(m.classifications[i].name.span, {EntityKind::Classification, static_cast<int>(i)}, true);
    for (const auto& l : m.classifications[i].labels) walk(l.condition.get());
  }
  if (m.output)
    for (const auto& id : *m.output) add_named(id);
  for (const auto& ex : m.examples) {
    for (const auto* list : {&ex.given, &ex.expect}) {
      for (const auto& b : *list) {
        add_named(b.name);
        walk(b.value.get());
        for (const auto& more : b.more) walk(more.get());
      }
    }
    for (const auto& record : ex.events) {
      for (const auto& b : record) {
        for (size_t i = 0; i < m.activity_fields.size(); ++i)
          if (m.activity_fields[i].name.name == b.name.name)
            add(b.name.span, {EntityKind::ActivityField, static_cast<int>(i)});
        walk(b.value.get());
      }
    }
  }
}

void Index::add(const Span& span, Entity e, bool decl) {
  if (!span.valid()) return;
  for (const auto& o : items_)  // a label is declared once per enum and once per rule
    if (o.span.file == span.file && o.span.begin == span.begin && o.entity == e) return;
  items_.push_back({span, e, decl});
}

void Index::add_named(const ast::Ident& id) {
  auto it = c_.values.find(id.name);
  if (it != c_.values.end()) add(id.span, {kind_of(it->second.kind), it->second.index});
}

void Index::walk(const ast::Expr* e) {
  if (!e) return;
  if (e->kind == ast::ExprKind::Name && e->sema.index >= 0) {
    using R = ast::RefKind;
    switch (e->sema.ref) {
      case R::Field: add(e->span, {EntityKind::Field, e->sema.index}); break;
      case R::Term: add(e->span, {EntityKind::Term, e->sema.index}); break;
      case R::Const: add(e->span, {EntityKind::Const, e->sema.index}); break;
      case R::Score: add(e->span, {EntityKind::Score, e->sema.index}); break;
      case R::Classification: add(e->span, {EntityKind::Classification, e->sema.index}); break;
      case R::ActivityField: add(e->span, {EntityKind::ActivityField, e->sema.index}); break;
      case R::Member:
        if (e->sema.type.kind == TypeKind::Enum)
          add(e->span, {EntityKind::Member, e->sema.type.enum_id, e->sema.index});
        break;
      case R::Unresolved: break;
    }
  }
  for (const auto& a : e->args) walk(a.get());
}

const Occurrence* Index::at(const SourceFile* file, uint32_t offset) const {
  for (const auto& o : items_)
    if (o.span.file == file && o.span.begin <= offset && offset <= o.span.end) return &o;
  return nullptr;
}

std::vector<const Occurrence*> Index::occurrences(const Entity& entity) const {
  std::vector<const Occurrence*> out;
  for (const auto& o : items_)
    if (o.entity == entity && o.declaration) out.push_back(&o);
  for (const auto& o : items_)
    if (o.entity == entity && !o.declaration) out.push_back(&o);
  return out;
}

Span Index::declaration(const Entity& entity) const {
  for (const auto& o : items_)
    if (o.entity == entity && o.declaration) return o.span;
  return {};
}

std::string Index::name(const Entity& e) const {
  const ast::Module& m = c_.module;
  switch (e.kind) {
    case EntityKind::Field: return m.fields[e.index].name.name;
    case EntityKind::ActivityField: return m.activity_fields[e.index].name.name;
    case EntityKind::Term: return m.terms[e.index].name.name;
    case EntityKind::Const: return m.consts[e.index].name.name;
    case EntityKind::Score: return m.scores[e.index].name.name;
    case EntityKind::Classification: return m.classifications[e.index].name.name;
    case EntityKind::Member: return c_.enums[e.index].members[e.member];
    case EntityKind::Type: return c_.enums[e.index].name;
  }
  return "";
}

}  // namespace leadc::lsp
