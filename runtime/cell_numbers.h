// The decimal syntax of int, number, duration and money cells (LANGUAGE.md section 7):
// an optional '-', digits, optionally '.' and digits; scaled into IR units (seconds,
// cents). Inline because FieldReader's per-kind readers (cell_parse.cpp) call it once a
// cell: a call per cell was measurable on the 1M-row benchmark. Internal to runtime/.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace leadc::rt::cell_numbers {

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }

// 10^k for the k decimals of a cell (at most 16 are exact in a double's mantissa).
inline constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                                    1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16};

// A cell of 1 to 8 plain digits (no sign, point or space) as an integer, reading 8 bytes
// at p (the caller guarantees they are readable): the digits are moved to the top of a
// 64-bit word behind '0's and converted 8 at a time (Lemire's SWAR "eight digits"), so
// the cell's length costs no branch per digit.
[[gnu::always_inline]] inline bool plain_digits8(const char* p, size_t n, uint64_t& value) {
  if (n == 0 || n > 8) return false;
  constexpr uint64_t kZeros = 0x3030303030303030ull, kHigh = 0xF0F0F0F0F0F0F0F0ull;
  uint64_t w;
  std::memcpy(&w, p, 8);
  static_assert(std::endian::native == std::endian::little || std::endian::native == std::endian::big);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  const unsigned shift = static_cast<unsigned>(8 * (8 - n));
  w = (w << shift) | (kZeros & ((uint64_t{1} << shift) - 1));
  if ((w & kHigh) != kZeros || ((w + 0x0606060606060606ull) & kHigh) != kZeros) return false;
  w -= kZeros;
  w = w * 10 + (w >> 8);
  value = (((w & 0x000000FF000000FFull) * (100 + (1000000ull << 32))) +
           (((w >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32)))) >> 32;
  return true;
}

// Up to 8 digits, then optionally (when `fraction`) '.' and 1 or 2 digits, as the digits
// without the point and the number of decimals; 8 bytes at text.data() must be readable.
[[gnu::always_inline]] inline bool plain_decimal(std::string_view text, bool fraction, uint64_t& digits,
                                                 int& decimals) {
  const size_t n = text.size();
  if (plain_digits8(text.data(), n, digits)) return true;
  if (!fraction || n < 3 || n > 11) return false;
  decimals = text[n - 2] == '.' ? 1 : text[n - 3] == '.' ? 2 : 0;
  if (decimals == 0 || !plain_digits8(text.data(), n - 1 - static_cast<size_t>(decimals), digits)) return false;
  for (size_t i = n - static_cast<size_t>(decimals); i < n; ++i) {
    if (!is_digit(text[i])) return false;
    digits = digits * 10 + static_cast<uint64_t>(text[i] - '0');
  }
  return true;
}


// floor() is a libm call without SSE4.1; a round trip through int64 is not.
inline bool is_whole(double x) {
  if (!(std::fabs(x) < 4503599627370496.0)) return x == x;  // |x| >= 2^52 (or inf) is whole; NaN is not
  return static_cast<double>(static_cast<int64_t>(x)) == x;
}


// Big: the value is the nearest double, but beyond 2^53 IR units, where a double no
// longer holds every whole number: fine for `number`, a data error for exact kinds.
enum class Dec : uint8_t { Ok, Big, Syntax, Range };

inline constexpr double kExactLimit = 9007199254740992.0;  // 2^53: every whole number up to it is a double

// Numbers of more than 15 digits: exact while the digits and the scaled value fit 64
// bits, else the nearest double (from_chars). Rare, so kept out of line (cell_numbers.cpp).
Dec parse_long_decimal(std::string_view s, size_t int_begin, int decimals, double scale, double& v);

// The entry point: `s` (trimmed) as a decimal times `scale`, with its number of decimals
// and sign; never a negative zero.
[[gnu::always_inline]] inline Dec parse_decimal(std::string_view s, double scale, double& out, int& decimals,
                                                 bool& negative) {
  size_t i = 0;
  negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  const size_t int_begin = i;
  uint64_t mantissa = 0;
  while (i < s.size() && is_digit(s[i])) mantissa = mantissa * 10 + static_cast<uint64_t>(s[i++] - '0');
  const size_t int_digits = i - int_begin;
  if (int_digits == 0) return Dec::Syntax;
  decimals = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(s[i++] - '0');
      ++decimals;
    }
    if (decimals == 0) return Dec::Syntax;
  }
  if (i != s.size()) return Dec::Syntax;
  double v;
  const size_t digits = int_digits + static_cast<size_t>(decimals);
  if (digits <= 15 && decimals <= 16) {
    // Exact: mantissa < 2^53. Scaling before dividing keeps money cents and
    // durations like 0.1 days exact whenever mantissa * scale is an exact integer.
    const double m = static_cast<double>(mantissa);
    const double ms = m * scale;
    if (ms < kExactLimit && is_whole(scale))
      v = decimals == 0 ? ms : ms / kPow10[decimals];
    else
      v = m / kPow10[decimals] * scale;
    if (!std::isfinite(v)) [[unlikely]] return Dec::Range;  // a huge unit scale
  } else {
    const Dec d = parse_long_decimal(s, int_begin, decimals, scale, v);
    if (d == Dec::Syntax || d == Dec::Range) return d;
    out = negative ? -v : v;
    if (out == 0) out = 0;
    return d;
  }
  out = negative ? -v : v;
  if (out == 0) out = 0;  // no negative zero
  return Dec::Ok;
}

// The symbol of a currency code ("$" for USD), or empty when it has none.
std::string_view currency_symbol(std::string_view code);

}  // namespace leadc::rt::cell_numbers
