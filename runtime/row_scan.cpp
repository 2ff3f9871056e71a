// Row boundary scanning (see row_scan.h). The 16-byte SSE2 path needs no per-byte
// loop even for blocks with quotes: the quote state inside a block is a prefix xor,
// which is right as long as every quote of the block opens or closes a quoted section.
// A quote that the xor would take as opening but that does not start a cell is text
// (a stray quote, `5" screen`); such a block is rescanned one byte at a time.
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

void RowScan::scan_bytes(const char* data, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    const char c = data[i];
    if (c == '"' && quotes) {
      if (in_quote) {
        in_quote = false;
        at_start = true;  // a '"' right after a closing quote is the second half of `""`
      } else if (at_start) {
        in_quote = true;
      }  // else: a quote inside an unquoted cell is text; at_start stays false
    } else if (c == '\n') {
      ++newlines;
      if (!in_quote) {
        last_boundary = i + 1;
        newlines_at_boundary = newlines;
        at_start = true;
      }
    } else if (!in_quote) {
      at_start = c == delimiter;
    }
  }
}

void RowScan::scan(const char* data, size_t from, size_t to) {
  size_t i = from;
#if defined(__SSE2__)
  const __m128i nl = _mm_set1_epi8('\n');
  const __m128i qt = _mm_set1_epi8('"');
  const __m128i comma = _mm_set1_epi8(delimiter);
  // `at_start` is kept up to date only by blocks with quotes; after blocks without
  // any it is read off the byte before (no quote there, so only the delimiter or '\n' count).
  size_t start_valid_at = from;
  auto start_before = [&](size_t at) {
    return at == start_valid_at ? at_start : (data[at - 1] == delimiter || data[at - 1] == '\n');
  };
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
      inside &= 0xFFFFu;
      if (qmask != 0) {
        // An opening quote must start a cell: follow a delimiter or '\n' outside quotes, a
        // closing quote (`""`), or the start of the block when a cell starts there.
        const unsigned cmask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma)));
        const unsigned seps = (cmask | nmask) & ~inside;
        const unsigned close = qmask & ~inside;
        const unsigned allowed = ((seps | close) << 1) | (start_before(i) ? 1u : 0u);
        if ((qmask & inside & ~allowed) != 0) {
          if (start_valid_at != i) at_start = start_before(i);
          scan_bytes(data, i, i + 16);  // a stray quote: the byte loop knows the rule
          i += 16;
          start_valid_at = i;
          continue;
        }
        at_start = ((seps | close) >> 15) & 1u;
        start_valid_at = i + 16;
      }
      const unsigned ends = nmask & ~inside;
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
  if (start_valid_at != i) at_start = !in_quote && start_before(i);
#endif
  scan_bytes(data, i, to);
}

size_t find_row_end(const char* data, size_t size, bool quotes, char delimiter) {
  if (!quotes) {
    const void* p = std::memchr(data, '\n', size);
    return p ? static_cast<size_t>(static_cast<const char*>(p) - data) : size;
  }
  RowScan s;
  s.delimiter = delimiter;
  for (size_t i = 0; i < size; ++i) {
    s.scan_bytes(data, i, i + 1);
    if (s.last_boundary != 0) return i;
  }
  return size;
}

}  // namespace leadc::rt
