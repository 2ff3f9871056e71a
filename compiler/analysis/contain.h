// Containment of the solver: `analyze` with AnalyzeOptions::contain runs the checker in
// a forked child process, which sends each part's findings (analysis_parts) to the
// parent over a pipe as it finishes it. A child that dies (SIGSEGV inside Z3, an
// abort, a sanitizer's report) or hangs past the time limit costs only the part it was
// in: the parent reports that part as W0406 ("the solver crashed") and forks again
// for the parts after it. A handler with siglongjmp out of Z3 is not used: it would
// leave Z3's heap, locks and reference counts in whatever state the fault found them
// (and the fault may be heap corruption), so nothing after it could be trusted.
#pragma once

#include "base/diagnostics.h"
#include "compiler/analysis/analyze.h"

namespace leadc::analysis {

void analyze_contained(const ir::Program& program, const AnalyzeOptions& opts, Diagnostics& diags);

// The test hook LEADC_TEST_SOLVER_CRASH (docs/architecture.md): "build" makes the first
// child raise SIGSEGV while it builds the encoding, N (1-based) at the start of its
// N-th part. Unset or anything else: no crash.
constexpr const char* kCrashHookVariable = "LEADC_TEST_SOLVER_CRASH";

}  // namespace leadc::analysis
