// Cell parsing rules shared by the CSV and JSON Lines readers (see cell_parse.h).
#include "runtime/cell_parse.h"

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "base/cell_words.h"
#include "base/contact_syntax.h"
#include "base/civil_time.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace leadc::rt {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at s[pos..]; false if any is not a digit.
constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
                             1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16};

const char* kind_type_name(ir::FieldKind k) {
  switch (k) {
    case ir::FieldKind::Bool: return "bool";
    case ir::FieldKind::Int: return "int";
    case ir::FieldKind::Number: return "number";
    case ir::FieldKind::Text: return "text";
    case ir::FieldKind::Email: return "email";
    case ir::FieldKind::Phone: return "phone";
    case ir::FieldKind::Date: return "date";
    case ir::FieldKind::Timestamp: return "timestamp";
    case ir::FieldKind::Duration: return "duration";
    case ir::FieldKind::Money: return "money";
    case ir::FieldKind::Enum: return "enum";
  }
  return "value";
}

// Byte classes for the phone check (the rule is base/contact_syntax.h): one table
// load per byte.
enum : uint8_t { kOther = 0, kDigit = 1, kSeparator = 2 };
constexpr std::array<uint8_t, 256> make_phone_class() {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  for (char c : contact::kPhoneSeparators) t[static_cast<unsigned char>(c)] = kSeparator;
  return t;
}
constexpr std::array<uint8_t, 256> kPhoneClass = make_phone_class();

// Equality of two n-byte strings with at most two overlapping word compares for short
// names (an out-of-line memcmp call costs more than the compare for enum members).
bool same_bytes(const char* a, const char* b, size_t n) {
  auto load8 = [](const char* p) { uint64_t v; std::memcpy(&v, p, 8); return v; };
  auto load4 = [](const char* p) { uint32_t v; std::memcpy(&v, p, 4); return v; };
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    return load8(a) == load8(b) && load8(a + n - 8) == load8(b + n - 8);
  }
  if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

// Slot of a non-empty enum member name in FieldReader's 64-entry table.
constexpr size_t kMemberSlots = 64;
size_t member_slot(std::string_view name, uint32_t mult) {
  if (name.empty()) return 0;
  const uint32_t key = static_cast<uint32_t>(name.size()) << 16 |
                       static_cast<uint32_t>(static_cast<unsigned char>(name.front())) << 8 |
                       static_cast<unsigned char>(name.back());
  return (key * mult) >> 26;  // the top 6 bits
}

}  // namespace

bool parse_bool_text(std::string_view s, bool& out) {
  auto eq = [&](std::string_view word) {
    if (s.size() != word.size()) return false;
    for (size_t i = 0; i < s.size(); ++i)
      if ((s[i] | 0x20) != word[i]) return false;  // ASCII lower-casing; digits unaffected
    return true;
  };
  // By length, so a cell costs one or two compares (a loop over the lists cost a
  // boolean column 3x more); tests check it accepts exactly base/cell_words.h's lists.
  switch (s.size()) {
    case 1:
      if (s[0] == '1' || (s[0] | 0x20) == 'y') { out = true; return true; }
      if (s[0] == '0' || (s[0] | 0x20) == 'n') { out = false; return true; }
      return false;
    case 2:
      if (eq("on")) { out = true; return true; }
      if (eq("no")) { out = false; return true; }
      return false;
    case 3:
      if (eq("yes")) { out = true; return true; }
      if (eq("off")) { out = false; return true; }
      return false;
    case 4: return eq("true") && (out = true, true);
    case 5: return eq("false") && (out = false, true);
    default: return false;
  }
}

