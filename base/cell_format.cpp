// Field formats: compiling patterns and reading cells with them (see cell_format.h).
#include "base/cell_format.h"

#include <cmath>

#include "base/civil_time.h"

namespace leadc::cellfmt {
namespace {

using Part = TimePattern::Part;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Parts that read a variable number of digits: a digit part right after one of them
// could not be told apart from it (`MD` on "1122").
bool variable_width(Part p) {
  return p == Part::Month || p == Part::Day || p == Part::Hour || p == Part::Hour12 || p == Part::Fraction;
}
bool reads_digits(Part p) { return p != Part::AmPm && p != Part::Offset && p != Part::Literal; }

// Reads between `min` and `max` digits at s[i..] (as many as there are, up to max).
bool digits(std::string_view s, size_t& i, size_t min, size_t max, int& value) {
  size_t n = 0;
  value = 0;
  while (n < max && i < s.size() && is_digit(s[i])) value = value * 10 + (s[i++] - '0'), ++n;
  return n >= min;
}

}  // namespace

std::string compile_time_pattern(std::string_view text, TimePattern& out) {
  out = TimePattern{};
  int year = 0, month = 0, day = 0, hour24 = 0, hour12 = 0, ampm = 0, minute = 0, second = 0, fraction = 0,
      offset = 0;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    size_t run = 1;
    while (i + run < text.size() && text[i + run] == c) ++run;
    auto add = [&](Part p, int& count) {
      out.items.push_back({p, 0});
      ++count;
    };
    switch (c) {
      case 'Y':
        if (run != 4) return "write the year as `YYYY` (four digits)";
        add(Part::Year, year);
        break;
      case 'M':
        if (run > 2) return "write the month as `MM` (two digits) or `M` (one or two); month names are not read";
        add(run == 2 ? Part::Month2 : Part::Month, month);
        break;
      case 'D':
        if (run > 2) return "write the day as `DD` (two digits) or `D` (one or two)";
        add(run == 2 ? Part::Day2 : Part::Day, day);
        break;
      case 'H':
        if (run > 2) return "write the hour as `HH` or `H` (0-23)";
        add(run == 2 ? Part::Hour2 : Part::Hour, hour24);
        break;
      case 'h':
        if (run > 2) return "write the hour as `hh` or `h` (1-12, with `A`)";
        add(run == 2 ? Part::Hour12_2 : Part::Hour12, hour12);
        break;
      case 'm':
        if (run != 2) return "write the minutes as `mm`";
        add(Part::Minute, minute);
        break;
      case 's':
        if (run != 2) return "write the seconds as `ss`";
        add(Part::Second, second);
        break;
      case 'S':
        if (run != 3) return "write a fraction of a second as `SSS` (it reads any number of digits)";
        add(Part::Fraction, fraction);
        break;
      case 'A':
        if (run != 1) return "write AM/PM as one `A`";
        add(Part::AmPm, ampm);
        break;
      case 'Z':
        if (run != 1) return "write the offset as one `Z` (it reads Z, \u00b1HH:MM and \u00b1HHMM)";
        add(Part::Offset, offset);
        break;
      default:
        for (size_t k = 0; k < run; ++k) out.items.push_back({Part::Literal, c});
        break;
    }
    i += run;
  }
  for (size_t k = 1; k < out.items.size(); ++k)
    if (variable_width(out.items[k - 1].part) && reads_digits(out.items[k].part))
      return "a one-or-two-digit part (`M`, `D`, `H`, `h`) or `SSS` right before another number cannot be "
             "told apart from it; put a separator between them or use the two-digit form";
  if (year != 1 || month != 1 || day != 1) return "a pattern needs the year, month and day once each (`YYYY`, `MM`, `DD`)";
  if (hour24 + hour12 > 1 || minute > 1 || second > 1 || fraction > 1 || ampm > 1 || offset > 1)
    return "each part of the time may appear only once";
  if (hour12 != ampm) return "`hh`/`h` (1-12) and `A` (AM/PM) go together; for 0-23 write `HH`";
  if (minute && !(hour24 || hour12)) return "minutes (`mm`) need an hour (`HH` or `hh`)";
  if (second && !minute) return "seconds (`ss`) need minutes (`mm`)";
  if (fraction && !second) return "a fraction (`SSS`) needs seconds (`ss`)";
  out.has_offset = offset == 1;
  return "";
}

