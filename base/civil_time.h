// Calendar arithmetic and ISO 8601 dates, shared by the front end (date literals,
// --as-of), the cell parser, the output writer and the analysis' witnesses: days since
// 1970-01-01 <-> (year, month, day) in the proleptic Gregorian calendar, UTC only.
// Howard Hinnant's algorithms (exact for every int64 day count we care about).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace leadc {

struct CivilDate {
  int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

constexpr int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

constexpr CivilDate civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

constexpr unsigned days_in_month(int64_t y, unsigned m) {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// `YYYY-MM-DD` -> seconds since the epoch (midnight UTC).
bool parse_iso_date(std::string_view s, double& seconds);
// `YYYY-MM-DD[T| ]HH:MM[:SS[.frac]][Z|±HH:MM|±HHMM]` or a bare date (midnight); no zone
// = UTC, and *has_zone (when given) says whether the text carried one.
bool parse_iso_timestamp(std::string_view s, double& seconds, bool* has_zone = nullptr);
// The one writer of dates and timestamps (run's output, explain, witnesses):
// `YYYY-MM-DD` (a year outside 0..9999 with as many digits as it needs) and
// `YYYY-MM-DDTHH:MM:SSZ` of whole seconds (rounded down). The write_ forms write at p,
// which must have kMaxIsoText bytes, and return the end.
constexpr size_t kMaxIsoText = 48;
char* write_iso_date(char* p, int64_t days);
char* write_iso_date_of_seconds(char* p, double seconds);
char* write_iso_timestamp(char* p, double seconds);
std::string format_iso_date(int64_t days);
std::string format_iso_timestamp(double seconds);

}  // namespace leadc
