// The interpreter's side of the semantic diff (DiffOptions::replay): a witness lead
// is run through one version as an `example` with those values would be
// (runtime/examples.h), and the asked registers' values are read back. compiler/
// cannot include runtime/, so `leadc diff` passes this in.
#pragma once

#include "compiler/analysis/semantic_diff.h"

namespace leadc::rt {

// The values of `regs` for `lead` under `program`; nullopt when the program cannot
// read the lead (a required field is not set, an enum cell names no member of the
// field's type) or cannot be run.
std::optional<std::vector<ir::Constant>> replay_witness(const ir::Program& program, const WitnessLead& lead,
                                                        const std::vector<ir::Reg>& regs);

}  // namespace leadc::rt
