#include "compiler/lower_code.h"

#include <cmath>

namespace leadc {

using ir::Op;
using ir::Reg;

Reg CodeBuilder::emit(ir::Instr in) {
  p_.code.push_back(std::move(in));
  return static_cast<Reg>(p_.code.size() - 1);
}

Reg CodeBuilder::op(Op o, ir::Type t, Reg a, Reg b, Reg c, int enum_id) {
  if (auto folded = fold(o, a, b)) return *folded;
  auto key = std::make_tuple(static_cast<int>(o), static_cast<int>(t), a, b, c, enum_id);
  auto it = seen_.find(key);
  if (it != seen_.end()) return it->second;
  ir::Instr in{o, t, enum_id, a, b, c, {}};
  return seen_[key] = emit(std::move(in));
}

// Arithmetic on two literal numbers is done here, in double precision, as every
// engine would do it at run time: so the analysis (which reasons over exact reals)
// and SQL (whose literals may be DECIMAL) see the value the interpreter computes —
// `0.1 + 0.2` is 0.30000000000000004, not 0.3. Named consts keep their instruction
// (explain and the analysis name them), so only anonymous constants fold.
std::optional<Reg> CodeBuilder::fold(Op o, Reg a, Reg b) {
  if (o != Op::Add && o != Op::Sub && o != Op::Mul && o != Op::Div) return std::nullopt;
  auto literal = [&](Reg r) -> std::optional<double> {
    if (r == ir::kNoReg || r >= p_.code.size()) return std::nullopt;
    const ir::Instr& in = p_.code[r];
    if (in.op != Op::Const || in.type != ir::Type::Num || in.value.missing) return std::nullopt;
    auto it = num_consts_.find(in.value.num);
    if (it == num_consts_.end() || it->second != r) return std::nullopt;
    return in.value.num;
  };
  auto x = literal(a), y = literal(b);
  if (!x || !y) return std::nullopt;
  if (o == Op::Div && *y == 0) return missing(ir::Type::Num);  // unknown when b == 0 (ir.h)
  const double v = o == Op::Add ? *x + *y : o == Op::Sub ? *x - *y : o == Op::Mul ? *x * *y : *x / *y;
  if (!std::isfinite(v)) return missing(ir::Type::Num);  // not finite: unknown (ir.h)
  return num(v);
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
