// A count with its noun in the right number (`1 lead`, `2 leads`, `0 leads`): the one
// rule for every summary and report text that counts something.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace leadc {

inline std::string counted(uint64_t n, std::string_view one, std::string_view many) {
  std::string s = std::to_string(n);
  s += ' ';
  s += n == 1 ? one : many;
  return s;
}

}  // namespace leadc
