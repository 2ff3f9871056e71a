// Prints solver models as `given { … }` blocks in the language's own syntax, and
// builds the constraints that make those models readable.
#include "compiler/analysis/witness.h"

#include "base/civil_time.h"
#include "base/contact_syntax.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace leadc::analysis {

using ir::FieldKind;

std::string decimal_text(const z3::expr& e) {
  std::string s = exact_decimal(e);
  if (!s.empty()) return s;
  // No short exact decimal (1/3): the nearest double in its shortest round-trip form,
  // which is what the language reads back; whether the finding still holds for it is
  // for the witness confirmation (AnalyzeOptions::confirm) to say.
  double d = std::strtod(e.get_decimal_string(40).c_str(), nullptr);
  s = fmt::format("{}", d);
  if (s.find_first_of("eE") != std::string::npos) s = fmt::format("{:f}", d);
  return s == "-0" ? "0" : s;
}

std::string exact_decimal(const z3::expr& e, unsigned max_digits) {
  // Z3 ends the text with `?` when it cut digits off: the value has more decimals.
  std::string s = e.get_decimal_string(static_cast<int>(max_digits));
  if (s.empty() || s.back() == '?') return "";
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

constexpr std::pair<double, const char*> kUnits[] = {{31536000, "years"}, {2592000, "months"}, {604800, "weeks"},
                                                     {86400, "days"},      {3600, "hours"},     {60, "minutes"}};

std::string duration_unit(const ir::Input& in) {
  if (!in.unit.empty()) return in.unit;
  for (auto [scale, word] : kUnits) {
    if (in.scale == scale) return word;
  }
  return "seconds";
}

// A duration as `N unit`, and the seconds that text reads back as (N * the unit's
// seconds, as the lowering computes it): in the declared unit when that is exact,
// else in the largest of weeks, days, hours, minutes, seconds that is (90 days is
// 12.857142… weeks), else the nearest double in the declared unit.
std::string duration_text(const ir::Input& in, const z3::expr& raw, double& seconds) {
  std::string n = exact_decimal(raw, 6);
  if (n.empty()) {
    z3::expr secs = (raw * real_of(raw.ctx(), in.scale)).simplify();
    for (auto [scale, word] : kUnits) {
      if (scale > 604800) continue;  // months and years are not whole days in every calendar sense
      std::string m = exact_decimal((secs / real_of(raw.ctx(), scale)).simplify(), 6);
      if (!m.empty()) {
        seconds = std::strtod(m.c_str(), nullptr) * scale;
        return m + " " + word;
      }
    }
    std::string s = exact_decimal(secs, 6);
    if (!s.empty()) {
      seconds = std::strtod(s.c_str(), nullptr);
      return s + " seconds";
    }
    n = decimal_text(raw);
  }
  seconds = std::strtod(n.c_str(), nullptr) * in.scale;
  return n + " " + duration_unit(in);
}

std::string timestamp_text(const z3::expr& raw) {
  std::string s = decimal_text(raw);
  double secs = std::stod(s);
  double whole = std::floor(secs);
  std::string out = format_iso_timestamp(whole);  // ends in `Z`
  if (secs != whole) {
    std::string frac = fmt::format("{:.6f}", secs - whole).substr(1);
    while (frac.back() == '0') frac.pop_back();
    out.insert(out.size() - 1, frac);
  }
  return out;
}

}  // namespace

std::string format_as_of(const z3::expr& seconds) { return timestamp_text(seconds); }

