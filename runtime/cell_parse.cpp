// Cell parsing rules shared by the CSV and JSON Lines readers (see cell_parse.h).
#include "runtime/cell_parse.h"

#include <charconv>
#include <cmath>

#include "compiler/base/civil_time.h"

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

}  // namespace

std::string_view trim_spaces(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

bool parse_bool_text(std::string_view s, bool& out) {
  auto eq = [&](std::string_view word) {
    if (s.size() != word.size()) return false;
    for (size_t i = 0; i < s.size(); ++i)
      if ((s[i] | 0x20) != word[i]) return false;  // ASCII lower-casing; digits unaffected
    return true;
  };
  if (eq("true") || eq("yes") || s == "1") { out = true; return true; }
  if (eq("false") || eq("no") || s == "0") { out = false; return true; }
  return false;
}

bool parse_decimal_text(std::string_view s, double scale, double& out, int& decimals, bool& negative) {
  size_t i = 0;
  negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  const size_t int_begin = i;
  uint64_t mantissa = 0;
  while (i < s.size() && is_digit(s[i])) mantissa = mantissa * 10 + static_cast<uint64_t>(s[i++] - '0');
  const size_t int_digits = i - int_begin;
  if (int_digits == 0) return false;
  decimals = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) {
      mantissa = mantissa * 10 + static_cast<uint64_t>(s[i++] - '0');
      ++decimals;
    }
    if (decimals == 0) return false;
  }
  if (i != s.size()) return false;
  double v;
  const size_t digits = int_digits + static_cast<size_t>(decimals);
  if (digits <= 15 && decimals <= 16) {
    // Exact: mantissa < 2^53. Scaling before dividing keeps money cents and
    // durations like 0.1 days exact whenever mantissa * scale is an exact integer.
    const double m = static_cast<double>(mantissa);
    const double ms = m * scale;
    if (scale == std::floor(scale) && ms < 9007199254740992.0)
      v = ms / kPow10[decimals];
    else
      v = m / kPow10[decimals] * scale;
  } else {
    auto [ptr, ec] = std::from_chars(s.data() + int_begin, s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size()) return false;
    v *= scale;
  }
  out = negative ? -v : v;
  if (out == 0) out = 0;  // no negative zero
  return true;
}

bool parse_date_text(std::string_view s, double& seconds) { return parse_iso_date(s, seconds); }

bool parse_timestamp_text(std::string_view s, double& seconds) { return parse_iso_timestamp(s, seconds); }

bool valid_email(std::string_view s) {
  size_t at = std::string_view::npos;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return false;
    if (c == '@') {
      if (at != std::string_view::npos) return false;
      at = i;
    }
  }
  return at != std::string_view::npos && at > 0 && at + 1 < s.size();
}

bool valid_phone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (is_digit(c)) ++digits;
    else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.') return false;
  }
  return digits >= 7;
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

FieldReader::FieldReader(const ir::Program& program, size_t input_index)
    : input_(&program.inputs[input_index]) {
  type_name_ = kind_type_name(input_->kind);
  if (input_->kind == ir::FieldKind::Money && !input_->unit.empty()) {
    type_name_ += "(" + input_->unit + ")";
  } else if (input_->kind == ir::FieldKind::Enum && input_->enum_id >= 0 &&
             static_cast<size_t>(input_->enum_id) < program.enums.size()) {
    const ir::EnumType& e = program.enums[input_->enum_id];
    if (!e.name.empty()) type_name_ = e.name;
    for (size_t i = 0; i < e.members.size(); ++i)
      members_.emplace(e.members[i], static_cast<int32_t>(i));
  }
}

bool FieldReader::is_text() const {
  return input_->kind == ir::FieldKind::Text || input_->kind == ir::FieldKind::Email ||
         input_->kind == ir::FieldKind::Phone;
}

CellError FieldReader::read_missing(Column& col, size_t row) const {
  col.known[row] = 0;
  return input_->optional ? CellError::None : CellError::Missing;
}

CellError FieldReader::read(std::string_view text, Column& col, size_t row) const {
  using K = ir::FieldKind;
  if (is_text()) {
    if (text.empty()) return read_missing(col, row);
    if (input_->kind == K::Email && !valid_email(text)) return CellError::Syntax;
    if (input_->kind == K::Phone && !valid_phone(text)) return CellError::Syntax;
    col.str[row] = text;
    col.known[row] = 1;
    return CellError::None;
  }
  const std::string_view t = trim_spaces(text);
  if (t.empty()) return read_missing(col, row);
  switch (input_->kind) {
    case K::Bool: {
      bool v;
      if (!parse_bool_text(t, v)) return CellError::Syntax;
      col.b[row] = v;
      break;
    }
    case K::Int:
    case K::Number:
    case K::Duration:
    case K::Money: {
      double v;
      int decimals;
      bool negative;
      if (!parse_decimal_text(t, input_->scale, v, decimals, negative)) return CellError::Syntax;
      if (input_->kind == K::Int && decimals > 0) return CellError::Syntax;
      if (input_->kind == K::Money && decimals > 2) return CellError::Decimals;
      if ((input_->kind == K::Money || input_->kind == K::Duration) && v < 0) return CellError::Negative;
      col.num[row] = v;
      break;
    }
    case K::Date:
    case K::Timestamp: {
      double v;
      const bool ok = input_->kind == K::Date ? parse_date_text(t, v) : parse_timestamp_text(t, v);
      if (!ok) return CellError::Syntax;
      col.num[row] = v;
      break;
    }
    case K::Enum: {
      auto it = members_.find(t);
      if (it == members_.end()) return CellError::Syntax;
      col.member[row] = it->second;
      break;
    }
    default:
      return CellError::Syntax;
  }
  col.known[row] = 1;
  return CellError::None;
}

std::string FieldReader::message(CellError err, std::string_view text) const {
  std::string m = "field `" + input_->field + "`: ";
  if (err == CellError::Missing) return m + "value is missing but the field is not optional";
  constexpr size_t kMaxShown = 80;
  m += "cannot read \"";
  if (text.size() > kMaxShown) {
    m.append(text.substr(0, kMaxShown));
    m += "...";
  } else {
    m.append(text);
  }
  m += "\" as " + type_name_;
  if (err == CellError::Negative) m += " (it must not be negative)";
  if (err == CellError::Decimals) m += " (at most 2 decimals)";
  return m;
}

}  // namespace leadc::rt
