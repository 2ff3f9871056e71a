// `format` patterns, epoch formats, zones and enum spellings (LANGUAGE.md section 9):
// base/cell_format.h's rules directly, and through a FieldReader.
#include <doctest/doctest.h>

#include "base/cell_format.h"
#include "base/civil_time.h"
#include "base/posix_tz_rule.h"
#include "io_test_util.h"
#include "runtime/cell_parse.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {

struct Formatted {
  ProgramBuilder b;
  Column col;
  Formatted(ir::FieldKind k, std::string format, bool named = false, std::string zone = "", double scale = 1,
            std::string unit = "") {
    b.field("f", k, true, scale, "", -1, unit);
    b.p.inputs[0].format = std::move(format);
    b.p.inputs[0].format_is_name = named;
    b.p.inputs[0].zone = std::move(zone);
    col.type = type_of(k);
    resize_column(col, 1);
  }
  CellError read(std::string_view text, std::string_view default_zone = {}) {
    return FieldReader(b.p, 0, default_zone).read(text, col, 0);
  }
  std::string iso() const { return format_iso_timestamp(col.num[0]); }
};

}  // namespace

TEST_CASE("number patterns: the last separator is the decimal mark unless it closes a group of three") {
  cellfmt::NumberPattern p;
  CHECK(cellfmt::compile_number_pattern("1,234.56", false, p).empty());
  CHECK((p.group == ',' && p.decimal == '.'));
  CHECK(cellfmt::compile_number_pattern("1.234,56", false, p).empty());
  CHECK((p.group == '.' && p.decimal == ','));
  CHECK(cellfmt::compile_number_pattern("1 234,56", false, p).empty());
  CHECK((p.group == ' ' && p.decimal == ','));
  CHECK(cellfmt::compile_number_pattern("1234,56", false, p).empty());
  CHECK((p.group == 0 && p.decimal == ','));
  CHECK(cellfmt::compile_number_pattern("1,234", true, p).empty());
  CHECK((p.group == ',' && p.decimal == '.'));
  CHECK_FALSE(cellfmt::compile_number_pattern("1,234.5", true, p).empty());  // an int has no decimal mark
  CHECK_FALSE(cellfmt::compile_number_pattern("12,34,567", false, p).empty());
  CHECK_FALSE(cellfmt::compile_number_pattern("1234", false, p).empty());
  CHECK_FALSE(cellfmt::compile_number_pattern("1_234", false, p).empty());
}

TEST_CASE("number cells: separators optional, but grouping three digits where present") {
  cellfmt::NumberPattern p;
  REQUIRE(cellfmt::compile_number_pattern("1.234,56", false, p).empty());
  std::string out;
  CHECK((cellfmt::normalize_number(p, "1.234.567,89", out) && out == "1234567.89"));
  CHECK((cellfmt::normalize_number(p, "1234567,89", out) && out == "1234567.89"));
  CHECK((cellfmt::normalize_number(p, "-12,5", out) && out == "-12.5"));
  CHECK((cellfmt::normalize_number(p, "999", out) && out == "999"));
  CHECK_FALSE(cellfmt::normalize_number(p, "12.34,5", out));
  CHECK_FALSE(cellfmt::normalize_number(p, "1.2345", out));
  CHECK_FALSE(cellfmt::normalize_number(p, "1,234.56", out));
  CHECK_FALSE(cellfmt::normalize_number(p, ",5", out));
  REQUIRE(cellfmt::compile_number_pattern("1 234,56", false, p).empty());
  CHECK((cellfmt::normalize_number(p, "1\xC2\xA0" "234,5", out) && out == "1234.5"));  // a no-break space
}

TEST_CASE("time patterns: the parts, and what cannot be read unambiguously") {
  cellfmt::TimePattern p;
  CHECK(cellfmt::compile_time_pattern("MM/DD/YYYY", p).empty());
  CHECK(cellfmt::compile_time_pattern("M/D/YYYY h:mm A", p).empty());
  CHECK(cellfmt::compile_time_pattern("YYYY-MM-DDTHH:mm:ss.SSSZ", p).empty());
  CHECK(p.has_offset);
  CHECK(cellfmt::compile_time_pattern("DD.MM.YYYY HHmm", p).empty());
  CHECK_FALSE(cellfmt::compile_time_pattern("DD/MM/YY", p).empty());
  CHECK_FALSE(cellfmt::compile_time_pattern("MMM D, YYYY", p).empty());
  CHECK_FALSE(cellfmt::compile_time_pattern("MDYYYY", p).empty());  // M right before D
  CHECK_FALSE(cellfmt::compile_time_pattern("MM/DD/YYYY hh:mm", p).empty());  // hh without A
  CHECK_FALSE(cellfmt::compile_time_pattern("MM/YYYY", p).empty());  // no day
  CHECK_FALSE(cellfmt::compile_time_pattern("YYYY-MM-DD HH:ss", p).empty());  // seconds without minutes
}

