// Cell parsing rules: one case per FieldKind, plus the error messages.
#include <doctest/doctest.h>

#include "base/cell_words.h"
#include "io_test_util.h"
#include "runtime/cell_parse.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {

struct One {
  ProgramBuilder b;
  Column col;
  explicit One(ir::FieldKind k, bool optional = false, double scale = 1, std::string unit = "") {
    int32_t e = -1;
    if (k == ir::FieldKind::Enum) e = b.add_enum("stage", {"lead", "mql", "sql"});
    b.field("f", k, optional, scale, "", e, unit);
    col.type = type_of(k);
    resize_column(col, 1);
  }
  CellError read(std::string_view text) { return FieldReader(b.p, 0).read(text, col, 0); }
  std::string message(std::string_view text) {
    FieldReader fr(b.p, 0);
    return fr.message(fr.read(text, col, 0), text);
  }
};

}  // namespace

TEST_CASE("bool accepts true/false/yes/no/1/0 in any case, trimmed") {
  One c(ir::FieldKind::Bool);
  for (const char* t : {"true", "TRUE", "True", "yes", "YES", "1", " yes "}) {
    CHECK_MESSAGE(c.read(t) == CellError::None, t);
    CHECK(c.col.b[0] == 1);
  }
  for (const char* t : {"false", "FaLsE", "no", "No", "0"}) {
    CHECK_MESSAGE(c.read(t) == CellError::None, t);
    CHECK(c.col.b[0] == 0);
  }
  // LANGUAGE.md section 9: y/n/on/off too, any case.
  for (const char* t : {"y", "Y", "on", "ON"}) {
    CHECK_MESSAGE(c.read(t) == CellError::None, t);
    CHECK(c.col.b[0] == 1);
  }
  for (const char* t : {"n", "N", "off", "Off"}) {
    CHECK_MESSAGE(c.read(t) == CellError::None, t);
    CHECK(c.col.b[0] == 0);
  }
  for (std::string_view w : leadc::cell_words::kTrue) {
    bool v = false;
    CHECK_MESSAGE((parse_bool_text(w, v) && v), w);
  }
  for (std::string_view w : leadc::cell_words::kFalse) {
    bool v = true;
    CHECK_MESSAGE((parse_bool_text(w, v) && !v), w);
  }
  CHECK(c.read("2") == CellError::Syntax);
  CHECK(c.read("yy") == CellError::Syntax);
  CHECK(c.read("tru") == CellError::Syntax);
  CHECK(c.read("nope") == CellError::Syntax);
  CHECK(c.read("o") == CellError::Syntax);
  CHECK(c.message("maybe") == "field `f` (column \"f\"): cannot read \"maybe\" as bool; expected one of true, false, yes, no, y, n, on, off, 1, 0");
}

TEST_CASE("empty cell: missing when optional, an error otherwise") {
  One opt(ir::FieldKind::Int, true);
  CHECK(opt.read("") == CellError::None);
  CHECK(opt.col.known[0] == 0);
  CHECK(opt.read("   ") == CellError::None);
  CHECK(opt.col.known[0] == 0);
  One req(ir::FieldKind::Int);
  CHECK(req.read("") == CellError::Missing);
  CHECK(req.message("") == "field `f` (column \"f\"): value is missing but the field is not optional");
  One text(ir::FieldKind::Text, true);
  CHECK(text.read("") == CellError::None);
  CHECK(text.col.known[0] == 0);
}

TEST_CASE("int: optional minus and digits only") {
  One c(ir::FieldKind::Int);
  CHECK(c.read("-12") == CellError::None);
  CHECK(c.col.num[0] == -12);
  CHECK(c.read(" 007 ") == CellError::None);
  CHECK(c.col.num[0] == 7);
  for (const char* bad : {"1.0", "+1", "1e3", "1,000", "-", "12a"}) CHECK_MESSAGE(c.read(bad) == CellError::Syntax, bad);
  CHECK(c.message("1.5") == "field `f` (column \"f\"): cannot read \"1.5\" as int; expected a whole number such as 12 or -3 (no thousands separators)");
}

TEST_CASE("number: plain decimals, no exponent or thousands separators") {
  One c(ir::FieldKind::Number);
  CHECK(c.read("3.5") == CellError::None);
  CHECK(c.col.num[0] == 3.5);
  CHECK(c.read("-0.1") == CellError::None);
  CHECK(c.col.num[0] == -0.1);
  CHECK(c.read("12345678901234567890.5") == CellError::None);
  CHECK(c.col.num[0] == doctest::Approx(12345678901234567890.5));
  for (const char* bad : {"1e3", "1,5", ".5", "5.", "--1", "abc", "1 000"})
    CHECK_MESSAGE(c.read(bad) == CellError::Syntax, bad);
}

