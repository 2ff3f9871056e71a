// Output cell formatting and the CSV / JSON Lines row formatter (see output_format.h).
#include "runtime/output_format.h"

#include <array>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "base/civil_time.h"

namespace leadc::rt {
namespace {

constexpr std::array<bool, 256> make_table(std::string_view chars, bool controls) {
  std::array<bool, 256> t{};
  for (char c : chars) t[static_cast<unsigned char>(c)] = true;
  for (int c = 0; controls && c < 0x20; ++c) t[c] = true;
  return t;
}
constexpr std::array<bool, 256> kCsvSpecial = make_table(",\"\n\r", false);
constexpr std::array<bool, 256> make_json_table() {
  std::array<bool, 256> t = make_table("\"\\", true);
  for (int c = 0x80; c < 0x100; ++c) t[c] = true;  // checked as UTF-8
  return t;
}
constexpr std::array<bool, 256> kJsonSpecial = make_json_table();

// Length of the valid UTF-8 sequence at s[0, n) (n >= 1, s[0] >= 0x80), or 0.
size_t utf8_sequence(const unsigned char* s, size_t n) {
  const unsigned c = s[0];
  size_t len;
  unsigned lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) len = 2;
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
  else return 0;
  if (len > n || s[1] < lo || s[1] > hi) return 0;
  for (size_t k = 2; k < len; ++k)
    if ((s[k] & 0xC0) != 0x80) return 0;
  return len;
}

const std::string& enum_name(const ir::Program& p, int32_t enum_id, int32_t member) {
  static const std::string kUnknown;
  if (enum_id < 0 || static_cast<size_t>(enum_id) >= p.enums.size()) return kUnknown;
  const auto& members = p.enums[enum_id].members;
  if (member < 0 || static_cast<size_t>(member) >= members.size()) return kUnknown;
  return members[member];
}

// Writers into a buffer the caller has made room in (at most the kMax… bytes, or
// 2n + 2 for a CSV field and 6n + 2 for a JSON string of n bytes).
constexpr size_t kMaxNumber = 400, kMaxDate = 40, kMaxTimestamp = 48;

// Writes nothing for inf and nan: no output format has them, and the callers write
// such a value as missing (an arithmetic overflow is not a number).
char* put_number(char* p, double v) {
  if (!std::isfinite(v)) [[unlikely]] return p;
  if (v == 0) v = 0;  // print -0 as 0
  // Whole numbers below 2^53 print the same through the integer path, which is faster.
  if (v > -9007199254740992.0 && v < 9007199254740992.0) {
    const int64_t i = static_cast<int64_t>(v);
    if (static_cast<double>(i) == v) return std::to_chars(p, p + 24, i).ptr;
  }
  return std::to_chars(p, p + kMaxNumber, v, std::chars_format::fixed).ptr;
}

char* put_csv_field(char* p, std::string_view text) {
  size_t i = 0;
  while (i < text.size() && !kCsvSpecial[static_cast<unsigned char>(text[i])]) ++i;
  if (i == text.size()) {
    std::memcpy(p, text.data(), text.size());
    return p + text.size();
  }
  *p++ = '"';
  for (char c : text) {
    *p++ = c;
    if (c == '"') *p++ = '"';
  }
  *p++ = '"';
  return p;
}

// JSON Lines output is always valid UTF-8: a byte that is not part of a valid sequence
// (the readers refuse such cells, so only computed text could hold one) is U+FFFD.
char* put_json_string(char* p, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  *p++ = '"';
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    const unsigned char c = static_cast<unsigned char>(ch);
    if (!kJsonSpecial[c]) {
      *p++ = ch;
      continue;
    }
    if (c >= 0x80) {
      const size_t len = utf8_sequence(bytes + i, text.size() - i);
      if (len == 0) {
        p = std::copy_n("\\ufffd", 6, p);
      } else {
        p = std::copy_n(text.data() + i, len, p);
        i += len - 1;
      }
      continue;
    }
    *p++ = '\\';
    switch (c) {
      case '"': *p++ = '"'; break;
      case '\\': *p++ = '\\'; break;
      case '\n': *p++ = 'n'; break;
      case '\r': *p++ = 'r'; break;
      case '\t': *p++ = 't'; break;
      default:
        *p++ = 'u';
        *p++ = '0';
        *p++ = '0';
        *p++ = kHex[c >> 4];
        *p++ = kHex[c & 15];
    }
  }
  *p++ = '"';
  return p;
}

}  // namespace

void append_number(std::string& out, double v) {
  char buf[kMaxNumber];
  out.append(buf, put_number(buf, v));
}

void append_date(std::string& out, double seconds) {
  char buf[kMaxDate];
  out.append(buf, write_iso_date_of_seconds(buf, seconds));
}

