// The LLVM JIT engine: compiles an ir::Program to native code (one loop over the
// rows of a batch) with LLVM 16 ORC and runs it behind the rt::Evaluator interface.
// Built only with -DLEADC_JIT=ON, which defines LEADC_HAVE_JIT for dependants.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/evaluator.h"

namespace leadc::jit {

struct JitStats {
  double lower_ms = 0;     // ir::Program -> LLVM IR
  double optimize_ms = 0;  // the O2 module pipeline
  double codegen_ms = 0;   // machine code and linking (the first lookup)
  double total_ms = 0;
  size_t stored_registers = 0;       // registers the generated loop writes back per row
  size_t precomputed_registers = 0;  // string predicates computed before the loop
};

// Compiles `program`. Returns nullptr and sets *error (when given) on failure,
// e.g. an ill-typed program or no usable native target. Fills *stats when given.
std::unique_ptr<rt::Evaluator> make_jit(const ir::Program& program, rt::EvalContext ctx, std::string* error,
                                        JitStats* stats = nullptr);

// The LLVM IR for `program` (`leadc compile --emit llvm`), after the O2 pipeline
// when `optimize`. On failure, returns a text starting with "error: ".
std::string emit_llvm_ir(const ir::Program& program, bool optimize = true);

// Per register: whether the Registers contract (runtime/batch.h) requires it, i.e.
// it is named by an output, term, score, score rule, classification, label or const.
// The JIT fills exactly these; the columns of the others are left empty.
std::vector<bool> named_registers(const ir::Program& program);

}  // namespace leadc::jit
