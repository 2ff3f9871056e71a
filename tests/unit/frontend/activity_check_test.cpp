// The activity block and aggregates in the front end: what is rejected (and with
// which code), the types aggregates get, and how they are lowered (one synthetic
// input per distinct aggregate, conditions in the events program).
#include <doctest/doctest.h>

#include "compiler/driver.h"

using leadc::DiagCode;

namespace {

struct Result {
  leadc::Diagnostics diags;
  leadc::Compilation c;
  bool has(DiagCode code) const {
    for (auto& d : diags.all())
      if (d.code == code) return true;
    return false;
  }
};

const char* kHead = R"(
lead {
  id: text key
  employees: int?
}
activity {
  id:     text key
  kind:   enum { visit, order }
  at:     timestamp
  amount: money(USD)?
  label:  text?
}
)";

std::unique_ptr<Result> compile(const std::string& body, const char* head = kHead) {
  auto r = std::make_unique<Result>();
  r->c = leadc::compile_source("t.lead", std::string(head) + body, r->diags);
  return r;
}

}  // namespace

TEST_CASE("activities: well-typed aggregates") {
  auto r = compile(
      "term a = count(activity where kind == visit within 30 days) >= 2\n"
      "term b = sum(activity.amount where kind == order) >= 100 USD\n"
      "term c = latest(activity) within 7 days and any(activity where label starts_with \"x\")\n"
      "term d = earliest(activity.at) < 2026-01-01 or none(activity)\n"
      "term e = days_since(latest(activity.at)) > 3 and employees > 10\n"
      "term f = count(activity where kind == visit within 30 days) >= 5\n"
      "output id, a, b, c, d, e, f\n");
  for (auto& d : r->diags.all()) CAPTURE(d.message);
  REQUIRE(r->c.program);
  const auto& p = *r->c.program;
  REQUIRE(p.activity);
  // `count(… within 30 days)` is written twice but is one aggregate; latest(activity)
  // and latest(activity.at) are different texts, so two.
  CHECK(p.activity->aggregates.size() == 7);
  CHECK(p.activity->events.inputs.size() == 5);
  CHECK(p.activity->key_input == 0);
  CHECK(p.activity->time != leadc::ir::kNoReg);
  size_t synthetic = 0;
  for (auto& in : p.inputs) synthetic += in.synthetic;
  CHECK(synthetic == 7);
  CHECK(p.inputs[0].field == "id");
  CHECK(!p.inputs[0].synthetic);
  CHECK(p.inputs.back().synthetic);
}

TEST_CASE("activities: rejected uses") {
  CHECK(compile("term t = count(activity where employees > 5)\noutput t\n")->has(DiagCode::E0301));  // lead field
  CHECK(compile("term t = sum(activity where kind == visit)\noutput t\n")->has(DiagCode::E0301));     // no field
  CHECK(compile("term t = sum(activity.label)\noutput t\n")->has(DiagCode::E0301));                   // text sum
  CHECK(compile("term t = latest(activity.amount)\noutput t\n")->has(DiagCode::E0301));               // not a time
  CHECK(compile("term t = count(activity.kind)\noutput t\n")->has(DiagCode::E0301));                  // count a field
  CHECK(compile("term t = latest(activity.amont)\noutput t\n")->has(DiagCode::E0201));                // typo
  CHECK(compile("term t = any(activity where kind == vist)\noutput t\n")->has(DiagCode::E0304));      // member typo
  CHECK(compile("term t = any(activity within 30)\noutput t\n")->has(DiagCode::E0302));               // bare number
  CHECK(compile("term t = count(activity where count(activity) > 1)\noutput t\n")->has(DiagCode::E0301));  // nested
  CHECK(compile("score s {\n decay half_life 0 days\n +1 per count(activity)\n}\n")->has(DiagCode::E0205));
  CHECK(compile("score s {\n decay half_life 3\n +1 per count(activity)\n}\n")->has(DiagCode::E0301));
  CHECK(compile("score s {\n decay half_life 3 days\n +1 per count(activity)\n}\n")->c.program.has_value());
}

TEST_CASE("activities: declaration errors") {
  const char* no_activity = "lead {\n id: text key\n}\n";
  CHECK(compile("term t = any(activity)\noutput t\n", no_activity)->has(DiagCode::E0205));
  const char* no_key = "lead {\n id: text key\n}\nactivity {\n id: text\n at: timestamp\n}\n";
  CHECK(compile("output id\n", no_key)->has(DiagCode::E0205));
  const char* key_type = "lead {\n id: text key\n}\nactivity {\n id: int key\n at: timestamp\n}\n";
  CHECK(compile("output id\n", key_type)->has(DiagCode::E0301));
  const char* twice = "lead {\n id: text key\n}\nactivity {\n id: text key\n id: text\n}\n";
  CHECK(compile("output id\n", twice)->has(DiagCode::E0203));
  const char* no_time = "lead {\n id: text key\n}\nactivity {\n id: text key\n n: int\n}\n";
  CHECK(compile("term t = any(activity within 3 days)\noutput t\n", no_time)->has(DiagCode::E0205));
  CHECK(!compile("term t = count(activity where n > 2)\noutput t\n", no_time)->diags.has_errors());
}
