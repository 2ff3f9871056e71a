// String predicates whose operands are input columns or constants, computed
// column-at-a-time before the JIT-compiled loop runs (so that loop makes no calls:
// a call clobbers every vector register and stops the loop vectoriser).
// Identical predicates are computed once and copied.
#pragma once

#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"

namespace leadc::jit {

// Per register: whether it is such a predicate (StartsWith, EndsWith, Contains, or
// Eq/Ne on Str, over Field and Const operands).
std::vector<bool> string_predicate_registers(const ir::Program& program);

class StringPredicates {
 public:
  // `selected` comes from string_predicate_registers (or a subset of it).
  StringPredicates(const ir::Program& program, const std::vector<bool>& selected);

  // Fills the known and b arrays of out.regs[r] (already sized for in.rows) for
  // every selected register r.
  void compute(const rt::Batch& in, rt::Registers& out) const;

 private:
  struct Operand {
    int input = -1;  // an input column, or -1: the constant below
    bool known = false;
    std::string constant;
    bool operator==(const Operand&) const = default;
  };
  struct Predicate {
    ir::Reg reg;
    ir::Op op;
    Operand a, b;
    int same_as = -1;  // index of an earlier identical predicate, whose result is copied
  };
  void compute_one(const Predicate& p, const rt::Batch& in, rt::Column& r) const;

  std::vector<Predicate> predicates_;
};

}  // namespace leadc::jit
