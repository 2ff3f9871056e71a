// Output cell formatting: plain decimal numbers, dates, timestamps, CSV quoting and
// JSON string escaping.
#include <doctest/doctest.h>

#include "io_test_util.h"
#include "runtime/output_format.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {
std::string num(double v) {
  std::string s;
  append_number(s, v);
  return s;
}
}  // namespace

TEST_CASE("numbers print in plain decimal, shortest form, never exponent") {
  CHECK(num(35) == "35");
  CHECK(num(12.5) == "12.5");
  CHECK(num(0.1) == "0.1");
  CHECK(num(1500000) == "1500000");
  CHECK(num(1e21) == "1000000000000000000000");
  CHECK(num(0.000001) == "0.000001");
  CHECK(num(-0.0) == "0");
  CHECK(num(-2.25) == "-2.25");
  CHECK(num(123456.78) == "123456.78");
  CHECK(num(1234.0 / 100) == "12.34");
}

TEST_CASE("dates and timestamps print in UTC") {
  std::string s;
  append_date(s, 1795305600 + 3600);
  CHECK(s == "2026-11-22");
  s.clear();
  append_timestamp(s, 1795305600 + 37815.9);
  CHECK(s == "2026-11-22T10:30:15Z");
  s.clear();
  append_date(s, -1);
  CHECK(s == "1969-12-31");
  s.clear();
  append_timestamp(s, -1);
  CHECK(s == "1969-12-31T23:59:59Z");
}

TEST_CASE("CSV fields are quoted only when needed; JSON strings are escaped") {
  std::string s;
  append_csv_field(s, "plain text");
  CHECK(s == "plain text");
  s.clear();
  append_csv_field(s, "a,\"b\"\nc");
  CHECK(s == "\"a,\"\"b\"\"\nc\"");
  s.clear();
  append_json_string(s, "q\"\\\n\t\x01\xC3\xA9");
  CHECK(s == "\"q\\\"\\\\\\n\\t\\u0001\xC3\xA9\"");
}

TEST_CASE("format_cell uses the output's display and scale") {
  ProgramBuilder b;
  const int32_t tier = b.add_enum("tier", {"A", "1"});
  b.field("revenue", ir::FieldKind::Money, false, 100);
  b.field("tier", ir::FieldKind::Enum, false, 1, "", tier);
  b.field("hot", ir::FieldKind::Bool);
  Column money{ir::Type::Num, {1, 0}, {123456, 0}, {}, {}, {}};
  CHECK(format_cell(b.p, b.p.outputs[0], money, 0) == "1234.56");
  CHECK(format_cell(b.p, b.p.outputs[0], money, 1) == "");
  Column label{ir::Type::Enum, {1}, {}, {}, {1}, {}};
  CHECK(format_cell(b.p, b.p.outputs[1], label, 0) == "1");
  Column hot{ir::Type::Bool, {1}, {}, {0}, {}, {}};
  CHECK(format_cell(b.p, b.p.outputs[2], hot, 0) == "false");
}
