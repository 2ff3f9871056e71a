// CSV lead files: RFC 4180 quoting, line ends, BOM, header mapping, data errors with
// FILE:LINE:COL, and chunking that must not change rows or line numbers.
#include <doctest/doctest.h>

#include "io_test_util.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {

ir::Program name_score() {
  ProgramBuilder b;
  b.field("name", ir::FieldKind::Text, true);
  b.field("score", ir::FieldKind::Int, true);
  return b.p;
}

std::string data_error(const ir::Program& p, const std::string& path, ReaderOptions ro = {}) {
  try {
    read_rows(p, path, ro);
  } catch (const DataError& e) {
    return e.what();
  }
  return "<no error>";
}

}  // namespace

TEST_CASE("quoted cells, doubled quotes, embedded commas and newlines") {
  TempDir t;
  const ir::Program p = name_score();
  const std::string path = t.write("q.csv",
                                   "name,score\n"
                                   "\"Smith, Ann\",1\n"
                                   "\"say \"\"hi\"\"\",2\n"
                                   "\"two\nlines\",3\n"
                                   "plain,4\n");
  std::vector<uint64_t> lines;
  CHECK(read_rows(p, path, {}, nullptr, &lines) ==
        std::vector<std::string>{"Smith, Ann|1", "say \"hi\"|2", "two\nlines|3", "plain|4"});
  CHECK(lines == std::vector<uint64_t>{2, 3, 4, 6});
}

TEST_CASE("CRLF line ends, a UTF-8 BOM and no final newline") {
  TempDir t;
  const ir::Program p = name_score();
  const std::string path = t.write("crlf.csv", "\xEF\xBB\xBFname,score\r\n\"a\"\r\nb,\r\n\"c\",3");
  // "a" alone is a short row; test the good rows through a 2-column file instead.
  const std::string good = t.write("crlf2.csv", "\xEF\xBB\xBFname,score\r\n\"a\",1\r\nb,2\r\n\"c\r\nd\",3");
  CHECK(read_rows(p, good) == std::vector<std::string>{"a|1", "b|2", "c\r\nd|3"});
  CHECK(data_error(p, path) == path + ":2:4: error: row has 1 cells but the header has 2");
}

TEST_CASE("blank lines are skipped, empty cells are missing") {
  TempDir t;
  const ir::Program p = name_score();
  const std::string path = t.write("blank.csv", "name,score\n\nann,\n\r\n,7\n\n");
  std::vector<uint64_t> lines;
  CHECK(read_rows(p, path, {}, nullptr, &lines) == std::vector<std::string>{"ann|<missing>", "<missing>|7"});
  CHECK(lines == std::vector<uint64_t>{3, 5});
}

TEST_CASE("columns map by name or `from`, extra columns are ignored, header cells trimmed") {
  TempDir t;
  ProgramBuilder b;
  b.field("revenue", ir::FieldKind::Money, false, 100, "annual_revenue_usd", -1, "USD");
  b.field("id", ir::FieldKind::Text);
  const std::string path = t.write("m.csv", "extra, id ,annual_revenue_usd,other\nx,L1,12.5,\"ignored, \"\"really\"\"\"\n");
  CHECK(read_rows(b.p, path) == std::vector<std::string>{"12.5|L1"});
}

TEST_CASE("a missing column is reported before any row, naming the closest header") {
  TempDir t;
  ProgramBuilder b;
  b.field("id", ir::FieldKind::Text);
  b.field("revenue", ir::FieldKind::Money, false, 100, "annual_revenue", -1, "USD");
  const std::string path = t.write("leads.csv", "id,annual_revenue_usd,employees\nL1,not-a-number,3\n");
  LeadReader r;
  try {
    r.open(path, b.p);
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    CHECK(std::string(e.what()) == path + ":1:1: error: column `annual_revenue` for field `revenue` is missing; "
                                          "did you mean `annual_revenue_usd`?");
  }
}

TEST_CASE("an empty CSV file is a data error") {
  TempDir t;
  const std::string path = t.write("empty.csv", "");
  CHECK(data_error(name_score(), path) == path + ":1:1: error: the file is empty (a CSV lead file needs a header row)");
}

TEST_CASE("bad cells report file:line:col of the cell start") {
  TempDir t;
  ProgramBuilder b;
  b.field("name", ir::FieldKind::Text);
  b.field("employees", ir::FieldKind::Int);
  const std::string path = t.write("bad.csv",
                                   "name,employees\n"
                                   "ok,1\n"
                                   "\"multi\nline\",  x12\n");
  CHECK(data_error(b.p, path) == path + ":4:7: error: field `employees` (column \"employees\"): cannot read \"  x12\" as int; expected a whole number such as 12 or -3 (no thousands separators)");
  const std::string quoted = t.write("bad2.csv", "name,employees\nok,\"1.5\"\n");
  CHECK(data_error(b.p, quoted) == quoted + ":2:4: error: field `employees` (column \"employees\"): cannot read \"1.5\" as int; expected a whole number such as 12 or -3 (no thousands separators)");
  const std::string missing = t.write("bad3.csv", "name,employees\nok,\n");
  CHECK(data_error(b.p, missing) == missing + ":2:4: error: field `employees` (column \"employees\"): value is missing but the field is not optional");
}

