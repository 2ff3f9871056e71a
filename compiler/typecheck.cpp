// Binds names and computes types for every expression of a checked program.
#include "compiler/builtins.h"
#include "compiler/typecheck.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "compiler/resolve.h"

namespace leadc {

bool is_vague_word(std::string_view name) {
  static const char* words[] = {"soon", "recent", "recently", "quickly", "large", "small", "big", "huge",
                                "strong", "weak", "high", "low", "hot", "warm", "cold", "many", "few",
                                "several", "interested", "engaged", "significant", "active", "good",
                                "bad", "qualified"};
  std::string lower;
  for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  size_t start = 0;
  while (start <= lower.size()) {
    size_t end = lower.find('_', start);
    if (end == std::string::npos) end = lower.size();
    std::string_view part(lower.data() + start, end - start);
    for (const char* w : words)
      if (part == w) return true;
    start = end + 1;
  }
  return false;
}

std::string type_name(const Checked& c, const Type& t) {
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
                                            : fmt::format("enum `{}`", c.enums[t.enum_id].name);
      return "enum";
  }
  return "?";
}

namespace {

using ast::Expr;
using ast::ExprKind;

const Type kBool = Type::of(TypeKind::Bool);
const Type kError = Type::of(TypeKind::Error);

class Checker {
 public:
  Checker(Checked& c, Diagnostics& d) : c_(c), diags_(d) {}

