// Aggregates whose event conditions imply one another are related (count, any/none,
// sum, latest/earliest, decayed weights, disjoint counts): impossible combinations no
// longer show up as findings, and unrelated aggregates stay independent.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "analysis_test_util.h"

using namespace leadc;
using namespace leadc::testing;

namespace {

const char* kHeader = R"(definition "t"
lead {
  lead_id: text key
}
activity {
  lead_id: text key
  kind:    enum { webinar_attend, download, visit }
  at:      timestamp
  spent:   money(USD)?
  delta:   int?
  seen:    date?
}
)";

Analysed check(const std::string& body) {
  return analyse_text(std::string(kHeader) + body + "\noutput lead_id\n");
}

// The names of the terms reported as never true (E0404), in order.
std::vector<std::string> never_true(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic* d : find(diags, DiagCode::E0404)) {
    auto b = d->message.find('`'), e = d->message.find('`', b + 1);
    out.push_back(d->message.substr(b + 1, e - b - 1));
  }
  return out;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// How many events of `kind` a witness's `events { … }` block lists (issue 18: check's
// witnesses give the events, not the aggregates' values).
size_t events_of(const std::string& w, const std::string& kind) {
  size_t n = 0;
  for (size_t at = w.find("{ kind: " + kind); at != std::string::npos; at = w.find("{ kind: " + kind, at + 1)) {
    const char next = w[at + 8 + kind.size()];
    n += next == ',' || next == ' ';
  }
  return n;
}
// The time of its first event (`2026-11-21T00:00:00Z`), or "".
std::string first_time(const std::string& w) {
  const size_t at = w.find("at: ", w.find(" events { "));
  return at == std::string::npos ? "" : w.substr(at + 4, 20);
}

}  // namespace

TEST_CASE("aggregate relations: an event within 30 days is an event, so there is no gap") {
  Analysed a = check(R"(
classify x (unique) {
  A when count(activity where kind == webinar_attend) >= 1
  B when count(activity where kind == webinar_attend within 30 days) == 0
}
)");
  CHECK(find(a.diags, DiagCode::E0402).empty());
  auto overlaps = find(a.diags, DiagCode::E0401);
  REQUIRE(overlaps.size() == 1);
  REQUIRE(overlaps[0]->witness);
  // The real overlap: one webinar, older than 30 days (the as-of is 2026-11-22).
  CHECK(events_of(*overlaps[0]->witness, "webinar_attend") == 1);
  CHECK(first_time(*overlaps[0]->witness) < "2026-10-23T00:00:00Z");
  CHECK(has(*overlaps[0]->witness, " as_of 2026-11-22T00:00:00Z"));
  CHECK(a.diags.all().size() == 1);
}

TEST_CASE("aggregate relations: the implication the other way round") {
  Analysed a = check(R"(
classify x (unique) {
  A when count(activity where kind == webinar_attend within 30 days) >= 1
  B when count(activity where kind == webinar_attend) == 0
}
)");
  CHECK(find(a.diags, DiagCode::E0401).empty());
  auto gaps = find(a.diags, DiagCode::E0402);
  REQUIRE(gaps.size() == 1);
  REQUIRE(gaps[0]->witness);
  CHECK(events_of(*gaps[0]->witness, "webinar_attend") == 1);  // one webinar, none within 30 days
  CHECK(first_time(*gaps[0]->witness) < "2026-10-23T00:00:00Z");
  CHECK(has(*gaps[0]->witness, " as_of 2026-11-22T00:00:00Z"));
}

TEST_CASE("aggregate relations: a shorter window lies in a longer one") {
  Analysed a = check(R"(
term fewer_recent = count(activity within 30 days) > count(activity within 90 days)
term more_recent  = count(activity within 90 days) > count(activity within 30 days)
term stale        = latest(activity within 90 days) is known and none(activity within 30 days)
term fresh        = any(activity within 30 days) and none(activity within 90 days)
)");
  CHECK(never_true(a.diags) == std::vector<std::string>{"fewer_recent", "fresh"});
}

TEST_CASE("aggregate relations: any and none follow the implication, in one direction only") {
  Analysed a = check(R"(
term impossible = any(activity where kind == download within 30 days) and none(activity where kind == download or kind == visit)
term possible   = none(activity where kind == download within 30 days) and any(activity where kind == download)
term counted    = count(activity where kind == download) == 0 and any(activity where kind == download and spent >= 10 USD)
)");
  CHECK(never_true(a.diags) == std::vector<std::string>{"impossible", "counted"});
}

