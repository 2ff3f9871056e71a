// Progress line for `leadc run` (see progress.h).
#include "runtime/progress.h"

#include <unistd.h>

#include <cstdio>

namespace leadc::rt {

Progress::Progress(bool wanted, uint64_t total_bytes)
    : enabled_(wanted && ::isatty(STDERR_FILENO)), total_(total_bytes), start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void Progress::update(uint64_t rows, uint64_t bytes) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  const double elapsed = std::chrono::duration<double>(now - start_).count();
  if (elapsed < 1.0 || now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  const double rate = rows / elapsed;
  if (total_ > 0)
    std::fprintf(stderr, "\r%llu rows  %.0f rows/s  %3.0f%%\033[K", static_cast<unsigned long long>(rows), rate,
                 100.0 * static_cast<double>(bytes) / static_cast<double>(total_));
  else
    std::fprintf(stderr, "\r%llu rows  %.0f rows/s\033[K", static_cast<unsigned long long>(rows), rate);
  std::fflush(stderr);
}

void Progress::finish() {
  if (!drawn_) return;
  drawn_ = false;
  std::fputs("\r\033[K", stderr);
  std::fflush(stderr);
}

}  // namespace leadc::rt
