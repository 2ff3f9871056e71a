// Output cell formatting and the CSV / JSON Lines row formatter (see output_format.h).
#include "runtime/output_format.h"

#include <array>
#include <charconv>
#include <cmath>

#include "compiler/base/civil_time.h"

namespace leadc::rt {
namespace {

char* put_2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10 % 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

// Writes YYYY-MM-DD at p (years outside 0..9999 with as many digits as needed).
char* put_ymd(char* p, int64_t days) {
  const CivilDate d = civil_from_days(days);
  if (d.year >= 0 && d.year <= 9999) {
    const unsigned y = static_cast<unsigned>(d.year);
    p = put_2(put_2(p, y / 100), y % 100);
  } else {
    p = std::to_chars(p, p + 24, d.year).ptr;
  }
  *p++ = '-';
  p = put_2(p, d.month);
  *p++ = '-';
  return put_2(p, d.day);
}

constexpr std::array<bool, 256> make_table(std::string_view chars, bool controls) {
  std::array<bool, 256> t{};
  for (char c : chars) t[static_cast<unsigned char>(c)] = true;
  for (int c = 0; controls && c < 0x20; ++c) t[c] = true;
  return t;
}
constexpr std::array<bool, 256> kCsvSpecial = make_table(",\"\n\r", false);
constexpr std::array<bool, 256> kJsonSpecial = make_table("\"\\", true);

const std::string& enum_name(const ir::Program& p, int32_t enum_id, int32_t member) {
  static const std::string kUnknown;
  if (enum_id < 0 || static_cast<size_t>(enum_id) >= p.enums.size()) return kUnknown;
  const auto& members = p.enums[enum_id].members;
  if (member < 0 || static_cast<size_t>(member) >= members.size()) return kUnknown;
  return members[member];
}

}  // namespace

void append_number(std::string& out, double v) {
  if (v == 0) v = 0;  // print -0 as 0
  char buf[400];
  auto res = std::isfinite(v) ? std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed)
                              : std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, res.ptr);
}

void append_date(std::string& out, double seconds) {
  char buf[40];
  out.append(buf, put_ymd(buf, static_cast<int64_t>(std::floor(seconds / 86400.0))));
}

void append_timestamp(std::string& out, double seconds) {
  const int64_t s = static_cast<int64_t>(std::floor(seconds));
  int64_t days = s / 86400, rem = s % 86400;
  if (rem < 0) { rem += 86400; --days; }
  char buf[48];
  char* p = put_ymd(buf, days);
  *p++ = 'T';
  p = put_2(p, static_cast<unsigned>(rem / 3600));
  *p++ = ':';
  p = put_2(p, static_cast<unsigned>(rem / 60 % 60));
  *p++ = ':';
  p = put_2(p, static_cast<unsigned>(rem % 60));
  *p++ = 'Z';
  out.append(buf, p);
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

void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!kJsonSpecial[c]) continue;
    out.append(text.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
  }
  out.append(text.substr(run));
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
  }
  return s;
}

RowFormatter::RowFormatter(const ir::Program& program, OutFormat format) : program_(program), format_(format) {
  for (size_t i = 0; i < program.outputs.size(); ++i) {
    std::string key(i == 0 ? "{" : ",");
    append_json_string(key, program.outputs[i].name);
    key += ':';
    json_keys_.push_back(std::move(key));
  }
}

void RowFormatter::add_extra_column(std::string name, ExtraCell cell) {
  extra_key_ = program_.outputs.empty() ? "{" : ",";
  append_json_string(extra_key_, name);
  extra_key_ += ':';
  extra_name_ = std::move(name);
  extra_ = std::move(cell);
}

void RowFormatter::header(std::string& out) const {
  if (format_ != OutFormat::Csv) return;
  for (size_t i = 0; i < program_.outputs.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, program_.outputs[i].name);
  }
  if (extra_) {
    if (!program_.outputs.empty()) out += ',';
    append_csv_field(out, extra_name_);
  }
  out += '\n';
}

void RowFormatter::cell(std::string& out, const ir::Output& o, const Column& col, size_t row) const {
  const bool csv = format_ == OutFormat::Csv;
  if (!col.known[row]) {
    if (!csv) out += "null";
    return;
  }
  switch (o.display) {
    case ir::Display::Bool: out += col.b[row] ? "true" : "false"; break;
    case ir::Display::Number: append_number(out, col.num[row] / o.scale); break;
    case ir::Display::Text:
      csv ? append_csv_field(out, col.str[row]) : append_json_string(out, col.str[row]);
      break;
    case ir::Display::Enum: {
      const std::string& name = enum_name(program_, o.enum_id, col.member[row]);
      csv ? append_csv_field(out, name) : append_json_string(out, name);
      break;
    }
    case ir::Display::Date:
    case ir::Display::Timestamp:
      if (!csv) out += '"';
      o.display == ir::Display::Date ? append_date(out, col.num[row]) : append_timestamp(out, col.num[row]);
      if (!csv) out += '"';
      break;
  }
}

void RowFormatter::rows(const Registers& regs, size_t rows, std::string& out) const {
  const auto& outs = program_.outputs;
  std::string extra_text;
  for (size_t r = 0; r < rows; ++r) {
    for (size_t i = 0; i < outs.size(); ++i) {
      if (format_ == OutFormat::Csv) {
        if (i) out += ',';
      } else {
        out += json_keys_[i];
      }
      cell(out, outs[i], regs.regs[outs[i].reg], r);
    }
    if (extra_) {
      extra_text.clear();
      extra_(regs, r, extra_text);
      if (format_ == OutFormat::Csv) {
        if (!outs.empty()) out += ',';
        append_csv_field(out, extra_text);
      } else {
        out += extra_key_;
        append_json_string(out, extra_text);
      }
    }
    if (format_ == OutFormat::Jsonl) out += outs.empty() && !extra_ ? "{}" : "}";
    out += '\n';
  }
}

}  // namespace leadc::rt
