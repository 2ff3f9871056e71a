// Regression tests for the analysis of time and events (issue 18, points 3-6): the
// as-of time is free (any run time, not one fixed midnight), windows and date-typed
// event times are kept in `latest`/`earliest`, unions of event conditions are
// related exactly, and a relation that cannot be decided keeps a finding a W0406.
#include <doctest/doctest.h>

#include <string>

#include "analysis_test_util.h"

using namespace leadc;
using namespace leadc::testing;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* kEvents = R"(definition "t"
lead {
  lead_id: text key
}
activity {
  lead_id: text key
  kind:    enum { demo, trial, visit }
  at:      timestamp
  length:  duration? in seconds
  amount:  int?
  rating:  number?
  paid:    money(USD)?
  note:    text?
  done:    bool?
}
)";

Analysed events(const std::string& body) {
  return analyse_text(std::string(kEvents) + body + (has(body, "output ") ? "" : "\noutput lead_id\n"));
}

}  // namespace

TEST_CASE("as-of: days_since on a date leaves a gap at noon, and the witness names that as-of") {
  Analysed a = analyse_text(R"(definition "t"
lead {
  lead_id: text key
  signed_up: date
}
classify age (unique) {
  Fresh when days_since(signed_up) <= 10
  Stale when days_since(signed_up) >= 11
}
output lead_id, age
)");
  auto gaps = find(a.diags, DiagCode::E0402);
  REQUIRE(gaps.size() == 1);
  REQUIRE(gaps[0]->witness);
  // At midnight days_since of a date is whole; the gap needs an as-of inside a day.
  CHECK(has(*gaps[0]->witness, " as_of "));
  CHECK(!has(*gaps[0]->witness, "T00:00:00Z"));
}

TEST_CASE("as-of: `within` next to fixed dates overlaps at another as-of") {
  Analysed a = analyse_text(R"(definition "t"
lead {
  lead_id: text key
  created: date
}
classify cohort (unique) {
  Recent when created within 30 days
  Old    when created < 2026-10-01
}
output lead_id, cohort
)");
  auto overlaps = find(a.diags, DiagCode::E0401);
  REQUIRE(overlaps.size() == 1);
  REQUIRE(overlaps[0]->witness);
  CHECK(has(*overlaps[0]->witness, " as_of "));
}

TEST_CASE("as-of: a finding that does not depend on the time prints none") {
  Analysed a = analyse_text(R"(definition "t"
lead {
  lead_id: text key
  created: date
}
classify cohort (unique) {
  Early when created < 2026-10-01
  Later when created > 2026-10-01
}
output lead_id, cohort
)");
  auto gaps = find(a.diags, DiagCode::E0402);
  REQUIRE(gaps.size() == 1);
  CHECK(!has(*gaps[0]->witness, "as_of"));
}

TEST_CASE("windows: latest within a window lies in it, for timestamp and date event times") {
  Analysed a = events(R"(
term stale = days_since(latest(activity.at where at within 30 days and kind == visit)) > 30
term ahead = latest(activity.at where kind == visit within 30 days) > latest(activity.at where kind == visit)
)");
  CHECK(find(a.diags, DiagCode::E0404).size() == 2);

  Analysed d = analyse_text(R"(definition "t"
lead {
  lead_id: text key
}
activity {
  lead_id: text key
  kind:    enum { visit, order }
  on:      date
}
term late = days_since(latest(activity.on where kind == visit within 7 days)) > 7.5
term odd  = count(activity where kind == visit within 7 days) >= 1 and days_since(latest(activity.on where kind == visit)) > 8
output lead_id, late, odd
)");
  CHECK(find(d.diags, DiagCode::E0404).size() == 2);
}

TEST_CASE("windows: a witness never shows a latest event outside its window") {
  Analysed a = events(R"(
classify recent (unique) {
  Soon  when days_since(latest(activity.at where kind == visit within 30 days)) < 10
  Later when days_since(latest(activity.at where kind == visit within 30 days)) > 5
}
)");
  auto overlaps = find(a.diags, DiagCode::E0401);
  REQUIRE(overlaps.size() == 1);
  const std::string& w = *overlaps[0]->witness;
  CHECK(!has(w, "1970"));
  CHECK(has(w, " as_of 2026-11-22T00:00:00Z"));
  // The latest visit is between 5 and 10 days before the as-of.
  CHECK((has(w, "2026-11-12") || has(w, "2026-11-13") || has(w, "2026-11-14") || has(w, "2026-11-15") ||
         has(w, "2026-11-16") || has(w, "2026-11-17")));
}

TEST_CASE("unions: kind in [a, b] against none of a and none of b") {
  Analysed a = events(R"(
classify hand (unique) {
  Raised when any(activity where kind in [demo, trial])
  Quiet  when none(activity where kind == demo) and none(activity where kind == trial)
}
)");
  CHECK(find(a.diags, DiagCode::E0401).empty());
  CHECK(find(a.diags, DiagCode::E0402).empty());
  CHECK(find(a.diags, DiagCode::W0406).empty());
}

TEST_CASE("unions: a condition and its negation cover every event") {
  Analysed a = events(R"(
classify visits (unique) {
  Visit when any(activity where kind == visit)
  Other when any(activity where not (kind == visit)) and none(activity where kind == visit)
  Empty when none(activity)
}
)");
  CHECK(find(a.diags, DiagCode::E0401).empty());
  CHECK(find(a.diags, DiagCode::E0402).empty());
}

TEST_CASE("unions: a field at least, below, or missing") {
  Analysed a = events(R"(
classify watch (unique) {
  Long    when any(activity where length >= 60 seconds)
  Short   when none(activity where length >= 60 seconds) and any(activity where length < 60 seconds)
  Unknown when none(activity where length >= 60 seconds) and none(activity where length < 60 seconds) and any(activity where length is missing)
  Nothing when none(activity)
}
)");
  CHECK(find(a.diags, DiagCode::E0401).empty());
  CHECK(find(a.diags, DiagCode::E0402).empty());
}

TEST_CASE("unions: counts of disjoint conditions add up to the count of their union") {
  Analysed a = events(R"(
term more = count(activity where kind == demo) + count(activity where kind == trial) > count(activity where kind in [demo, trial])
term less = count(activity where kind == demo) + count(activity where kind == trial) < count(activity where kind in [demo, trial])
output lead_id, more, less
)");
  CHECK(find(a.diags, DiagCode::E0404).size() == 2);
}

TEST_CASE("undecided relations: too many cells keep an overlap a warning, never an error") {
  // Nine independent event conditions have 512 patterns, more than the analysis
  // splits; the union below is then related only loosely, so the overlap it would
  // report is not certain.
  Analysed a = events(R"(
term t1 = any(activity where length >= 60 seconds)
term t2 = any(activity where amount > 5)
term t3 = any(activity where rating > 0.5)
term t4 = any(activity where paid > 10 USD)
term t5 = any(activity where note == "x")
term t6 = any(activity where done)
term t7 = any(activity where at >= 2026-01-01T00:00:00Z)
classify hand (unique) {
  Raised when any(activity where kind in [demo, trial])
  Quiet  when none(activity where kind == demo) and none(activity where kind == trial)
}
output lead_id, t1, t2, t3, t4, t5, t6, t7
)");
  CHECK(find(a.diags, DiagCode::E0401).empty());
  CHECK(find(a.diags, DiagCode::E0402).empty());
  CHECK(!find(a.diags, DiagCode::W0406).empty());
}
