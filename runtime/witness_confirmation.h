// The interpreter's side of the analysis' witness check (AnalyzeOptions::confirm):
// a witness lead is evaluated as an `example` block with those values would be
// (runtime/examples.h), and each claim of the finding is checked on the registers.
// compiler/ cannot include runtime/, so every command that runs the analysis passes
// this in.
#pragma once

#include "compiler/analysis/analyze.h"

namespace leadc::rt {

ConfirmWitness witness_confirmation();

// The check itself: whether `lead`, run by the interpreter at its as-of, makes
// every claim hold (and is a lead an example can give: required fields set).
bool witness_reproduces(const ir::Program& program, const WitnessLead& lead, const std::vector<WitnessClaim>& claims);

}  // namespace leadc::rt