namespace {

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
bool is_whole(double x) {
  if (!(std::fabs(x) < 4503599627370496.0)) return x == x;  // |x| >= 2^52 (or inf) is whole; NaN is not
  return static_cast<double>(static_cast<int64_t>(x)) == x;
}

// Big: the value is the nearest double, but beyond 2^53 IR units, where a double no
// longer holds every whole number: fine for `number`, a data error for exact kinds.
enum class Dec : uint8_t { Ok, Big, Syntax, Range };

constexpr double kExactLimit = 9007199254740992.0;  // 2^53: every whole number up to it is a double

// Numbers of more than 15 digits: exact while the digits and the scaled value fit 64
// bits, else the nearest double (from_chars). Rare, so kept out of line.
[[gnu::noinline]] Dec parse_long_decimal(std::string_view s, size_t int_begin, int decimals, double scale,
                                         double& v) {
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

}  // namespace

namespace {
thread_local bool t_chunk_is_utf8 = false;
}  // namespace

KnownUtf8Chunk::KnownUtf8Chunk(bool valid) : previous_(t_chunk_is_utf8) { t_chunk_is_utf8 = valid; }
KnownUtf8Chunk::~KnownUtf8Chunk() { t_chunk_is_utf8 = previous_; }
bool KnownUtf8Chunk::active() { return t_chunk_is_utf8; }

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

std::string escape_for_message(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) { out += static_cast<char>(c); ++i; continue; }
    size_t len = 0;  // a valid UTF-8 sequence starting here is kept as it is
    for (size_t l = 2; c >= 0x80 && len == 0 && l <= 4 && i + l <= s.size(); ++l)
      if (valid_utf8(s.substr(i, l))) len = l;
    if (len != 0) {
      out.append(s.substr(i, len));
      i += len;
      continue;
    }
    out += "\\x";
    out += kHex[c >> 4];
    out += kHex[c & 15];
    ++i;
  }
  return out;
}

bool parse_date_text(std::string_view s, double& seconds) { return parse_iso_date(s, seconds); }

bool parse_timestamp_text(std::string_view s, double& seconds) { return parse_iso_timestamp(s, seconds); }

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

bool valid_phone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    const uint8_t k = kPhoneClass[static_cast<unsigned char>(c)];
    if (k == kOther) return false;
    digits += k == kDigit;
  }
  return digits >= contact::kMinPhoneDigits;
}

void resize_column(Column& col, size_t rows) {
  col.known.resize(rows, 0);
  switch (col.type) {
    case ir::Type::Num: col.num.resize(rows, 0); break;
    case ir::Type::Bool: col.b.resize(rows, 0); break;
    case ir::Type::Enum: col.member.resize(rows, 0); break;
    case ir::Type::Str: col.str.resize(rows); break;
  }
}

