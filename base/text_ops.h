// The language's text predicates (`==`, `starts_with`, `ends_with`, `contains`):
// byte comparisons, case-sensitive. The one definition that the interpreter, the
// JIT's column kernels and the JIT's helper calls all use (the analysis encodes the
// same meaning with Z3's string theory; differential tests keep them together).
#pragma once

#include <cstring>
#include <string_view>

namespace leadc::text {

// Cells and patterns are short: an inline loop beats a call to memcmp.
inline bool same_bytes(const char* a, const char* b, size_t n) {
  if (n > 32) return std::memcmp(a, b, n) == 0;
  for (size_t k = 0; k < n; ++k) {
    if (a[k] != b[k]) return false;
  }
  return true;
}

inline bool equal(std::string_view x, std::string_view y) {
  return x.size() == y.size() && same_bytes(x.data(), y.data(), y.size());
}
inline bool starts_with(std::string_view x, std::string_view y) {
  return x.size() >= y.size() && same_bytes(x.data(), y.data(), y.size());
}
inline bool ends_with(std::string_view x, std::string_view y) {
  return x.size() >= y.size() && same_bytes(x.data() + x.size() - y.size(), y.data(), y.size());
}
inline bool contains(std::string_view x, std::string_view y) {
  if (y.empty()) return true;
  if (x.size() < y.size()) return false;
  const char first = y[0];
  for (size_t i = 0, last = x.size() - y.size(); i <= last; ++i) {
    if (x[i] == first && same_bytes(x.data() + i + 1, y.data() + 1, y.size() - 1)) return true;
  }
  return false;
}

}  // namespace leadc::text
