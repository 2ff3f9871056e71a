#include "compiler/lower_code.h"

namespace leadc {

using ir::Op;
using ir::Reg;

Reg CodeBuilder::emit(ir::Instr in) {
  p_.code.push_back(std::move(in));
  return static_cast<Reg>(p_.code.size() - 1);
}

Reg CodeBuilder::op(Op o, ir::Type t, Reg a, Reg b, Reg c, int enum_id) {
  auto key = std::make_tuple(static_cast<int>(o), static_cast<int>(t), a, b, c, enum_id);
  auto it = seen_.find(key);
  if (it != seen_.end()) return it->second;
  ir::Instr in{o, t, enum_id, a, b, c, {}};
  return seen_[key] = emit(std::move(in));
}

Reg CodeBuilder::num(double v) {
  auto it = num_consts_.find(v);
  if (it != num_consts_.end()) return it->second;
  ir::Instr in{Op::Const, ir::Type::Num, -1, ir::kNoReg, ir::kNoReg, ir::kNoReg, {}};
  in.value.num = v;
  return num_consts_[v] = emit(std::move(in));
}

Reg CodeBuilder::constant(ir::Type t, ir::Constant k, int enum_id) {
  if (t == ir::Type::Num && !k.missing) return num(k.num);
  ir::Instr in{Op::Const, t, enum_id, ir::kNoReg, ir::kNoReg, ir::kNoReg, std::move(k)};
  return emit(std::move(in));
}

Reg CodeBuilder::member(int enum_id, int m) {
  ir::Constant k;
  k.member = m;
  return constant(ir::Type::Enum, k, enum_id);
}

Reg CodeBuilder::missing(ir::Type t, int enum_id) {
  ir::Constant k;
  k.missing = true;
  return constant(t, k, enum_id);
}

Reg CodeBuilder::input(ir::Input in) {
  const ir::Type type = in.type;
  const int enum_id = in.enum_id;
  p_.inputs.push_back(std::move(in));
  return op(Op::Field, type, static_cast<Reg>(p_.inputs.size() - 1), ir::kNoReg, ir::kNoReg, enum_id);
}

Reg CodeBuilder::within(Reg x, Reg d) {
  Reg now = op(Op::AsOf, ir::Type::Num, ir::kNoReg);
  Reg from = op(Op::Sub, ir::Type::Num, now, d);
  return op(Op::And, ir::Type::Bool, op(Op::Ge, ir::Type::Bool, x, from), op(Op::Le, ir::Type::Bool, x, now));
}

}  // namespace leadc
