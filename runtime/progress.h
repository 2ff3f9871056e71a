// The `leadc run` progress line on stderr: shown only when stderr is a terminal and
// the run has lasted more than a second, redrawn at most ten times a second.
#pragma once

#include <chrono>
#include <cstdint>

namespace leadc::rt {

class Progress {
 public:
  explicit Progress(bool wanted, uint64_t total_bytes);
  void update(uint64_t rows, uint64_t bytes);
  void finish();  // erases the line if one was drawn
  ~Progress() { finish(); }

 private:
  bool enabled_;
  bool drawn_ = false;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace leadc::rt
