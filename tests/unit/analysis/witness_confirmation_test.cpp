// Witnesses reproduce (issue 18, point 8): values print exactly (or as the double the
// language reads back), every witness is run by the interpreter before it is shown,
// and a finding whose witness is not confirmed is a W0406 warning, never an error.
#include <doctest/doctest.h>

#include <string>

#include "analysis_test_util.h"
#include "runtime/witness_confirmation.h"

namespace {

using leadc::AnalyzeOptions;
using leadc::DiagCode;
using leadc::WitnessClaim;
using leadc::WitnessLead;
using leadc::testing::find;

struct Run {
  leadc::Compilation compilation;
  leadc::Diagnostics diags;
};

Run analyse(const std::string& text, const AnalyzeOptions& opts) {
  Run r;
  r.compilation = leadc::compile_source("test.lead", text, r.diags);
  REQUIRE(r.compilation.program);
  r.diags = leadc::Diagnostics{};
  leadc::analyze(*r.compilation.program, opts, r.diags);
  return r;
}

AnalyzeOptions with_interpreter() {
  AnalyzeOptions o;
  o.confirm = leadc::rt::witness_confirmation();
  return o;
}

const char* kDefinition =
    "definition \"Exact\"\n"
    "lead {\n  id: text key\n  t: duration? in weeks\n  r: number?\n  cash: money(USD)?\n}\n"
    "classify c (unique) {\n"
    "  A when t >= 90 days and t <= 90 days\n"  // exactly 90 days: 12.857142… weeks
    "  B when t > 12 weeks\n"
    "  E otherwise\n"
    "}\n"
    "classify d (unique) {\n"
    "  C when r * 3 == 1 and cash == 0.07 USD\n"
    "  D when r > 0.33 and cash > 0 USD\n"
    "  F otherwise\n"
    "}\n";

}  // namespace

TEST_CASE("witnesses print values that read back as the solver's lead") {
  Run r = analyse(kDefinition, with_interpreter());
  auto e = find(r.diags, DiagCode::E0401);
  REQUIRE(e.size() == 2);
  CHECK(find(r.diags, DiagCode::W0406).empty());
  for (const auto* d : e) {
    REQUIRE(d->witness.has_value());
    CAPTURE(*d->witness);
    // No value cut to 12 decimals (`12.857142857142 weeks`, `0.333333333333`).
    CHECK(d->witness->find("12.857142857142") == std::string::npos);
    CHECK(d->witness->find("0.333333333333,") == std::string::npos);
  }
  // A-B: t is exactly 90 days, printed in a unit in which it is exact.
  CHECK(e[0]->witness->find("t: 90 days") != std::string::npos);
  // C-D: 1/3 has no decimal; the double the language reads back is printed in full,
  // and the interpreter confirmed that it makes `r * 3 == 1` true.
  CHECK(e[1]->witness->find("r: 0.3333333333333333") != std::string::npos);
  CHECK(e[1]->witness->find("cash: 0.07 USD") != std::string::npos);
}

TEST_CASE("the confirmation gets the lead the witness text reads back as, and the finding's claims") {
  std::vector<WitnessLead> leads;
  std::vector<std::vector<WitnessClaim>> claims;
  AnalyzeOptions o;
  o.confirm = [&](const leadc::ir::Program& p, const WitnessLead& lead, const std::vector<WitnessClaim>& c) {
    leads.push_back(lead);
    claims.push_back(c);
    return leadc::rt::witness_reproduces(p, lead, c);
  };
  Run r = analyse(kDefinition, o);
  REQUIRE(find(r.diags, DiagCode::E0401).size() == 2);
  REQUIRE(leads.size() == 2);
  const leadc::ir::Program& p = *r.compilation.program;
  const auto& a = p.classifications.at(0).labels;
  REQUIRE(claims[0].size() == 2);
  CHECK(claims[0][0].reg == a[0].condition);
  CHECK(claims[0][0].kind == WitnessClaim::Kind::True);
  CHECK(claims[0][1].reg == a[1].condition);
  bool saw_t = false;
  for (const auto& g : leads[0].given) {
    if (p.inputs[g.input].field == "t") {
      saw_t = true;
      CHECK(g.value.num == 90 * 86400.0);  // seconds, as `90 days` lowers
    }
  }
  CHECK(saw_t);
}

TEST_CASE("a finding whose witness is not confirmed is a warning, not an error") {
  int asked = 0;
  AnalyzeOptions o;
  o.confirm = [&](const leadc::ir::Program&, const WitnessLead&, const std::vector<WitnessClaim>&) {
    ++asked;
    return false;
  };
  Run r = analyse(kDefinition, o);
  CHECK(asked == 2);
  CHECK(find(r.diags, DiagCode::E0401).empty());
  auto w = find(r.diags, DiagCode::W0406);
  REQUIRE(w.size() == 2);
  CHECK(w[0]->message.find("could not confirm whether labels `A` and `B`") != std::string::npos);
  CHECK(!w[0]->witness.has_value());
  CHECK(!r.diags.has_errors());
}

TEST_CASE("a lead no double reproduces is not shown as an error") {
  // 1/49 has no exact double: r * 49 is 0.9999999999999999 for the nearest one.
  std::string text =
      "definition \"Unconfirmed\"\nlead {\n  id: text key\n  r: number?\n}\n"
      "classify c (unique) {\n  A when r * 49 == 1\n  B when r > 0\n  C when r <= 0 or r is missing\n}\n";
  Run r = analyse(text, with_interpreter());
  CHECK(find(r.diags, DiagCode::E0401).empty());
  CHECK(find(r.diags, DiagCode::W0406).size() == 1);
  // Without a confirmation the solver's finding stands (the analysis alone cannot run leads).
  Run plain = analyse(text, AnalyzeOptions{});
  CHECK(find(plain.diags, DiagCode::E0401).size() == 1);
}

TEST_CASE("gaps and scores out of range are confirmed too") {
  int asked = 0;
  AnalyzeOptions o;
  o.confirm = [&](const leadc::ir::Program& p, const WitnessLead& lead, const std::vector<WitnessClaim>& c) {
    ++asked;
    return leadc::rt::witness_reproduces(p, lead, c);
  };
  Run r = analyse(
      "definition \"G\"\nlead {\n  id: text key\n  n: int?\n}\n"
      "classify c (unique) {\n  A when n > 3\n  B when n < 1\n}\n"
      "score s (0..10) {\n  +7 when n > 3\n  +7 when n > 5\n}\n",
      o);
  CHECK(find(r.diags, DiagCode::E0402).size() >= 1);
  CHECK(find(r.diags, DiagCode::W0502).size() == 1);
  CHECK(asked == static_cast<int>(find(r.diags, DiagCode::E0402).size() + 1));
  CHECK(find(r.diags, DiagCode::W0406).empty());
}
