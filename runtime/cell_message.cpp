// Messages for cells that do not read: the field, the cell's text (escaped, cut at 80
// bytes), the type and the forms it accepts, or the reason (negative, decimals, range,
// encoding).
#include "runtime/cell_message.h"

#include <cstdio>

#include "base/cell_words.h"
#include "base/contact_syntax.h"
#include "runtime/cell_numbers.h"
#include "runtime/cell_parse.h"

namespace leadc::rt {
namespace {

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
    case ir::FieldKind::Set: return "set";
  }
  return "value";
}

}  // namespace

CellTypeText describe_cell_type(const ir::Program& program, const ir::Input& input,
                                std::string_view currency_symbol) {
  using K = ir::FieldKind;
  CellTypeText t;
  t.type_name = kind_type_name(input.kind);
  if (input.kind == K::Money && !input.unit.empty()) {
    t.type_name += "(" + input.unit + ")";
  } else if (input.kind == K::Enum && input.enum_id >= 0 &&
             static_cast<size_t>(input.enum_id) < program.enums.size()) {
    const ir::EnumType& e = program.enums[input.enum_id];
    if (!e.name.empty()) t.type_name = e.name;
  } else if (input.kind == K::Set && input.enum_id >= 0 && static_cast<size_t>(input.enum_id) < program.enums.size()) {
    t.type_name = "set of " + program.enums[input.enum_id].name;
  }
  switch (input.kind) {
    case K::Bool: t.expected = std::string("one of ") + std::string(cell_words::kBoolList); break;
    case K::Int: t.expected = "a whole number such as 12 or -3 (no thousands separators)"; break;
    case K::Number: t.expected = "a number such as 12, -3 or 3.5 (no thousands separators)"; break;
    case K::Email: t.expected = "an email address such as ana@example.com"; break;
    case K::Phone:
      t.expected = "a phone number of at least " + std::to_string(contact::kMinPhoneDigits) + " digits";
      break;
    case K::Date: t.expected = "a date as YYYY-MM-DD"; break;
    case K::Timestamp:
      t.expected = "a timestamp as YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS[.fff]] (or a space for T), with Z, "
                  "\u00b1HH:MM or \u00b1HHMM or none (UTC)";
      break;
    case K::Duration: t.expected = "a number of " + (input.unit.empty() ? std::string("units") : input.unit); break;
    case K::Money:
      t.expected = "an amount such as 1200.50";
      if (!input.unit.empty())
        t.expected += ", " + input.unit + " 1200.50 or 1200.50 " + input.unit +
                     (currency_symbol.empty() ? "" : ", " + std::string(currency_symbol) + "1200.50");
      break;
    case K::Enum:
    case K::Set:
      if (input.enum_id >= 0 && static_cast<size_t>(input.enum_id) < program.enums.size()) {
        const auto& members = program.enums[input.enum_id].members;
        const auto& spellings = program.enums[input.enum_id].spellings;
        t.expected = input.kind == K::Set ? "members separated by \"" + ir::set_separator(input) + "\", each one of " : "one of ";
        constexpr size_t kShown = 12;
        for (size_t i = 0; i < members.size() && i < kShown; ++i) {
          t.expected += (i ? ", " : "") + members[i];
          if (i < spellings.size() && !spellings[i].empty()) t.expected += " (\"" + spellings[i] + "\")";
        }
        if (members.size() > kShown) t.expected += ", … (" + std::to_string(members.size()) + " members)";
      }
      break;
    case K::Text: break;
  }
  return t;
}

std::string escape_for_message(std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c < 0x7F) { out += static_cast<char>(c); ++i; continue; }
    if (s.substr(i, 3) == "\xEF\xBB\xBF") {  // an invisible byte-order mark, shown (decision 105)
      out += "\\uFEFF";
      i += 3;
      continue;
    }
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

