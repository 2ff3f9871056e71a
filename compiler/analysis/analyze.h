// The ambiguity analysis (LANGUAGE.md section 5): proves with Z3 that unique
// classifications have no overlaps and no gaps, that first-match labels are
// reachable, that conditions are neither contradictions nor tautologies and that
// scores stay in range. Findings, with witnesses, are appended to a Diagnostics list.
#pragma once

#include "base/diagnostics.h"
#include "compiler/ir/ir.h"

namespace leadc {

struct AnalyzeOptions {
  unsigned timeout_ms = 2000;  // per solver query; an undecided query becomes W0406
};

// Appends findings E0401 E0402 E0403 E0404 W0405 W0406 W0502 to `diags`.
void analyze(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags);

}  // namespace leadc
