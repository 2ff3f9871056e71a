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

ExampleResult run_example(const ir::Program& program, const ir::Example& example, const Evaluator& evaluator);

}  // namespace leadc::rt