std::string compile_number_pattern(std::string_view text, bool whole, NumberPattern& out) {
  out = NumberPattern{};
  // The separators in order, and the digits after each.
  struct Sep {
    char c;
    size_t before, after;
  };
  std::vector<Sep> seps;
  size_t run = 0, leading = 0;
  for (char c : text) {
    if (is_digit(c)) {
      ++run;
      continue;
    }
    if (c != ',' && c != '.' && c != ' ' && c != '\'')
      return "a number pattern is digits with `,` `.` ` ` or `'` between them, e.g. \"1,234.56\" or \"1.234,56\"";
    if (seps.empty()) leading = run;
    if (!seps.empty()) seps.back().after = run;
    seps.push_back({c, run, 0});
    run = 0;
  }
  if (seps.empty()) return "show the thousands separator or the decimal mark by example, e.g. \"1,234.56\" or \"1234,56\"";
  seps.back().after = run;
  if (leading == 0 || run == 0) return "a number pattern starts and ends with a digit";
  // The last separator is the decimal mark when it differs from the one before, or when
  // the digits around it cannot be a group of three.
  const Sep& last = seps.back();
  const bool two_kinds = seps.size() > 1 && seps[seps.size() - 2].c != last.c;
  const bool groups_before = last.before >= 1 && last.before <= 3;
  const bool decimal_last = two_kinds || last.after != 3 || (seps.size() == 1 && !groups_before);
  const size_t group_count = decimal_last ? seps.size() - 1 : seps.size();
  for (size_t k = 0; k < group_count; ++k) {
    if (seps[k].c != seps[0].c) return "a number pattern uses one thousands separator and one decimal mark";
    const bool first = k == 0;
    if ((first && (seps[k].before < 1 || seps[k].before > 3)) || (!first && seps[k].before != 3) ||
        seps[k].after != 3)
      return "the thousands separator groups three digits, e.g. \"1,234,567.89\"";
  }
  if (group_count > 0) out.group = seps[0].c;
  if (decimal_last) {
    if (last.c == ' ' || last.c == '\'') return "the decimal mark is `.` or `,`";
    if (group_count > 0 && last.c == out.group) return "the decimal mark differs from the thousands separator";
    out.decimal = last.c;
    if (whole) return "an int has no decimal mark; show only the thousands separator, e.g. \"1,234\"";
  } else {
    out.decimal = out.group == '.' ? ',' : '.';
  }
  return "";
}

bool epoch_format(std::string_view name, Epoch& out) {
  if (name == "epoch_seconds") return out = Epoch::Seconds, true;
  if (name == "epoch_millis") return out = Epoch::Millis, true;
  return false;
}

