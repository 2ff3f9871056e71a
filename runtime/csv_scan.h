// Finding the next CSV structural byte (the delimiter, '\n', '"') 16 bytes at a time: SSE2 on
// x86-64 (always available there), 8 bytes at a time (SWAR) on other little-endian
// targets, one byte at a time elsewhere and for the last bytes of the data. The
// scalar versions are the reference the tests compare the fast ones against.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace leadc::rt {

// First byte in [p, end) equal to one of the template bytes (B may repeat A), or end.
template <char A, char B, char C>
inline const char* find_any_scalar(const char* p, const char* end) {
  while (p < end && *p != A && *p != B && *p != C) ++p;
  return p;
}

// The delimiter is a runtime byte (LANGUAGE.md section 9: `,` `;` TAB `|`); broadcast
// once per call, it costs the SIMD loop nothing over a constant.
inline const char* find_any(const char* p, const char* end, char A, char B, char C) {
#if defined(__SSE2__)
  const __m128i a = _mm_set1_epi8(A), b = _mm_set1_epi8(B), c = _mm_set1_epi8(C);
  while (end - p >= 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, a), _mm_cmpeq_epi8(v, b)), _mm_cmpeq_epi8(v, c));
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hit));
    if (mask != 0) return p + __builtin_ctz(mask);
    p += 16;
  }
#elif defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  // A zero byte of w ^ (x * 0x01…01) marks an x. The classic has-zero test can flag a
  // byte only above a real zero (the borrow runs upward), so its lowest flag is exact.
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  auto zeros = [](uint64_t x) { return (x - kOnes) & ~x & kHigh; };
  while (end - p >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    const uint64_t hit = zeros(w ^ (kOnes * static_cast<unsigned char>(A))) |
                         zeros(w ^ (kOnes * static_cast<unsigned char>(B))) |
                         zeros(w ^ (kOnes * static_cast<unsigned char>(C)));
    if (hit != 0) return p + (__builtin_ctzll(hit) >> 3);
    p += 8;
  }
#endif
  while (p < end && *p != A && *p != B && *p != C) ++p;
  return p;
}

// End of an unquoted cell: the next delimiter, '\n' or '"'.
inline const char* find_cell_stop(const char* p, const char* end, char delimiter = ',') {
  return find_any(p, end, delimiter, '\n', '"');
}
// Inside a quoted cell: the next '"' or '\n' (newlines are counted for line numbers).
inline const char* find_quote_or_newline(const char* p, const char* end) { return find_any(p, end, '"', '\n', '\n'); }

// The same search as find_cell_stop for positions that only move forward through one
// buffer: the stops of each 64-byte block are found once, as a bit mask, so the many
// short cells of a block cost a mask lookup each instead of a vector compare each.
class CellStops {
 public:
  CellStops(const char* begin, const char* end, char delimiter = ',') : begin_(begin), end_(end), delim_(delimiter) {}

  // First delimiter, '\n' or '"' in [p, end), or end. `p` must not be before the previous p.
  const char* next(const char* p) {
#if defined(__SSE2__)
    for (;;) {
      const size_t off = static_cast<size_t>(p - begin_);
      const size_t block = off & ~size_t{63};
      if (block != block_) load(block);
      const uint64_t m = mask_ & (~uint64_t{0} << (off & 63));
      if (m != 0) return begin_ + block + static_cast<size_t>(__builtin_ctzll(m));
      if (end_ - begin_ <= static_cast<ptrdiff_t>(block + 64)) return end_;
      p = begin_ + block + 64;
    }
#else
    return find_cell_stop(p, end_, delim_);
#endif
  }

 private:
#if defined(__SSE2__)
  void load(size_t block) {
    block_ = block;
    const char* b = begin_ + block;
    if (end_ - b >= 64) {
      const __m128i comma = _mm_set1_epi8(delim_), nl = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"');
      uint64_t m = 0;
      for (int k = 0; k < 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + 16 * k));
        const __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, nl)), _mm_cmpeq_epi8(v, quote));
        m |= static_cast<uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(hit))) << (16 * k);
      }
      mask_ = m;
      return;
    }
    uint64_t m = 0;  // the last, partial block
    for (ptrdiff_t i = 0; i < end_ - b; ++i)
      if (b[i] == delim_ || b[i] == '\n' || b[i] == '"') m |= uint64_t{1} << i;
    mask_ = m;
  }
  size_t block_ = ~size_t{0};
  uint64_t mask_ = 0;
#endif
  const char* begin_;
  const char* end_;
  char delim_;
};

}  // namespace leadc::rt
