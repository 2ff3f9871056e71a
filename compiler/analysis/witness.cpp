// Prints solver models as `given { … }` blocks in the language's own syntax, and
// builds the constraints that make those models readable.
#include "compiler/analysis/witness.h"

#include "base/civil_time.h"
#include "base/contact_syntax.h"

#include <fmt/format.h>

#include <cmath>

namespace leadc::analysis {

using ir::FieldKind;

namespace {

}  // namespace

std::string decimal_text(const z3::expr& e) {
  std::string s = e.get_decimal_string(12);
  if (!s.empty() && s.back() == '?') s.pop_back();
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

namespace {

std::string quote(const std::string& bytes) {
  std::string out = "\"";
  for (char ch : bytes) {
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += ch;
    }
  }
  return out + "\"";
}

std::string string_of(const z3::expr& e) {
  try {
    return e.get_string();
  } catch (const z3::exception&) {
    return e.get_escaped_string();
  }
}

std::string duration_unit(const ir::Input& in) {
  if (!in.unit.empty()) return in.unit;
  static const std::pair<double, const char*> units[] = {
      {31536000, "years"}, {2592000, "months"}, {604800, "weeks"}, {86400, "days"}, {3600, "hours"}, {60, "minutes"}};
  for (auto [scale, word] : units) {
    if (in.scale == scale) return word;
  }
  return "seconds";
}

std::string timestamp_text(const z3::expr& raw) {
  std::string s = decimal_text(raw);
  double secs = std::stod(s);
  double whole = std::floor(secs);
  auto t = static_cast<int64_t>(whole);
  int64_t days = (t >= 0 ? t : t - 86399) / 86400;
  int64_t sod = t - days * 86400;
  std::string out = fmt::format("{}T{:02}:{:02}:{:02}", format_iso_date(days), sod / 3600, sod / 60 % 60, sod % 60);
  if (secs != whole) {
    std::string frac = fmt::format("{:.6f}", secs - whole).substr(1);
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  return out + "Z";
}

}  // namespace

std::string format_as_of(const z3::expr& seconds) { return timestamp_text(seconds); }

std::string format_value(const ir::Program& program, size_t input, const z3::expr& raw) {
  const ir::Input& in = program.inputs[input];
  switch (in.kind) {
    case FieldKind::Bool: return raw.is_true() ? "true" : "false";
    case FieldKind::Int:
    case FieldKind::Number: return decimal_text(raw);
    case FieldKind::Duration: return decimal_text(raw) + " " + duration_unit(in);
    case FieldKind::Money: return decimal_text(raw) + " " + in.unit;
    case FieldKind::Date: return format_iso_date(raw.get_numeral_int64());
    case FieldKind::Timestamp: return timestamp_text(raw);
    case FieldKind::Text:
    case FieldKind::Email:
    case FieldKind::Phone: return quote(string_of(raw));
    case FieldKind::Enum: {
      int64_t m = raw.get_numeral_int64();
      const auto& members = program.enums.at(in.enum_id).members;
      return m >= 0 && m < static_cast<int64_t>(members.size()) ? members[m] : std::to_string(m);
    }
  }
  return "?";
}

std::string format_witness(const Encoder& enc, const z3::model& model, const std::vector<uint32_t>& relevant) {
  const ir::Program& p = enc.program();
  std::vector<std::string> parts;
  // Aggregates over activities cannot be written in `given`; the relevant ones are
  // shown as comments, so the block still parses (with no events for the lead).
  std::vector<std::string> aggregates;
  size_t next = 0;
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    bool is_relevant = next < relevant.size() && relevant[next] == i;
    if (is_relevant) ++next;
    const ir::Input& in = p.inputs[i];
    const InputVars& v = enc.input(i);
    if (in.synthetic) {
      if (!is_relevant) continue;
      bool known = !in.optional || model.eval(v.known, true).is_true();
      aggregates.push_back("// " + in.field + ": " + (known ? format_value(p, i, model.eval(v.raw, true)) : "missing"));
      continue;
    }
    if (is_relevant) {
      if (in.optional && !model.eval(v.known, true).is_true()) {
        parts.push_back(in.field + ": missing");
      } else {
        parts.push_back(in.field + ": " + format_value(p, i, model.eval(v.raw, true)));
      }
    } else if (!in.optional) {
      parts.push_back(in.field + ": " + format_value(p, i, v.fallback));
    }
  }
  std::string out = "given { ";
  for (size_t k = 0; k < parts.size(); ++k) out += (k ? ", " : "") + parts[k];
  if (aggregates.empty()) return out + " }";
  for (const std::string& a : aggregates) out += "\n  " + a;
  return out + "\n}";
}

z3::expr nice_values(const Encoder& enc, const std::vector<uint32_t>& relevant) {
  z3::context& c = enc.ctx();
  z3::expr_vector parts(c);
  z3::expr printable = z3::star(z3::range(c.string_val(" "), c.string_val("~")));
  // An email's parts: printable ASCII without spaces and `@` (0x40): a subset of what
  // base/contact_syntax.h accepts, so the reader reads every witness.
  z3::expr word = z3::plus(z3::range(c.string_val("!"), c.string_val("?")) + z3::range(c.string_val("A"), c.string_val("~")));
  z3::expr at = z3::to_re(c.string_val("@"));
  // A phone number (base/contact_syntax.h): kMinPhoneDigits digits or more, with the
  // separators between them.
  z3::expr digit = z3::range(c.string_val("0"), c.string_val("9"));
  z3::expr sep = z3::to_re(c.string_val(std::string(1, contact::kPhoneSeparators[0]).c_str()));
  for (char p : contact::kPhoneSeparators.substr(1)) sep = sep + z3::to_re(c.string_val(std::string(1, p).c_str()));
  z3::expr one = z3::concat(z3::star(sep), digit);
  z3::expr phone = one;
  for (int k = 1; k < contact::kMinPhoneDigits; ++k) phone = z3::concat(phone, one);
  phone = z3::concat(phone, z3::star(sep + digit));
  for (uint32_t i : relevant) {
    const InputVars& v = enc.input(i);
    switch (enc.program().inputs[i].kind) {
      case FieldKind::Number:
      case FieldKind::Duration:
      case FieldKind::Money:
      case FieldKind::Timestamp: parts.push_back(z3::is_int(v.raw)); break;
      case FieldKind::Text: parts.push_back(z3::in_re(v.raw, printable)); break;
      case FieldKind::Phone: parts.push_back(z3::in_re(v.raw, phone)); break;
      case FieldKind::Email: parts.push_back(z3::in_re(v.raw, z3::concat(word, z3::concat(at, word)))); break;
      default: break;
    }
  }
  return z3::mk_and(parts);
}

z3::expr fallbacks_except(const Encoder& enc, const std::vector<uint32_t>& inputs,
                          const std::vector<uint32_t>& relevant) {
  z3::expr_vector parts(enc.ctx());
  size_t next = 0;
  for (uint32_t i : inputs) {
    while (next < relevant.size() && relevant[next] < i) ++next;
    if (next < relevant.size() && relevant[next] == i) continue;
    const InputVars& v = enc.input(i);
    if (enc.program().inputs[i].optional) {
      parts.push_back(!v.known);
    } else {
      parts.push_back(v.raw == v.fallback);
    }
  }
  return z3::mk_and(parts);
}

}  // namespace leadc::analysis
