// Binds names and computes types for every expression of a checked program: the
// entry point, declarations, cycles and unused declarations. The expressions,
// aggregates and examples are in typecheck_{expr,aggregate,examples}.cpp.
#include "compiler/typecheck.h"
#include "compiler/typecheck_checker.h"

#include <fmt/format.h>

#include <algorithm>

namespace leadc {

std::string type_as_written(const Checked& c, const Type& t) {
  switch (t.kind) {
    case TypeKind::Error: return "unknown";
    case TypeKind::Bool: return "bool";
    case TypeKind::Int: return "int";
    case TypeKind::Number: return "number";
    case TypeKind::Text: return "text";
    case TypeKind::Email: return "email";
    case TypeKind::Phone: return "phone";
    case TypeKind::Date: return "date";
    case TypeKind::Timestamp: return "timestamp";
    case TypeKind::Duration: return "duration";
    case TypeKind::Money: return fmt::format("money({})", t.currency);
    case TypeKind::Enum:
      if (t.enum_id >= 0 && t.enum_id < static_cast<int>(c.enums.size()))
        return c.enums[t.enum_id].is_labels ? fmt::format("labels of `{}`", c.enums[t.enum_id].name)
                                            : c.enums[t.enum_id].name;
      return "enum";
    case TypeKind::Set:
      if (t.enum_id >= 0 && t.enum_id < static_cast<int>(c.enums.size())) return "set of " + c.enums[t.enum_id].name;
      return "set";
  }
  return "?";
}

std::string type_name(const Checked& c, const Type& t) {
  const bool named_enum = t.kind == TypeKind::Enum && t.enum_id >= 0 && t.enum_id < static_cast<int>(c.enums.size()) &&
                          !c.enums[t.enum_id].is_labels;
  return named_enum ? fmt::format("enum `{}`", c.enums[t.enum_id].name) : type_as_written(c, t);
}

namespace typecheck_impl {

void TypeChecker::run() {
  auto& m = c_.module;
  c_.term_types.assign(m.terms.size(), kError);
  c_.const_types.assign(m.consts.size(), kError);
  c_.term_used.assign(m.terms.size(), false);
  c_.const_used.assign(m.consts.size(), false);
  term_state_.assign(m.terms.size(), 0);
  score_state_.assign(m.scores.size(), 0);
  class_state_.assign(m.classifications.size(), 0);
  for (size_t i = 0; i < m.consts.size(); ++i) check_const(i);
  for (size_t i = 0; i < m.terms.size(); ++i) term_type(i);
  for (size_t i = 0; i < m.scores.size(); ++i) check_score(i);
  for (size_t i = 0; i < m.classifications.size(); ++i) check_classification(i);
  for (auto& o : c_.outputs) check_output(o);
  for (auto& ex : m.examples) check_example(ex);
  report_unused();
}

void TypeChecker::check_const(size_t i) {
  auto& k = c_.module.consts[i];
  Type t = check(*k.value, nullptr);
  if (!is_literal(*k.value)) {
    diags_.report(DiagCode::E0301, k.value->span, fmt::format("const `{}` must be a literal value", k.name.name));
    t = kError;
  }
  c_.const_types[i] = t;
}

// The term's type; kError (already reported) while it is still being checked.
Type TypeChecker::term_type(size_t i) {
  auto& t = c_.module.terms[i];
  visit_once(term_state_, i, t.name, [&] {
    Type type = check(*t.value, nullptr);
    if (type.kind == TypeKind::Set) {
      auto& d = diags_.report(DiagCode::E0301, t.value->span, fmt::format("term `{}` would be {}, not a value", t.name.name, type_name(c_, type)));
      d.help = "name a condition on it instead, e.g. `term x = products has crm`";
      type = kError;
    }
    c_.term_types[i] = type;
  });
  return c_.term_types[i];
}

void TypeChecker::check_score(size_t i) {
  auto& s = c_.module.scores[i];
  visit_once(score_state_, i, s.name, [&] { check_score_rules(s); });
}

void TypeChecker::check_score_rules(ast::ScoreDecl& s) {
  for (auto& r : s.rules) {
    Type t = check(*r.expr, nullptr);
    if (r.kind == ast::ScoreRule::Kind::When) {
      expect_bool(*r.expr, t, "a score rule's condition");
    } else if (!t.is_error() && !t.is_numeric()) {
      auto& d = diags_.report(DiagCode::E0301, r.expr->span,
                              fmt::format("`per` counts a number, but this is {}", type_name(c_, t)));
      d.help = "use `+N when CONDITION` for a condition";
    }
    if (r.cap && *r.cap < 0)
      diags_.report(DiagCode::E0205, r.span, "the `max` of a rule must not be negative");
  }
  if (s.decay) check_decay(*s.decay);
}

// `decay half_life D`: a positive duration, written as a literal or a const.
void TypeChecker::check_decay(Expr& e) {
  Type t = check(e, nullptr);
  if (t.is_error()) return;
  const Expr* lit = &e;
  if (e.kind == ExprKind::Name && e.sema.ref == ast::RefKind::Const) lit = c_.module.consts[e.sema.index].value.get();
  if (t.kind != TypeKind::Duration) {
    auto& d = diags_.report(DiagCode::E0301, e.span, fmt::format("`half_life` must be a duration, but this is {}", type_name(c_, t)));
    if (t.is_numeric()) d.help = "write the unit, e.g. `half_life 90 days`";
  } else if (lit->kind != ExprKind::Quantity && lit->kind != ExprKind::Neg) {
    diags_.report(DiagCode::E0301, e.span, "`half_life` must be a duration literal or a const");
  } else if (lit->kind == ExprKind::Neg || lit->number <= 0) {
    diags_.report(DiagCode::E0205, e.span, "`half_life` must be longer than zero");
  } else {
    require_event_time(e.span, "`decay`");
  }
}

void TypeChecker::check_classification(size_t i) {
  auto& cl = c_.module.classifications[i];
  visit_once(class_state_, i, cl.name, [&] {
    for (auto& l : cl.labels)
      if (l.condition)
        expect_bool(*l.condition, check(*l.condition, nullptr), fmt::format("the condition of label `{}`", l.label.name));
  });
}

void TypeChecker::report_cycle(const ast::Ident& name) {
  auto it = std::find(stack_.begin(), stack_.end(), name.name);
  std::string path;
  for (; it != stack_.end(); ++it) path += "`" + *it + "` -> ";
  path += "`" + name.name + "`";
  if (!reported_cycles_.insert(name.name).second) return;
  auto& d = diags_.report(DiagCode::E0204, name.span, fmt::format("`{}` is defined in terms of itself: {}", name.name, path));
  d.help = "break the cycle: one of these must be defined without the others";
}

void TypeChecker::check_output(const ast::Ident& o) {
  auto it = c_.values.find(o.name);
  if (it == c_.values.end()) {
    undefined(o.name, o.span, nullptr);
    return;
  }
  mark_used(it->second);
}

Type TypeChecker::value_type(const Symbol& s) {
  switch (s.kind) {
    case SymbolKind::Field: return c_.module.fields[s.index].resolved;
    case SymbolKind::Term: return term_type(s.index);
    case SymbolKind::Const: return c_.const_types[s.index];
    case SymbolKind::Score: check_score(s.index); return Type::of(TypeKind::Number);
    case SymbolKind::Classification:
      check_classification(s.index);
      return Type::enumeration(c_.classification_enum[s.index]);
  }
  return kError;
}

void TypeChecker::mark_used(const Symbol& s) {
  if (s.kind == SymbolKind::Term) c_.term_used[s.index] = true;
  if (s.kind == SymbolKind::Const) c_.const_used[s.index] = true;
}

void TypeChecker::report_unused() {
  auto& m = c_.module;
  // A duplicate (already E0203) is never the declaration names resolve to; skip it.
  auto is_declared = [&](const std::string& n, SymbolKind k, size_t i) {
    auto it = c_.values.find(n);
    return it != c_.values.end() && it->second.kind == k && it->second.index == static_cast<int>(i);
  };
  for (size_t i = 0; i < m.terms.size(); ++i)
    if (!c_.term_used[i] && m.terms[i].name.span.file == c_.root && is_declared(m.terms[i].name.name, SymbolKind::Term, i))
      unused(m.terms[i].name, "term");
  for (size_t i = 0; i < m.consts.size(); ++i)
    if (!c_.const_used[i] && m.consts[i].name.span.file == c_.root && is_declared(m.consts[i].name.name, SymbolKind::Const, i))
      unused(m.consts[i].name, "const");
  for (auto& t : m.types) {
    auto it = c_.types.find(t.name.name);
    if (it != c_.types.end() && !c_.enums[it->second].used && t.name.span.file == c_.root)
      unused(t.name, "type");
  }
}

void TypeChecker::unused(const ast::Ident& name, const char* what) {
  auto& d = diags_.report(DiagCode::W0501, name.span, fmt::format("{} `{}` is never used", what, name.name));
  d.help = fmt::format("use it, list it in `output`, or remove it");
}

}  // namespace typecheck_impl

void typecheck(Checked& checked, Diagnostics& diags) { typecheck_impl::TypeChecker(checked, diags).run(); }

}  // namespace leadc
