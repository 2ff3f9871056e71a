// Lowering of an ir::Program to LLVM code that evaluates a whole batch:
//   void leadc_eval(const ColRef* inputs, ColRef* regs, int64_t rows, double as_of)
// where ColRef = { uint8_t* known; void* values } points at an rt::Column's arrays.
// Long programs are cut into parts, each its own function with its own row loop.
// Internal to the JIT (it exposes LLVM types); the public API is runtime/jit/jit.h.
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
  // First register of each part after the first (see plan_parts); empty: one loop.
  std::vector<size_t> part_starts;
  size_t tile_rows = 0;  // with several parts: rows per round of part calls (0: the batch)
};

// Cuts the program into parts of about `part_size` computed registers (0: never).
// A value that one part computes and a later one uses goes through its register's
// column, so this marks such registers in `options.materialise`. Code generation
// time grows faster than linearly with the size of a loop body; this bounds it.
void plan_parts(const ir::Program& program, size_t part_size, LowerOptions& options);

llvm::Expected<std::unique_ptr<llvm::Module>> lower_program(const ir::Program& program, llvm::LLVMContext& ctx,
                                                             const LowerOptions& options);

// The generated code calls host helpers for string predicates by name
// (leadc_jit_str_eq, leadc_jit_starts_with, leadc_jit_ends_with, leadc_jit_contains:
// extern "C", no allocation); the JIT evaluator defines them (runtime/jit/string_helpers.h).

}  // namespace leadc::jit
