// POSIX TZ strings as TZif footers write them (RFC 8536 3.3, with its extensions: hours
// of a rule's time from -167 to 167). Example: "CET-1CEST,M3.5.0,M10.5.0/3" = standard
// time "CET" one hour east of UTC, daylight saving "CEST" (one hour more, the default)
// from the last Sunday of March at 02:00 to the last Sunday of October at 03:00.
#include "base/posix_tz_rule.h"

#include "base/civil_time.h"

#include <algorithm>
#include <cctype>

namespace leadc::tz {

namespace {

struct Cursor {
  std::string_view s;
  size_t i = 0;
  bool done() const { return i >= s.size(); }
  char peek() const { return done() ? '\0' : s[i]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i;
    return true;
  }
  bool number(int& out, int max) {
    if (!std::isdigit(static_cast<unsigned char>(peek()))) return false;
    long v = 0;
    while (std::isdigit(static_cast<unsigned char>(peek()))) {
      v = v * 10 + (s[i++] - '0');
      if (v > max) return false;
    }
    out = static_cast<int>(v);
    return true;
  }
};

// A zone abbreviation: three or more letters, or <...> (which may hold digits and signs).
bool name(Cursor& c) {
  if (c.eat('<')) {
    while (!c.done() && c.peek() != '>') ++c.i;
    return c.eat('>');
  }
  const size_t from = c.i;
  while (std::isalpha(static_cast<unsigned char>(c.peek()))) ++c.i;
  return c.i - from >= 3;
}

// [+-]hh[:mm[:ss]] in seconds, with the sign as written.
bool hms(Cursor& c, int32_t& out, int max_hours) {
  const bool neg = c.eat('-');
  if (!neg) c.eat('+');
  int h = 0, m = 0, s = 0;
  if (!c.number(h, max_hours)) return false;
  if (c.eat(':')) {
    if (!c.number(m, 59)) return false;
    if (c.eat(':') && !c.number(s, 59)) return false;
  }
  out = (neg ? -1 : 1) * (h * 3600 + m * 60 + s);
  return true;
}

bool when(Cursor& c, PosixTzRule::When& w) {
  if (c.eat('M')) {
    w.kind = 'M';
    if (!c.number(w.month, 12) || w.month < 1 || !c.eat('.') || !c.number(w.week, 5) || w.week < 1 || !c.eat('.') ||
        !c.number(w.weekday, 6))
      return false;
  } else if (c.eat('J')) {
    w.kind = 'J';
    if (!c.number(w.day, 365) || w.day < 1) return false;
  } else {
    w.kind = 'N';
    if (!c.number(w.day, 365)) return false;
  }
  if (c.eat('/') && !hms(c, w.time, 167)) return false;
  return true;
}

bool leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days since 1970-01-01 of the day `w` names in `year`.
int64_t day_of(const PosixTzRule::When& w, int64_t year) {
  const int64_t jan1 = days_from_civil(year, 1, 1);
  if (w.kind == 'N') return jan1 + w.day;
  if (w.kind == 'J') return jan1 + w.day - 1 + (leap(year) && w.day >= 60 ? 1 : 0);
  // Day `weekday` (0 = Sunday) of week `week` of the month; week 5 = the last one.
  const int64_t first = days_from_civil(year, static_cast<unsigned>(w.month), 1);
  const int64_t first_weekday = ((first % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday
  int64_t d = first + (w.weekday - first_weekday + 7) % 7 + 7 * (w.week - 1);
  const int64_t month_end = first + days_in_month(year, static_cast<unsigned>(w.month));
  while (d >= month_end) d -= 7;
  return d;
}

}  // namespace

std::optional<PosixTzRule> parse_posix_tz(std::string_view text) {
  Cursor c{text};
  PosixTzRule r;
  int32_t west = 0;
  if (!name(c) || !hms(c, west, 24)) return std::nullopt;
  r.std_offset = -west;
  if (c.done()) return r;
  if (!name(c)) return std::nullopt;
  r.has_dst = true;
  r.dst_offset = r.std_offset + 3600;
  if (c.peek() != ',' && !c.done()) {
    if (!hms(c, west, 24)) return std::nullopt;
    r.dst_offset = -west;
  }
  // RFC 8536 requires the rule in a footer; without one there is nothing to apply.
  if (!c.eat(',') || !when(c, r.start) || !c.eat(',') || !when(c, r.end) || !c.done()) return std::nullopt;
  return r;
}

std::vector<PosixTzRule::Switch> PosixTzRule::switches(int64_t year) const {
  std::vector<Switch> out;
  if (!has_dst) return out;
  // Each switch's time is wall-clock time of the offset in force just before it.
  const int64_t on = day_of(start, year) * 86400 + start.time - std_offset;
  const int64_t off = day_of(end, year) * 86400 + end.time - dst_offset;
  // "Daylight saving all year" is written as a rule from Jan 1 00:00 to Dec 31 24:00
  // plus the difference: no switch then.
  if (on == off) return out;
  out.push_back({on, std_offset, dst_offset});
  out.push_back({off, dst_offset, std_offset});
  std::sort(out.begin(), out.end(), [](const Switch& a, const Switch& b) { return a.at < b.at; });
  return out;
}

std::string_view tzif_footer(std::string_view file) {
  // Version 2+ files end with "\n<TZ string>\n" after the 64-bit data.
  if (file.size() < 6 || file.substr(0, 4) != "TZif" || file[4] < '2' || file.back() != '\n') return {};
  const size_t open = file.rfind('\n', file.size() - 2);
  if (open == std::string_view::npos) return {};
  return file.substr(open + 1, file.size() - open - 2);
}

}  // namespace leadc::tz
