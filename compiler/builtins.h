// The language's built-in functions and event aggregates, by name: the one table
// the type checker (what each takes and gives), lowering (what each becomes) and
// messages ("did you mean") read. The grammar parses any `name(…)` as a call and
// `count|any|none|sum|latest|earliest(activity …)` as an aggregate.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"

namespace leadc {

enum class Builtin : uint8_t { Min, Max, DaysSince };

std::optional<Builtin> find_builtin(std::string_view name);
const char* builtin_name(Builtin b);
std::vector<std::string> builtin_names();  // "min", "max", "days_since"

// count, any, none, sum, latest, earliest (the decayed kinds have no name of their own).
std::optional<ir::AggregateKind> find_aggregate(std::string_view name);

}  // namespace leadc
