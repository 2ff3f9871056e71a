// A set of 64-bit hashes, open addressing, 8 bytes a slot, at most 70 % full (so 11-23
// bytes per value held, 1.5 times that while it doubles): what `leadc infer` keeps to
// tell whether a column's values are all different, instead of the values themselves.
// Hashes are never 0 (0 marks an empty slot); cell_hash() gives such hashes.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

namespace leadc::rt {

inline uint64_t cell_hash(std::string_view s) {
  uint64_t x = std::hash<std::string_view>{}(s);
  x ^= x >> 30;  // splitmix64's finaliser, so the low bits index well
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x == 0 ? 1 : x;
}

class HashSet64 {
 public:
  // True when `h` (never 0) was not in the set; it is then.
  bool insert(uint64_t h) {
    if (slots_.empty()) slots_.assign(1024, 0);
    if (10 * (used_ + 1) > 7 * slots_.size()) grow();
    uint64_t& s = slots_[find(h)];
    if (s == h) return false;
    s = h;
    ++used_;
    return true;
  }
  size_t size() const { return used_; }
  size_t bytes() const { return slots_.capacity() * sizeof(uint64_t); }
  void release() {  // gives the memory back
    std::vector<uint64_t>().swap(slots_);
    used_ = 0;
  }

 private:
  size_t find(uint64_t h) const {
    const size_t mask = slots_.size() - 1;
    for (size_t s = h & mask;; s = (s + 1) & mask)
      if (slots_[s] == h || slots_[s] == 0) return s;
  }
  void grow() {
    std::vector<uint64_t> old = std::move(slots_);
    slots_.assign(old.size() * 2, 0);
    for (const uint64_t h : old)
      if (h != 0) slots_[find(h)] = h;
  }

  std::vector<uint64_t> slots_;  // 0 = empty; a power of two long
  size_t used_ = 0;
};

}  // namespace leadc::rt