namespace {

constexpr const char* kNotUtf8Hint =
    "not valid UTF-8; if the file is in another encoding, say which: --encoding windows-1252, "
    "or latin1, utf-16le, utf-16be";

// A cell's text for a message: escaped, and cut (not inside a UTF-8 sequence) when long.
std::string shown_cell(std::string_view text) {
  constexpr size_t kMaxShown = 80;
  if (text.size() <= kMaxShown) return escape_for_message(text);
  size_t cut = kMaxShown;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return escape_for_message(text.substr(0, cut)) + "...";
}

}  // namespace

std::string not_utf8_hint(const std::string& encoding) {
  if (encoding.empty()) return kNotUtf8Hint;
  // Decision 111: a byte the encoding in use does not define; the hint names another.
  if (encoding == "windows-1252")
    return "not valid windows-1252 (it leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined); if the file is "
           "Latin-1, say --encoding latin1";
  if (encoding.rfind("utf-16", 0) == 0)
    return "not valid " + encoding + " (a UTF-16 surrogate without its pair, shown as \\xed\\xa0\\x80)";
  return "not valid " + encoding;
}

std::string not_utf8_message(const std::string& where, std::string_view text, const std::string& encoding) {
  return where + ": \"" + shown_cell(text) + "\" is " + not_utf8_hint(encoding);
}

std::string FieldReader::message(CellError err, std::string_view text) const {
  std::string m = "field `" + input_->field + "` (column \"" + escape_for_message(input_->column) + "\"): ";
  if (err == CellError::Missing) return m + "value is missing but the field is not optional";
  m += "cannot read \"" + shown_cell(text);
  m += "\" as " + type_name_;
  if (err == CellError::Syntax && enum_ != nullptr && input_->kind == ir::FieldKind::Set) {
    // The piece that names no member, and the member closest to it.
    const std::string_view bad = unknown_set_member(text);
    m += ": \"" + shown_cell(bad) + "\" is not a member";
    const std::string near = closest_member(bad);
    if (!near.empty()) m += "; did you mean " + near + "?";
  } else if (err == CellError::Syntax && enum_ != nullptr) {
    const std::string near = closest_member(text);
    if (!near.empty()) m += "; did you mean " + near + "?";
  }
  const std::string impossible = err == CellError::Syntax ? impossible_time(text) : "";
  if (!impossible.empty())
    m += ": it is written as its format (" + input_->format + ") but that " +
         (input_->kind == ir::FieldKind::Date ? "date" : "time") + " does not exist (" + impossible + ")";
  else if (err == CellError::Syntax && !expected_.empty())
    m += "; expected " + expected_;
  if (err == CellError::Skipped || err == CellError::Repeated) m += formatted_detail(err, text);
  if (err == CellError::Negative) m += " (it must not be negative)";
  if (err == CellError::Decimals) m += " (at most 2 decimals)";
  if (err == CellError::Encoding)
    m += " (" + not_utf8_hint(source_encoding_) + ")";
  if (err == CellError::Range) {
    using FK = ir::FieldKind;
    const std::string epoch = epoch_detail(text);
    if (!epoch.empty()) {
      m += epoch;
    } else if (input_->kind == FK::Number) {
      m += " (too large for a number)";
    } else {
      // 2^53 IR units (whole ints, cents, seconds) in the field's own unit.
      char limit[64];
      const double scale = input_->scale > 0 ? input_->scale : 1;
      const int decimals = input_->kind == FK::Money && scale >= 100 ? 2 : input_->kind == FK::Duration ? 1 : 0;
      std::snprintf(limit, sizeof limit, "%.*f", decimals, cell_numbers::kExactLimit / scale);
      m += std::string(" (beyond ") + limit + ", the largest " +
           (input_->kind == FK::Money ? "amount kept exact to the cent" : "value kept exactly") + ")";
    }
  }
  return m;
}

std::string FieldReader::json_int_message(std::string_view number) const {
  return "field `" + input_->field + "` (column \"" + escape_for_message(input_->column) + "\"): cannot read \"" +
         shown_cell(number) + "\" as int; expected a whole JSON number such as 1500, 1500.0 or 15e2 (no digit other " +
         "than 0 after the point)";
}

}  // namespace leadc::rt