bool read_time(const TimePattern& p, std::string_view s, int64_t& local, double& fraction, bool& has_offset,
               int32_t& offset_out, std::string* why) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, offset = 0;
  int pm = -1;  // -1 no A, 0 AM, 1 PM
  fraction = 0;
  has_offset = false;
  size_t i = 0;
  for (const TimePattern::Item& it : p.items) {
    switch (it.part) {
      case Part::Year: if (!digits(s, i, 4, 4, year)) return false; break;
      case Part::Month2: if (!digits(s, i, 2, 2, month)) return false; break;
      case Part::Month: if (!digits(s, i, 1, 2, month)) return false; break;
      case Part::Day2: if (!digits(s, i, 2, 2, day)) return false; break;
      case Part::Day: if (!digits(s, i, 1, 2, day)) return false; break;
      case Part::Hour2: case Part::Hour12_2: if (!digits(s, i, 2, 2, hour)) return false; break;
      case Part::Hour: case Part::Hour12: if (!digits(s, i, 1, 2, hour)) return false; break;
      case Part::Minute: if (!digits(s, i, 2, 2, minute)) return false; break;
      case Part::Second: if (!digits(s, i, 2, 2, second)) return false; break;
      case Part::Fraction: {
        double scale = 0.1;
        size_t n = 0;
        // Up to microseconds; further digits are dropped (not rounded), so 59.9999999
        // stays in its second (decision 109).
        while (i < s.size() && is_digit(s[i])) {
          if (n < 6) fraction += (s[i] - '0') * scale, scale /= 10;
          ++i, ++n;
        }
        if (n == 0) return false;
        break;
      }
      case Part::AmPm: {
        if (i + 2 > s.size() || (s[i + 1] | 0x20) != 'm') return false;
        const char a = static_cast<char>(s[i] | 0x20);
        if (a != 'a' && a != 'p') return false;
        pm = a == 'p';
        i += 2;
        break;
      }
      case Part::Offset: {
        if (i < s.size() && s[i] == 'Z') {
          ++i;
        } else {
          if (i >= s.size() || (s[i] != '+' && s[i] != '-')) return false;
          const int sign = s[i++] == '-' ? -1 : 1;
          int oh = 0, om = 0;
          if (!digits(s, i, 2, 2, oh)) return false;
          if (i < s.size() && s[i] == ':') ++i;
          if (!digits(s, i, 2, 2, om) || oh > 23 || om > 59) return false;
          offset = sign * (oh * 3600 + om * 60);
        }
        has_offset = true;
        break;
      }
      case Part::Literal:
        if (i >= s.size() || s[i] != it.literal) return false;
        ++i;
        break;
    }
  }
  if (i != s.size()) return false;
  static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
  if (month < 1 || month > 12) {
    if (why) *why = "there is no month " + std::to_string(month);
    return false;
  }
  const int last = static_cast<int>(days_in_month(year, static_cast<unsigned>(month)));
  if (day < 1 || day > last) {
    if (why)
      *why = day < 1 ? "there is no day 0"
             : month == 2 && day == 29 ? std::to_string(year) + " is not a leap year"
                                     : std::string(kMonths[month - 1]) + " " + std::to_string(year) + " has " +
                                           std::to_string(last) + " days";
    return false;
  }
  if (pm >= 0) {
    if (hour < 1 || hour > 12) {
      if (why) *why = "a 12-hour clock's hour is 1 to 12";
      return false;
    }
    hour = hour % 12 + (pm ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) {
    if (why) *why = "the time of day does not exist";
    return false;
  }
  local = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
          hour * 3600 + minute * 60 + second;
  offset_out = offset;
  return true;
}

bool normalize_number(const NumberPattern& p, std::string_view s, std::string& out) {
  out.clear();
  size_t i = 0;
  if (i < s.size() && s[i] == '-') out += s[i++];
  // A group separator at s[i]: its length in bytes (a space group also takes the
  // no-break spaces spreadsheets write), or 0.
  auto group_at = [&](size_t k) -> size_t {
    if (p.group == 0 || k >= s.size()) return 0;
    if (s[k] == p.group) return 1;
    if (p.group == ' ') {
      if (s.substr(k, 2) == "\xC2\xA0") return 2;
      if (s.substr(k, 3) == "\xE2\x80\xAF") return 3;
    }
    return 0;
  };
  size_t run = 0, groups = 0;
  bool first_group = true;
  for (; i < s.size(); ++i) {
    if (is_digit(s[i])) {
      out += s[i];
      ++run;
      continue;
    }
    const size_t g = group_at(i);
    if (g == 0) break;
    if (first_group ? (run < 1 || run > 3) : run != 3) return false;
    first_group = false;
    ++groups;
    run = 0;
    i += g - 1;
  }
  if (groups > 0 && run != 3) return false;  // the last group before the mark or the end
  if (run == 0 && groups == 0) return false;
  if (i < s.size()) {
    if (s[i] != p.decimal) return false;
    out += '.';
    ++i;
    const size_t frac_begin = i;
    while (i < s.size() && is_digit(s[i])) out += s[i++];
    if (i == frac_begin || i != s.size()) return false;
  }
  return true;
}

bool read_epoch(Epoch e, std::string_view s, double& seconds) {
  size_t i = 0;
  const bool negative = !s.empty() && s[0] == '-';
  if (negative) ++i;
  const size_t begin = i;
  double whole = 0;
  while (i < s.size() && is_digit(s[i])) whole = whole * 10 + (s[i++] - '0');
  if (i == begin || i - begin > 16) return false;  // beyond 16 digits a double is not exact
  double frac = 0;
  if (e == Epoch::Seconds && i < s.size() && s[i] == '.') {
    ++i;
    double scale = 0.1;
    const size_t fb = i;
    while (i < s.size() && is_digit(s[i])) frac += (s[i++] - '0') * scale, scale /= 10;
    if (i == fb) return false;
  }
  if (i != s.size()) return false;
  const double v = e == Epoch::Millis ? whole / 1000 : whole + frac;
  seconds = negative ? -v : v;
  return std::isfinite(seconds);
}

}  // namespace leadc::cellfmt
