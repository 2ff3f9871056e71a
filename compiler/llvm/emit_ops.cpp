// One IR instruction as LLVM values, for the current row. The rules mirror
// runtime/interpreter.cpp operation by operation (same formulas, same comparisons),
// which is what makes the differential test against the interpreter exact.
#include "compiler/llvm/llvm_emitter.h"

#include <llvm/IR/Constants.h>

namespace leadc::jit {

using ir::Op;
using ir::Type;

Val LlvmEmitter::emit_op(const ir::Instr& ins) {
  auto reg = [&](ir::Reg r) -> const Val& { return get(r); };
  switch (ins.op) {
    case Op::Field: return {};
    case Op::Const: {
      const ir::Constant& c = ins.value;
      Val out{b_.getInt1(!c.missing), zero_of(ins.type)};
      if (ins.type == Type::Str) out.len = b_.getInt64(0);
      if (c.missing) return out;
      switch (ins.type) {
        case Type::Num: out.v = llvm::ConstantFP::get(f64_, c.num); break;
        case Type::Bool: out.v = b_.getInt1(c.b); break;
        case Type::Enum: out.v = b_.getInt32(static_cast<uint32_t>(c.member)); break;
        case Type::Str:
          out.v = const_str(c.str);
          out.len = b_.getInt64(c.str.size());
          break;
      }
      return out;
    }
    case Op::AsOf: return {b_.getTrue(), as_of_};
    default: break;
  }
  const Val& a = reg(ins.a);
  switch (ins.op) {
    case Op::Add: return finite_known(both_known(a, reg(ins.b), b_.CreateFAdd(a.v, reg(ins.b).v)));
    case Op::Sub: return finite_known(both_known(a, reg(ins.b), b_.CreateFSub(a.v, reg(ins.b).v)));
    case Op::Mul: return finite_known(both_known(a, reg(ins.b), b_.CreateFMul(a.v, reg(ins.b).v)));
    case Op::Div: {
      const Val& b = reg(ins.b);
      llvm::Value* nonzero = b_.CreateFCmpUNE(b.v, llvm::ConstantFP::get(f64_, 0.0));
      return finite_known({b_.CreateAnd(b_.CreateAnd(a.known, b.known), nonzero), b_.CreateFDiv(a.v, b.v)});
    }
    case Op::Min: {
      const Val& b = reg(ins.b);
      return both_known(a, b, b_.CreateSelect(b_.CreateFCmpOLT(a.v, b.v), a.v, b.v));
    }
    case Op::Max: {
      const Val& b = reg(ins.b);
      return both_known(a, b, b_.CreateSelect(b_.CreateFCmpOGT(a.v, b.v), a.v, b.v));
    }
    case Op::Eq:
    case Op::Ne: {
      const Val& b = reg(ins.b);
      bool ne = ins.op == Op::Ne;
      llvm::Value* v = nullptr;
      switch (p_.code[ins.a].type) {
        case Type::Num: v = ne ? b_.CreateFCmpUNE(a.v, b.v) : b_.CreateFCmpOEQ(a.v, b.v); break;
        case Type::Bool:
        case Type::Enum: v = ne ? b_.CreateICmpNE(a.v, b.v) : b_.CreateICmpEQ(a.v, b.v); break;
        case Type::Str: {
          v = str_helper("leadc_jit_str_eq", a, b);
          if (ne) v = b_.CreateNot(v);
          break;
        }
      }
      return both_known(a, b, v);
    }
    case Op::Lt: return both_known(a, reg(ins.b), b_.CreateFCmpOLT(a.v, reg(ins.b).v));
    case Op::Le: return both_known(a, reg(ins.b), b_.CreateFCmpOLE(a.v, reg(ins.b).v));
    case Op::Gt: return both_known(a, reg(ins.b), b_.CreateFCmpOGT(a.v, reg(ins.b).v));
    case Op::Ge: return both_known(a, reg(ins.b), b_.CreateFCmpOGE(a.v, reg(ins.b).v));
    case Op::StartsWith: return both_known(a, reg(ins.b), str_helper("leadc_jit_starts_with", a, reg(ins.b)));
    case Op::EndsWith: return both_known(a, reg(ins.b), str_helper("leadc_jit_ends_with", a, reg(ins.b)));
    case Op::Contains: return both_known(a, reg(ins.b), str_helper("leadc_jit_contains", a, reg(ins.b)));
    case Op::And: {
      const Val& b = reg(ins.b);
      llvm::Value* a_false = b_.CreateAnd(a.known, b_.CreateNot(a.v));
      llvm::Value* b_false = b_.CreateAnd(b.known, b_.CreateNot(b.v));
      llvm::Value* both = b_.CreateAnd(a.known, b.known);
      return {b_.CreateOr(b_.CreateOr(a_false, b_false), both), b_.CreateAnd(both, b_.CreateAnd(a.v, b.v))};
    }
    case Op::Or: {
      const Val& b = reg(ins.b);
      llvm::Value* known_true = b_.CreateOr(b_.CreateAnd(a.known, a.v), b_.CreateAnd(b.known, b.v));
      return {b_.CreateOr(known_true, b_.CreateAnd(a.known, b.known)), known_true};
    }
    case Op::Not: return {a.known, b_.CreateAnd(a.known, b_.CreateNot(a.v))};
    case Op::IsKnown: return {b_.getTrue(), a.known};
    case Op::Coalesce: {
      const Val& b = reg(ins.b);
      Val out{b_.CreateOr(a.known, b.known), b_.CreateSelect(a.known, a.v, b.v)};
      if (ins.type == Type::Str) out.len = b_.CreateSelect(a.known, a.len, b.len);
      return out;
    }
    case Op::Select: {
      const Val& x = reg(ins.b);
      const Val& y = reg(ins.c);
      llvm::Value* pick = b_.CreateAnd(a.known, a.v);
      Val out{b_.CreateSelect(pick, x.known, y.known), b_.CreateSelect(pick, x.v, y.v)};
      if (ins.type == Type::Str) out.len = b_.CreateSelect(pick, x.len, y.len);
      return out;
    }
    case Op::Field:
    case Op::Const:
    case Op::AsOf: break;
  }
  return {};
}

llvm::Value* LlvmEmitter::zero_of(Type t) {
  switch (t) {
    case Type::Num: return llvm::ConstantFP::get(f64_, 0.0);
    case Type::Bool: return b_.getFalse();
    case Type::Enum: return b_.getInt32(0);
    case Type::Str: return llvm::ConstantPointerNull::get(ptr_);
  }
  return nullptr;
}

}  // namespace leadc::jit