void append_timestamp(std::string& out, double seconds) {
  char buf[kMaxTimestamp];
  out.append(buf, write_iso_timestamp(buf, seconds));
}

void append_csv_field(std::string& out, std::string_view text) {
  size_t i = 0;
  while (i < text.size() && !kCsvSpecial[static_cast<unsigned char>(text[i])]) ++i;
  if (i == text.size()) {
    out.append(text);
    return;
  }
  out += '"';
  for (size_t start = 0;;) {
    const size_t q = text.find('"', start);
    if (q == std::string_view::npos) {
      out.append(text.substr(start));
      break;
    }
    out.append(text.substr(start, q + 1 - start));
    out += '"';
    start = q + 1;
  }
  out += '"';
}

std::string format_cell(const ir::Program& p, const ir::Output& o, const Column& col, size_t row) {
  std::string s;
  if (row >= col.known.size() || !col.known[row]) return s;
  switch (o.display) {
    case ir::Display::Bool: s = col.b[row] ? "true" : "false"; break;
    case ir::Display::Number: append_number(s, col.num[row] / o.scale); break;
    case ir::Display::Text: s = col.str[row]; break;
    case ir::Display::Enum: s = enum_name(p, o.enum_id, col.member[row]); break;
    case ir::Display::Date: append_date(s, col.num[row]); break;
    case ir::Display::Timestamp: append_timestamp(s, col.num[row]); break;
    case ir::Display::Set: s = col.b[row] ? "true" : "false"; break;
  }
  return s;
}

std::string format_set(const ir::Program& p, const ir::Output& o, const std::vector<Column>& regs, size_t row,
                       SetStyle style) {
  const std::vector<ir::Reg> members = ir::set_registers(p, o);
  std::string s = style == SetStyle::Separated ? "" : "[";
  if (members.empty() || members.back() >= regs.size() || row >= regs[o.reg].known.size() || !regs[o.reg].known[row])
    return style == SetStyle::Json ? "null" : style == SetStyle::Literal ? "missing" : "";
  bool first = true;
  for (size_t k = 0; k < members.size(); ++k) {
    if (!regs[members[k]].b[row]) continue;
    const std::string& name = enum_name(p, o.enum_id, static_cast<int32_t>(k));
    if (!first) s += style == SetStyle::Json ? "," : style == SetStyle::Literal ? ", " : ir::set_separator(p, o);
    if (style == SetStyle::Json) append_json_string(s, name);
    else s += name;
    first = false;
  }
  if (style != SetStyle::Separated) s += ']';
  return s;
}

RowFormatter::RowFormatter(const ir::Program& program, OutFormat format) : program_(program), format_(format) {
  enum_cells_.resize(program.outputs.size());
  for (size_t i = 0; i < program.outputs.size(); ++i) {
    const ir::Output& o = program.outputs[i];
    std::string key(i == 0 ? "{" : ",");
    append_json_string(key, o.name);
    key += ':';
    json_keys_.push_back(std::move(key));
    if (o.display != ir::Display::Enum) continue;
    // Each label's cell text, quoted or escaped once; the last entry is for a member
    // out of range (printed as the empty name).
    const size_t members =
        o.enum_id >= 0 && static_cast<size_t>(o.enum_id) < program.enums.size() ? program.enums[o.enum_id].members.size() : 0;
    for (size_t m = 0; m <= members; ++m) {
      const std::string& name = enum_name(program, o.enum_id, m < members ? static_cast<int32_t>(m) : -1);
      std::string cell;
      format == OutFormat::Csv ? append_csv_field(cell, name) : append_json_string(cell, name);
      max_enum_cell_ = std::max(max_enum_cell_, cell.size());
      enum_cells_[i].push_back(std::move(cell));
    }
  }
}

void RowFormatter::add_extra_column(std::string name, ExtraCell cell) {
  Extra e;
  e.key = program_.outputs.empty() && extras_.empty() ? "{" : ",";
  append_json_string(e.key, name);
  e.key += ':';
  e.name = std::move(name);
  e.cell = std::move(cell);
  extras_.push_back(std::move(e));
}

void RowFormatter::add_extra_list(std::string name, ExtraList list) {
  add_extra_column(std::move(name), nullptr);
  extras_.back().list = std::move(list);
}

void RowFormatter::header(std::string& out) const {
  if (format_ != OutFormat::Csv) return;
  for (size_t i = 0; i < program_.outputs.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, program_.outputs[i].name);
  }
  for (size_t i = 0; i < extras_.size(); ++i) {
    if (i || !program_.outputs.empty()) out += ',';
    append_csv_field(out, extras_[i].name);
  }
  out += '\n';
}

