// Decimal cells beyond the inline fast path (cell_numbers.h), and the currency forms of
// money cells.
#include "runtime/cell_numbers.h"

#include <charconv>

#include "base/cell_words.h"
#include "runtime/cell_parse.h"

namespace leadc::rt {
namespace cell_numbers {

Dec parse_long_decimal(std::string_view s, size_t int_begin, int decimals, double scale, double& v) {
  uint64_t m = 0;
  bool fits = true;
  for (size_t i = int_begin; i < s.size() && fits; ++i) {
    if (s[i] == '.') continue;
    fits = !__builtin_mul_overflow(m, uint64_t{10}, &m) &&
           !__builtin_add_overflow(m, static_cast<uint64_t>(s[i] - '0'), &m);
  }
  if (fits && is_whole(scale) && scale >= 1 && scale < 1e18 && decimals <= 19) {
    const uint64_t scale_u = static_cast<uint64_t>(scale);
    uint64_t p10 = 1;
    for (int k = 0; k < decimals; ++k) p10 *= 10;
    uint64_t prod;
    if (scale_u % p10 == 0 && !__builtin_mul_overflow(m, scale_u / p10, &prod)) {
      v = static_cast<double>(prod);
      return prod <= (uint64_t{1} << 53) ? Dec::Ok : Dec::Big;
    }
  }
  auto [ptr, ec] = std::from_chars(s.data() + int_begin, s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) return Dec::Range;
  if (ec != std::errc() || ptr != s.data() + s.size()) return Dec::Syntax;
  v *= scale;
  if (!std::isfinite(v)) return Dec::Range;
  return v <= kExactLimit ? Dec::Ok : Dec::Big;
}

std::string_view currency_symbol(std::string_view code) {
  for (const cell_words::CurrencySymbol& c : cell_words::kCurrencySymbols)
    if (c.code == code) return c.symbol;
  return {};
}

}  // namespace cell_numbers

// `$1200.50`, `1200.50 USD`, `USD 1200.50` for a USD field: the amount without the
// currency (only the field's own; anything else stays and does not parse).
std::string_view FieldReader::strip_currency(std::string_view t) const {
  auto strip = [&](std::string_view mark) {
    if (mark.empty() || t.size() <= mark.size()) return false;
    if (t.substr(0, mark.size()) == mark) { t = trim_spaces(t.substr(mark.size())); return true; }
    if (t.substr(t.size() - mark.size()) == mark) { t = trim_spaces(t.substr(0, t.size() - mark.size())); return true; }
    return false;
  };
  if (!strip(input_->unit)) strip(currency_symbol_);
  return t;
}

}  // namespace leadc::rt
