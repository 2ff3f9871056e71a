// Text cells: the UTF-8 rule every text cell obeys, and the e-mail and phone syntax
// (the rules are base/contact_syntax.h; these are the reader's fast forms of them).
// KnownUtf8Chunk, which lets a chunk skip the per-cell UTF-8 check, is in cell_parse.cpp.
#include "runtime/cell_text.h"

#include <cstring>

#include "base/contact_syntax.h"
#include "runtime/cell_parse.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace leadc::rt {

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  // ASCII 8 bytes at a time: the common cell costs a word test, not a byte loop.
  for (uint64_t w; i + 8 <= n; i += 8) {
    std::memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ull) break;
  }
  while (i < n) {
    const unsigned c = p[i];
    if (c < 0x80) { ++i; continue; }
    size_t len;
    unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
    else return false;
    if (i + len > n || p[i + 1] < lo || p[i + 1] > hi) return false;
    for (size_t k = 2; k < len; ++k)
      if ((p[i + k] & 0xC0) != 0x80) return false;
    i += len;
  }
  return true;
}

bool valid_email(std::string_view s) {
  size_t at = std::string_view::npos;
#if defined(__SSE2__)
  if (s.size() >= 16) {
    // 16 bytes at a time; the last block overlaps the one before it, and the bytes
    // already seen are masked out.
    const __m128i space = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t'), four = _mm_set1_epi8(4),
                  at_sign = _mm_set1_epi8('@');
    for (size_t i = 0; i < s.size(); i += 16) {
      const size_t off = i + 16 <= s.size() ? i : s.size() - 16;
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + off));
      const __m128i ctl = _mm_sub_epi8(v, tab);  // '\t'..'\r' -> 0..4
      const __m128i ws = _mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(_mm_min_epu8(ctl, four), ctl));
      const unsigned keep = (0xFFFFu << (i - off)) & 0xFFFFu;
      if (static_cast<unsigned>(_mm_movemask_epi8(ws)) & keep) return false;
      const unsigned ats = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, at_sign))) & keep;
      if (ats != 0) {
        if (at != std::string_view::npos || (ats & (ats - 1)) != 0) return false;
        at = off + static_cast<size_t>(__builtin_ctz(ats));
      }
    }
    return at != std::string_view::npos && at > 0 && at + 1 < s.size();
  }
#endif
  return contact::email_is_valid(s);
}

bool valid_phone(std::string_view s) { return cell_text::phone_is_valid(s); }

}  // namespace leadc::rt