TEST_CASE("wrong cell counts and broken quoting are data errors") {
  TempDir t;
  const ir::Program p = name_score();
  const std::string many = t.write("many.csv", "name,score\na,1,extra\n");
  CHECK(data_error(p, many) == many + ":2:5: error: row has more cells than the header (2)");
  // A quote that does not start a cell is text (LANGUAGE.md section 9).
  const std::string stray = t.write("stray.csv", "name,score\nab\"c,1\n");
  CHECK(read_rows(p, stray) == std::vector<std::string>{"ab\"c|1"});
  const std::string after = t.write("after.csv", "name,score\n\"ab\"c,1\n");
  // Quote errors name the cell's field and column, at the cell's start (trial F8).
  CHECK(data_error(p, after) == after + ":2:1: error: field `name` (column \"name\"): unexpected text after the "
                                        "closing quote of a cell "
                                        "(quote the whole cell and double each quote in it)");
  const std::string open = t.write("open.csv", "name,score\nok,1\n\"never closed,2\nx,3\n");
  CHECK(data_error(p, open) == open + ":3:1: error: field `name` (column \"name\"): quoted cell is never closed");
}

TEST_CASE("every FieldKind through a CSV file") {
  TempDir t;
  ProgramBuilder b;
  const int32_t stage = b.add_enum("stage", {"lead", "mql"});
  b.field("active", ir::FieldKind::Bool, true);
  b.field("employees", ir::FieldKind::Int, true);
  b.field("ratio", ir::FieldKind::Number, true);
  b.field("name", ir::FieldKind::Text, true);
  b.field("email", ir::FieldKind::Email, true);
  b.field("phone", ir::FieldKind::Phone, true);
  b.field("born", ir::FieldKind::Date, true);
  b.field("seen", ir::FieldKind::Timestamp, true);
  b.field("tenure", ir::FieldKind::Duration, true, 86400, "", -1, "days");
  b.field("revenue", ir::FieldKind::Money, true, 100, "", -1, "USD");
  b.field("stage", ir::FieldKind::Enum, true, 1, "", stage);
  const std::string path = t.write("all.csv",
                                   "active,employees,ratio,name,email,phone,born,seen,tenure,revenue,stage\n"
                                   "Yes,250,0.25,\"Acme, Inc\",a@acme.io,+1 555 123 4567,2020-02-29,"
                                   "2026-11-22T10:30:00+01:00,1.5,1234.5,mql\n"
                                   ",,,,,,,,,,\n");
  CHECK(read_rows(b.p, path) ==
        std::vector<std::string>{
            "true|250|0.25|Acme, Inc|a@acme.io|+1 555 123 4567|2020-02-29|2026-11-22T09:30:00Z|1.5|1234.5|mql",
            "<missing>|<missing>|<missing>|<missing>|<missing>|<missing>|<missing>|<missing>|<missing>|<missing>|"
            "<missing>"});
}

TEST_CASE("collected errors: bad rows are left out, good rows kept, lines right") {
  TempDir t;
  const ir::Program p = name_score();
  const std::string path = t.write("mixed.csv", "name,score\na,1\nb,x\n\"c\nc\",3\nd,4.5\ne,5\n");
  std::vector<RowError> errors;
  std::vector<uint64_t> lines;
  CHECK(read_rows(p, path, {}, &errors, &lines) == std::vector<std::string>{"a|1", "c\nc|3", "e|5"});
  CHECK(lines == std::vector<uint64_t>{2, 4, 7});
  REQUIRE(errors.size() == 2);
  CHECK(errors[0].line == 3);
  CHECK(errors[0].col == 3);
  CHECK(errors[0].raw == "b,x");
  CHECK(errors[1].line == 6);
  CHECK(errors[1].raw == "d,4.5");
}

TEST_CASE("tiny chunks give the same rows and line numbers as one big chunk") {
  TempDir t;
  const ir::Program p = name_score();
  std::string text = "name,score\r\n";
  for (int i = 0; i < 200; ++i) {
    if (i % 7 == 0) text += "\"q,\"\"" + std::to_string(i) + "\"\"\nnext\"," + std::to_string(i) + "\r\n";
    else if (i % 11 == 0) text += "\r\n";
    else text += "row" + std::to_string(i) + "," + std::to_string(i) + "\n";
  }
  const std::string path = t.write("chunks.csv", text);
  std::vector<uint64_t> big_lines, small_lines;
  const auto big = read_rows(p, path, {}, nullptr, &big_lines);
  for (size_t chunk : {1, 3, 16, 17, 64}) {
    small_lines.clear();
    CHECK(read_rows(p, path, reader_options(chunk), nullptr, &small_lines) == big);
    CHECK(small_lines == big_lines);
  }
  CHECK(big.size() == 200 - 16);  // the 16 multiples of 11 that are not multiples of 7 are blank
  CHECK(big_lines.back() == 1 + 200 + 29);  // header + rows + one extra line per quoted row
}
