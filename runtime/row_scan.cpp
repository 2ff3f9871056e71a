// Row boundary scanning (see row_scan.h). The 16-byte SSE2 path handles the common
// case of blocks without quotes with two compares and a popcount.
#include "runtime/row_scan.h"

#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace leadc::rt {

void RowScan::scan(const char* data, size_t from, size_t to) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  const __m128i qt = _mm_set1_epi8('"');
  while (i + 16 <= to) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
    const unsigned nmask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)));
    const unsigned qmask = quotes ? static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, qt))) : 0;
    if (qmask == 0) {
      if (nmask != 0) {
        newlines += static_cast<unsigned>(std::popcount(nmask));
        if (!in_quote) {
          last_boundary = i + static_cast<size_t>(std::bit_width(nmask));
          newlines_at_boundary = newlines;
        }
      }
      i += 16;
      continue;
    }
    for (const size_t end = i + 16; i < end; ++i) {
      const char c = data[i];
      if (c == '"') {
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