  void run() {
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

 private:
  // ---- declarations -------------------------------------------------------------
  void check_const(size_t i) {
    auto& k = c_.module.consts[i];
    Type t = check(*k.value, nullptr);
    if (!is_literal(*k.value)) {
      diags_.report(DiagCode::E0301, k.value->span, fmt::format("const `{}` must be a literal value", k.name.name));
      t = kError;
    }
    c_.const_types[i] = t;
  }

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
  Type term_type(size_t i) {
    auto& t = c_.module.terms[i];
    visit_once(term_state_, i, t.name, [&] { c_.term_types[i] = check(*t.value, nullptr); });
    return c_.term_types[i];
  }

  void check_score(size_t i) {
    auto& s = c_.module.scores[i];
    visit_once(score_state_, i, s.name, [&] { check_score_rules(s); });
  }

  void check_score_rules(ast::ScoreDecl& s) {
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
  void check_decay(Expr& e) {
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

  void check_classification(size_t i) {
    auto& cl = c_.module.classifications[i];
    visit_once(class_state_, i, cl.name, [&] {
      for (auto& l : cl.labels)
        if (l.condition)
          expect_bool(*l.condition, check(*l.condition, nullptr), fmt::format("the condition of label `{}`", l.label.name));
    });
  }

  void report_cycle(const ast::Ident& name) {
    auto it = std::find(stack_.begin(), stack_.end(), name.name);
    std::string path;
    for (; it != stack_.end(); ++it) path += "`" + *it + "` -> ";
    path += "`" + name.name + "`";
    if (!reported_cycles_.insert(name.name).second) return;
    auto& d = diags_.report(DiagCode::E0204, name.span, fmt::format("`{}` is defined in terms of itself: {}", name.name, path));
    d.help = "break the cycle: one of these must be defined without the others";
  }

  void check_output(const ast::Ident& o) {
    auto it = c_.values.find(o.name);
    if (it == c_.values.end()) {
      undefined(o.name, o.span, nullptr);
      return;
    }
    mark_used(it->second);
  }

  void check_example(ast::ExampleDecl& ex) {
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

  void check_example_value(ast::Binding& b, const Type& want) {
    if (b.value->kind == ExprKind::Missing) {
      b.value->sema.type = want;
      return;
    }
    Type got = check(*b.value, &want);
    if (!is_literal(*b.value)) {
      diags_.report(DiagCode::E0301, b.value->span, "an example value must be a literal");
      return;
    }
    require_compatible(want, got, b.value->span, fmt::format("`{}`", b.name.name), "this value");
  }

  static bool is_literal(const Expr& e) {
    switch (e.kind) {
      case ExprKind::Number: case ExprKind::Quantity: case ExprKind::String: case ExprKind::Date:
      case ExprKind::Bool: case ExprKind::Missing:
        return true;
      case ExprKind::Name: return e.sema.ref == ast::RefKind::Member;
      case ExprKind::Neg: return e.args[0]->kind == ExprKind::Number || e.args[0]->kind == ExprKind::Quantity;
      default: return false;
    }
  }

  Type value_type(const Symbol& s) {
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

  void mark_used(const Symbol& s) {
    if (s.kind == SymbolKind::Term) c_.term_used[s.index] = true;
    if (s.kind == SymbolKind::Const) c_.const_used[s.index] = true;
  }

  // ---- expressions ---------------------------------------------------------------
  Type check(Expr& e, const Type* hint) {
    Type t = infer(e, hint);
    e.sema.type = t;
    return t;
  }

  bool expect_bool(const Expr& e, const Type& t, const std::string& what) {
    if (t.is_error() || t.kind == TypeKind::Bool) return true;
    auto& d = diags_.report(DiagCode::E0301, e.span, fmt::format("{} must be a condition, but this is {}", what, type_name(c_, t)));
    if (t.is_numeric() || t.is_quantity()) d.help = "compare it with something, e.g. `>= 50`";
    return false;
  }

  // A Name that is not a declared value (so it may be an enum member), or a number
  // (which may be a numeric label): these are typed from the other side.
  bool needs_hint(const Expr& e) const {
    if (e.kind == ExprKind::Number) return true;
    return e.kind == ExprKind::Name && !c_.values.count(e.text) && !(in_activity_ && c_.activity_values.count(e.text));
  }

  std::pair<Type, Type> check_pair(Expr& a, Expr& b) {
    if (needs_hint(a) && !needs_hint(b)) {
      Type tb = check(b, nullptr);
      Type ta = check(a, &tb);
      return {ta, tb};
    }
    Type ta = check(a, nullptr);
    Type tb = check(b, &ta);
    return {ta, tb};
  }

  Type infer(Expr& e, const Type* hint) {
    switch (e.kind) {
      case ExprKind::Number: {
        if (hint && hint->kind == TypeKind::Enum) {
          int m = c_.enums[hint->enum_id].member(e.text);
          if (m >= 0) {
            e.sema.ref = ast::RefKind::Member;
            e.sema.index = m;
            return *hint;
          }
          if (c_.enums[hint->enum_id].is_labels) return unknown_member(e, *hint);
        }
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
    }
    return kError;
  }

  Type name(Expr& e, const Type* hint) {
    if (hint && hint->kind == TypeKind::Enum) {
      int m = c_.enums[hint->enum_id].member(e.text);
      if (m >= 0) {
        e.sema.ref = ast::RefKind::Member;
        e.sema.index = m;
        return *hint;
      }
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

  // The time of each event, which `within` (inside an aggregate) and `decay` measure.
  void require_event_time(Span span, const char* what = "`within` inside an aggregate") {
    if (c_.activity_time >= 0 || !c_.module.has_activity || reported_no_time_) return;
    reported_no_time_ = true;
    auto& d = diags_.report(DiagCode::E0205, span, fmt::format("{} needs the time of each event", what));
    d.help = "declare it in the activity block as `at: timestamp` (or have exactly one date or timestamp field)";
  }

  // count/any/none/sum/latest/earliest(activity[.FIELD] [where C] [within D]).
  Type aggregate(Expr& e) {
    if (in_activity_) {
      diags_.report(DiagCode::E0301, e.span, "an aggregate cannot be used inside another aggregate");
      return kError;
    }
    auto& m = c_.module;
    if (!m.has_activity) {
      auto& d = diags_.report(DiagCode::E0205, e.span, fmt::format("`{}(activity …)` needs an `activity {{ … }}` block", e.text));
      d.help = "declare the columns of the events file, e.g. `activity { lead_id: text key  kind: text  at: timestamp }`";
      return kError;
    }
    const ast::Field* field = nullptr;
    bool field_error = false;
    if (!e.field.empty()) {
      auto it = c_.activity_values.find(e.field);
      if (it == c_.activity_values.end()) {
        field_error = true;
        auto& d = diags_.report(DiagCode::E0201, e.span, fmt::format("`activity.{}` is not an activity field", e.field));
        std::vector<std::string> names;
        for (auto& [n, i] : c_.activity_values) names.push_back(n);
        std::string near = closest_name(e.field, names);
        if (!near.empty()) d.help = fmt::format("did you mean `activity.{}`?", near);
      } else {
        field = &m.activity_fields[it->second];
      }
    }
    in_activity_ = true;
    if (e.args[0]) expect_bool(*e.args[0], check(*e.args[0], nullptr), "the `where` condition of an aggregate");
    if (e.args[1]) {
      Type d = check(*e.args[1], nullptr);
      if (!d.is_error() && d.kind != TypeKind::Duration) {
        auto code = d.is_numeric() ? DiagCode::E0302 : DiagCode::E0301;
        auto& diag = diags_.report(code, e.args[1]->span, fmt::format("`within` needs a duration, but this is {}", type_name(c_, d)));
        if (d.is_numeric()) diag.help = "write the unit, e.g. `30 days`";
      }
      require_event_time(e.args[1]->span);
    }
    in_activity_ = false;
    const std::string& k = e.text;
    if (k == "count" || k == "any" || k == "none") {
      if (field) {
        auto& d = diags_.report(DiagCode::E0301, e.span, fmt::format("`{}` is about events, not a field's values", k));
        d.help = fmt::format("write `{}(activity where …)`; `sum`, `latest` and `earliest` take `activity.FIELD`", k);
      }
      return Type::of(k == "count" ? TypeKind::Int : TypeKind::Bool);
    }
    if (field_error) return kError;
    if (k == "sum") {
      if (!field) {
        auto& d = diags_.report(DiagCode::E0301, e.span, "`sum` needs the field to add up");
        d.help = "write e.g. `sum(activity.time_on_page where …)`";
        return kError;
      }
      const Type& t = field->resolved;
      if (t.is_error() || t.is_numeric() || t.is_quantity()) return t;
      diags_.report(DiagCode::E0301, e.span, fmt::format("`sum` adds numbers, durations or money, but `{}` is {}", field->name.name, type_name(c_, t)));
      return kError;
    }
    // latest / earliest: of the named field, by default the events' time.
    if (!field) {
      if (c_.activity_time < 0) {
        auto& d = diags_.report(DiagCode::E0301, e.span, fmt::format("`{}` needs a date or timestamp field", k));
        d.help = fmt::format("write e.g. `{}(activity.at where …)`", k);
        return kError;
      }
      field = &m.activity_fields[c_.activity_time];
    }
    const Type& t = field->resolved;
    if (t.is_error() || t.is_time()) return t;
    diags_.report(DiagCode::E0301, e.span, fmt::format("`{}` needs a date or timestamp, but `{}` is {}", k, field->name.name, type_name(c_, t)));
    return kError;
  }

  Type unknown_member(Expr& e, const Type& enum_type) {
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

  void undefined(const std::string& n, Span span, const Type* hint) {
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

  std::string operand(const Expr& e) const {
    if (e.span.valid()) {
      std::string_view src(e.span.file->text.data() + e.span.begin, e.span.end - e.span.begin);
      if (src.size() <= 40 && src.find('\n') == std::string_view::npos) return fmt::format("`{}`", src);
    }
    return "this";
  }

  // Whether values of types a and b can be compared or combined; reports why not.
  bool require_compatible(const Type& a, const Type& b, Span span, const std::string& what_a, const std::string& what_b) {
    if (a.is_error() || b.is_error()) return false;
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

  Type compare(Expr& e) {
    auto [a, b] = check_pair(*e.args[0], *e.args[1]);
    if (!require_compatible(a, b, e.span, operand(*e.args[0]), operand(*e.args[1]))) return kBool;
    bool ordering = e.text != "==" && e.text != "!=";
    if (ordering && !(a.is_numeric() || a.is_quantity() || a.is_time())) {
      auto& d = diags_.report(DiagCode::E0301, e.span, fmt::format("`{}` needs numbers, durations, money or dates, but these are {}", e.text, type_name(c_, a)));
      if (a.kind == TypeKind::Enum) d.help = "list the members instead, e.g. `x in [a, b]`";
    }
    return kBool;
  }

  Type arith(Expr& e) {
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

  Type call(Expr& e) {
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

  void report_unused() {
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

  void unused(const ast::Ident& name, const char* what) {
    auto& d = diags_.report(DiagCode::W0501, name.span, fmt::format("{} `{}` is never used", what, name.name));
    d.help = fmt::format("use it, list it in `output`, or remove it");
  }

  Checked& c_;
  Diagnostics& diags_;
  std::vector<int> term_state_, score_state_, class_state_;  // 0 new, 1 in progress, 2 done
  std::vector<std::string> stack_;
  std::set<std::string> reported_cycles_;
  bool in_activity_ = false;       // checking an aggregate's `where` or `within`
  bool reported_no_time_ = false;
};

}  // namespace

void typecheck(Checked& checked, Diagnostics& diags) { Checker(checked, diags).run(); }

}  // namespace leadc
