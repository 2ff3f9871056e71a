// Relations between aggregates whose event conditions imply one another: when every
// event matching C1 also matches C2, count(C1) <= count(C2), an event for C1 is one
// for C2, and so on. Implication is decided by Z3 over one symbolic event (the events
// program, encoded on its own); a question it cannot decide gives no relation.
#pragma once

#include <z3++.h>

#include <vector>

#include "compiler/analysis/encoder.h"

namespace leadc::analysis {

// The relations among the synthetic inputs of program.activity's aggregates.
// `inputs` are the program's encoded inputs; `some[g]` is aggregate g's hidden Bool
// "an event matches its condition" (one Bool per condition shape). Each question
// about the events gets `timeout_ms`, all of them together a fixed budget.
std::vector<Relation> relate_aggregates(const ir::Program& program, const std::vector<InputVars>& inputs,
                                        const std::vector<z3::expr>& some, double as_of, unsigned timeout_ms);

}  // namespace leadc::analysis