void RowFormatter::rows(const Registers& regs, size_t rows, std::string& out) const {
  // Cells are written through a pointer into `out`, grown ahead of each cell (growing
  // a std::string zero-fills, so it grows geometrically) and trimmed at the end.
  const auto& outs = program_.outputs;
  const bool csv = format_ == OutFormat::Csv;
  std::string extra_text, set_text;
  ItemList extra_items;
  size_t len = out.size();
  out.resize(len + rows * 48 + 4096);
  auto room = [&](size_t need) {
    if (out.size() - len < need) out.resize(std::max(out.size() * 2, len + need));
    return out.data() + len;
  };
  for (size_t r = 0; r < rows; ++r) {
    for (size_t i = 0; i < outs.size(); ++i) {
      const ir::Output& o = outs[i];
      const Column& col = regs.regs[o.reg];
      if (o.display == ir::Display::Set) set_text = format_set(program_, o, regs.regs, r, csv ? SetStyle::Separated : SetStyle::Json);
      const std::string_view text = o.display == ir::Display::Text && col.known[r] ? col.str[r]
                                    : o.display == ir::Display::Set            ? std::string_view(set_text)
                                                                               : std::string_view();
      char* p = room(json_keys_[i].size() + 2 + std::max({kMaxNumber, max_enum_cell_, 6 * text.size()}));
      if (csv) {
        if (i) *p++ = ',';
      } else {
        std::memcpy(p, json_keys_[i].data(), json_keys_[i].size());
        p += json_keys_[i].size();
      }
      if (!col.known[r]) {
        if (!csv) p = std::copy_n("null", 4, p);
        len = static_cast<size_t>(p - out.data());
        continue;
      }
      switch (o.display) {
        case ir::Display::Bool: p = col.b[r] ? std::copy_n("true", 4, p) : std::copy_n("false", 5, p); break;
        case ir::Display::Number: {
          const double v = o.scale == 1 ? col.num[r] : col.num[r] / o.scale;
          if (std::isfinite(v)) [[likely]] p = put_number(p, v);
          else if (!csv) p = std::copy_n("null", 4, p);  // inf or nan: missing
          break;
        }
        case ir::Display::Text: p = csv ? put_csv_field(p, text) : put_json_string(p, text); break;
        case ir::Display::Enum: {
          const std::vector<std::string>& cells = enum_cells_[i];
          const int32_t m = col.member[r];
          const std::string& c = m >= 0 && static_cast<size_t>(m) + 1 < cells.size() ? cells[m] : cells.back();
          std::memcpy(p, c.data(), c.size());
          p += c.size();
          break;
        }
        case ir::Display::Date:
        case ir::Display::Timestamp:
          if (!csv) *p++ = '"';
          p = o.display == ir::Display::Date ? write_iso_date_of_seconds(p, col.num[r]) : write_iso_timestamp(p, col.num[r]);
          if (!csv) *p++ = '"';
          break;
        case ir::Display::Set:  // members joined by the separator (CSV), a JSON array (JSON Lines)
          if (csv) {
            p = put_csv_field(p, text);
          } else {
            std::memcpy(p, text.data(), text.size());
            p += text.size();
          }
          break;
      }
      len = static_cast<size_t>(p - out.data());
    }
    for (size_t x = 0; x < extras_.size(); ++x) {
      const Extra& e = extras_[x];
      extra_text.clear();
      if (e.cell) {
        e.cell(regs, r, extra_text);
      } else {
        extra_items.clear();
        e.list(regs, r, extra_items);
        for (size_t k = 0; k < extra_items.size(); ++k) {
          if (csv) {
            if (k) extra_text += "; ";
            extra_text += extra_items[k];
          } else {
            extra_text += k ? ',' : '[';
            append_json_string(extra_text, extra_items[k]);
          }
        }
        if (!csv) extra_text += extra_items.empty() ? "[]" : "]";
      }
      char* p = room(e.key.size() + 8 + 6 * extra_text.size());
      if (csv) {
        if (x || !outs.empty()) *p++ = ',';
        p = put_csv_field(p, extra_text);
      } else {
        std::memcpy(p, e.key.data(), e.key.size());
        p += e.key.size();
        if (e.cell) {
          p = put_json_string(p, extra_text);
        } else {
          std::memcpy(p, extra_text.data(), extra_text.size());
          p += extra_text.size();
        }
      }
      len = static_cast<size_t>(p - out.data());
    }
    char* p = room(4);
    if (!csv) p = outs.empty() && extras_.empty() ? std::copy_n("{}", 2, p) : std::copy_n("}", 1, p);
    *p++ = '\n';
    len = static_cast<size_t>(p - out.data());
  }
  out.resize(len);
}

}  // namespace leadc::rt
