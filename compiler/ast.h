// The AST: plain structs with source spans, built from the parse tree by
// compiler/syntax/build_ast.cpp. The type checker fills in the `Sema` part of each
// expression (its type and what a name refers to); lowering reads it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/source.h"
#include "compiler/types.h"

namespace leadc::ast {

struct Ident {
  std::string name;
  Span span;
};

enum class ExprKind {
  Number,     // number
  Quantity,   // number + unit (`90 days`, `250k USD`); unit in `text`
  String,     // text
  Date,       // text holds the literal
  Bool,       // boolean
  Missing,    // the word `missing` (in given blocks)
  Name,       // text
  Neg,        // -args[0]
  Arith,      // args[0] op args[1]; op in `text`: + - * /
  Compare,    // args[0] op args[1]; op in `text`: == != < <= > >=
  TextOp,     // starts_with / ends_with / contains
  InRange,    // args[0] in args[1]..args[2] (negated: not in)
  InList,     // args[0] in [args[1..]] (negated: not in)
  IsKnown,    // args[0] is known / is missing (negated = `is missing`... see `negated`)
  Within,     // args[0] within args[1]
  Not,
  And,
  Or,
  KnownCall,  // known(args...)
  Call,       // text(args...): min, max, days_since
  Aggregate,  // text = count/any/...; args[0] = where, args[1] = within (either may be null); field in `field`
  Has,        // args[0] has args[1] (text "has"), has any / has all [args[1..]] (text "any" / "all")
  IsEmpty,    // args[0] is empty (negated: is not empty)
  SetLit,     // [args...]: a set's value in a `given` block; each arg a member Name
};

// What a Name expression refers to, set by the type checker.
enum class RefKind { Unresolved, Field, Term, Const, Score, Classification, Member, ActivityField };

struct Sema {
  Type type;
  RefKind ref = RefKind::Unresolved;
  int index = -1;       // into Module's vector of that kind (Member: member index,
                        // ActivityField: Module::activity_fields)
};

struct Expr {
  ExprKind kind;
  Span span;
  double number = 0;
  bool boolean = false;
  bool negated = false;   // `not in`, `is not known`, `is missing`
  std::string text;
  std::string field;      // Aggregate: activity.FIELD
  std::vector<std::unique_ptr<Expr>> args;
  Sema sema;
};
using ExprPtr = std::unique_ptr<Expr>;

struct TypeRef {
  // Set: `set of ENUM`, the element named (`name`) or inline (`members`, `spellings`).
  enum class Kind { Named, Param, InlineEnum, Set } kind = Kind::Named;
  Ident name;
  Ident param;                  // money(USD)
  std::vector<Ident> members;   // inline enum
  std::vector<Ident> spellings; // inline enum, parallel to members: `"Decision Maker"` (empty name = none)
  Span span;
};

struct Field {
  Ident name;
  TypeRef type;
  bool optional = false;
  bool key = false;
  std::optional<Ident> unit;    // `in days`
  std::optional<Ident> from;    // `from "Column"`, name = column text
  // `format "MM/DD/YYYY"` (pattern text) or `format epoch_millis` (a name; named_format).
  std::optional<Ident> format;
  bool named_format = false;
  std::optional<Ident> zone;    // `zone "America/New_York"`, name = zone name
  std::optional<Ident> separator;  // `separator "|"` (sets), name = the separator text
  Span span;
  Type resolved;                // set by resolve
};

struct EnumDecl {
  Ident name;
  std::vector<Ident> members;
  std::vector<Ident> spellings;  // parallel to members: the text a file uses (empty name = none)
  Span span;
};

struct ConstDecl {
  Ident name;
  ExprPtr value;
  Span span;
};

struct TermDecl {
  Ident name;
  ExprPtr value;
  Span span;
};

struct ScoreRule {
  enum class Kind { When, Per } kind;
  double points = 0;      // signed
  ExprPtr expr;           // the condition, or the counted value
  std::optional<double> cap;
  Span span;
};

struct ScoreDecl {
  Ident name;
  bool has_range = false;
  double lo = 0, hi = 0;
  std::vector<ScoreRule> rules;
  ExprPtr decay;          // `decay half_life D` (activities only)
  Span span;
};

struct LabelRule {
  Ident label;
  ExprPtr condition;      // null for `otherwise`
  Span span;
};

struct ClassifyDecl {
  Ident name;
  bool unique = false;
  std::vector<LabelRule> labels;
  Span span;
};

struct Binding {
  Ident name;
  ExprPtr value;
  Span span;
  // Expectations only: `==` (also every `given`), `!=`, `<`, `<=`, `>`, `>=` or `in`;
  // for `in`, `value` is the first listed value and `more` the rest.
  std::string op = "==";
  std::vector<ExprPtr> more;
};

struct ExampleDecl {
  std::string title;
  Span span;
  std::vector<Binding> given;
  // `events { {…}, … }`: one list of `activity` field bindings per event. An example
  // with an `events` block (even an empty one) has has_events set.
  bool has_events = false;
  Span events_span;
  std::vector<std::vector<Binding>> events;
  ExprPtr as_of;  // `as_of DATE_OR_TIMESTAMP`, or null
  std::vector<Binding> expect;
};

struct ImportDecl {
  bool std_module = false;
  std::string path;       // module name for std, else the relative path
  Span span;
};

// One parsed file.
struct Module {
  const SourceFile* file = nullptr;
  std::string name;       // definition "NAME"
  std::string version;
  std::string owner;
  std::vector<ImportDecl> imports;
  std::vector<EnumDecl> types;
  bool has_lead = false;
  Span lead_span;
  std::vector<Field> fields;
  bool has_activity = false;
  Span activity_span;
  std::vector<Field> activity_fields;
  std::vector<ConstDecl> consts;
  std::vector<TermDecl> terms;
  std::vector<ScoreDecl> scores;
  std::vector<ClassifyDecl> classifications;
  std::optional<std::vector<Ident>> output;
  std::vector<ExampleDecl> examples;
};

// Debug dump for `leadc compile --emit ast`.
std::string dump(const Module& module);
std::string dump(const Expr& expr);

}  // namespace leadc::ast
