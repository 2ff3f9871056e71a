// Running one lowered example (compiler/lower_examples.h) with an evaluator: the
// given values become a one-row batch, its `events` are folded into the aggregates
// by the same code as `run --activities` (runtime/activities.h), and each
// expectation is compared with the value as `run` and `explain` show it, unit
// included (`expected 25 days, actual 24 days`).
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/coverage.h"
#include "runtime/evaluator.h"

namespace leadc::rt {

struct ExampleResult {
  std::vector<std::string> failures;  // empty: the example passed
};

using EventList = std::vector<std::vector<ir::Example::Given>>;

// A one-row batch holding `given`, as an example gives it: inputs not given are
// missing; aggregates are folded from `events` at `as_of` (none: a lead without
// events) unless given; problems with the values (a required field not set or set
// to missing, a negative quantity, an event of another lead) are appended to
// `problems`. The batch owns the text values.
Batch given_batch(const ir::Program& program, const std::vector<ir::Example::Given>& given, uint32_t line,
                  std::vector<std::string>& problems, const EventList& events = {}, double as_of = 0);

// `evaluator` evaluates `program` at `as_of` (the example's own, or `leadc test --as-of`).
// With `coverage`, the example's outcomes are recorded there.
ExampleResult run_example(const ir::Program& program, const ir::Example& example, const Evaluator& evaluator,
                          double as_of, Coverage* coverage = nullptr);

}  // namespace leadc::rt
