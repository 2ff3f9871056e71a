// The analysis on real definitions through the front end: the seed examples, one
// small definition per finding, and a check that every witness is a `given` block
// the front end accepts in an `example`.
#include <doctest/doctest.h>

#include <string>

#include "analysis_test_util.h"

using namespace leadc;
using namespace leadc::testing;

namespace {

bool is_analysis_code(DiagCode c) {
  switch (c) {
    case DiagCode::E0401:
    case DiagCode::E0402:
    case DiagCode::E0403:
    case DiagCode::E0404:
    case DiagCode::W0405:
    case DiagCode::W0406:
    case DiagCode::W0502: return true;
    default: return false;
  }
}

// Every witness, pasted into an example, must be accepted by the front end.
void witnesses_compile(const std::string& text, const Diagnostics& diags) {
  int k = 0;
  for (const Diagnostic& d : diags.all()) {
    if (!d.witness) continue;
    std::string with_example = text + "\nexample \"witness " + std::to_string(++k) + "\" {\n  " + *d.witness + "\n}\n";
    Diagnostics fe;
    Compilation c = compile_source("witness.lead", with_example, fe);
    CAPTURE(*d.witness);
    for (const Diagnostic& e : fe.all()) {
      CAPTURE(e.message);
      CHECK(e.severity != Severity::Error);
    }
  }
}

const char* kHeader = R"(definition "t"
type budget_status = enum { approved, planned, no_budget }
lead {
  lead_id: text key
  budget: budget_status?
  decision_timeframe: duration? in days
  revenue: money(USD)?
  employees: int?
  unlikely_to_buy: bool
  industry: text?
}
)";

}  // namespace

TEST_CASE("sample_a.lead: the two documented gaps") {
  Analysed c;
  c.compilation = compile_file(LEADC_SOURCE_DIR "/examples/sample_a.lead", c.diags);
  REQUIRE(c.compilation.program);
  analyze(*c.compilation.program, AnalyzeOptions{}, c.diags);
  auto gaps = find(c.diags, DiagCode::E0402);
  REQUIRE(gaps.size() == 2);
  CHECK(*gaps[0]->witness == "given { lead_id: \"x\", decision_timeframe: 181 days }");
  CHECK(*gaps[1]->witness == "given { lead_id: \"x\", actively_looking: false, decision_timeframe: missing }");
  CHECK(gaps[0]->span.line == 9);
}

TEST_CASE("the shipped examples have no analysis findings") {
  for (const char* name : {"readytalk", "waterfall", "sales_ready", "universal_lead"}) {
    CAPTURE(name);
    Analysed c;
    c.compilation = compile_file(std::string(LEADC_SOURCE_DIR "/examples/") + name + ".lead", c.diags);
    REQUIRE(c.compilation.program);
    Diagnostics found;
    analyze(*c.compilation.program, AnalyzeOptions{}, found);
    for (const Diagnostic& d : found.all()) {
      CAPTURE(d.message);
      CHECK_FALSE(is_analysis_code(d.code));
    }
  }
}

TEST_CASE("overlap, gap and witnesses through the front end") {
  std::string text = std::string(kHeader) + R"(
classify temperature (unique) {
  Cold   when unlikely_to_buy
  Medium when budget is missing and decision_timeframe <= 2 weeks
  Hot    when not unlikely_to_buy and budget == approved and revenue >= 250k USD
}
)";
  Analysed c = analyse_text(text);
  auto overlaps = find(c.diags, DiagCode::E0401);
  REQUIRE(overlaps.size() == 1);
  CHECK(overlaps[0]->message == "labels `Cold` and `Medium` of `temperature` can both be true");
  CHECK(*overlaps[0]->witness ==
        "given { lead_id: \"x\", budget: missing, decision_timeframe: 0 days, unlikely_to_buy: true }");
  CHECK(overlaps[0]->span.line == 15);
  auto gaps = find(c.diags, DiagCode::E0402);
  CHECK(gaps.size() >= 2);
  witnesses_compile(text, c.diags);
}