FieldReader::FieldReader(const ir::Program& program, size_t input_index, std::string_view default_zone)
    : input_(&program.inputs[input_index]) {
  using K = ir::FieldKind;
  type_name_ = kind_type_name(input_->kind);
  whole_scale_ = is_whole(input_->scale);
  if (input_->kind == K::Money && !input_->unit.empty()) {
    type_name_ += "(" + input_->unit + ")";
    for (const cell_words::CurrencySymbol& c : cell_words::kCurrencySymbols)
      if (c.code == input_->unit) currency_symbol_ = c.symbol;
  } else if (input_->kind == K::Enum && input_->enum_id >= 0 &&
             static_cast<size_t>(input_->enum_id) < program.enums.size()) {
    const ir::EnumType& e = program.enums[input_->enum_id];
    enum_ = &e;
    if (!e.name.empty()) type_name_ = e.name;
    constexpr size_t kSmallEnum = 16;
    // A cell matches a member's name or its spelling (`"Decision Maker"`): both are keys.
    std::vector<Member> keys;
    for (size_t i = 0; i < e.members.size(); ++i) {
      keys.push_back(Member{e.members[i], static_cast<int32_t>(i)});
      if (i < e.spellings.size() && !e.spellings[i].empty()) keys.push_back(Member{e.spellings[i], static_cast<int32_t>(i)});
    }
    for (const Member& k : keys) {
      if (keys.size() <= kSmallEnum) {
        // Keep the first of duplicate names, as the map below does.
        if (find_member(k.name) < 0) small_members_.push_back(k);
      } else {
        members_.emplace(k.name, k.index);
      }
    }
    for (uint32_t k = 0; k < 64 && !small_members_.empty() && slot_mult_ == 0; ++k) {
      const uint32_t mult = 0x9E3779B1u + 2 * k;
      std::vector<int8_t> slots(kMemberSlots, -1);
      bool ok = true;
      for (size_t j = 0; j < small_members_.size() && ok; ++j) {
        int8_t& slot = slots[member_slot(small_members_[j].name, mult)];
        ok = slot < 0;
        slot = static_cast<int8_t>(j);
      }
      if (ok) {
        member_slots_ = std::move(slots);
        slot_mult_ = mult;
      }
    }
  }
  switch (input_->kind) {
    case K::Bool: expected_ = std::string("one of ") + std::string(cell_words::kBoolList); break;
    case K::Int: expected_ = "a whole number such as 12 or -3 (no thousands separators)"; break;
    case K::Number: expected_ = "a number such as 12, -3 or 3.5 (no thousands separators)"; break;
    case K::Email: expected_ = "an email address such as ana@example.com"; break;
    case K::Phone:
      expected_ = "a phone number of at least " + std::to_string(contact::kMinPhoneDigits) + " digits";
      break;
    case K::Date: expected_ = "a date as YYYY-MM-DD"; break;
    case K::Timestamp:
      expected_ = "a timestamp as YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.fff]] (or a space for T), with Z, "
                  "\u00b1HH:MM or \u00b1HHMM or none (UTC)";
      break;
    case K::Duration: expected_ = "a number of " + (input_->unit.empty() ? std::string("units") : input_->unit); break;
    case K::Money:
      expected_ = "an amount such as 1200.50";
      if (!input_->unit.empty())
        expected_ += ", " + input_->unit + " 1200.50 or 1200.50 " + input_->unit +
                     (currency_symbol_.empty() ? "" : ", " + std::string(currency_symbol_) + "1200.50");
      break;
    case K::Enum:
      if (input_->enum_id >= 0 && static_cast<size_t>(input_->enum_id) < program.enums.size()) {
        const auto& members = program.enums[input_->enum_id].members;
        const auto& spellings = program.enums[input_->enum_id].spellings;
        expected_ = "one of ";
        constexpr size_t kShown = 12;
        for (size_t i = 0; i < members.size() && i < kShown; ++i) {
          expected_ += (i ? ", " : "") + members[i];
          if (i < spellings.size() && !spellings[i].empty()) expected_ += " (\"" + spellings[i] + "\")";
        }
        if (members.size() > kShown) expected_ += ", … (" + std::to_string(members.size()) + " members)";
      }
      break;
    case K::Text: break;
  }
  switch (input_->kind) {
    case K::Bool: read_ = &read_kind<K::Bool>; read_column_ = &read_column_kind<K::Bool>; break;
    case K::Int: read_ = &read_kind<K::Int>; read_column_ = &read_column_kind<K::Int>; break;
    case K::Number: read_ = &read_kind<K::Number>; read_column_ = &read_column_kind<K::Number>; break;
    case K::Text: read_ = &read_kind<K::Text>; read_column_ = &read_column_kind<K::Text>; break;
    case K::Email: read_ = &read_kind<K::Email>; read_column_ = &read_column_kind<K::Email>; break;
    case K::Phone: read_ = &read_kind<K::Phone>; read_column_ = &read_column_kind<K::Phone>; break;
    case K::Date: read_ = &read_kind<K::Date>; read_column_ = &read_column_kind<K::Date>; break;
    case K::Timestamp: read_ = &read_kind<K::Timestamp>; read_column_ = &read_column_kind<K::Timestamp>; break;
    case K::Duration: read_ = &read_kind<K::Duration>; read_column_ = &read_column_kind<K::Duration>; break;
    case K::Money: read_ = &read_kind<K::Money>; read_column_ = &read_column_kind<K::Money>; break;
    case K::Enum: read_ = &read_kind<K::Enum>; read_column_ = &read_column_kind<K::Enum>; break;
  }
  if (!read_) read_ = [](const FieldReader&, std::string_view, Column&, size_t) { return CellError::Syntax; };
  if (!read_column_)
    read_column_ = [](const FieldReader&, const CsvColumnCells& cells, Column& col, size_t rows) {
      for (size_t r = 0; r < rows; ++r) {
        col.known[r] = 0;
        cells.bad_rows->push_back(static_cast<uint32_t>(r));
      }
    };
  install_formatted(program, default_zone);
}

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

