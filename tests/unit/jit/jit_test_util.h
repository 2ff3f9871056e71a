// Shared by the JIT cache tests.
#pragma once

#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"

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

}  // namespace leadc::testing
