#include "base/expected.h"

#include <cstdio>
#include <cstdlib>

namespace leadc {

void fail_internally(const std::string& message) {
  std::fprintf(stderr, "leadc: internal error: %s\n", message.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace leadc
