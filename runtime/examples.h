// Running one lowered example (compiler/lower_examples.h) with an evaluator: the
// given values become a one-row batch (every aggregate that of a lead without
// events), and each expectation is compared with the value as `run` and `explain`
// show it, unit included (`expected 25 days, actual 24 days`).
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/evaluator.h"

namespace leadc::rt {

struct ExampleResult {
  std::vector<std::string> failures;  // empty: the example passed
};

// A one-row batch holding `given`, as an example gives it: inputs not given are
// missing, aggregates those of a lead without events unless given; problems with
// the values (a required field not set or set to missing, a negative quantity) are
// appended to `problems`. The batch owns the text values.
Batch given_batch(const ir::Program& program, const std::vector<ir::Example::Given>& given, uint32_t line,
                  std::vector<std::string>& problems);

ExampleResult run_example(const ir::Program& program, const ir::Example& example, const Evaluator& evaluator);

}  // namespace leadc::rt
