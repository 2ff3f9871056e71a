// Row boundary scanning (see row_scan.h). The 16-byte SSE2 path needs no per-byte
// loop even for blocks with quotes: the quote state inside a block is a prefix xor.
#include "runtime/row_scan.h"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace leadc::rt {
namespace {

// Without -mpopcnt (generic x86-64) std::popcount becomes a libgcc call; the masks here
// have 16 bits, so a few shifts and adds are cheaper.
inline unsigned popcount16(unsigned x) {
#if defined(__POPCNT__)
  return static_cast<unsigned>(std::popcount(x));
#else
  x = x - ((x >> 1) & 0x5555u);
  x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
  x = (x + (x >> 4)) & 0x0f0fu;
  return (x + (x >> 8)) & 0x1fu;
#endif
}

}  // namespace

void RowScan::scan(const char* data, size_t from, size_t to) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  const __m128i qt = _mm_set1_epi8('"');
  while (i + 16 <= to) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    const unsigned nmask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)));
    const unsigned qmask = quotes ? static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, qt))) : 0;
    if ((qmask | nmask) != 0) {
      // Bytes inside quotes: the running parity of quotes (prefix xor), flipped when
      // the block starts inside a quote. A quote byte itself is never a newline.
      unsigned inside = qmask;
      inside ^= inside << 1;
      inside ^= inside << 2;
      inside ^= inside << 4;
      inside ^= inside << 8;
      if (in_quote) inside = ~inside;
      const unsigned ends = nmask & ~inside & 0xFFFFu;
      if (ends != 0) {
        const unsigned width = static_cast<unsigned>(std::bit_width(ends));  // just past the last row end
        last_boundary = i + width;
        newlines_at_boundary = newlines + popcount16(nmask & ((1u << width) - 1));
      }
      newlines += popcount16(nmask);
      in_quote ^= (popcount16(qmask) & 1) != 0;
    }
    i += 16;
  }
#endif
  for (; i < to; ++i) {
    const char c = data[i];
    if (c == '"' && quotes) {
      in_quote = !in_quote;
    } else if (c == '\n') {
      ++newlines;
      if (!in_quote) {
        last_boundary = i + 1;
        newlines_at_boundary = newlines;
      }
    }
  }
}

size_t find_row_end(const char* data, size_t size, bool quotes) {
  if (!quotes) {
    const void* p = std::memchr(data, '\n', size);
    return p ? static_cast<size_t>(static_cast<const char*>(p) - data) : size;
  }
  bool in_quote = false;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == '"') in_quote = !in_quote;
    else if (data[i] == '\n' && !in_quote) return i;
  }
  return size;
}

}  // namespace leadc::rt
