// `format "…"` on a field (LANGUAGE.md section 9): how a file writes its dates,
// timestamps and numbers. The front end compiles a pattern to check it (E0205 with the
// reason); the cell reader compiles the same text once per field and reads every cell
// with it. One rule, written here, for both.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace leadc::cellfmt {

// Date and time patterns: `YYYY`, `MM`/`M`, `DD`/`D`, `HH`/`H`, `hh`/`h` with `A`,
// `mm`, `ss`, `SSS` (a fraction of any number of digits), `Z` (`Z`, ±HH:MM, ±HHMM);
// any other character stands for itself.
struct TimePattern {
  enum class Part : uint8_t {
    Year, Month2, Month, Day2, Day, Hour2, Hour, Hour12_2, Hour12, Minute, Second, Fraction, AmPm, Offset, Literal
  };
  struct Item {
    Part part;
    char literal = 0;
  };
  std::vector<Item> items;
  bool has_offset = false;  // `Z`: every cell carries its own offset
};

// Number patterns by example: "1,234.56", "1.234,56", "1 234,56", "1234,56", "1,234".
struct NumberPattern {
  char group = 0;      // thousands separator (0 = none; ' ' also accepts U+00A0 and U+202F)
  char decimal = '.';  // decimal mark
};

enum class Epoch : uint8_t { None, Seconds, Millis };

// "" when `text` is a valid pattern (then `out` is set), else why not, for E0205. A
// pattern needs a year, a month and a day (and `A` exactly with `hh`/`h`).
std::string compile_time_pattern(std::string_view text, TimePattern& out);
// `whole`: for an int field (no decimal mark).
std::string compile_number_pattern(std::string_view text, bool whole, NumberPattern& out);
// `epoch_seconds` / `epoch_millis`; false for any other name.
bool epoch_format(std::string_view name, Epoch& out);

// Reads a trimmed cell. `local` = the whole seconds since 1970-01-01 of the date and
// time as written (as if UTC), `fraction` in [0, 1); with `has_offset` the cell gave its
// UTC offset (`offset` seconds, UTC = local - offset), else the caller decides the zone.
// `why`, when given, is set for a cell in the pattern's shape whose date or time does
// not exist ("April 2026 has 30 days").
bool read_time(const TimePattern& p, std::string_view cell, int64_t& local, double& fraction, bool& has_offset,
               int32_t& offset, std::string* why = nullptr);
// A number cell as plain `-1234.56` text in `out`: the group separators dropped (where
// present they must group three digits), the decimal mark made a point.
bool normalize_number(const NumberPattern& p, std::string_view cell, std::string& out);
// A Unix time: an optional `-`, digits, and for epoch_seconds an optional fraction.
bool read_epoch(Epoch e, std::string_view cell, double& seconds);

}  // namespace leadc::cellfmt
