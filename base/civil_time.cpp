// ISO 8601 date and timestamp parsing and date formatting (see civil_time.h).
#include "base/civil_time.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace leadc {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool fixed_digits(std::string_view s, size_t pos, size_t n, unsigned& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!is_digit(s[pos + i])) return false;
    out = out * 10 + static_cast<unsigned>(s[pos + i] - '0');
  }
  return true;
}

bool date_days(std::string_view s, int64_t& days) {
  unsigned y, m, d;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (!fixed_digits(s, 0, 4, y) || !fixed_digits(s, 5, 2, m) || !fixed_digits(s, 8, 2, d)) return false;
  if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
  days = days_from_civil(y, m, d);
  return true;
}

}  // namespace

bool parse_iso_date(std::string_view s, double& seconds) {
  int64_t days;
  if (s.size() != 10 || !date_days(s, days)) return false;
  seconds = static_cast<double>(days) * 86400.0;
  return true;
}

bool parse_iso_timestamp(std::string_view s, double& seconds, bool* has_zone) {
  if (has_zone) *has_zone = false;
  int64_t days;
  if (s.size() < 10 || !date_days(s, days)) return false;
  double secs = static_cast<double>(days) * 86400.0;
  if (s.size() == 10) { seconds = secs; return true; }
  if (s[10] != 'T' && s[10] != ' ') return false;
  unsigned hh, mm, ss = 0;
  if (!fixed_digits(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !fixed_digits(s, 14, 2, mm)) return false;
  size_t i = 16;
  double frac = 0;
  if (i < s.size() && s[i] == ':') {
    if (!fixed_digits(s, i + 1, 2, ss)) return false;
    i += 3;
    if (i < s.size() && s[i] == '.') {
      ++i;
      double scale = 0.1;
      const size_t start = i;
      // Up to microseconds; further digits are dropped, not rounded (decision 109).
      while (i < s.size() && is_digit(s[i])) {
        if (i - start < 6) frac += (s[i] - '0') * scale, scale /= 10;
        ++i;
      }
      if (i == start) return false;
    }
  }
  if (hh > 23 || mm > 59 || ss > 59) return false;
  double offset = 0;
  const bool zone = i < s.size();  // what follows the time can only be a zone
  if (i < s.size()) {
    if (s[i] == 'Z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      // `±HH:MM`, or `±HHMM` as Salesforce writes it (`…T10:30:00.000+0000`).
      const bool colon = i + 3 < s.size() && s[i + 3] == ':';
      unsigned oh, om;
      if (!fixed_digits(s, i + 1, 2, oh) || !fixed_digits(s, i + (colon ? 4 : 3), 2, om) || oh > 23 || om > 59)
        return false;
      offset = (s[i] == '+' ? 1 : -1) * static_cast<double>(oh * 3600 + om * 60);
      i += colon ? 6 : 5;
    } else {
      return false;
    }
  }
  if (i != s.size()) return false;
  if (has_zone) *has_zone = zone;
  seconds = secs + hh * 3600.0 + mm * 60.0 + ss + frac - offset;
  return true;
}

namespace {

char* put_2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10 % 10);
  p[1] = static_cast<char>('0' + v % 10);
  return p + 2;
}

}  // namespace

char* write_iso_date(char* p, int64_t days) {
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

char* write_iso_date_of_seconds(char* p, double seconds) {
  return write_iso_date(p, static_cast<int64_t>(std::floor(seconds / 86400.0)));
}

char* write_iso_timestamp(char* p, double seconds) {
  const int64_t s = static_cast<int64_t>(std::floor(seconds));
  int64_t days = s / 86400, rem = s % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  p = write_iso_date(p, days);
  *p++ = 'T';
  p = put_2(p, static_cast<unsigned>(rem / 3600));
  *p++ = ':';
  p = put_2(p, static_cast<unsigned>(rem / 60 % 60));
  *p++ = ':';
  p = put_2(p, static_cast<unsigned>(rem % 60));
  *p++ = 'Z';
  return p;
}

std::string format_iso_date(int64_t days) {
  char buf[kMaxIsoText];
  return std::string(buf, write_iso_date(buf, days));
}

std::string format_iso_timestamp(double seconds) {
  char buf[kMaxIsoText];
  return std::string(buf, write_iso_timestamp(buf, seconds));
}

}  // namespace leadc
