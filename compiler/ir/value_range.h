// Which registers of a program always hold a whole number, and within what bounds:
// the SQL emitter prints such an output as an integer column (money as DECIMAL)
// instead of a double, with the same value `leadc run` prints, and `leadc report`
// gives such a score whole-number histogram bins. Decided from the IR
// alone: whole constants, int and money fields, counts, and + - * min max of them
// (no division), with interval arithmetic so that a cast can never overflow.
#pragma once

#include <vector>

#include "compiler/ir/ir.h"

namespace leadc::ir {

struct ValueRange {
  bool integral = false;   // every known value is a whole number
  double lo = 0, hi = 0;   // every known value lies in [lo, hi] (may be ±inf)
  bool within(double bound) const { return integral && lo >= -bound && hi <= bound; }
};

// One entry per register of `program`; the synthetic inputs (aggregates) are judged
// from program.activity's events program.
std::vector<ValueRange> value_ranges(const ir::Program& program);

}  // namespace leadc::ir
