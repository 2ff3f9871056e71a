// The type checker's expressions: names, operators, calls and the types they take.
#include "compiler/typecheck_checker.h"

#include <tuple>

#include <fmt/format.h>

#include "compiler/builtins.h"
#include "compiler/resolve.h"

namespace leadc::typecheck_impl {

void TypeChecker::never_missing(const Expr& e) {
  const Expr& x = *e.args[0];
  if (x.kind != ExprKind::Name || x.sema.index < 0) return;
  const ast::Field* f = nullptr;
  if (x.sema.ref == ast::RefKind::Field && static_cast<size_t>(x.sema.index) < c_.module.fields.size())
    f = &c_.module.fields[static_cast<size_t>(x.sema.index)];
  if (x.sema.ref == ast::RefKind::ActivityField && static_cast<size_t>(x.sema.index) < c_.module.activity_fields.size())
    f = &c_.module.activity_fields[static_cast<size_t>(x.sema.index)];
  if (!f || f->optional) return;
  const char* block = x.sema.ref == ast::RefKind::Field ? "lead" : "activity";
  auto& d = diags_.report(DiagCode::E0404, e.span,
                          fmt::format("`{}` is never missing: the field is declared without `?`", x.text));
  d.notes.push_back({f->name.span, fmt::format("`{}` is declared here, in the `{}` block", f->name.name, block)});
  if (f->key) {
    d.help = "a key field is never missing (every row has its key); remove this test";
    return;
  }
  // The `?` cannot change what a lead the definition reads gets: a file row with the
  // field set reads as before, and one without it was a data error.
  d.help = fmt::format("if a file can leave `{}` empty, mark it optional with `?` after its type", f->name.name);
  if (f->type.span.valid()) {
    Span at = f->type.span;
    at.begin = at.end;  // an insertion right after the type
    std::tie(at.line, at.col) = at.file->line_col(at.end);
    d.fixits.push_back({at, "?"});
  }
}

Type TypeChecker::check(Expr& e, const Type* hint) {
  Type t = infer(e, hint);
  e.sema.type = t;
  return t;
}

bool TypeChecker::expect_bool(const Expr& e, const Type& t, const std::string& what) {
  if (t.is_error() || t.kind == TypeKind::Bool) return true;
  auto& d = diags_.report(DiagCode::E0301, e.span, fmt::format("{} must be a condition, but this is {}", what, type_name(c_, t)));
  if (t.is_numeric() || t.is_quantity()) d.help = "compare it with something, e.g. `>= 50`";
  return false;
}

// A Name that is not a declared value (so it may be an enum member), or a number
// (which may be a numeric label): these are typed from the other side.
bool TypeChecker::needs_hint(const Expr& e) const {
  if (e.kind == ExprKind::Number) return true;
  return e.kind == ExprKind::Name && !c_.values.count(e.text) && !(in_activity_ && c_.activity_values.count(e.text));
}

std::pair<Type, Type> TypeChecker::check_pair(Expr& a, Expr& b) {
  if (needs_hint(a) && !needs_hint(b)) {
    Type tb = check(b, nullptr);
    Type ta = check(a, &tb);
    return {ta, tb};
  }
  Type ta = check(a, nullptr);
  Type tb = check(b, &ta);
  return {ta, tb};
}

Type TypeChecker::infer(Expr& e, const Type* hint) {
  switch (e.kind) {
    case ExprKind::Number: {
      if (bind_member(e, hint)) return *hint;
      if (hint && hint->kind == TypeKind::Enum && c_.enums[hint->enum_id].is_labels) return unknown_member(e, *hint);
      return Type::of(e.number == static_cast<double>(static_cast<long long>(e.number)) &&
                              e.text.find('.') == std::string::npos
                          ? TypeKind::Int
                          : TypeKind::Number);
    }
    case ExprKind::Quantity: {
      if (unit_seconds(e.text) > 0) return Type::of(TypeKind::Duration);
      if (is_currency(e.text)) return Type::money(e.text);
      auto& d = diags_.report(DiagCode::E0201, e.span, fmt::format("`{}` is not a unit or a currency", e.text));
      d.help = "durations take seconds, minutes, hours, days, weeks, months or years; money a currency code such as USD";
      return kError;
    }
    case ExprKind::String: return Type::of(TypeKind::Text);
    case ExprKind::Date: return Type::of(e.text.find('T') == std::string::npos ? TypeKind::Date : TypeKind::Timestamp);
    case ExprKind::Bool: return kBool;
    case ExprKind::Missing: {
      auto& d = diags_.report(DiagCode::E0301, e.span, "`missing` is not a value here");
      d.help = "test for it with `x is missing`";
      return kError;
    }
    case ExprKind::Name: return name(e, hint);
    case ExprKind::Neg: {
      Type t = check(*e.args[0], hint);
      if (!t.is_error() && !t.is_numeric() && !t.is_quantity()) {
        diags_.report(DiagCode::E0301, e.span, fmt::format("cannot negate {}", type_name(c_, t)));
        return kError;
      }
      return t;
    }
    case ExprKind::Arith: return arith(e);
    case ExprKind::Compare: return compare(e);
    case ExprKind::TextOp: {
      auto [a, b] = check_pair(*e.args[0], *e.args[1]);
      for (auto [t, arg] : {std::pair{a, e.args[0].get()}, std::pair{b, e.args[1].get()}})
        if (!t.is_error() && !t.is_textual())
          diags_.report(DiagCode::E0301, arg->span, fmt::format("`{}` works on text, but this is {}", e.text, type_name(c_, t)));
      return kBool;
    }
    case ExprKind::InRange: {
      Type s = check(*e.args[0], nullptr);
      Type lo = check(*e.args[1], &s);
      Type hi = check(*e.args[2], &s);
      if (!s.is_error() && !s.is_numeric() && !s.is_quantity() && !s.is_time()) {
        diags_.report(DiagCode::E0301, e.args[0]->span, fmt::format("a range needs numbers, durations, money or dates, but this is {}", type_name(c_, s)));
        return kBool;
      }
      require_compatible(s, lo, e.args[1]->span, operand(*e.args[0]), operand(*e.args[1]));
      require_compatible(s, hi, e.args[2]->span, operand(*e.args[0]), operand(*e.args[2]));
      return kBool;
    }
    case ExprKind::InList: {
      Type s = check(*e.args[0], nullptr);
      for (size_t i = 1; i < e.args.size(); ++i) {
        Type t = check(*e.args[i], &s);
        require_compatible(s, t, e.args[i]->span, operand(*e.args[0]), operand(*e.args[i]));
      }
      return kBool;
    }
    case ExprKind::IsKnown:
      check(*e.args[0], nullptr);
      if (e.negated) never_missing(e);
      return kBool;
    case ExprKind::Within: {
      Type x = check(*e.args[0], nullptr);
      Type d = check(*e.args[1], nullptr);
      // Inside an aggregate, `C within D` means `C and at within D`.
      if (in_activity_ && x.kind == TypeKind::Bool) require_event_time(e.span);
      else if (!x.is_error() && !x.is_time())
        diags_.report(DiagCode::E0301, e.args[0]->span, fmt::format("`within` needs a date or timestamp, but this is {}", type_name(c_, x)));
      if (!d.is_error() && d.kind != TypeKind::Duration) {
        auto code = d.is_numeric() ? DiagCode::E0302 : DiagCode::E0301;
        auto& diag = diags_.report(code, e.args[1]->span, fmt::format("`within` needs a duration, but this is {}", type_name(c_, d)));
        if (d.is_numeric()) diag.help = "write the unit, e.g. `30 days`";
      }
      return kBool;
    }
    case ExprKind::Not:
      expect_bool(*e.args[0], check(*e.args[0], nullptr), "the operand of `not`");
      return kBool;
    case ExprKind::And:
    case ExprKind::Or: {
      const char* op = e.kind == ExprKind::And ? "and" : "or";
      expect_bool(*e.args[0], check(*e.args[0], nullptr), fmt::format("each side of `{}`", op));
      expect_bool(*e.args[1], check(*e.args[1], nullptr), fmt::format("each side of `{}`", op));
      return kBool;
    }
    case ExprKind::KnownCall:
      for (auto& a : e.args) check(*a, nullptr);
      return kBool;
    case ExprKind::Call: return call(e);
    case ExprKind::Aggregate: return aggregate(e);
    case ExprKind::Has:
    case ExprKind::IsEmpty: return set_test(e);
    case ExprKind::SetLit: return set_literal(e, hint);
  }
  return kError;
}

// `S has m`, `S has any [m, …]`, `S has all [m, …]`, `S is empty`: S is a set field and
// each m a member of its enum (E0304 otherwise, with the closest member).
Type TypeChecker::set_test(Expr& e) {
  Type s = check(*e.args[0], nullptr);
  const char* what = e.kind == ExprKind::IsEmpty ? "`is empty`" : e.text == "has" ? "`has`" : e.text == "any" ? "`has any`" : "`has all`";
  if (!s.is_error() && s.kind != TypeKind::Set) {
    auto& d = diags_.report(DiagCode::E0301, e.args[0]->span, fmt::format("{} tests a set, but this is {}", what, type_name(c_, s)));
    if (s.kind == TypeKind::Enum) d.help = "an enum holds one member: test it with `==` or `in [a, b]`";
    s = kError;
  }
  if (e.kind == ExprKind::Has && e.args.size() == 1)
    diags_.report(DiagCode::E0301, e.span, fmt::format("{} needs at least one member", what));
  const Type element = s.is_error() ? kError : Type::enumeration(s.enum_id);
  for (size_t i = 1; i < e.args.size(); ++i) {
    Expr& m = *e.args[i];
    if (element.is_error()) m.sema.type = kError;
    else if (bind_member(m, &element)) m.sema.type = element;
    else m.sema.type = unknown_member(m, element);
  }
  return kBool;
}

// `[a, b]` in a `given` block: members of the set field's enum (`hint`).
Type TypeChecker::set_literal(Expr& e, const Type* hint) {
  if (!hint || hint->kind != TypeKind::Set) {
    diags_.report(DiagCode::E0301, e.span,
                  hint && !hint->is_error() ? fmt::format("a list of members is the value of a set, but this is {}", type_name(c_, *hint))
                                            : std::string("a list of members is the value of a set"));
    return kError;
  }
  const Type element = Type::enumeration(hint->enum_id);
  for (auto& a : e.args) {
    if (bind_member(*a, &element)) a->sema.type = element;
    else a->sema.type = unknown_member(*a, element);
  }
  return *hint;
}

bool TypeChecker::bind_member(Expr& e, const Type* hint) {
  if (!hint || hint->kind != TypeKind::Enum) return false;
  int m = c_.enums[hint->enum_id].member(e.text);
  if (m < 0) return false;
  e.sema.ref = ast::RefKind::Member;
  e.sema.index = m;
  return true;
}

Type TypeChecker::name(Expr& e, const Type* hint) {
  if (bind_member(e, hint)) return *hint;
  // Beside a set (`products == crm`), a member of its enum: the comparison reports the set.
  if (hint && hint->kind == TypeKind::Set && !c_.values.count(e.text)) {
    const Type element = Type::enumeration(hint->enum_id);
    if (bind_member(e, &element)) return element;
  }
  if (in_activity_) {
    auto a = c_.activity_values.find(e.text);
    if (a != c_.activity_values.end()) {
      e.sema.ref = ast::RefKind::ActivityField;
      e.sema.index = a->second;
      return c_.module.activity_fields[a->second].resolved;
    }
  }
  auto it = c_.values.find(e.text);
  if (it != c_.values.end()) {
    const Symbol& s = it->second;
    if (in_activity_ && s.kind != SymbolKind::Const) {
      static const char* what[] = {"field", "term", "const", "score", "classification"};
      auto& d = diags_.report(DiagCode::E0301, e.span,
                              fmt::format("`{}` is the lead's {}, but an aggregate's condition is tested on each event",
                                          e.text, what[static_cast<int>(s.kind)]));
      d.help = "inside `count(activity …)` and the like use activity fields and consts; compare the lead outside it";
      return kError;
    }
    static const ast::RefKind kinds[] = {ast::RefKind::Field, ast::RefKind::Term, ast::RefKind::Const,
                                         ast::RefKind::Score, ast::RefKind::Classification};
    e.sema.ref = kinds[static_cast<int>(s.kind)];
    e.sema.index = s.index;
    mark_used(s);
    return value_type(s);
  }
  if (hint && hint->kind == TypeKind::Enum && !is_vague_word(e.text)) return unknown_member(e, *hint);
  undefined(e.text, e.span, hint);
  return kError;
}

Type TypeChecker::unknown_member(Expr& e, const Type& enum_type) {
  const EnumInfo& info = c_.enums[enum_type.enum_id];
  auto& d = diags_.report(DiagCode::E0304, e.span,
                          fmt::format("`{}` is not a {} of `{}`", e.text, info.is_labels ? "label" : "member", info.name));
  std::string near = closest_name(e.text, info.members);
  if (!near.empty()) {
    d.help = fmt::format("did you mean `{}`?", near);
    d.fixits.push_back({e.span, near});
  } else {
    std::string all;
    for (auto& m : info.members) all += (all.empty() ? "" : ", ") + m;
    d.help = fmt::format("`{}` has: {}", info.name, all);
  }
  return kError;
}

void TypeChecker::undefined(const std::string& n, Span span, const Type* hint) {
  if (is_vague_word(n)) {
    auto& d = diags_.report(DiagCode::E0202, span,
                            fmt::format("`{}` is vague: it is not defined in this definition", n));
    // The shape, with the language guide's one fixed illustration (LANGUAGE.md shows an
    // example term). Never a condition built from this file's fields: that would be
    // leadc's own guess at what the word means, the ambiguity E0202 exists to stop.
    d.help = fmt::format("say what it means with a term: `term {} = <condition>`, as in the guide's "
                         "`term soon = decision_timeframe <= 90 days`", n);
    return;
  }
  std::vector<std::string> names;
  for (auto& [k, v] : c_.values) names.push_back(k);
  if (in_activity_)
    for (auto& [k, v] : c_.activity_values) names.push_back(k);
  auto& d = diags_.report(DiagCode::E0201, span, fmt::format("`{}` is not defined", n));
  std::string near = closest_name(n, names);
  if (!near.empty()) {
    d.help = fmt::format("did you mean `{}`?", near);
    d.fixits.push_back({span, near});
  }
}

std::string TypeChecker::operand(const Expr& e) const {
  if (e.span.valid()) {
    std::string_view src(e.span.file->text.data() + e.span.begin, e.span.end - e.span.begin);
    if (src.size() <= 40 && src.find('\n') == std::string_view::npos) return fmt::format("`{}`", src);
  }
  return "this";
}

// Whether values of types a and b can be compared or combined; reports why not.
bool TypeChecker::require_compatible(const Type& a, const Type& b, Span span, const std::string& what_a, const std::string& what_b) {
  if (a.is_error() || b.is_error()) return false;
  if (a.kind == TypeKind::Set || b.kind == TypeKind::Set) {
    const bool left = a.kind == TypeKind::Set;
    auto& d = diags_.report(DiagCode::E0301, span, fmt::format("{} is {}, which is not compared as a value", left ? what_a : what_b,
                                                               type_name(c_, left ? a : b)));
    d.help = "test a set with `has m`, `has any [a, b]`, `has all [a, b]` or `is empty`";
    return false;
  }
  if (a.is_numeric() && b.is_numeric()) return true;
  if (a.is_textual() && b.is_textual()) return true;
  if (a.is_time() && b.is_time()) return true;
  if (a.kind == TypeKind::Money && b.kind == TypeKind::Money) {
    if (a.currency == b.currency) return true;
    auto& d = diags_.report(DiagCode::E0303, span, fmt::format("{} is in {} but {} is in {}", what_a, a.currency, what_b, b.currency));
    d.help = "leadc never converts currencies; compare amounts of one currency";
    return false;
  }
  if (a.is_quantity() != b.is_quantity() && (a.is_numeric() || b.is_numeric())) {
    const Type& q = a.is_quantity() ? a : b;
    const std::string& qn = a.is_quantity() ? what_a : what_b;
    const std::string& bare = a.is_quantity() ? what_b : what_a;
    auto& d = diags_.report(DiagCode::E0302, span,
                            fmt::format("{} is {} and {} is a bare number", qn, q.kind == TypeKind::Money ? "money" : "a duration", bare));
    if (q.kind == TypeKind::Duration) d.help = "give the number a unit, e.g. `90 days`";
    else d.help = fmt::format("give the number a currency, e.g. `250k {}`", q.currency);
    return false;
  }
  if (a == b) return true;
  diags_.report(DiagCode::E0301, span, fmt::format("{} is {} but {} is {}", what_a, type_name(c_, a), what_b, type_name(c_, b)));
  return false;
}

Type TypeChecker::compare(Expr& e) {
  auto [a, b] = check_pair(*e.args[0], *e.args[1]);
  if (!require_compatible(a, b, e.span, operand(*e.args[0]), operand(*e.args[1]))) return kBool;
  bool ordering = e.text != "==" && e.text != "!=";
  if (ordering && !(a.is_numeric() || a.is_quantity() || a.is_time())) {
    auto& d = diags_.report(DiagCode::E0301, e.span, fmt::format("`{}` needs numbers, durations, money or dates, but these are {}", e.text, type_name(c_, a)));
    if (a.kind == TypeKind::Enum) d.help = "list the members instead, e.g. `x in [a, b]`";
  }
  return kBool;
}

Type TypeChecker::arith(Expr& e) {
  Type a = check(*e.args[0], nullptr);
  Type b = check(*e.args[1], nullptr);
  if (a.is_error() || b.is_error()) return kError;
  const std::string& op = e.text;
  std::string wa = operand(*e.args[0]), wb = operand(*e.args[1]);
  if (a.is_numeric() && b.is_numeric())
    return Type::of(a.kind == TypeKind::Int && b.kind == TypeKind::Int && op != "/" ? TypeKind::Int : TypeKind::Number);
  if (op == "+" || op == "-") {
    if (a.is_time() && b.kind == TypeKind::Duration) return a;
    if (op == "-" && a.is_time() && b.is_time()) return Type::of(TypeKind::Duration);
    if (a.is_quantity() || b.is_quantity()) {
      if (require_compatible(a, b, e.span, wa, wb)) return a;
      return kError;
    }
  }
  if (op == "*") {
    if (a.is_quantity() && b.is_numeric()) return a;
    if (a.is_numeric() && b.is_quantity()) return b;
  }
  if (op == "/") {
    if (a.is_quantity() && b.is_numeric()) return a;
    if (a.is_quantity() && b.is_quantity()) {
      if (require_compatible(a, b, e.span, wa, wb)) return Type::of(TypeKind::Number);
      return kError;
    }
  }
  diags_.report(DiagCode::E0301, e.span, fmt::format("cannot use `{}` on {} and {}", op, type_name(c_, a), type_name(c_, b)));
  return kError;
}

Type TypeChecker::call(Expr& e) {
  const std::optional<Builtin> fn = find_builtin(e.text);
  if (fn == Builtin::Min || fn == Builtin::Max) {
    if (e.args.size() < 2) {
      diags_.report(DiagCode::E0301, e.span, fmt::format("`{}` needs at least two values", e.text));
      return kError;
    }
    Type first = check(*e.args[0], nullptr);
    if (!first.is_error() && !first.is_numeric() && !first.is_quantity() && !first.is_time()) {
      diags_.report(DiagCode::E0301, e.args[0]->span, fmt::format("`{}` needs numbers, durations, money or dates, but this is {}", e.text, type_name(c_, first)));
      return kError;
    }
    Type result = first;
    for (size_t i = 1; i < e.args.size(); ++i) {
      Type t = check(*e.args[i], &first);
      if (!require_compatible(first, t, e.args[i]->span, operand(*e.args[0]), operand(*e.args[i]))) return kError;
      if (t.kind == TypeKind::Number) result = t;
    }
    return result;
  }
  if (fn == Builtin::DaysSince) {
    if (e.args.size() != 1) {
      diags_.report(DiagCode::E0301, e.span, "`days_since` takes one date or timestamp");
      return kError;
    }
    Type t = check(*e.args[0], nullptr);
    if (!t.is_error() && !t.is_time()) {
      diags_.report(DiagCode::E0301, e.args[0]->span, fmt::format("`days_since` needs a date or timestamp, but this is {}", type_name(c_, t)));
      return kError;
    }
    return Type::of(TypeKind::Number);
  }
  for (auto& a : e.args) check(*a, nullptr);
  auto& d = diags_.report(DiagCode::E0201, e.span, fmt::format("`{}` is not a function", e.text));
  std::string near = closest_name(e.text, builtin_names());
  d.help = near.empty() ? "the functions are `min`, `max` and `days_since`" : fmt::format("did you mean `{}`?", near);
  return kError;
}

}  // namespace leadc::typecheck_impl