TEST_CASE("aggregate relations: sums grow with the condition only over values that cannot be negative") {
  Analysed a = check(R"(
term money_drops   = sum(activity.spent where kind == download) > sum(activity.spent)
term delta_drops   = sum(activity.delta where kind == download) > sum(activity.delta)
term positive_drop = sum(activity.delta where kind == download and delta > 0) > sum(activity.delta where delta >= 0)
term disjoint      = sum(activity.spent where kind == download) > sum(activity.spent where kind == visit)
)");
  CHECK(never_true(a.diags) == std::vector<std::string>{"money_drops", "positive_drop"});
}

TEST_CASE("aggregate relations: latest and earliest of the same field") {
  Analysed a = check(R"(
term later   = latest(activity where kind == download) > latest(activity)
term earlier = earliest(activity where kind == download) < earliest(activity)
term lost    = latest(activity.seen where kind == download) is known and latest(activity.seen) is missing
term reverse = earliest(activity.seen) > latest(activity.seen)
term fine    = earliest(activity.seen where kind == download) > earliest(activity.seen)
)");
  CHECK(never_true(a.diags) == std::vector<std::string>{"later", "earlier", "lost", "reverse"});
}

TEST_CASE("aggregate relations: disjoint conditions add up under a third") {
  Analysed a = check(R"(
term too_many = count(activity where kind == download) + count(activity where kind == visit) > count(activity)
term overlap  = count(activity where kind == download) + count(activity within 30 days) > count(activity)
term empty    = count(activity where kind == download and kind == visit) >= 1
)");
  CHECK(never_true(a.diags) == std::vector<std::string>{"too_many", "empty"});
}

TEST_CASE("aggregate relations: decayed weights with the same half-life") {
  // The `any` weight of recent downloads is at most the summed weight of all downloads.
  Analysed a = check(R"(
score s (0..100) {
  decay half_life 7 days
  +10 per count(activity where kind == download)
  -10 when any(activity where kind == download within 30 days)
}
term heavier = s > count(activity where kind == download) * 10
)");
  CHECK(never_true(a.diags) == std::vector<std::string>{"heavier"});
  auto range = find(a.diags, DiagCode::W0502);
  REQUIRE(range.size() == 1);
  CHECK(has(range[0]->message, "above"));
}

TEST_CASE("aggregate relations: unrelated conditions stay independent") {
  Analysed a = check(R"(
classify x (unique) {
  A when count(activity where kind == download) >= 1
  B when count(activity where kind == visit) == 0
}
)");
  auto gaps = find(a.diags, DiagCode::E0402);
  auto overlaps = find(a.diags, DiagCode::E0401);
  REQUIRE(gaps.size() == 1);
  REQUIRE(overlaps.size() == 1);
  REQUIRE(gaps[0]->witness);
  CHECK(events_of(*gaps[0]->witness, "download") == 0);
  CHECK(events_of(*gaps[0]->witness, "visit") == 1);
  REQUIRE(overlaps[0]->witness);
  CHECK(events_of(*overlaps[0]->witness, "download") == 1);
  CHECK(events_of(*overlaps[0]->witness, "visit") == 0);
}

TEST_CASE("aggregate relations: sums are exact over the cells of their conditions") {
  Analysed a = check(R"(
term split     = sum(activity.spent) != sum(activity.spent where kind == download) + sum(activity.spent where kind != download)
term big_small = any(activity where delta >= 3) and sum(activity.delta where delta >= 3) < 3
term capped    = sum(activity.delta where delta in 0..2) > 2 * count(activity where delta in 0..2)
term signed    = sum(activity.delta where kind == download) > sum(activity.delta)
term reachable = sum(activity.delta where delta in 0..2) == 4 and count(activity where delta in 0..2) == 2
)");
  CHECK(never_true(a.diags) == std::vector<std::string>{"split", "big_small", "capped"});
  CHECK(find(a.diags, DiagCode::W0406).empty());
}

TEST_CASE("aggregate relations: decayed weights are bounded by their events' window") {
  Analysed a = check(R"(
score s (0..100) {
  decay half_life 30 days
  +10 per count(activity where kind == download within 90 days) max 100
  +10 when any(activity where kind == visit within 30 days)
}
term weightless = any(activity where kind == download within 90 days) and s == 0
term too_light  = any(activity where kind == visit within 30 days) and none(activity where kind == download within 90 days) and s < 4.9
term possible   = any(activity where kind == download within 90 days) and s < 2
)");
  CHECK(never_true(a.diags) == std::vector<std::string>{"weightless", "too_light"});
}
