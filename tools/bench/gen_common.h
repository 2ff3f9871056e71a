// What the two data generators (gen_leads, gen_events) share: their random numbers
// (splitmix64), weighted picks, the --bad-every cells, the buffered CSV writer and the
// count parser. The same seed and arguments must keep giving the same bytes.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>
#include <vector>

#include "base/civil_time.h"

namespace leadc::bench {

// splitmix64: tiny, fast and good enough for synthetic data.
struct SplitMix64 {
  explicit SplitMix64(uint64_t seed) : s(seed) {}
  uint64_t next() {
    uint64_t z = (s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
  uint64_t s;
};

// A number below n, with 64-bit arithmetic (gen_events) or, as gen_leads has always
// drawn it, from the upper 32 bits (n < 2^32). The files depend on the draw, so both stay.
template <bool kWide>
struct Random : SplitMix64 {
  using SplitMix64::SplitMix64;
  uint64_t below(uint64_t n) {
    if constexpr (kWide) return static_cast<uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
    else return uint32_t((next() >> 32) * uint32_t(n) >> 32);
  }
  bool chance(uint32_t percent) { return below(100) < percent; }
};

// A value with a relative weight.
struct Weighted {
  std::string_view text;
  uint32_t weight;
};

template <bool kWide, size_t N>
std::string_view pick_weighted(Random<kWide>& r, const Weighted (&a)[N]) {
  uint32_t total = 0;
  for (const auto& w : a) total += w.weight;
  uint32_t x = static_cast<uint32_t>(r.below(total));
  for (const auto& w : a) {
    if (x < w.weight) return w.text;
    x -= w.weight;
  }
  return a[N - 1].text;
}

// A cell that no reader accepts, with the column it goes in (index into the header).
struct Bad {
  int column;
  std::string_view text;
};

// --bad-every K: the unreadable cell of row `i` (from 0), drawn from `bad` for every
// K-th row; null for the others and when K is 0.
template <bool kWide, size_t N>
const Bad* bad_cell(Random<kWide>& r, uint64_t i, uint64_t every, const Bad (&bad)[N]) {
  if (!every || (i + 1) % every != 0) return nullptr;
  return &bad[r.below(N)];
}

// Output buffer flushed to the file in large blocks.
class Writer {
 public:
  explicit Writer(std::FILE* f) : f_(f), buf_(size_t(8) << 20) {}
  ~Writer() { flush(); }
  void put(std::string_view s) {
    if (n_ + s.size() > buf_.size()) flush();
    std::memcpy(buf_.data() + n_, s.data(), s.size());
    n_ += s.size();
  }
  void put(char c) {
    if (n_ == buf_.size()) flush();
    buf_[n_++] = c;
  }
  void put_uint(uint64_t v) {
    char tmp[24];
    int i = 24;
    do {
      tmp[--i] = char('0' + v % 10);
      v /= 10;
    } while (v);
    put(std::string_view(tmp + i, size_t(24 - i)));
  }
  // Zero-padded to `width` digits (phone number tails).
  void put_padded(uint64_t v, int width) {
    char tmp[24];
    for (int i = width - 1; i >= 0; --i) {
      tmp[i] = char('0' + v % 10);
      v /= 10;
    }
    put(std::string_view(tmp, size_t(width)));
  }
  // A text cell, quoted (RFC 4180) when it holds a comma, quote or line break.
  void put_cell(std::string_view s) {
    if (s.find_first_of(",\"\n\r") == std::string_view::npos) return put(s);
    put('"');
    for (char c : s) {
      if (c == '"') put('"');
      put(c);
    }
    put('"');
  }
  // Seconds since the epoch as `2026-11-22T08:15:00Z` (base/civil_time's writer).
  void put_time(int64_t seconds) {
    char tmp[kMaxIsoText];
    put(std::string_view(tmp, size_t(write_iso_timestamp(tmp, double(seconds)) - tmp)));
  }
  bool flush() {
    if (n_ && std::fwrite(buf_.data(), 1, n_, f_) != n_) ok_ = false;
    n_ = 0;
    return ok_;
  }

 private:
  std::FILE* f_;
  std::vector<char> buf_;
  size_t n_ = 0;
  bool ok_ = true;
};

// A whole decimal number (a row count, a seed); false when `s` is not one.
inline bool parse_count(const char* s, uint64_t& v) {
  char* end = nullptr;
  v = std::strtoull(s, &end, 10);
  return *s && !*end;
}

}  // namespace leadc::bench
