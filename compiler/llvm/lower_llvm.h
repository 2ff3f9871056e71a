// Lowering of an ir::Program to one LLVM function that evaluates a whole batch:
//   void leadc_eval(const ColRef* inputs, ColRef* regs, int64_t rows, double as_of)
// where ColRef = { uint8_t* known; void* values } points at an rt::Column's arrays.
// Internal to leadc_jit (it exposes LLVM types); the public API is jit.h.
#pragma once

#include <memory>
#include <vector>

#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/Module.h>
#include <llvm/Support/Error.h>

#include "compiler/ir/ir.h"

namespace leadc::jit {

constexpr const char* kEvalSymbol = "leadc_eval";

// The C view of one column passed to the generated code.
struct ColRef {
  uint8_t* known;
  void* values;  // double*, uint8_t* (Bool), int32_t* (Enum) or std::string_view*
};
using EvalFn = void (*)(const ColRef* inputs, ColRef* regs, int64_t rows, double as_of);

struct LowerOptions {
  bool str_len_first = false;       // std::string_view is {len, ptr} rather than {ptr, len}
  std::vector<bool> materialise;    // per register: store it into regs[r]
  // Per register: the caller has already computed this Bool register into regs[r]
  // (string predicates, so the row loop makes no calls); the code loads it.
  std::vector<bool> precomputed;
};

llvm::Expected<std::unique_ptr<llvm::Module>> lower_program(const ir::Program& program, llvm::LLVMContext& ctx,
                                                             const LowerOptions& options);

// Host helpers the generated code calls for string predicates (extern "C", no
// allocation). `helper_symbols` lists them for registration with the JIT.
struct HelperSymbol {
  const char* name;
  void* address;
};
const std::vector<HelperSymbol>& helper_symbols();

}  // namespace leadc::jit
