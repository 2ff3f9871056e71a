// The extern "C" string predicates the JIT-compiled code calls: base/text_ops.h, the
// interpreter's definition. Registered with the JIT as absolute symbols, so they need
// not be exported from the executable.
#include "runtime/jit/string_helpers.h"

#include <cstdint>
#include <cstring>
#include <string_view>

#include "base/text_ops.h"

namespace {
std::string_view view(const char* p, int64_t n) { return n == 0 ? std::string_view() : std::string_view(p, n); }
}  // namespace

extern "C" {

int32_t leadc_jit_str_eq(const char* a, int64_t an, const char* b, int64_t bn) {
  return leadc::text::equal(view(a, an), view(b, bn));
}
int32_t leadc_jit_starts_with(const char* a, int64_t an, const char* b, int64_t bn) {
  return leadc::text::starts_with(view(a, an), view(b, bn));
}
int32_t leadc_jit_ends_with(const char* a, int64_t an, const char* b, int64_t bn) {
  return leadc::text::ends_with(view(a, an), view(b, bn));
}
int32_t leadc_jit_contains(const char* a, int64_t an, const char* b, int64_t bn) {
  return leadc::text::contains(view(a, an), view(b, bn));
}

}  // extern "C"

namespace leadc::jit {

const std::vector<HelperSymbol>& helper_symbols() {
  static const std::vector<HelperSymbol> symbols = {
      {"leadc_jit_str_eq", reinterpret_cast<void*>(&leadc_jit_str_eq)},
      {"leadc_jit_starts_with", reinterpret_cast<void*>(&leadc_jit_starts_with)},
      {"leadc_jit_ends_with", reinterpret_cast<void*>(&leadc_jit_ends_with)},
      {"leadc_jit_contains", reinterpret_cast<void*>(&leadc_jit_contains)},
      // LLVM turns fill and copy loops into calls to these.
      {"memset", reinterpret_cast<void*>(&std::memset)},
      {"memcpy", reinterpret_cast<void*>(&std::memcpy)},
      {"memmove", reinterpret_cast<void*>(&std::memmove)},
  };
  return symbols;
}

}  // namespace leadc::jit
