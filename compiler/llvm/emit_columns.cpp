// Column cells in and out of the row loop.
#include "compiler/llvm/llvm_emitter.h"

namespace leadc::jit {

using ir::Op;
using ir::Type;

// The value of register x in the current row of the current part: computed
// earlier in the part, or made on first use here (input and register column
// loads, constants). Empty when it is not available, which emit_part reports.
const Val& LlvmEmitter::get(ir::Reg x) {
  static const Val none;
  if (x >= regs_.size()) return none;
  Val& v = regs_[x];
  if (v.known) return v;
  const ir::Instr& d = p_.code[x];
  if (d.op == Op::Field) {
    if (auto it = in_ptrs_.find(d.a); it != in_ptrs_.end()) v = load(d.type, it->second.first, it->second.second, i_);
  } else if (auto it = loaded_ptrs_.find(x); it != loaded_ptrs_.end()) {
    v = load(d.type, it->second.first, it->second.second, i_);
  } else if (d.op == Op::Const || d.op == Op::AsOf) {
    v = emit_op(d);
  }
  return v;
}

Val LlvmEmitter::load(Type t, llvm::Value* known, llvm::Value* values, llvm::Value* i) {
  Val out;
  llvm::Value* k = b_.CreateLoad(i8_, b_.CreateInBoundsGEP(i8_, known, i));
  out.known = b_.CreateICmpNE(k, b_.getInt8(0));
  switch (t) {
    case Type::Num: out.v = b_.CreateLoad(f64_, b_.CreateInBoundsGEP(f64_, values, i)); break;
    case Type::Enum: out.v = b_.CreateLoad(i32_, b_.CreateInBoundsGEP(i32_, values, i)); break;
    case Type::Bool:
      out.v = b_.CreateICmpNE(b_.CreateLoad(i8_, b_.CreateInBoundsGEP(i8_, values, i)), b_.getInt8(0));
      break;
    case Type::Str: {
      llvm::Value* cell = b_.CreateInBoundsGEP(str_, values, i);
      unsigned ptr_field = opt_.str_len_first ? 1 : 0;
      out.v = b_.CreateLoad(ptr_, b_.CreateStructGEP(str_, cell, ptr_field));
      out.len = b_.CreateLoad(i64_, b_.CreateStructGEP(str_, cell, 1 - ptr_field));
      break;
    }
  }
  return out;
}

void LlvmEmitter::store(Type t, const Val& val, llvm::Value* known, llvm::Value* values, llvm::Value* i) {
  b_.CreateStore(b_.CreateZExt(val.known, i8_), b_.CreateInBoundsGEP(i8_, known, i));
  switch (t) {
    case Type::Num: b_.CreateStore(val.v, b_.CreateInBoundsGEP(f64_, values, i)); break;
    case Type::Enum: b_.CreateStore(val.v, b_.CreateInBoundsGEP(i32_, values, i)); break;
    case Type::Bool: b_.CreateStore(b_.CreateZExt(val.v, i8_), b_.CreateInBoundsGEP(i8_, values, i)); break;
    case Type::Str: {
      llvm::Value* cell = b_.CreateInBoundsGEP(str_, values, i);
      unsigned ptr_field = opt_.str_len_first ? 1 : 0;
      b_.CreateStore(val.v, b_.CreateStructGEP(str_, cell, ptr_field));
      b_.CreateStore(val.len, b_.CreateStructGEP(str_, cell, 1 - ptr_field));
      break;
    }
  }
}

}  // namespace leadc::jit