TEST_CASE("dates and timestamps with a pattern") {
  Formatted d(ir::FieldKind::Date, "MM/DD/YYYY");
  REQUIRE(d.read("11/22/2026") == CellError::None);
  CHECK(format_iso_date(static_cast<int64_t>(d.col.num[0] / 86400)) == "2026-11-22");
  CHECK(d.read("2026-11-22") == CellError::Syntax);  // a format replaces the default forms
  CHECK(d.read("02/30/2026") == CellError::Syntax);
  CHECK(d.read("1/2/2026") == CellError::Syntax);  // MM is two digits
  Formatted t(ir::FieldKind::Timestamp, "M/D/YYYY h:mm A");
  REQUIRE(t.read("1/2/2026 12:05 am") == CellError::None);
  CHECK(t.iso() == "2026-01-02T00:05:00Z");
  CHECK(t.col.zoneless_count(1) == 1);
  REQUIRE(t.read("1/2/2026 12:05 PM") == CellError::None);
  CHECK(t.iso() == "2026-01-02T12:05:00Z");
  CHECK(t.read("1/2/2026 13:05 PM") == CellError::Syntax);
  Formatted z(ir::FieldKind::Timestamp, "YYYY-MM-DD HH:mm:ss.SSS Z");
  REQUIRE(z.read("2024-01-15 10:30:00.250 +0100") == CellError::None);
  CHECK(z.col.num[0] == doctest::Approx(1705311000.25));
  CHECK(z.col.zoneless_count(1) == 0);
}

TEST_CASE("epoch formats") {
  Formatted ms(ir::FieldKind::Timestamp, "epoch_millis", true);
  REQUIRE(ms.read("1763807400000") == CellError::None);
  CHECK(ms.iso() == "2025-11-22T10:30:00Z");
  CHECK(ms.read("1763807400000.5") == CellError::Syntax);
  Formatted s(ir::FieldKind::Date, "epoch_seconds", true);
  REQUIRE(s.read("1763807400") == CellError::None);
  CHECK(s.col.num[0] == 1763769600);  // the UTC date of that instant
}

TEST_CASE("zones: daylight saving on both sides of a switch, gaps and overlaps are errors") {
  Formatted t(ir::FieldKind::Timestamp, "", false, "America/New_York");
  REQUIRE(t.read("2026-03-08 01:59") == CellError::None);
  CHECK(t.iso() == "2026-03-08T06:59:00Z");
  REQUIRE(t.read("2026-03-08 03:00") == CellError::None);
  CHECK(t.iso() == "2026-03-08T07:00:00Z");
  CHECK(t.read("2026-03-08 02:30") == CellError::Skipped);
  CHECK(t.read("2026-11-01 01:30") == CellError::Repeated);
  REQUIRE(t.read("2026-11-01 01:30-05:00") == CellError::None);  // an offset says which
  CHECK(t.iso() == "2026-11-01T06:30:00Z");
  CHECK(t.col.zoneless_count(1) == 0);
  Formatted plain(ir::FieldKind::Timestamp, "");
  REQUIRE(plain.read("2026-07-01 12:00", "Europe/Berlin") == CellError::None);  // --timezone
  CHECK(plain.iso() == "2026-07-01T10:00:00Z");
}