bool FieldReader::is_text() const {
  return input_->kind == ir::FieldKind::Text || input_->kind == ir::FieldKind::Email ||
         input_->kind == ir::FieldKind::Phone;
}

int32_t FieldReader::find_member(std::string_view name) const {
  if (!members_.empty()) {
    auto it = members_.find(name);
    return it == members_.end() ? -1 : it->second;
  }
  if (slot_mult_ != 0) {
    if (name.empty()) return -1;
    const int8_t j = member_slots_[member_slot(name, slot_mult_)];
    if (j < 0) return -1;
    const Member& m = small_members_[static_cast<size_t>(j)];
    return m.name.size() == name.size() && same_bytes(m.name.data(), name.data(), name.size()) ? m.index : -1;
  }
  for (const Member& m : small_members_)
    if (m.name.size() == name.size() && same_bytes(m.name.data(), name.data(), name.size())) return m.index;
  return -1;
}

CellError FieldReader::read_missing(Column& col, size_t row) const {
  col.known[row] = 0;
  return input_->optional ? CellError::None : CellError::Missing;
}

template <ir::FieldKind K>
[[gnu::always_inline]] inline CellError FieldReader::read_kind(const FieldReader& fr, std::string_view text, Column& col, size_t row) {
  using FK = ir::FieldKind;
  if constexpr (K == FK::Text || K == FK::Email || K == FK::Phone) {
    if (contact::text_is_missing(text)) return fr.read_missing(col, row);
    if (!KnownUtf8Chunk::active() && !valid_utf8(text)) [[unlikely]] return CellError::Encoding;  // it would reach the output
    if (K == FK::Email && !valid_email(text)) return CellError::Syntax;
    if (K == FK::Phone && !valid_phone(text)) return CellError::Syntax;
    col.str[row] = text;
  } else {
    const std::string_view t = trim_spaces(text);
    if (t.empty()) return fr.read_missing(col, row);
    if constexpr (K == FK::Bool) {
      bool v;
      if (!parse_bool_text(t, v)) return CellError::Syntax;
      col.b[row] = v;
    } else if constexpr (K == FK::Int || K == FK::Number || K == FK::Duration || K == FK::Money) {
      double v;
      int decimals;
      bool negative;
      Dec d = parse_decimal(t, fr.input_->scale, v, decimals, negative);
      if constexpr (K == FK::Money) {
        if (d == Dec::Syntax) [[unlikely]] d = parse_decimal(fr.strip_currency(t), fr.input_->scale, v, decimals, negative);
      }
      if (d == Dec::Syntax) return CellError::Syntax;
      if (d == Dec::Range || (d == Dec::Big && K != FK::Number)) return CellError::Range;
      if (K == FK::Int && decimals > 0) return CellError::Syntax;
      if (K == FK::Money && decimals > 2) return CellError::Decimals;
      if ((K == FK::Money || K == FK::Duration) && v < 0) return CellError::Negative;
      // Whole numbers of IR units (ints, cents, seconds) are exact only up to 2^53.
      if ((K == FK::Int || K == FK::Money || K == FK::Duration) && !(std::fabs(v) <= kExactLimit)) [[unlikely]]
        return CellError::Range;
      col.num[row] = v;
    } else if constexpr (K == FK::Date || K == FK::Timestamp) {
      double v;
      bool has_zone = true;
      const bool ok = K == FK::Date ? parse_date_text(t, v) : parse_iso_timestamp(t, v, &has_zone);
      if (!ok) return CellError::Syntax;
      col.zoneless_utc += !has_zone;  // read as UTC: no `zone` or --timezone applies (else read_formatted runs)
      col.num[row] = v;
    } else {
      static_assert(K == FK::Enum);
      const int32_t m = fr.find_member(t);
      if (m < 0) return CellError::Syntax;
      col.member[row] = m;
    }
  }
  col.known[row] = 1;
  return CellError::None;
}

