// The rule a TZif file's footer gives for every time after its table of transitions
// (RFC 8536 section 3.3: a POSIX TZ string such as "EST5EDT,M3.2.0,M11.1.0").
//
// Debian's tzdata lists transitions up to 2037 only; date/tz's reader of the system's
// files stops there and keeps the last offset for ever, so a wall-clock time in 2040
// would lose daylight saving. time_zone.cpp asks this rule for such times instead.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace leadc::tz {

struct PosixTzRule {
  // UTC offsets in seconds (east positive, unlike the string's own sign).
  int32_t std_offset = 0;
  int32_t dst_offset = 0;
  bool has_dst = false;
  // When daylight saving starts and ends, as the string says (see posix_tz_rule.cpp).
  struct When {
    char kind = 'M';  // 'M' month.week.day, 'J' Julian day 1..365 (no Feb 29), 'N' day 0..365
    int month = 0, week = 0, weekday = 0, day = 0;
    int32_t time = 2 * 3600;  // wall-clock seconds after local midnight (may be negative or > 24 h)
  } start, end;

  // One UTC instant where the offset changes, and the offset from then on.
  struct Switch {
    int64_t at;
    int32_t offset_before, offset_after;
  };
  // The switches of `year` in UTC order (none without daylight saving).
  std::vector<Switch> switches(int64_t year) const;
};

// Nullopt when the text is not a TZ string this reader understands.
std::optional<PosixTzRule> parse_posix_tz(std::string_view text);

// The footer of a TZif (version 2 or later) file's bytes, or "" when there is none.
std::string_view tzif_footer(std::string_view file);

}  // namespace leadc::tz
