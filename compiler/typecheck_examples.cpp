// The type checker's examples: `given` names lead fields, `as_of` is a date or timestamp
// literal, `expect` compares literals.
#include "compiler/typecheck_checker.h"

#include <fmt/format.h>

#include <algorithm>

#include "compiler/resolve.h"

namespace leadc::typecheck_impl {

void TypeChecker::check_example(ast::ExampleDecl& ex) {
  for (auto& b : ex.given) {
    auto it = c_.values.find(b.name.name);
    if (it == c_.values.end() || it->second.kind != SymbolKind::Field) {
      auto& d = diags_.report(DiagCode::E0201, b.name.span, fmt::format("`given` names `{}`, which is not a lead field", b.name.name));
      std::vector<std::string> fields;
      for (auto& f : c_.module.fields) fields.push_back(f.name.name);
      std::string near = closest_name(b.name.name, fields);
      if (!near.empty()) d.help = fmt::format("did you mean `{}`?", near);
      check(*b.value, nullptr);
      continue;
    }
    check_example_value(b, c_.module.fields[it->second.index].resolved);
  }
  check_example_events(ex);
  if (ex.as_of) {
    Type got = check(*ex.as_of, nullptr);
    if (ex.as_of->kind != ExprKind::Date || !got.is_time())
      diags_.report(DiagCode::E0301, ex.as_of->span,
                    "the as-of time of an example is a date or timestamp literal (`as_of 2026-11-22T12:00:00Z`)");
  }
  for (auto& b : ex.expect) {
    auto it = c_.values.find(b.name.name);
    if (it == c_.values.end()) {
      undefined(b.name.name, b.name.span, nullptr);
      continue;
    }
    mark_used(it->second);
    const Type want = value_type(it->second);
    check_example_value(b, want);
    for (auto& v : b.more) {
      ast::Binding item{b.name, std::move(v), b.span, "==", {}};
      check_example_value(item, want);
      v = std::move(item.value);
    }
    const bool ordered = b.op == "<" || b.op == "<=" || b.op == ">" || b.op == ">=";
    if (ordered && !want.is_error() && !(want.is_numeric() || want.is_quantity() || want.is_time()))
      diags_.report(DiagCode::E0301, b.span,
                    fmt::format("`{}` has no order: `{}` compares numbers, durations, money, dates and "
                                "timestamps; use `==`, `!=` or `in [ … ]`", b.name.name, b.op));
    if (ordered && b.value->kind == ExprKind::Missing)
      diags_.report(DiagCode::E0301, b.value->span, fmt::format("`{}` cannot compare with `missing`", b.op));
  }
}

// `events { … }`: each record binds `activity` fields to literals, at most once each.
void TypeChecker::check_example_events(ast::ExampleDecl& ex) {
  if (!ex.has_events) return;
  const ast::Module& m = c_.module;
  if (!m.has_activity) {
    auto& d = diags_.report(DiagCode::E0201, ex.events_span,
                            "`events` lists activities, but the definition has no `activity` block");
    d.help = "declare the events' fields in an `activity { … }` block (LANGUAGE.md section 6)";
    return;
  }
  std::vector<std::string> names;
  for (const auto& f : m.activity_fields) names.push_back(f.name.name);
  for (auto& record : ex.events) {
    std::vector<std::string> seen;
    for (auto& b : record) {
      auto it = c_.activity_values.find(b.name.name);
      if (it == c_.activity_values.end()) {
        auto& d = diags_.report(DiagCode::E0201, b.name.span,
                                fmt::format("an event names `{}`, which is not an activity field", b.name.name));
        std::string near = closest_name(b.name.name, names);
        if (!near.empty()) {
          d.help = fmt::format("did you mean `{}`?", near);
          d.fixits.push_back({b.name.span, near});
        }
        check(*b.value, nullptr);
        continue;
      }
      if (std::find(seen.begin(), seen.end(), b.name.name) != seen.end())
        diags_.report(DiagCode::E0203, b.name.span, fmt::format("this event sets `{}` twice", b.name.name));
      seen.push_back(b.name.name);
      check_example_value(b, m.activity_fields[it->second].resolved);
    }
  }
}

void TypeChecker::check_example_value(ast::Binding& b, const Type& want) {
  if (b.value->kind == ExprKind::Missing) {
    b.value->sema.type = want;
    return;
  }
  Type got = check(*b.value, &want);
  if (b.value->kind == ExprKind::SetLit) return;  // set_literal checked it against `want`
  if (want.kind == TypeKind::Set && !got.is_error()) {
    auto& d = diags_.report(DiagCode::E0301, b.value->span, fmt::format("`{}` is {}: its value is a list of members", b.name.name, type_name(c_, want)));
    d.help = "write e.g. `[a, b]`, `[]` for the empty set";
    return;
  }
  if (!is_literal(*b.value)) {
    diags_.report(DiagCode::E0301, b.value->span, "an example value must be a literal");
    return;
  }
  require_compatible(want, got, b.value->span, fmt::format("`{}`", b.name.name), "this value");
}

bool TypeChecker::is_literal(const Expr& e) {
  switch (e.kind) {
    case ExprKind::Number: case ExprKind::Quantity: case ExprKind::String: case ExprKind::Date:
    case ExprKind::Bool: case ExprKind::Missing:
      return true;
    case ExprKind::Name: return e.sema.ref == ast::RefKind::Member;
    case ExprKind::SetLit: return true;  // its members are checked by set_literal
    case ExprKind::Neg: return e.args[0]->kind == ExprKind::Number || e.args[0]->kind == ExprKind::Quantity;
    default: return false;
  }
}

}  // namespace leadc::typecheck_impl
