// run_leads end to end with a copying evaluator: output formats, rejects, the
// temp-file-and-rename guarantee, order with several threads, label counts.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <thread>

#include "io_test_util.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {

// id, employees (int), tier (enum label used as a classification result)
ir::Program tier_program() {
  ProgramBuilder b;
  const int32_t tier = b.add_enum("tier", {"hot", "warm", "cold"});
  b.field("id", ir::FieldKind::Text);
  b.field("employees", ir::FieldKind::Int, true);
  const ir::Reg reg = b.field("tier", ir::FieldKind::Enum, true, 1, "", tier);
  ir::Classification c;
  c.name = "tier";
  c.enum_id = tier;
  c.reg = reg;
  b.p.classifications.push_back(c);
  return b.p;
}

size_t files_in(const TempDir& t) {
  return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(t.dir), {}));
}

}  // namespace

TEST_CASE("run: CSV in, CSV out, summary counts") {
  TempDir t;
  const ir::Program p = tier_program();
  RunOptions o;
  o.leads_path = t.write("leads.csv", "tier,id,employees,junk\nhot,\"A, 1\",10,x\n,B,,y\ncold,C,3,z\n");
  o.out_path = t.path("out.csv");
  const RunStats s = run_copy(p, o);
  CHECK(slurp(o.out_path) == "id,employees,tier\n\"A, 1\",10,hot\nB,,\nC,3,cold\n");
  CHECK(s.rows_read == 3);
  CHECK(s.rows_written == 3);
  CHECK(s.rows_rejected == 0);
  CHECK(s.rejects_path.empty());
  REQUIRE(s.label_counts.size() == 1);
  CHECK(s.label_counts[0] == std::vector<uint64_t>{1, 0, 1});
  CHECK(s.unlabelled == std::vector<uint64_t>{1});
  CHECK(files_in(t) == 2);  // no temporary or rejects file left behind
}

TEST_CASE("run: JSON Lines in, JSON Lines out") {
  TempDir t;
  const ir::Program p = tier_program();
  RunOptions o;
  o.leads_path = t.write("leads.jsonl", "{\"id\":\"A\\\"\",\"employees\":10,\"tier\":\"warm\"}\n{\"id\":\"B\"}\n");
  o.out_path = t.path("out.jsonl");
  o.format = OutFormat::Jsonl;
  run_copy(p, o);
  CHECK(slurp(o.out_path) ==
        "{\"id\":\"A\\\"\",\"employees\":10,\"tier\":\"warm\"}\n{\"id\":\"B\",\"employees\":null,\"tier\":null}\n");
}

TEST_CASE("run: --on-error fail stops at the first bad row and leaves no output file") {
  TempDir t;
  const ir::Program p = tier_program();
  std::string text = "id,employees,tier\n";
  for (int i = 0; i < 50000; ++i) text += "L" + std::to_string(i) + "," + std::to_string(i) + ",warm\n";
  text += "bad,12x,hot\n";
  for (int i = 0; i < 50000; ++i) text += "M" + std::to_string(i) + ",1,cold\n";
  RunOptions o;
  o.leads_path = t.write("leads.csv", text);
  o.out_path = t.path("out.csv");
  o.threads = 2;
  try {
    run_copy(p, o);
    FAIL("expected a DataError");
  } catch (const DataError& e) {
    CHECK(std::string(e.what()) == o.leads_path + ":50002:5: error: field `employees` (column \"employees\"): cannot read \"12x\" as int; expected a whole number such as 12 or -3 (no thousands separators)");
  }
  CHECK_FALSE(std::filesystem::exists(o.out_path));
  CHECK(files_in(t) == 1);  // only the input: the temporary was removed
}

TEST_CASE("run: a missing column fails before any output exists") {
  TempDir t;
  const ir::Program p = tier_program();
  RunOptions o;
  o.leads_path = t.write("leads.csv", "id,employes,tier\nA,1,hot\n");
  o.out_path = t.path("out.csv");
  CHECK_THROWS_WITH_AS(run_copy(p, o),
                       (o.leads_path + ":1:1: error: column `employees` for field `employees` is missing; "
                                       "did you mean `employes`?").c_str(),
                       DataError);
  CHECK(files_in(t) == 1);
  RunOptions missing_file = o;
  missing_file.leads_path = t.path("nope.csv");
  CHECK_THROWS_AS(run_copy(p, missing_file), IoError);
}

