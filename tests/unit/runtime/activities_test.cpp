// Activities through the front end and the runtime: events folded per key
// (count/any/none/sum/latest/earliest, `within`, decay), synthetic inputs filled for
// leads with and without events, keys with no lead counted, bad events.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include <cmath>

#include "compiler/driver.h"
#include "io_test_util.h"
#include "runtime/activities.h"
#include "runtime/run.h"

using namespace leadc;
using namespace leadc::rt;
using namespace leadc::rt::testing;

namespace {

const char* kDefinition = R"(
lead {
  id: int key
}
activity {
  id:     int key
  kind:   enum { visit, order }
  at:     timestamp
  amount: money(USD)?
}
term visits     = count(activity where kind == visit)
const window    = 7 days
term recent     = count(activity where kind == visit within window)
term ordered    = any(activity where kind == order)
term quiet      = none(activity within 7 days)
term spent      = sum(activity.amount where kind == order)
term last_seen  = latest(activity where kind == visit)
term first_seen = earliest(activity.at)
term again      = count(activity where kind == visit)
score heat {
  decay half_life 1 day
  +8 per count(activity where kind == visit)
}
output id, visits, recent, ordered, quiet, spent, last_seen, first_seen, again, heat
)";

struct Fixture {
  Diagnostics diags;
  Compilation c = compile_source("activities.lead", kDefinition, diags);
  EvalContext ctx{1'800'000'000};  // 2027-01-15T08:00:00Z
};

std::string run_with(const Fixture& f, const TempDir& t, const std::string& events, const std::string& leads,
                     const ActivityTable** table_out = nullptr) {
  static std::optional<ActivityTable> table;
  ActivityOptions ao;
  ao.path = t.write("events.csv", events);
  ao.rejects_path = t.path("events.rejects.csv");
  table.emplace(*f.c.program, ao, f.ctx);
  RunOptions o;
  o.leads_path = t.write("leads.csv", leads);
  o.out_path = t.path("out.csv");
  o.threads = 2;
  o.progress = false;
  o.activities = &*table;
  auto interp = make_interpreter(*f.c.program, f.ctx).value();
  run_leads(*f.c.program, *interp, o);
  if (table_out) *table_out = &*table;
  return slurp(o.out_path);
}

}  // namespace

TEST_CASE("activities: aggregates per key, in any event order") {
  Fixture f;
  for (const Diagnostic& d : f.diags.all()) CAPTURE(d.message);
  REQUIRE(f.c.program);
  REQUIRE(f.c.program->activity);
  // `again` is the same aggregate as `visits`: one synthetic input serves both.
  CHECK(f.c.program->activity->aggregates.size() == 8);
  TempDir t;
  const std::string events =
      "id,kind,at,amount\n"
      "2,order,2027-01-10T00:00:00Z,10.50\n"
      "1,visit,2027-01-15T08:00:00Z,\n"       // age 0
      "1,visit,2027-01-14T08:00:00Z,\n"       // age 1 day
      "2,order,2027-01-01T00:00:00Z,\n"       // amount missing: adds nothing
      "1,visit,2027-01-08T08:00:00Z,\n"       // exactly 7 days: within
      "9,visit,2027-01-15T00:00:00Z,\n"       // no such lead
      "2,order,2026-12-01T00:00:00Z,4.25\n"
      "1,visit,2027-01-08T07:59:59Z,\n";      // one second older: not within 7 days
  const ActivityTable* table = nullptr;
  std::string out = run_with(f, t, events, "id\n1\n2\n3\n", &table);
  // heat of lead 1: 8 x (1 + 1/2 + 2^-7 + 2^-(7 + 1/86400)), the ages in days.
  const std::string heat = fmt::format("{}", 8 * (1 + 0.5 + std::exp2(-7.0) + std::exp2(-(7 + 1 / 86400.0))));
  CHECK(out ==
        "id,visits,recent,ordered,quiet,spent,last_seen,first_seen,again,heat\n"
        "1,4,3,false,false,0,2027-01-15T08:00:00Z,2027-01-08T07:59:59Z,4," + heat + "\n"
        "2,0,0,true,false,14.75,,2026-12-01T00:00:00Z,0,0\n"
        "3,0,0,false,true,0,,,0,0\n");
  REQUIRE(table);
  CHECK(table->stats().events_read == 8);
  CHECK(table->stats().keys == 3);
  CHECK(table->events_without_lead() == 1);
  CHECK(table->keys_without_lead() == 1);
}

