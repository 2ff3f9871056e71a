// Output cell formatting and the CSV / JSON Lines row formatter (see output_format.h).
#include "runtime/output_format.h"

#include <charconv>
#include <cmath>

#include "runtime/civil_time.h"

namespace leadc::rt {
namespace {

void append_2(std::string& out, unsigned v) {
  out += static_cast<char>('0' + v / 10 % 10);
  out += static_cast<char>('0' + v % 10);
}

void append_ymd(std::string& out, int64_t days) {
  const CivilDate d = civil_from_days(days);
  if (d.year >= 0 && d.year <= 9999) {
    const unsigned y = static_cast<unsigned>(d.year);
    append_2(out, y / 100);
    append_2(out, y % 100);
  } else {
    out += std::to_string(d.year);
  }
  out += '-';
  append_2(out, d.month);
  out += '-';
  append_2(out, d.day);
}

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
  append_ymd(out, static_cast<int64_t>(std::floor(seconds / 86400.0)));
}

void append_timestamp(std::string& out, double seconds) {
  const int64_t s = static_cast<int64_t>(std::floor(seconds));
  int64_t days = s / 86400, rem = s % 86400;
  if (rem < 0) { rem += 86400; --days; }
  append_ymd(out, days);
  out += 'T';
  append_2(out, static_cast<unsigned>(rem / 3600));
  out += ':';
  append_2(out, static_cast<unsigned>(rem / 60 % 60));
  out += ':';
  append_2(out, static_cast<unsigned>(rem % 60));
  out += 'Z';
}

void append_csv_field(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_json_string(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += ch;
        }
    }
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

void RowFormatter::header(std::string& out) const {
  if (format_ != OutFormat::Csv) return;
  for (size_t i = 0; i < program_.outputs.size(); ++i) {
    if (i) out += ',';
    append_csv_field(out, program_.outputs[i].name);
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
  for (size_t r = 0; r < rows; ++r) {
    for (size_t i = 0; i < outs.size(); ++i) {
      if (format_ == OutFormat::Csv) {
        if (i) out += ',';
      } else {
        out += json_keys_[i];
      }
      cell(out, outs[i], regs.regs[outs[i].reg], r);
    }
    if (format_ == OutFormat::Jsonl) out += outs.empty() ? "{}" : "}";
    out += '\n';
  }
}

}  // namespace leadc::rt
