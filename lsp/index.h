// Every name in a checked definition, declared or used, with what it refers to:
// built from the AST spans and the type checker's Sema (compiler/checked.h), so
// hover, go to definition, references and rename agree on what a name means.
#pragma once

#include <string>
#include <vector>

#include "compiler/checked.h"

namespace leadc::lsp {

enum class EntityKind { Field, ActivityField, Term, Const, Score, Classification, Member, Type };

struct Entity {
  EntityKind kind;
  int index;       // into the module's vector of that kind; Member, Type: enum id
  int member = -1; // Member: its index in the enum
  bool operator==(const Entity& o) const { return kind == o.kind && index == o.index && member == o.member; }
};

struct Occurrence {
  Span span;
  Entity entity;
  bool declaration = false;
};

class Index {
 public:
  explicit Index(const Checked& checked);
  // The occurrence whose span holds OFFSET of FILE, or null.
  const Occurrence* at(const SourceFile* file, uint32_t offset) const;
  // Every occurrence of ENTITY, its declaration first.
  std::vector<const Occurrence*> occurrences(const Entity& entity) const;
  Span declaration(const Entity& entity) const;
  std::string name(const Entity& entity) const;
  const std::vector<Occurrence>& all() const { return items_; }

 private:
  void add(const Span& span, Entity e, bool decl = false);
  void walk(const ast::Expr* e);
  void add_named(const ast::Ident& id);

  const Checked& c_;
  std::vector<Occurrence> items_;
};


}  // namespace leadc::lsp
