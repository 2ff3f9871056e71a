// Shared by the JIT tests.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"
#include "runtime/jit/jit.h"

namespace leadc::testing {

// Whether two evaluations agree, byte for byte, on every register the JIT fills.
inline bool same_registers(const ir::Program& p, const rt::Registers& a, const rt::Registers& b) {
  std::vector<bool> named = ir::required_registers(p);
  for (size_t r = 0; r < p.code.size(); ++r) {
    if (!named[r]) continue;
    const rt::Column &x = a.regs[r], &y = b.regs[r];
    if (x.known != y.known || x.num != y.num || x.b != y.b || x.member != y.member || x.str != y.str) return false;
  }
  return true;
}

// The JIT's evaluator for `p`; fails the test case with the JIT's message when it
// cannot compile.
inline std::unique_ptr<rt::Evaluator> must_jit(const ir::Program& p, rt::EvalContext ctx,
                                               const jit::JitOptions& options = {}, jit::JitStats* stats = nullptr) {
  auto jit = jit::make_jit(p, ctx, options, stats);
  REQUIRE_MESSAGE(bool(jit), jit.error());
  return std::move(*jit);
}

}  // namespace leadc::testing
