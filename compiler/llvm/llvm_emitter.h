// The LLVM emitter behind lower_program (compiler/llvm/lower_llvm.h), internal to
// compiler/llvm. One object lowers one program; its jobs are in separate files:
//   lower_llvm.cpp    the module skeleton: part functions, their row loops, the entry
//   plan_parts.cpp    which registers each part reads and stores (and plan_parts)
//   emit_columns.cpp  loads and stores of column cells, and where a register's value comes from
//   emit_ops.cpp      one IR instruction as LLVM values (constants, arithmetic, logic)
//   emit_strings.cpp  string constants and the calls of the host's string helpers
#pragma once

#include <llvm/IR/IRBuilder.h>

#include <limits>
#include <unordered_map>

#include "compiler/llvm/lower_llvm.h"

namespace leadc::jit {

// One register's value in the current row.
struct Val {
  llvm::Value* known = nullptr;  // i1
  llvm::Value* v = nullptr;      // i1 / double / i32 / ptr (Str bytes)
  llvm::Value* len = nullptr;    // i64, Str only
};

class LlvmEmitter {
 public:
  LlvmEmitter(const ir::Program& p, llvm::LLVMContext& ctx, const LowerOptions& opt);
  llvm::Expected<std::unique_ptr<llvm::Module>> run();

 private:
  // One row loop over registers [begin, end), as its own function.
  struct Part {
    size_t begin = 0, end = 0;
    std::vector<size_t> inputs;  // input columns it reads
    std::vector<size_t> loaded;  // registers it reads from their columns (precomputed or from earlier parts)
    std::vector<size_t> stored;  // registers it writes to their columns
    bool has_str = false;        // whether any of those columns holds strings
    llvm::Function* f = nullptr;
  };

  bool precomputed(size_t r) const { return r < opt_.precomputed.size() && opt_.precomputed[r]; }
  bool materialised(size_t r) const { return r < opt_.materialise.size() && opt_.materialise[r]; }

  // plan_parts.cpp
  void plan();
  // lower_llvm.cpp
  void build_part_function(Part& part, size_t k);
  void build_entry();
  llvm::Error emit_part(const Part& part);
  // emit_columns.cpp
  const Val& get(ir::Reg x);
  Val load(ir::Type t, llvm::Value* known, llvm::Value* values, llvm::Value* i);
  void store(ir::Type t, const Val& val, llvm::Value* known, llvm::Value* values, llvm::Value* i);
  // emit_ops.cpp
  Val emit_op(const ir::Instr& ins);
  Val both_known(const Val& a, const Val& b, llvm::Value* v) { return {b_.CreateAnd(a.known, b.known), v}; }
  // An arithmetic result that is not finite is unknown (ir.h, Add..Div): |v| <= DBL_MAX,
  // which is false for ±inf and NaN, as the interpreter's known_if_finite.
  Val finite_known(Val r) {
    llvm::Value* mag = b_.CreateSelect(b_.CreateFCmpOLT(r.v, llvm::ConstantFP::get(f64_, 0.0)), b_.CreateFNeg(r.v), r.v);
    llvm::Value* finite = b_.CreateFCmpOLE(mag, llvm::ConstantFP::get(f64_, std::numeric_limits<double>::max()));
    return {b_.CreateAnd(r.known, finite), r.v};
  }
  llvm::Value* zero_of(ir::Type t);
  // emit_strings.cpp
  llvm::Function* helper(const char* name);
  llvm::Value* str_helper(const char* name, const Val& a, const Val& b);
  llvm::Value* const_str(const std::string& s);

  const ir::Program& p_;
  llvm::LLVMContext& ctx_;
  const LowerOptions& opt_;
  llvm::IRBuilder<> b_;
  std::unique_ptr<llvm::Module> m_;
  std::vector<Part> parts_;
  // While lowering one part: its row index, as_of argument, column pointers, values.
  llvm::PHINode* i_ = nullptr;
  llvm::Value* as_of_ = nullptr;
  std::unordered_map<size_t, std::pair<llvm::Value*, llvm::Value*>> in_ptrs_, loaded_ptrs_;
  std::vector<Val> regs_;
  llvm::Type *i8_, *i32_, *i64_, *f64_;
  llvm::PointerType* ptr_;
  llvm::StructType *col_, *str_;
};

}  // namespace leadc::jit
