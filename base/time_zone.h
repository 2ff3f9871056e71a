// IANA time zones (`zone "America/New_York"`, `leadc run --timezone`), from the
// system's tzdata through Howard Hinnant's date/tz (docs/architecture.md). Used by the
// front end to check a zone's name and by the cell reader to turn a local time into UTC.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace leadc::tz {

struct Zone;  // opaque; lives as long as the program (the database is loaded once)

// Null when `name` is not a zone of the database.
const Zone* find_zone(std::string_view name);
// The zone name closest to `name` (case, a missing area, a typo), or "" when none is close.
std::string closest_zone(std::string_view name);

enum class LocalTime : uint8_t {
  Unique,    // the local time happens once: *utc is set
  Skipped,   // in a gap (clocks jump forward): it never happens
  Repeated,  // in an overlap (clocks go back): it happens twice
};

// `local` = seconds since 1970-01-01 of a wall-clock time in `zone` (as if it were
// UTC). On Skipped/Repeated, offsets[0..1] are the UTC offsets (seconds) before and after
// the switch, for messages.
LocalTime local_to_utc(const Zone* zone, int64_t local, int64_t& utc, int32_t offsets[2]);

// "-04:00" for an offset in seconds.
std::string offset_text(int32_t seconds);

}  // namespace leadc::tz
