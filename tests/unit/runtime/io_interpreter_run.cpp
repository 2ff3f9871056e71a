// run_leads with the real interpreter on a compiled example definition: the rows that
// mirror the definition's own examples get the expected labels, and a large copy of
// the file gives the same output with one or two worker threads.
#include <doctest/doctest.h>

#include "compiler/driver.h"
#include "io_test_util.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

TEST_CASE("run: the interpreter through the pipeline (examples/sales_ready)") {
  const std::string dir = std::string(LEADC_SOURCE_DIR) + "/examples/";
  Diagnostics diags;
  Compilation c = compile_file(dir + "sales_ready.lead", diags);
  REQUIRE(c.program.has_value());
  const ir::Program& p = *c.program;
  const auto eval = make_interpreter(p, EvalContext{}).value();

  TempDir t;
  RunOptions o;
  o.leads_path = dir + "sales_ready_leads.csv";
  o.out_path = t.path("out.csv");
  o.progress = false;
  const RunStats s = run_leads(p, *eval, o);
  const std::string out = slurp(o.out_path);
  CHECK(out.rfind("lead_id,company,sales_ready,contact_level,handoff\n", 0) == 0);
  // SR-01..03 are the definition's first three examples.
  CHECK(out.find("\nSR-01,St. Clair Regional Hospital,ready,can_decide,sales_rep\n") != std::string::npos);
  CHECK(out.find("\nSR-02,\"Keystone Credit Union, Inc.\",not_ready,can_influence,sdr_call\n") != std::string::npos);
  CHECK(out.find("\nSR-03,Ironridge Manufacturing,incomplete,can_decide,nurture\n") != std::string::npos);
  CHECK(s.rows_read == s.rows_written);
  REQUIRE(s.label_counts.size() == 3);
  uint64_t labelled = 0;
  for (uint64_t n : s.label_counts[0]) labelled += n;
  CHECK(labelled + s.unlabelled[0] == s.rows_read);  // unique and complete: every row counted once

  // Many copies of the rows: same output whatever the thread count.
  const std::string original = slurp(o.leads_path);
  const size_t header_end = original.find('\n') + 1;
  std::string big = original.substr(0, header_end);
  // Each copy's keys made distinct (a key seen twice is a data error).
  for (int i = 0; i < 3000; ++i) {
    const std::string prefix = std::to_string(i) + "-";
    for (size_t at = header_end; at < original.size();) {
      const size_t nl = original.find('\n', at);
      REQUIRE(nl != std::string::npos);  // the file ends with a line end
      big += prefix + original.substr(at, nl - at + 1);
      at = nl + 1;
    }
  }
  RunOptions many = o;
  many.leads_path = t.write("many.csv", big);
  many.threads = 1;
  const RunStats one = run_leads(p, *eval, many);
  const std::string out1 = slurp(many.out_path);
  many.threads = 2;
  const RunStats two = run_leads(p, *eval, many);
  CHECK(one.rows_written == 3000 * s.rows_written);
  CHECK(two.label_counts == one.label_counts);
  CHECK(slurp(many.out_path) == out1);
}
