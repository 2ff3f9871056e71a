// Atom collection and model generalisation (deletion-based, seeded by an unsat core).
#include "compiler/analysis/region.h"

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
  auto implied = [&](const std::vector<size_t>& keep) {
    z3::expr_vector as(c);
    for (size_t k : keep) as.push_back(marks[k]);
    return solver.check(as) == z3::unsat;
  };
  std::vector<size_t> keep;
  for (size_t k = 0; k < lits.size(); ++k) keep.push_back(k);
  if (implied(keep)) {
    // Start from the unsat core, then try to drop each remaining literal.
    z3::expr_vector core = solver.unsat_core();
    std::vector<size_t> from_core;
    for (size_t k = 0; k < marks.size(); ++k) {
      for (unsigned j = 0; j < core.size(); ++j) {
        if (z3::eq(core[j], marks[k])) {
          from_core.push_back(k);
          break;
        }
      }
    }
    keep = from_core;
    for (size_t pos = 0; pos < keep.size();) {
      std::vector<size_t> trial = keep;
      trial.erase(trial.begin() + static_cast<long>(pos));
      if (implied(trial)) {
        keep = trial;
      } else {
        ++pos;
      }
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