TEST_CASE("money: cents, exact, at most two decimals, never negative") {
  One c(ir::FieldKind::Money, false, 100, "USD");
  CHECK(c.read("12.34") == CellError::None);
  CHECK(c.col.num[0] == 1234);
  CHECK(c.read("0.1") == CellError::None);
  CHECK(c.col.num[0] == 10);
  CHECK(c.read("250000") == CellError::None);
  CHECK(c.col.num[0] == 25000000);
  CHECK(c.read("1.234") == CellError::Decimals);
  CHECK(c.message("1.234") == "field `f` (column \"f\"): cannot read \"1.234\" as money(USD) (at most 2 decimals)");
  CHECK(c.read("-5") == CellError::Negative);
  CHECK(c.message("-5") == "field `f` (column \"f\"): cannot read \"-5\" as money(USD) (it must not be negative)");
  CHECK(c.read("-0") == CellError::None);
}

TEST_CASE("duration: scaled to seconds, never negative") {
  One c(ir::FieldKind::Duration, false, 86400, "days");
  CHECK(c.read("1.5") == CellError::None);
  CHECK(c.col.num[0] == 129600);
  CHECK(c.read("0.1") == CellError::None);
  CHECK(c.col.num[0] == 8640);
  CHECK(c.read("-1") == CellError::Negative);
}

TEST_CASE("date: YYYY-MM-DD with real calendar days") {
  One c(ir::FieldKind::Date);
  CHECK(c.read("1970-01-02") == CellError::None);
  CHECK(c.col.num[0] == 86400);
  CHECK(c.read("2024-02-29") == CellError::None);
  CHECK(c.col.num[0] == 1709164800);
  for (const char* bad : {"2023-02-29", "2026-13-01", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00"})
    CHECK_MESSAGE(c.read(bad) == CellError::Syntax, bad);
}

TEST_CASE("timestamp: ISO 8601 forms, UTC unless a zone is given") {
  One c(ir::FieldKind::Timestamp);
  auto ts = [&](const char* t) {
    REQUIRE_MESSAGE(c.read(t) == CellError::None, t);
    return c.col.num[0];
  };
  CHECK(ts("2026-11-22") == 1795305600);
  CHECK(ts("2026-11-22T10:30") == 1795305600 + 37800);
  CHECK(ts("2026-11-22 10:30:15") == 1795305600 + 37815);
  CHECK(ts("2026-11-22T10:30:15Z") == 1795305600 + 37815);
  CHECK(ts("2026-11-22T10:30:15.5Z") == 1795305600 + 37815.5);
  CHECK(ts("2026-11-22T10:30:15+02:00") == 1795305600 + 37815 - 7200);
  CHECK(ts("2026-11-22T10:30-05:30") == 1795305600 + 37800 + 19800);
  // ±HHMM as Salesforce's Data Loader writes it.
  CHECK(ts("2026-11-22T10:30:15+0200") == 1795305600 + 37815 - 7200);
  CHECK(ts("2024-01-15T10:30:00.000+0000") == 1705314600);
  for (const char* bad : {"2026-11-22T24:00", "2026-11-22T10", "2026-11-22T10:30:15+020", "2026-11-22T10:30:15+02:0",
                          "2026-11-22T10:30:15+02000", "2026-11-22X10:30",
                          "2026-11-22T10:30:15.", "2026-11-22T10:60"})
    CHECK_MESSAGE(c.read(bad) == CellError::Syntax, bad);
}

TEST_CASE("text, email and phone keep the cell as is") {
  One t(ir::FieldKind::Text);
  CHECK(t.read("  spaced  ") == CellError::None);
  CHECK(t.col.str[0] == "  spaced  ");
  One e(ir::FieldKind::Email);
  CHECK(e.read("ann@example.com") == CellError::None);
  for (const char* bad : {"ann", "@x.com", "ann@", "a@b@c", "an n@x.com", " ann@x.com"})
    CHECK_MESSAGE(e.read(bad) == CellError::Syntax, bad);
  One ph(ir::FieldKind::Phone);
  CHECK(ph.read("+1 (555) 123-4567") == CellError::None);
  CHECK(ph.read("555.1234") == CellError::None);
  CHECK(ph.read("123456") == CellError::Syntax);
  CHECK(ph.read("555-CALL-NOW") == CellError::Syntax);
}

TEST_CASE("enum: exact member names") {
  One c(ir::FieldKind::Enum);
  CHECK(c.read("mql") == CellError::None);
  CHECK(c.col.member[0] == 1);
  CHECK(c.read(" sql ") == CellError::None);
  CHECK(c.col.member[0] == 2);
  CHECK(c.read("MQL") == CellError::Syntax);
  CHECK(c.message("MQL") == "field `f` (column \"f\"): cannot read \"MQL\" as stage; did you mean mql?; expected one of lead, mql, sql");
}
