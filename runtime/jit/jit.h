// The LLVM JIT engine: compiles an ir::Program to native code (loops over the rows
// of a batch) with LLVM 16 ORC and runs it behind the rt::Evaluator interface.
// Code generation is compiler/llvm/; this is the executor: it links the object with
// ORC and calls it per batch. Compiled objects are cached on disk (object_cache.h).
// Built only with -DLEADC_JIT=ON, which defines LEADC_HAVE_JIT for dependants.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/expected.h"
#include "compiler/ir/ir.h"
#include "runtime/evaluator.h"

namespace leadc::jit {

struct JitOptions {
  // Computed registers per generated loop function; 0: one loop. Code generation
  // time grows faster than linearly with the size of a loop.
  size_t part_size = 256;
  // With several parts: rows per round of part calls (the columns that carry values
  // between parts stay in cache); 0: the whole batch.
  size_t tile_rows = 512;
  // Use the on-disk object cache (still off when LEADC_JIT_CACHE=0).
  bool use_cache = true;
};

struct JitStats {
  double lower_ms = 0;     // ir::Program -> LLVM IR
  double optimize_ms = 0;  // the O2 module pipeline (0 on a cache hit)
  double codegen_ms = 0;   // machine code (or reading it from the cache) and linking
  double total_ms = 0;
  double cpu_ms = 0;       // CPU time of the compiling thread (the others are wall time)
  bool cache_hit = false;  // the object came from the on-disk cache
  size_t parts = 0;        // loop functions generated
  size_t stored_registers = 0;       // registers the generated loops write back per row
  size_t precomputed_registers = 0;  // string predicates computed before the loops
};

// Compiles `program`, or says why it cannot (an ill-formed program, no usable
// native target). Fills *stats when given.
Expected<std::unique_ptr<rt::Evaluator>> make_jit(const ir::Program& program, rt::EvalContext ctx,
                                                  const JitOptions& options = {}, JitStats* stats = nullptr);

// The LLVM IR for `program` (`leadc compile --emit llvm`), after the O2 pipeline
// when `optimize`.
Expected<std::string> emit_llvm_ir(const ir::Program& program, bool optimize = true, const JitOptions& options = {});

// The JIT fills exactly ir::required_registers(program) (and the string predicates
// it precomputes); the columns of the others are left empty.

}  // namespace leadc::jit
