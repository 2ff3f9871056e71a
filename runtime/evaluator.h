// An Evaluator runs one ir::Program over batches. The interpreter (runtime/interpreter.h)
// and the LLVM JIT (runtime/jit/jit.h) both implement it, so `leadc run` and
// `leadc test` do not care which engine they use.
#pragma once

#include <memory>

#include "base/expected.h"
#include "runtime/batch.h"

namespace leadc::rt {

class Evaluator {
 public:
  virtual ~Evaluator() = default;
  // Fills `out.regs` (resized to program.code.size()) for every row of `in`.
  // Must be safe to call from several threads on different batches. Str registers
  // are views into `in` or into the evaluator's own constants: read them while both
  // the batch and the evaluator are alive.
  virtual void evaluate(const Batch& in, Registers& out) const = 0;
};

struct EvalContext {
  double as_of = 0;  // seconds since epoch, the value of ir::Op::AsOf
};

// The interpreter for `program`, or why the program is ill-formed (ir::verify).
Expected<std::unique_ptr<Evaluator>> make_interpreter(const ir::Program& program, EvalContext ctx);

}  // namespace leadc::rt
