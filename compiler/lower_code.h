// The instruction list of one program being lowered (the lead program or the events
// program of compiler/lower_aggregates.h). Every op is pure, so an instruction already
// emitted with the same operands is reused, and so is a number constant.
#pragma once

#include <map>
#include <optional>
#include <tuple>

#include "compiler/ir/ir.h"

namespace leadc {

class CodeBuilder {
 public:
  ir::Program& program() { return p_; }
  const ir::Instr& instr(ir::Reg r) const { return p_.code[r]; }
  ir::Program take() { return std::move(p_); }

  // Appends an instruction as it is, shared with nothing (a const's own register).
  ir::Reg emit(ir::Instr in);
  ir::Reg op(ir::Op o, ir::Type t, ir::Reg a, ir::Reg b = ir::kNoReg, ir::Reg c = ir::kNoReg, int enum_id = -1);
  ir::Reg num(double v);
  ir::Reg constant(ir::Type t, ir::Constant k, int enum_id = -1);
  ir::Reg member(int enum_id, int m);
  ir::Reg missing(ir::Type t, int enum_id = -1);
  // Appends an input and returns the register of its Field instruction.
  ir::Reg input(ir::Input in);
  // as-of - d <= x <= as-of
  ir::Reg within(ir::Reg x, ir::Reg d);

 private:
  ir::Program p_;
  // The literal result of arithmetic on two literal numbers, if that is what a, b are.
  std::optional<ir::Reg> fold(ir::Op o, ir::Reg a, ir::Reg b);

  std::map<double, ir::Reg> num_consts_;
  std::map<std::tuple<int, int, ir::Reg, ir::Reg, ir::Reg, int>, ir::Reg> seen_;
};

}  // namespace leadc