std::string format_value(const ir::Program& program, size_t input, const z3::expr& raw, ir::Constant& read_back) {
  const ir::Input& in = program.inputs[input];
  read_back = ir::Constant{};
  switch (in.kind) {
    case FieldKind::Bool:
      read_back.b = raw.is_true();
      return raw.is_true() ? "true" : "false";
    case FieldKind::Int:
    case FieldKind::Number: {
      std::string s = decimal_text(raw);
      read_back.num = std::strtod(s.c_str(), nullptr);
      return s;
    }
    case FieldKind::Duration: return duration_text(in, raw, read_back.num);
    case FieldKind::Money: {
      std::string s = decimal_text(raw);  // whole cents: always exact
      read_back.num = std::round(std::strtod(s.c_str(), nullptr) * in.scale);
      return s + " " + in.unit;
    }
    case FieldKind::Date: {
      int64_t days = raw.get_numeral_int64();
      read_back.num = static_cast<double>(days) * 86400;
      return format_iso_date(days);
    }
    case FieldKind::Timestamp: {
      std::string s = timestamp_text(raw);
      parse_iso_timestamp(s, read_back.num);
      return s;
    }
    case FieldKind::Text:
    case FieldKind::Email:
    case FieldKind::Phone:
      read_back.str = string_of(raw);
      return quote(read_back.str);
    case FieldKind::Set:  // one member's Bool (make_witness prints the whole set)
      read_back.b = raw.is_true();
      return raw.is_true() ? "true" : "false";
    case FieldKind::Enum: {
      int64_t m = raw.get_numeral_int64();
      read_back.member = static_cast<int32_t>(m);
      const auto& members = program.enums.at(in.enum_id).members;
      return m >= 0 && m < static_cast<int64_t>(members.size()) ? members[m] : std::to_string(m);
    }
  }
  return "?";
}

std::string lead_identity(const WitnessLead& lead) {
  std::vector<const ir::Example::Given*> set;
  for (const ir::Example::Given& g : lead.given) {
    if (!g.value.missing) set.push_back(&g);
  }
  std::stable_sort(set.begin(), set.end(), [](auto* a, auto* b) { return a->input < b->input; });
  std::string out = fmt::format("as_of {}", lead.as_of);
  for (const ir::Example::Given* g : set) {
    const ir::Constant& k = g->value;
    out += fmt::format(";{}={}:{}:{}:{:?}", g->input, k.b, k.num, k.member, k.str);
  }
  return out;
}

Witness make_witness(const Encoder& enc, const z3::model& model, const std::vector<uint32_t>& relevant,
                     double as_of, const std::vector<std::string>* names) {
  const ir::Program& p = enc.program();
  Witness w;
  w.lead.as_of = as_of;
  std::vector<std::string> parts;
  // Aggregates over activities cannot be written in `given`; the relevant ones are
  // shown as comments, so the block still parses (with no events for the lead).
  std::vector<std::string> aggregates;
  auto missing = [&](size_t i) {
    ir::Constant k;
    k.missing = true;
    w.lead.given.push_back({static_cast<uint32_t>(i), k});
  };
  auto value = [&](size_t i, const z3::expr& raw) {
    ir::Example::Given g{static_cast<uint32_t>(i), {}};
    std::string text = format_value(p, i, raw, g.value);
    w.lead.given.push_back(std::move(g));
    return text;
  };
  size_t next = 0;
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    bool is_relevant = next < relevant.size() && relevant[next] == i;
    if (is_relevant) ++next;
    const ir::Input& in = p.inputs[i];
    if (in.kind == FieldKind::Set) {
      // The whole set at its member 0: `products: [crm, cms]`, members in declaration
      // order; a member that does not matter is not listed (the fallback).
      const size_t n = p.enums.at(in.enum_id).members.size();
      auto relevant_member = [&](size_t k) { return std::binary_search(relevant.begin(), relevant.end(), uint32_t(i + k)); };
      bool any = false;
      for (size_t k = 0; k < n; ++k) any = any || relevant_member(k);
      const std::string& name = names ? (*names)[i] : in.field;
      const bool known = !in.optional || (any && model.eval(enc.input(i).known, true).is_true());
      std::string list;
      for (size_t k = 0; k < n; ++k) {
        ir::Example::Given g{static_cast<uint32_t>(i + k), {}};
        g.value.missing = !known;
        g.value.b = known && relevant_member(k) && model.eval(enc.input(i + k).raw, true).is_true();
        if (g.value.b) list += (list.empty() ? "" : ", ") + p.enums[in.enum_id].members[k];
        if (known || any) w.lead.given.push_back(g);
      }
      if (!name.empty() && (any || !in.optional)) parts.push_back(name + ": " + (known ? "[" + list + "]" : "missing"));
      while (next < relevant.size() && relevant[next] < i + n) ++next;
      i += n - 1;
      continue;
    }
    const InputVars& v = enc.input(i);
    const std::string& name = names ? (*names)[i] : in.field;
    // An input the text leaves out still goes into the lead.
    auto show = [&](std::vector<std::string>& to, std::string text) {
      if (!name.empty()) to.push_back(std::move(text));
    };
    if (in.synthetic) {
      if (!is_relevant) continue;
      bool known = !in.optional || model.eval(v.known, true).is_true();
      if (!known) missing(i);
      show(aggregates, "// " + name + ": " + (known ? value(i, model.eval(v.raw, true)) : "missing"));
      continue;
    }
    if (is_relevant) {
      if (in.optional && !model.eval(v.known, true).is_true()) {
        show(parts, name + ": missing");
        missing(i);
      } else if (enc.text().abstract(i)) {
        ir::Example::Given g{static_cast<uint32_t>(i), {}};
        g.value.str = enc.text().witness(i, model);
        show(parts, name + ": " + quote(g.value.str));
        w.lead.given.push_back(std::move(g));
      } else {
        std::string text = value(i, model.eval(v.raw, true));
        show(parts, name + ": " + text);
      }
    } else if (!in.optional) {
      std::string text = value(i, v.fallback);
      show(parts, name + ": " + text);
    }
  }
  w.text = "given { ";
  for (size_t k = 0; k < parts.size(); ++k) w.text += (k ? ", " : "") + parts[k];
  if (aggregates.empty()) {
    w.text += " }";
    return w;
  }
  for (const std::string& a : aggregates) w.text += "\n  " + a;
  w.text += "\n}";
  return w;
}