TEST_CASE("POSIX TZ strings of TZif footers") {
  auto ny = tz::parse_posix_tz("EST5EDT,M3.2.0,M11.1.0");
  REQUIRE(ny);
  CHECK(ny->std_offset == -5 * 3600);
  CHECK(ny->dst_offset == -4 * 3600);
  auto sw = ny->switches(2040);
  REQUIRE(sw.size() == 2);
  CHECK(sw[0].at == days_from_civil(2040, 3, 11) * 86400 + 7 * 3600);  // 02:00 EST
  CHECK(sw[1].at == days_from_civil(2040, 11, 4) * 86400 + 6 * 3600);  // 02:00 EDT
  auto howe = tz::parse_posix_tz("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
  REQUIRE(howe);
  CHECK(howe->std_offset == 10 * 3600 + 1800);
  CHECK(howe->dst_offset == 11 * 3600);
  auto utc = tz::parse_posix_tz("<+0330>-3:30");
  REQUIRE(utc);
  CHECK_FALSE(utc->has_dst);
  CHECK(tz::parse_posix_tz("EST5EDT,M3.2.0/2:00:00,J60/-1") != std::nullopt);  // RFC 8536 times
  CHECK(tz::parse_posix_tz("") == std::nullopt);
  CHECK(tz::parse_posix_tz("EST5EDT,M13.2.0,M11.1.0") == std::nullopt);
  CHECK(tz::parse_posix_tz("E5") == std::nullopt);
  CHECK(tz::tzif_footer(std::string_view("TZif2....\nEST5EDT,M3.2.0,M11.1.0\n")) == "EST5EDT,M3.2.0,M11.1.0");
  CHECK(tz::tzif_footer(std::string_view("TZif\0....\n")).empty());
}

TEST_CASE("zones after 2037: the TZif footer's rule keeps daylight saving (tzdata's table ends in 2037)") {
  Formatted ny(ir::FieldKind::Timestamp, "", false, "America/New_York");
  REQUIRE(ny.read("2040-07-01 12:00") == CellError::None);
  CHECK(ny.iso() == "2040-07-01T16:00:00Z");  // EDT
  REQUIRE(ny.read("2040-01-15 12:00") == CellError::None);
  CHECK(ny.iso() == "2040-01-15T17:00:00Z");  // EST
  // 2040: second Sunday of March is the 11th, first Sunday of November the 4th.
  REQUIRE(ny.read("2040-03-11 01:59") == CellError::None);
  CHECK(ny.iso() == "2040-03-11T06:59:00Z");
  CHECK(ny.read("2040-03-11 02:30") == CellError::Skipped);
  REQUIRE(ny.read("2040-03-11 03:00") == CellError::None);
  CHECK(ny.iso() == "2040-03-11T07:00:00Z");
  CHECK(ny.read("2040-11-04 01:30") == CellError::Repeated);
  REQUIRE(ny.read("2040-11-04 02:00") == CellError::None);
  CHECK(ny.iso() == "2040-11-04T07:00:00Z");
  REQUIRE(ny.read("2100-07-01 12:00") == CellError::None);
  CHECK(ny.iso() == "2100-07-01T16:00:00Z");
  // The table and the rule meet without a seam: the last switch of the table (2037-11-01).
  CHECK(ny.read("2037-11-01 01:30") == CellError::Repeated);
  CHECK(ny.read("2038-03-14 02:30") == CellError::Skipped);

  Formatted sydney(ir::FieldKind::Timestamp, "", false, "Australia/Sydney");  // summer in January
  REQUIRE(sydney.read("2040-01-15 12:00") == CellError::None);
  CHECK(sydney.iso() == "2040-01-15T01:00:00Z");  // AEDT +11
  REQUIRE(sydney.read("2040-07-01 12:00") == CellError::None);
  CHECK(sydney.iso() == "2040-07-01T02:00:00Z");  // AEST +10
  Formatted howe(ir::FieldKind::Timestamp, "", false, "Australia/Lord_Howe");  // half an hour of DST
  REQUIRE(howe.read("2040-07-01 12:00") == CellError::None);
  CHECK(howe.iso() == "2040-07-01T01:30:00Z");  // +10:30
  REQUIRE(howe.read("2040-01-15 12:00") == CellError::None);
  CHECK(howe.iso() == "2040-01-15T01:00:00Z");  // +11
  Formatted dublin(ir::FieldKind::Timestamp, "", false, "Europe/Dublin");  // "negative" DST in winter
  REQUIRE(dublin.read("2040-07-01 12:00") == CellError::None);
  CHECK(dublin.iso() == "2040-07-01T11:00:00Z");
  REQUIRE(dublin.read("2040-01-15 12:00") == CellError::None);
  CHECK(dublin.iso() == "2040-01-15T12:00:00Z");
  Formatted berlin(ir::FieldKind::Timestamp, "DD.MM.YYYY HH:mm", false, "Europe/Berlin");
  REQUIRE(berlin.read("01.07.2045 12:00") == CellError::None);
  CHECK(berlin.iso() == "2045-07-01T10:00:00Z");
}

TEST_CASE("enum cells match a member's name or its spelling; a miss says the closest") {
  ProgramBuilder b;
  const int32_t e = b.add_enum("role", {"decision_maker", "influencer", "end_user"});
  b.p.enums[static_cast<size_t>(e)].spellings = {"Decision Maker", "", "End User"};
  b.field("f", ir::FieldKind::Enum, true, 1, "", e, "");
  Column col;
  col.type = ir::Type::Enum;
  resize_column(col, 1);
  FieldReader fr(b.p, 0);
  REQUIRE(fr.read("Decision Maker", col, 0) == CellError::None);
  CHECK(col.member[0] == 0);
  REQUIRE(fr.read("end_user", col, 0) == CellError::None);
  CHECK(col.member[0] == 2);
  CHECK(fr.read("decision maker", col, 0) == CellError::Syntax);  // exactly
  CHECK(fr.message(CellError::Syntax, "Decision Makr") ==
        "field `f` (column \"f\"): cannot read \"Decision Makr\" as role; did you mean \"Decision Maker\"?; expected "
        "one of decision_maker (\"Decision Maker\"), influencer, end_user (\"End User\")");
}

TEST_CASE("money with a number pattern keeps section 7's rules (currency, decimals, sign)") {
  Formatted m(ir::FieldKind::Money, "1.234,56", false, "", 100, "EUR");
  REQUIRE(m.read("1.200,50 €") == CellError::None);
  CHECK(m.col.num[0] == 120050);
  REQUIRE(m.read("EUR 7,5") == CellError::None);
  CHECK(m.col.num[0] == 750);
  CHECK(m.read("1,505") == CellError::Decimals);
  CHECK(m.read("-1,00") == CellError::Negative);
  CHECK(m.read("$1,00") == CellError::Syntax);
}
