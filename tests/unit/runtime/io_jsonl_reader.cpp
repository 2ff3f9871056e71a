// JSON Lines lead files: one object per line, null or absent = missing, numbers and
// strings through the cell rules, errors with FILE:LINE:COL.
#include <doctest/doctest.h>

#include "io_test_util.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {

ir::Program lead_program() {
  ProgramBuilder b;
  const int32_t stage = b.add_enum("stage", {"lead", "mql"});
  b.field("id", ir::FieldKind::Text);
  b.field("revenue", ir::FieldKind::Money, true, 100, "annual_revenue", -1, "USD");
  b.field("active", ir::FieldKind::Bool, true);
  b.field("stage", ir::FieldKind::Enum, true, 1, "", stage);
  b.field("seen", ir::FieldKind::Timestamp, true);
  return b.p;
}

std::string data_error(const ir::Program& p, const std::string& path) {
  try {
    read_rows(p, path);
  } catch (const DataError& e) {
    return e.what();
  }
  return "<no error>";
}

}  // namespace

TEST_CASE("JSON Lines: types, null and absent keys, blank lines, unknown keys") {
  TempDir t;
  const ir::Program p = lead_program();
  const std::string path = t.write("leads.jsonl",
                                   "{\"id\":\"L1\",\"annual_revenue\":1234.56,\"active\":true,\"stage\":\"mql\","
                                   "\"seen\":\"2026-11-22T10:00:00Z\",\"extra\":{\"a\":[1,2]}}\n"
                                   "\n"
                                   "  {\"id\":\"L\\\"2\\u00e9\", \"annual_revenue\":\"99.5\", \"active\":\"no\", \"stage\":null}\r\n"
                                   "{\"active\":1,\"id\":\"\\n\",\"annual_revenue\":2.5e6}");
  std::vector<uint64_t> lines;
  CHECK(read_rows(p, path, {}, nullptr, &lines) ==
        std::vector<std::string>{"L1|1234.56|true|mql|2026-11-22T10:00:00Z",
                                 "L\"2\xC3\xA9|99.5|false|<missing>|<missing>",
                                 "\n|2500000|true|<missing>|<missing>"});
  CHECK(lines == std::vector<uint64_t>{1, 3, 4});
}

TEST_CASE("JSON Lines: .ndjson is JSON Lines too, and the format follows the extension") {
  CHECK(lead_format_for_path("a.ndjson") == LeadFormat::Jsonl);
  CHECK(lead_format_for_path("dir.x/A.JSONL") == LeadFormat::Jsonl);
  CHECK(lead_format_for_path("a.csv") == LeadFormat::Csv);
  CHECK(lead_format_for_path("a.txt") == LeadFormat::Csv);
}

TEST_CASE("JSON Lines: bad values report the value's line and column") {
  TempDir t;
  const ir::Program p = lead_program();
  const std::string bad_money = t.write("a.jsonl", "{\"id\":\"L1\"}\n{\"id\":\"L2\", \"annual_revenue\": 1.234}\n");
  CHECK(data_error(p, bad_money) ==
        bad_money + ":2:31: error: field `revenue` (column \"annual_revenue\"): cannot read \"1.234\" as money(USD) (at most 2 decimals)");
  const std::string bad_enum = t.write("b.jsonl", "{\"id\":\"L1\",\"stage\":\"MQL\"}\n");
  CHECK(data_error(p, bad_enum) == bad_enum + ":1:20: error: field `stage` (column \"stage\"): cannot read \"MQL\" as stage; did you mean mql?; expected one of lead, mql");
  const std::string missing = t.write("c.jsonl", "{\"stage\":\"mql\"}\n");
  CHECK(data_error(p, missing) == missing + ":1:1: error: field `id` (column \"id\"): value is missing but the field is not optional");
  const std::string null_id = t.write("d.jsonl", "{\"id\":null}\n");
  CHECK(data_error(p, null_id) == null_id + ":1:7: error: field `id` (column \"id\"): value is missing but the field is not optional");
  const std::string object = t.write("e.jsonl", "{\"id\":\"x\",\"active\":{}}\n");
  CHECK(data_error(p, object) == object + ":1:20: error: field `active` (column \"active\"): cannot read \"{...}\" as bool; expected one of true, false, yes, no, y, n, on, off, 1, 0");
}

TEST_CASE("JSON Lines: a line that is not one JSON object is a data error") {
  TempDir t;
  const ir::Program p = lead_program();
  const std::string arr = t.write("a.jsonl", "{\"id\":\"1\"}\n  [1,2]\n");
  CHECK(data_error(p, arr) == arr + ":2:3: error: a line must hold one JSON object");
  const std::string trailing = t.write("b.jsonl", "{\"id\":\"1\"} {\"id\":\"2\"}\n");
  CHECK(data_error(p, trailing) == trailing + ":1:12: error: unexpected text after the JSON object");
  std::vector<RowError> errors;
  const std::string broken = t.write("c.jsonl", "{\"id\":\"1\"}\n{\"id\": \n{\"id\":\"3\"}\n");
  CHECK(read_rows(p, broken, {}, &errors) ==
        std::vector<std::string>{"1|<missing>|<missing>|<missing>|<missing>", "3|<missing>|<missing>|<missing>|<missing>"});
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 2);
  CHECK(errors[0].raw == "{\"id\": ");
  CHECK_FALSE(errors[0].raw_is_json);
}
