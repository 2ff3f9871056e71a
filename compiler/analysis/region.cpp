// Atom collection and model generalisation (deletion-based, seeded by an unsat core).
#include "compiler/analysis/region.h"

#include <algorithm>
#include <unordered_set>

namespace leadc::analysis {

std::vector<ir::Reg> collect_atoms(const ir::Program& program, const std::vector<ir::Reg>& roots) {
  std::vector<ir::Reg> atoms;
  std::unordered_set<ir::Reg> seen;
  std::vector<ir::Reg> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    ir::Reg r = stack.back();
    stack.pop_back();
    if (r == ir::kNoReg || !seen.insert(r).second) continue;
    const ir::Instr& in = program.code[r];
    if (in.op == ir::Op::And || in.op == ir::Op::Or) {
      stack.push_back(in.b);
      stack.push_back(in.a);
    } else if (in.op == ir::Op::Not) {
      stack.push_back(in.a);
    } else if (in.op != ir::Op::Const) {
      atoms.push_back(r);
    }
  }
  return atoms;
}

z3::expr literal_expr(const Encoder& enc, const Literal& lit) {
  switch (lit.state) {
    case State::True: return enc.is_true(lit.atom);
    case State::False: return enc.is_false(lit.atom);
    case State::Unknown: return !enc.known(lit.atom);
  }
  return enc.ctx().bool_val(true);
}

z3::expr conjunction(const Encoder& enc, const std::vector<Literal>& lits) {
  z3::expr_vector parts(enc.ctx());
  for (const Literal& l : lits) parts.push_back(literal_expr(enc, l));
  return z3::mk_and(parts);
}

std::vector<Literal> literals_in(const Encoder& enc, const z3::model& model, const std::vector<ir::Reg>& atoms) {
  std::vector<Literal> lits;
  for (ir::Reg a : atoms) {
    State s = State::Unknown;
    if (model.eval(enc.known(a), true).is_true()) {
      s = model.eval(enc.value(a), true).is_true() ? State::True : State::False;
    }
    lits.push_back({a, s});
  }
  return lits;
}

std::vector<Literal> generalize(z3::solver& solver, const Encoder& enc, const std::vector<Literal>& lits,
                                const z3::expr& goal) {
  z3::context& c = enc.ctx();
  solver.push();
  solver.add(!goal);
  std::vector<z3::expr> marks;
  for (const Literal& l : lits) {
    marks.push_back(z3::expr(c, Z3_mk_fresh_const(c, "lit", c.bool_sort())));
    solver.add(z3::implies(marks.back(), literal_expr(enc, l)));
  }
  // Whether the literals in `keep` imply the goal; if so, narrows `keep` to the
  // unsat core (in the same order).
  auto implied = [&](std::vector<size_t>& keep) {
    z3::expr_vector as(c);
    for (size_t k : keep) as.push_back(marks[k]);
    if (solver.check(as) != z3::unsat) return false;
    z3::expr_vector core = solver.unsat_core();
    std::vector<size_t> in_core;
    for (size_t k : keep) {
      for (unsigned j = 0; j < core.size(); ++j) {
        if (z3::eq(core[j], marks[k])) {
          in_core.push_back(k);
          break;
        }
      }
    }
    keep = in_core;
    return true;
  };
  // Literals of "unknown" atoms go first, so they are dropped first: witnesses then
  // blame a value that is present but wrong rather than a missing one where they can.
  std::vector<size_t> all;
  for (size_t k = 0; k < lits.size(); ++k) all.push_back(k);
  std::stable_partition(all.begin(), all.end(), [&](size_t k) { return lits[k].state == State::Unknown; });
  std::vector<size_t> keep = all;
  std::vector<size_t> known_only, needed;
  for (size_t k : all) {
    if (lits[k].state != State::Unknown) known_only.push_back(k);
  }
  if (implied(known_only)) {
    keep = known_only;
  } else if (!implied(keep)) {
    needed = all;  // undecided: keep the whole model's region
  }
  // Deletion: a literal needed by a set stays needed by its subsets.
  for (;;) {
    auto next = std::find_if(keep.begin(), keep.end(),
                             [&](size_t k) { return std::find(needed.begin(), needed.end(), k) == needed.end(); });
    if (next == keep.end()) break;
    std::vector<size_t> trial = keep;
    trial.erase(trial.begin() + (next - keep.begin()));
    if (implied(trial)) {
      keep = trial;
    } else {
      needed.push_back(*next);
    }
  }
  solver.pop();
  std::vector<Literal> out;
  for (size_t k : keep) out.push_back(lits[k]);
  return out;
}

std::vector<uint32_t> literal_deps(const Encoder& enc, const std::vector<Literal>& lits) {
  std::vector<uint32_t> deps;
  for (const Literal& l : lits) deps = merge_sorted(deps, enc.deps(l.atom));
  return deps;
}

}  // namespace leadc::analysis
