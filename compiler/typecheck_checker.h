// The type checker's state, shared by its parts: typecheck.cpp (declarations,
// cycles, unused), typecheck_expr.cpp (expressions), typecheck_aggregate.cpp
// (aggregates over activities) and typecheck_examples.cpp (examples). Internal to
// the pass: only those files include it; everyone else calls leadc::typecheck().
#pragma once

#include <set>
#include <string>
#include <vector>

#include "base/diagnostics.h"
#include "compiler/checked.h"
#include "compiler/typecheck.h"

namespace leadc::typecheck_impl {

using ast::Expr;
using ast::ExprKind;

inline const Type kBool = Type::of(TypeKind::Bool);
inline const Type kError = Type::of(TypeKind::Error);

class TypeChecker {
 public:
  TypeChecker(Checked& c, Diagnostics& d) : c_(c), diags_(d) {}
  void run();

 private:
  // ---- declarations (typecheck.cpp) -----------------------------------------------
  void check_const(size_t i);

  // Checks declaration i of one kind once. Reaching it again while it is being
  // checked means it is defined in terms of itself: that is reported as a cycle.
  template <class F>
  void visit_once(std::vector<int>& state, size_t i, const ast::Ident& name, F body) {
    if (state[i] == 2) return;
    if (state[i] == 1) {
      report_cycle(name);
      return;
    }
    state[i] = 1;
    stack_.push_back(name.name);
    body();
    stack_.pop_back();
    state[i] = 2;
  }

  // The term's type; kError (already reported) while it is still being checked.
  Type term_type(size_t i);
  void check_score(size_t i);
  void check_score_rules(ast::ScoreDecl& s);

  // `decay half_life D`: a positive duration, written as a literal or a const.
  void check_decay(Expr& e);
  void check_classification(size_t i);
  void report_cycle(const ast::Ident& name);
  void check_output(const ast::Ident& o);
  Type value_type(const Symbol& s);
  void mark_used(const Symbol& s);
  void report_unused();
  void unused(const ast::Ident& name, const char* what);

  // ---- examples (typecheck_examples.cpp) --------------------------------------------
  void check_example(ast::ExampleDecl& ex);
  void check_example_events(ast::ExampleDecl& ex);
  void check_example_value(ast::Binding& b, const Type& want);
  static bool is_literal(const Expr& e);

  // ---- expressions (typecheck_expr.cpp) ---------------------------------------------
  Type check(Expr& e, const Type* hint);
  // `x is missing` (or `is not known`) of a field declared without `?`: never true (E0404),
  // with the `?` as a fix-it (a key field cannot be missing: no fix-it).
  void never_missing(const Expr& e);
  bool expect_bool(const Expr& e, const Type& t, const std::string& what);

  // A Name that is not a declared value (so it may be an enum member), or a number
  // (which may be a numeric label): these are typed from the other side.
  bool needs_hint(const Expr& e) const;
  std::pair<Type, Type> check_pair(Expr& a, Expr& b);
  Type infer(Expr& e, const Type* hint);
  Type name(Expr& e, const Type* hint);
  // A name or number that is a member of the enum `hint` expects: bound to it.
  bool bind_member(Expr& e, const Type* hint);

  Type unknown_member(Expr& e, const Type& enum_type);
  void undefined(const std::string& n, Span span, const Type* hint);
  std::string operand(const Expr& e) const;

  // Whether values of types a and b can be compared or combined; reports why not.
  bool require_compatible(const Type& a, const Type& b, Span span, const std::string& what_a, const std::string& what_b);
  Type compare(Expr& e);
  Type arith(Expr& e);
  Type call(Expr& e);
  // `has`, `has any`, `has all`, `is empty` on a set field; `[a, b]` as a set's value.
  Type set_test(Expr& e);
  Type set_literal(Expr& e, const Type* hint);

  // ---- aggregates (typecheck_aggregate.cpp) -----------------------------------------
  // The time of each event, which `within` (inside an aggregate) and `decay` measure.
  void require_event_time(Span span, const char* what = "`within` inside an aggregate");

  // count/any/none/sum/latest/earliest(activity[.FIELD] [where C] [within D]).
  Type aggregate(Expr& e);

  Checked& c_;
  Diagnostics& diags_;
  std::vector<int> term_state_, score_state_, class_state_;  // 0 new, 1 in progress, 2 done
  std::vector<std::string> stack_;
  std::set<std::string> reported_cycles_;
  bool in_activity_ = false;       // checking an aggregate's `where` or `within`
  bool reported_no_time_ = false;
};

}  // namespace leadc::typecheck_impl