TEST_CASE("run: --on-error skip writes bad rows unchanged to the rejects file") {
  TempDir t;
  const ir::Program p = tier_program();
  std::string text = "id,employees,tier\r\n";
  std::string expected_out = "id,employees,tier\n";
  std::string expected_rejects = "id,employees,tier,leadc_error\n";
  const std::string leads = t.path("leads.csv");
  uint64_t line = 2, bad = 0;
  for (int i = 0; i < 30000; ++i, ++line) {
    const std::string id = "L" + std::to_string(i);
    if (i % 997 == 5) {
      text += id + ",\"x\"\"" + std::to_string(i) + "\",hot\r\n";
      expected_rejects += id + ",\"x\"\"" + std::to_string(i) + "\",hot,\"" + leads + ":" + std::to_string(line) + ":" +
                          std::to_string(id.size() + 2) + ": error: field `employees` (column \"\"employees\"\"): cannot read \"\"x\"\"" +
                          std::to_string(i) + "\"\" as int; expected a whole number such as 12 or -3 (no thousands separators)\"\n";
      ++bad;
    } else if (i % 1499 == 7) {
      text += id + ",1\r\n";
      expected_rejects += id + ",1,\"" + leads + ":" + std::to_string(line) + ":" + std::to_string(id.size() + 3) +
                          ": error: row has 2 cells but the header has 3\"\n";
      ++bad;
    } else {
      text += id + "," + std::to_string(i) + ",warm\r\n";
      expected_out += id + "," + std::to_string(i) + ",warm\n";
    }
  }
  t.write("leads.csv", text);
  RunOptions o;
  o.leads_path = leads;
  o.out_path = t.path("out.csv");
  o.on_error = OnError::Skip;
  o.threads = 2;
  const RunStats s = run_copy(p, o);
  CHECK(s.rows_read == 30000);
  CHECK(s.rows_rejected == bad);
  CHECK(s.rows_read == s.rows_written + s.rows_rejected);
  CHECK(s.rejects_path == o.out_path + ".rejects.csv");
  CHECK(slurp(o.out_path) == expected_out);
  CHECK(slurp(s.rejects_path) == expected_rejects);
}

TEST_CASE("run: JSON Lines rejects wrap the raw line with its line and reason") {
  TempDir t;
  const ir::Program p = tier_program();
  RunOptions o;
  o.leads_path = t.write("leads.jsonl", "{\"id\":\"A\",\"employees\":\"ten\"}\n{\"id\":\"B\"}\n{\"id\":\n");
  o.out_path = t.path("out.jsonl");
  o.format = OutFormat::Jsonl;
  o.on_error = OnError::Skip;
  o.rejects_path = t.path("bad.jsonl");
  const RunStats s = run_copy(p, o);
  CHECK(s.rows_read == 3);
  CHECK(s.rows_written == 1);
  CHECK(s.rejects_path == o.rejects_path);
  const std::string rejects = slurp(o.rejects_path);
  CHECK(rejects.find("{\"line\":1,\"error\":\"" + o.leads_path +
                     ":1:23: error: field `employees` (column \\\"employees\\\"): cannot read \\\"ten\\\" as int; expected a whole number such as 12 or -3 (no thousands separators)\",\"row\":"
                     "\"{\\\"id\\\":\\\"A\\\",\\\"employees\\\":\\\"ten\\\"}\"}\n") == 0);  // always a string
  CHECK(rejects.find("{\"line\":3,") != std::string::npos);
  CHECK(rejects.find(",\"row\":\"{\\\"id\\\":\"}\n") != std::string::npos);  // invalid JSON kept as a string
}

TEST_CASE("run: default rejects path when writing to stdout is in the current directory") {
  RunOptions o;
  o.leads_path = "/data/in/leads.csv";
  CHECK(default_rejects_path(o) == "leads.csv.rejects.csv");
  o.leads_path = "events.ndjson";
  o.out_path = "/tmp/out/scored.jsonl";
  CHECK(default_rejects_path(o) == "/tmp/out/scored.jsonl.rejects.jsonl");
}

TEST_CASE("run: output keeps input order with several threads on a large file") {
  TempDir t;
  const ir::Program p = tier_program();
  const char* tiers[] = {"hot", "warm", "cold", ""};
  std::string text = "id,employees,tier\n", expected = "id,employees,tier\n";
  for (int i = 0; i < 120000; ++i) {
    const std::string row = "L" + std::to_string(i) + "," + std::to_string(i * 7 % 1000) + "," + tiers[i % 4];
    text += i % 10 == 3 ? "\"L" + std::to_string(i) + "\"" + row.substr(row.find(',')) + "\n" : row + "\n";
    expected += row + "\n";
  }
  RunOptions o;
  o.leads_path = t.write("big.csv", text);
  o.out_path = t.path("big.out.csv");
  for (unsigned threads : {1u, 2u, 4u}) {
    o.threads = threads;
    const RunStats s = run_copy(p, o);
    CHECK(s.rows_written == 120000);
    CHECK(s.label_counts[0] == std::vector<uint64_t>{30000, 30000, 30000});
    CHECK(s.unlabelled[0] == 30000);
    CHECK(slurp(o.out_path) == expected);
  }
}

TEST_CASE("run: output to a FIFO (or a device such as /dev/null) is written in place, not replaced") {
  TempDir t;
  const ir::Program p = tier_program();
  RunOptions o;
  o.leads_path = t.write("leads.csv", "tier,id,employees\nhot,A,10\n");
  o.out_path = t.path("out.fifo");
  REQUIRE(::mkfifo(o.out_path.c_str(), 0600) == 0);
  std::string got;
  std::thread drain([&] { got = slurp(o.out_path); });
  run_copy(p, o);
  drain.join();
  CHECK(got == "id,employees,tier\nA,10,hot\n");
  CHECK(std::filesystem::is_fifo(o.out_path));
  CHECK(files_in(t) == 2);  // no temporary left beside it
}
