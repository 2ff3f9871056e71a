#include "compiler/builtins.h"

namespace leadc {

namespace {

struct Named {
  Builtin id;
  const char* name;
};
constexpr Named kBuiltins[] = {{Builtin::Min, "min"}, {Builtin::Max, "max"}, {Builtin::DaysSince, "days_since"}};

struct NamedAggregate {
  ir::AggregateKind kind;
  const char* name;
};
constexpr NamedAggregate kAggregates[] = {
    {ir::AggregateKind::Count, "count"}, {ir::AggregateKind::Any, "any"},       {ir::AggregateKind::None, "none"},
    {ir::AggregateKind::Sum, "sum"},     {ir::AggregateKind::Latest, "latest"}, {ir::AggregateKind::Earliest, "earliest"},
};

}  // namespace

std::optional<Builtin> find_builtin(std::string_view name) {
  for (const Named& b : kBuiltins)
    if (name == b.name) return b.id;
  return std::nullopt;
}

const char* builtin_name(Builtin id) {
  for (const Named& b : kBuiltins)
    if (b.id == id) return b.name;
  return "?";
}

std::vector<std::string> builtin_names() {
  std::vector<std::string> out;
  for (const Named& b : kBuiltins) out.push_back(b.name);
  return out;
}

std::optional<ir::AggregateKind> find_aggregate(std::string_view name) {
  for (const NamedAggregate& a : kAggregates)
    if (name == a.name) return a.kind;
  return std::nullopt;
}

}  // namespace leadc