std::vector<z3::expr> nice_values(const Encoder& enc, const std::vector<uint32_t>& relevant) {
  z3::context& c = enc.ctx();
  std::vector<z3::expr> parts;
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
      case FieldKind::Text:
        if (!enc.text().abstract(i)) parts.push_back(z3::in_re(v.raw, printable));
        break;
      case FieldKind::Phone:
        if (!enc.text().abstract(i)) parts.push_back(z3::in_re(v.raw, phone));
        break;
      case FieldKind::Email:
        if (!enc.text().abstract(i)) parts.push_back(z3::in_re(v.raw, z3::concat(word, z3::concat(at, word))));
        break;
      default: break;
    }
  }
  return parts;
}

std::vector<z3::expr> short_values(const Encoder& enc, const std::vector<uint32_t>& relevant) {
  z3::context& c = enc.ctx();
  std::vector<z3::expr> parts;
  for (uint32_t i : relevant) {
    const InputVars& v = enc.input(i);
    switch (enc.program().inputs[i].kind) {
      case FieldKind::Number: parts.push_back(z3::is_int(v.raw * c.real_val(1000000))); break;
      case FieldKind::Duration: parts.push_back(z3::is_int(v.value)); break;  // whole seconds
      case FieldKind::Timestamp: parts.push_back(z3::is_int(v.raw * c.real_val(1000))); break;
      default: break;
    }
  }
  return parts;
}

z3::expr fallbacks_except(const Encoder& enc, const std::vector<uint32_t>& inputs,
                          const std::vector<uint32_t>& relevant) {
  z3::expr_vector parts(enc.ctx());
  size_t next = 0;
  for (uint32_t i : inputs) {
    while (next < relevant.size() && relevant[next] < i) ++next;
    if (next < relevant.size() && relevant[next] == i) continue;
    const InputVars& v = enc.input(i);
    const ir::Input& in = enc.program().inputs[i];
    if (in.kind == FieldKind::Set) {
      // A set's members share one known flag: a member that does not matter is not
      // listed, and the set is missing only when none of its members matters.
      parts.push_back(v.is_fallback);
      const uint32_t first = i - static_cast<uint32_t>(in.set_member);
      const size_t n = enc.program().enums.at(in.enum_id).members.size();
      bool any = false;
      for (uint32_t k = first; k < first + n; ++k) any = any || std::binary_search(relevant.begin(), relevant.end(), k);
      if (in.optional && !any) parts.push_back(!v.known);
    } else if (in.optional) {
      parts.push_back(!v.known);
    } else {
      parts.push_back(v.is_fallback);
    }
  }
  return z3::mk_and(parts);
}

}  // namespace leadc::analysis