// A quoted CSV cell's text: without its quotes, and with doubled quotes made single
// (kept in the batch for text kinds, whose values are views, else in scratch).
[[gnu::noinline]] std::string_view unquote_csv_cell(std::string_view quoted, bool keep, const CsvColumnCells& cells) {
  const std::string_view inner = quoted.substr(1, quoted.size() - 2);
  if (inner.find('"') == std::string_view::npos) return inner;
  std::string out;
  out.reserve(inner.size());
  for (size_t i = 0; i < inner.size(); ++i) {
    out += inner[i];
    if (inner[i] == '"') ++i;  // "" -> "
  }
  if (keep) return cells.batch->keep(std::move(out));
  *cells.scratch = std::move(out);
  return *cells.scratch;
}

template <ir::FieldKind K>
void FieldReader::read_column_kind(const FieldReader& fr, const CsvColumnCells& cells, Column& col, size_t rows) {
  using FK = ir::FieldKind;
  constexpr bool kText = K == FK::Text || K == FK::Email || K == FK::Phone;
  constexpr bool kDecimal = K == FK::Int || K == FK::Number || K == FK::Duration || K == FK::Money;
  const uint32_t* ends = cells.ends;
  for (size_t r = 0; r < rows; ++r, ends += cells.stride) {
    const uint32_t begin = ends[0] + 1u;
    uint32_t end = ends[1];
    if (cells.last_column && end > begin && cells.data[end - 1] == '\r') --end;
    std::string_view text(cells.data + begin, end - begin);
    if constexpr (kDecimal) {
      // The common cells, a small whole number or one with 1 or 2 decimals (money): the
      // same operations, so the same value, as parse_decimal.
      uint64_t digits;
      int decimals = 0;
      if (fr.whole_scale_ && cells.data_end - text.data() >= 8 && plain_decimal(text, K != FK::Int, digits, decimals)) {
        const double scaled = static_cast<double>(digits) * fr.input_->scale;  // exact below 2^53
        if (scaled < 9007199254740992.0) {
          col.num[r] = decimals == 0 ? scaled : scaled / kPow10[decimals];
          col.known[r] = 1;
          continue;
        }
      }
    }
    if (!text.empty() && text.front() == '"') text = unquote_csv_cell(text, kText, cells);
    if (read_kind<K>(fr, text, col, r) != CellError::None) [[unlikely]] {
      col.known[r] = 0;
      cells.bad_rows->push_back(static_cast<uint32_t>(r));
    }
  }
}

std::string FieldReader::message(CellError err, std::string_view text) const {
  std::string m = "field `" + input_->field + "` (column \"" + escape_for_message(input_->column) + "\"): ";
  if (err == CellError::Missing) return m + "value is missing but the field is not optional";
  constexpr size_t kMaxShown = 80;
  m += "cannot read \"";
  if (text.size() > kMaxShown) {
    size_t cut = kMaxShown;  // not inside a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    m += escape_for_message(text.substr(0, cut));
    m += "...";
  } else {
    m += escape_for_message(text);
  }
  m += "\" as " + type_name_;
  if (err == CellError::Syntax && enum_ != nullptr) {
    const std::string near = closest_member(text);
    if (!near.empty()) m += "; did you mean " + near + "?";
  }
  if (err == CellError::Syntax && !expected_.empty()) m += "; expected " + expected_;
  if (err == CellError::Skipped || err == CellError::Repeated) m += formatted_detail(err, text);
  if (err == CellError::Negative) m += " (it must not be negative)";
  if (err == CellError::Decimals) m += " (at most 2 decimals)";
  if (err == CellError::Encoding)
    m += " (not valid UTF-8; if the file is in another encoding, say which: --encoding windows-1252, "
         "or latin1, utf-16le, utf-16be)";
  if (err == CellError::Range) {
    using FK = ir::FieldKind;
    if (input_->kind == FK::Number) {
      m += " (too large for a number)";
    } else {
      // 2^53 IR units (whole ints, cents, seconds) in the field's own unit.
      char limit[64];
      const double scale = input_->scale > 0 ? input_->scale : 1;
      const int decimals = input_->kind == FK::Money && scale >= 100 ? 2 : input_->kind == FK::Duration ? 1 : 0;
      std::snprintf(limit, sizeof limit, "%.*f", decimals, kExactLimit / scale);
      m += std::string(" (beyond ") + limit + ", the largest " +
           (input_->kind == FK::Money ? "amount kept exact to the cent" : "value kept exactly") + ")";
    }
  }
  return m;
}

}  // namespace leadc::rt
