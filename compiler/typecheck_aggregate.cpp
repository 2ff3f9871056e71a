// The type checker's aggregates over a lead's activities (count/any/none/sum/latest/earliest)
// and the event time that `within` and `decay` need.
#include "compiler/typecheck_checker.h"

#include <fmt/format.h>

#include "compiler/resolve.h"

namespace leadc::typecheck_impl {

// The time of each event, which `within` (inside an aggregate) and `decay` measure.
void TypeChecker::require_event_time(Span span, const char* what) {
  if (c_.activity_time >= 0 || !c_.module.has_activity || reported_no_time_) return;
  reported_no_time_ = true;
  auto& d = diags_.report(DiagCode::E0205, span, fmt::format("{} needs the time of each event", what));
  d.help = "declare it in the activity block as `at: timestamp` (or have exactly one date or timestamp field)";
}

// count/any/none/sum/latest/earliest(activity[.FIELD] [where C] [within D]).
Type TypeChecker::aggregate(Expr& e) {
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

}  // namespace leadc::typecheck_impl
