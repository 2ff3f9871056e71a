// base/civil_time.h is the one writer of dates and timestamps: run's output, explain
// and the witnesses all print what it prints, and what it prints reads back.
#include <doctest/doctest.h>

#include "base/civil_time.h"
#include "runtime/output_format.h"

using namespace leadc;

TEST_CASE("dates and timestamps print one way everywhere and read back") {
  CHECK(format_iso_date(0) == "1970-01-01");
  CHECK(format_iso_date(20414) == "2025-11-22");
  CHECK(format_iso_timestamp(1795305600 + 3723.9) == "2026-11-22T01:02:03Z");  // whole seconds
  CHECK(format_iso_timestamp(-1) == "1969-12-31T23:59:59Z");
  // Years outside 0..9999 print with the digits they need (the reader's limits aside).
  CHECK(format_iso_date(-719528) == "0000-01-01");
  CHECK(format_iso_date(-719528 - 365) == "-1-01-01");
  CHECK(format_iso_date(2932897) == "10000-01-01");
  for (double t : {0.0, 86399.0, 951782400.0, 1795305600.0, 4102444800.0}) {
    std::string run_text;
    rt::append_timestamp(run_text, t);
    CHECK(run_text == format_iso_timestamp(t));
    double back = 0;
    REQUIRE(parse_iso_timestamp(run_text, back));
    CHECK(back == t);
    std::string date_text;
    rt::append_date(date_text, t);
    CHECK(date_text == format_iso_date(static_cast<int64_t>(t / 86400)));
  }
}
