// Regions of leads described by the three-valued states of a condition's atoms
// (the Bool registers under its and/or/not structure). A finding's model is
// generalised to a small conjunction of atom states that still implies the finding:
// that decides which fields a witness shows, and lets gap search skip to a new gap.
#pragma once

#include <z3++.h>

#include <vector>

#include "compiler/analysis/encoder.h"

namespace leadc::analysis {

enum class State : uint8_t { True, False, Unknown };

struct Literal {
  ir::Reg atom;
  State state;
};

// The atoms under the and/or/not structure of `roots`, without duplicates.
std::vector<ir::Reg> collect_atoms(const ir::Program& program, const std::vector<ir::Reg>& roots);

z3::expr literal_expr(const Encoder& enc, const Literal& lit);
z3::expr conjunction(const Encoder& enc, const std::vector<Literal>& lits);

// The state of every atom in `model`.
std::vector<Literal> literals_in(const Encoder& enc, const z3::model& model, const std::vector<ir::Reg>& atoms);

// Drops literals while the rest still imply `goal` on `solver` (which holds the
// domain constraints). Literals whose removal the solver cannot decide are kept.
std::vector<Literal> generalize(z3::solver& solver, const Encoder& enc, const std::vector<Literal>& lits,
                                const z3::expr& goal);

// Inputs the literals' atoms depend on, sorted.
std::vector<uint32_t> literal_deps(const Encoder& enc, const std::vector<Literal>& lits);

}  // namespace leadc::analysis
