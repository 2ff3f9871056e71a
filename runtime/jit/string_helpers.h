// Host functions the JIT-compiled code calls (the string predicates, by the names
// compiler/llvm/emit_strings.cpp emits, and the libc functions LLVM may emit calls
// to), for registration with the JIT as absolute symbols.
#pragma once

#include <vector>

namespace leadc::jit {

struct HelperSymbol {
  const char* name;
  void* address;
};
const std::vector<HelperSymbol>& helper_symbols();

}  // namespace leadc::jit