TEST_CASE("unreachable labels, contradictions and tautologies through the front end") {
  std::string text = std::string(kHeader) + R"(
term mid_size   = employees in 500..100
term any_budget = budget is missing or budget is known
classify size (first match) {
  large_co when employees >= 1000
  mid_co   when employees >= 100
  big_co   when employees >= 5000
  tiny     when mid_size
  rest     otherwise
}
)";
  Analysed c = analyse_text(text);
  auto contra = find(c.diags, DiagCode::E0404);
  REQUIRE(contra.size() == 1);
  CHECK(contra[0]->message == "condition of term `mid_size` can never be true");
  auto taut = find(c.diags, DiagCode::W0405);
  REQUIRE(taut.size() == 1);
  CHECK(taut[0]->message == "condition of term `any_budget` is always true");
  auto un = find(c.diags, DiagCode::E0403);
  REQUIRE(un.size() == 1);
  CHECK(un[0]->message == "label `big_co` can never be chosen: every lead it matches is taken by `large_co`");
  CHECK(c.diags.all().size() == 3);
}

TEST_CASE("a score that can leave its range, through the front end") {
  std::string text = std::string(kHeader) + R"(
score interest (0..50) {
  +30 when budget == approved
  +30 when decision_timeframe <= 30 days
  -10 when unlikely_to_buy
}
)";
  Analysed c = analyse_text(text);
  auto out = find(c.diags, DiagCode::W0502);
  REQUIRE(out.size() == 2);
  CHECK(out[0]->message == "points of score `interest` can go below its range 0..50");
  CHECK(*out[0]->witness == "given { lead_id: \"x\", unlikely_to_buy: true }");
  CHECK(out[0]->notes[0].message == "this lead gets -10 points before clamping");
  CHECK(out[1]->message == "points of score `interest` can go above its range 0..50");
  CHECK(*out[1]->witness ==
        "given { lead_id: \"x\", budget: approved, decision_timeframe: 0 days, unlikely_to_buy: false }");
  witnesses_compile(text, c.diags);
}

TEST_CASE("analysis: aggregates over one condition agree on whether an event matches") {
  const char* text = R"(
lead {
  id: text key
}
activity {
  id:   text key
  kind: enum { visit, order }
  at:   timestamp
}
term impossible = count(activity where kind == order) >= 1 and none(activity where kind == order)
term negative   = count(activity where kind == visit) < 0
term possible   = any(activity where kind == order) and none(activity where kind == visit)
output id, impossible, negative, possible
)";
  Analysed a = analyse_text(text);
  auto never = find(a.diags, DiagCode::E0404);
  REQUIRE(never.size() == 2);
  CHECK(never[0]->message.find("impossible") != std::string::npos);
  CHECK(never[1]->message.find("negative") != std::string::npos);
}

TEST_CASE("analysis: a witness with aggregates gives them as events and still parses") {
  const char* text = R"(
lead {
  id: text key
  vip: bool
}
activity {
  id:   text key
  kind: enum { visit, order }
  at:   timestamp
}
classify tier (unique) {
  gold   when vip
  silver when count(activity where kind == visit within 30 days) >= 3
}
output id, tier
)";
  Analysed a = analyse_text(text);
  auto overlaps = find(a.diags, DiagCode::E0401);
  REQUIRE(overlaps.size() == 1);
  REQUIRE(overlaps[0]->witness);
  const std::string& w = *overlaps[0]->witness;
  CHECK(w.find("vip: true") != std::string::npos);
  // Three visits within the 30 days (issue 18), as an example's `events { … }`.
  CHECK(w.find(" events { { kind: visit, at: ") != std::string::npos);
  size_t visits = 0;
  for (size_t at = w.find("{ kind: visit"); at != std::string::npos; at = w.find("{ kind: visit", at + 1)) ++visits;
  CHECK(visits == 3);
  CHECK(w.find("//") == std::string::npos);
  Diagnostics d;
  std::string example = std::string(text) + "example \"w\" {\n  " + w + "\n}\n";
  Compilation c = compile_source("witness.lead", example, d);
  for (const Diagnostic& x : d.all()) CAPTURE(x.message);
  CHECK(!d.has_errors());
}