TEST_CASE("activities: a bad event is a data error, or a reject with skip") {
  Fixture f;
  REQUIRE(f.c.program);
  TempDir t;
  ActivityOptions ao;
  ao.path = t.write("events.csv", "id,kind,at,amount\n1,visit,2027-01-15T08:00:00Z,\n1,vist,2027-01-15T08:00:00Z,\n");
  ao.rejects_path = t.path("rejects.csv");
  CHECK_THROWS_WITH_AS(ActivityTable(*f.c.program, ao, f.ctx), doctest::Contains("events.csv:3:3: error: field `kind`"),
                       DataError);
  ao.skip_bad_rows = true;
  ActivityTable table(*f.c.program, ao, f.ctx);
  CHECK(table.stats().events_read == 2);
  CHECK(table.stats().events_rejected == 1);
  CHECK(table.stats().rejects_path == ao.rejects_path);
  CHECK(slurp(ao.rejects_path).find("1,vist,") != std::string::npos);
  REQUIRE(table.find("1") != nullptr);
  CHECK(table.find("1")[0] == 1);  // the good visit counted
}

TEST_CASE("activities: without a table every lead has no events") {
  Fixture f;
  REQUIRE(f.c.program);
  const ir::Program file_program = lead_file_program(*f.c.program);
  CHECK(file_program.inputs.size() == 1);
  Batch b;
  b.rows = 1;
  b.inputs.resize(1);
  b.inputs[0].reset(ir::Type::Num, 1);
  b.inputs[0].known[0] = 1;
  fill_aggregates(*f.c.program, nullptr, b);
  REQUIRE(b.inputs.size() == f.c.program->inputs.size());
  for (size_t i = 1; i < b.inputs.size(); ++i) {
    const ir::Input& in = f.c.program->inputs[i];
    CAPTURE(in.field);
    CHECK(in.synthetic);
    const auto kind = f.c.program->activity->aggregates[in.aggregate].kind;
    const bool missing = kind == ir::AggregateKind::Latest || kind == ir::AggregateKind::Earliest;
    CHECK(b.inputs[i].known[0] == (missing ? 0 : 1));
    if (kind == ir::AggregateKind::None) CHECK(b.inputs[i].b[0] == 1);
    if (kind == ir::AggregateKind::Any) CHECK(b.inputs[i].b[0] == 0);
    if (in.type == ir::Type::Num && !missing) CHECK(b.inputs[i].num[0] == 0);
  }
}

TEST_CASE("activities: a batch of events (an example's `events`) folds to what the events file gives") {
  Fixture f;
  REQUIRE(f.c.program);
  TempDir t;
  const std::string events =
      "id,kind,at,amount\n"
      "1,visit,2027-01-14T08:00:00Z,\n"
      "1,order,2027-01-10T08:00:00Z,25.50\n"
      "1,visit,2026-12-01T00:00:00Z,\n"
      "2,visit,2027-01-15T07:00:00Z,\n";
  ActivityOptions ao;
  ao.path = t.write("events.csv", events);
  ao.rejects_path = t.path("events.rejects.csv");
  const ActivityTable from_file(*f.c.program, ao, f.ctx);
  LeadReader reader;
  reader.open(ao.path, f.c.program->activity->events);
  Batch batch;
  REQUIRE(reader.next(batch));
  REQUIRE(batch.rows == 4);
  const ActivityTable from_batch(*f.c.program, batch, f.ctx);
  CHECK(from_batch.stats().events_read == 4);
  CHECK(from_batch.stats().keys == 2);
  const size_t width = f.c.program->activity->aggregates.size();
  for (const char* key : {"1", "2"}) {
    const double* a = from_file.find(key);
    const double* b = from_batch.find(key);
    REQUIRE(a);
    REQUIRE(b);
    for (size_t i = 0; i < width; ++i) {
      CAPTURE(key);
      CAPTURE(i);
      if (std::isnan(a[i])) CHECK(std::isnan(b[i]));
      else CHECK(a[i] == b[i]);
    }
  }
  CHECK(from_batch.find("3") == nullptr);
  // The first aggregate is `count(activity where kind == visit)`: 2 visits for key 1.
  CHECK(from_batch.find("1")[0] == 2);
}
