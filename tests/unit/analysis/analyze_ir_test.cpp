// The analysis on hand-built IR programs: one case per finding code with its
// message, span and witness, the seeds' sample_a, and definitions that are clean.
#include <doctest/doctest.h>

#include <algorithm>

#include "compiler/analysis/analyze.h"
#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using leadc::testing::ProgramBuilder;
using ir::FieldKind;
using ir::Op;

namespace {

std::vector<const Diagnostic*> find(const Diagnostics& diags, DiagCode code) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : diags.all()) {
    if (d.code == code) out.push_back(&d);
  }
  return out;
}

Diagnostics run(const ir::Program& p, unsigned timeout_ms = 2000) {
  Diagnostics diags;
  AnalyzeOptions opts;
  opts.timeout_ms = timeout_ms;
  analyze(p, opts, diags);
  return diags;
}

constexpr double kDay = 86400;

}  // namespace

TEST_CASE("sample_a has exactly the two documented gaps") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto al = b.input("actively_looking", FieldKind::Bool, true);
  auto dt = b.input("decision_timeframe", FieldKind::Duration, true, -1, kDay, "days");
  auto hot = b.cmp(Op::Le, dt, b.num(180 * kDay));
  auto medium = b.and_(al, b.is_missing(dt));
  auto cold = b.and_(b.is_missing(al), b.is_missing(dt));
  b.classify("temperature", true, {{"Hot", hot}, {"Medium", medium}, {"Cold", cold}});
  Diagnostics diags = run(b.p);

  auto gaps = find(diags, DiagCode::E0402);
  REQUIRE(gaps.size() == 2);
  CHECK(diags.all().size() == 2);
  std::vector<std::string> witnesses;
  for (auto* g : gaps) {
    CHECK(g->message == "no label of `temperature` is true for some leads");
    CHECK(g->span.line == b.p.classifications[0].span.line);
    REQUIRE(g->witness);
    REQUIRE(g->notes.size() == 1);
    CHECK(g->notes[0].message == "no label of `temperature` is true for this lead");
    witnesses.push_back(*g->witness);
  }
  std::sort(witnesses.begin(), witnesses.end());
  CHECK(witnesses[0] == "given { lead_id: \"x\", actively_looking: false, decision_timeframe: missing }");
  CHECK(witnesses[1] == "given { lead_id: \"x\", decision_timeframe: 181 days }");
}

TEST_CASE("sample_a closed by otherwise has no findings") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto al = b.input("actively_looking", FieldKind::Bool, true);
  auto dt = b.input("decision_timeframe", FieldKind::Duration, true, -1, kDay, "days");
  auto hot = b.cmp(Op::Le, dt, b.num(180 * kDay));
  auto medium = b.and_(al, b.is_missing(dt));
  b.classify("temperature", true, {{"Hot", hot}, {"Medium", medium}, {"Cold", ir::kNoReg}});
  CHECK(run(b.p).all().empty());
}

TEST_CASE("overlap in a unique classification names both labels and has a witness") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  int budget = b.add_enum("budget_status", {"approved", "planned", "no_budget"});
  auto bud = b.input("budget", FieldKind::Enum, true, budget);
  auto unlikely = b.input("unlikely_to_buy", FieldKind::Bool, false);
  auto approved = b.cmp(Op::Eq, bud, b.member(budget, 0));
  b.classify("temperature", true,
             {{"Cold", unlikely}, {"Hot", b.and_(approved, b.not_(unlikely))}, {"Medium", b.is_missing(bud)}});
  Diagnostics diags = run(b.p);
  auto overlaps = find(diags, DiagCode::E0401);
  REQUIRE(overlaps.size() == 1);
  const auto& cls = b.p.classifications[0];
  CHECK(overlaps[0]->message == "labels `Cold` and `Medium` of `temperature` can both be true");
  CHECK(overlaps[0]->span.line == cls.labels[2].span.line);
  REQUIRE(overlaps[0]->notes.size() == 2);
  CHECK(overlaps[0]->notes[0].span.line == cls.labels[0].span.line);
  CHECK(overlaps[0]->notes[1].message == "both `Cold` and `Medium` are true for this lead");
  CHECK(*overlaps[0]->witness == "given { lead_id: \"x\", budget: missing, unlikely_to_buy: true }");
  // Gap: budget planned or no_budget and not unlikely to buy.
  auto gaps = find(diags, DiagCode::E0402);
  REQUIRE(gaps.size() >= 1);
  CHECK(gaps[0]->witness->find("unlikely_to_buy: false") != std::string::npos);
}

TEST_CASE("first match: unreachable label names the labels that take its leads") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto emp = b.input("employees", FieldKind::Int, true);
  auto big = b.cmp(Op::Ge, emp, b.num(1000));
  auto mid = b.cmp(Op::Ge, emp, b.num(100));
  auto huge = b.cmp(Op::Ge, emp, b.num(5000));
  b.classify("size", false, {{"A", big}, {"B", mid}, {"C", huge}, {"D", ir::kNoReg}});
  Diagnostics diags = run(b.p);
  auto un = find(diags, DiagCode::E0403);
  REQUIRE(un.size() == 1);
  CHECK(un[0]->message == "label `C` can never be chosen: every lead it matches is taken by `A`");
  REQUIRE(un[0]->notes.size() == 1);
  CHECK(un[0]->notes[0].span.line == b.p.classifications[0].labels[0].span.line);
  CHECK(diags.all().size() == 1);
}

TEST_CASE("first match: a label covered by two earlier labels together") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto x = b.input("x", FieldKind::Bool, false);
  auto y = b.input("y", FieldKind::Bool, false);
  b.classify("c", false, {{"A", x}, {"B", y}, {"C", b.or_(x, y)}, {"D", ir::kNoReg}});
  Diagnostics diags = run(b.p);
  auto un = find(diags, DiagCode::E0403);
  REQUIRE(un.size() == 1);
  CHECK(un[0]->message == "label `C` can never be chosen: every lead it matches is taken by `A`, `B`");
}

TEST_CASE("first match without otherwise reports gaps; an unreachable otherwise is reported") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto x = b.input("x", FieldKind::Bool, true);
  b.classify("c", false, {{"A", x}, {"B", b.not_(x)}});
  b.classify("d", false, {{"A", b.is_known(x)}, {"B", b.is_missing(x)}, {"Z", ir::kNoReg}});
  Diagnostics diags = run(b.p);
  auto gaps = find(diags, DiagCode::E0402);
  REQUIRE(gaps.size() == 1);
  CHECK(*gaps[0]->witness == "given { lead_id: \"x\", x: missing }");
  auto un = find(diags, DiagCode::E0403);
  REQUIRE(un.size() == 1);
  CHECK(un[0]->message == "label `Z` can never be chosen: every lead it matches is taken by `A`, `B`");
}

TEST_CASE("contradictions and tautologies in terms, rules and labels") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto n = b.input("n", FieldKind::Int, false);
  auto m = b.input("m", FieldKind::Money, true, -1, 100, "USD");
  auto never = b.and_(b.cmp(Op::Gt, n, b.num(5)), b.cmp(Op::Lt, n, b.num(3)));
  b.term("impossible", never);
  auto always = b.or_(b.cmp(Op::Ge, n, b.num(0)), b.cmp(Op::Lt, n, b.num(0)));
  b.term("always", always);
  auto negative_money = b.cmp(Op::Lt, m, b.num(0));  // money is never negative
  b.score("s", {{negative_money, ir::kNoReg, 5, -1}});
  // The label reuses the contradictory term: reported once, on the term.
  b.classify("c", false, {{"A", never}, {"B", b.and_(never, b.is_known(m))}, {"C", ir::kNoReg}});
  Diagnostics diags = run(b.p);
  auto contra = find(diags, DiagCode::E0404);
  REQUIRE(contra.size() == 2);
  CHECK(contra[0]->message == "condition of term `impossible` can never be true");
  CHECK(contra[1]->message == "condition of a rule of score `s` can never be true");
  auto taut = find(diags, DiagCode::W0405);
  REQUIRE(taut.size() == 1);
  CHECK(taut[0]->message == "condition of term `always` is always true");
  CHECK(find(diags, DiagCode::E0403).empty());
}

TEST_CASE("a label that is always true makes the later ones unreachable") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto x = b.input("x", FieldKind::Bool, true);
  b.classify("c", false, {{"A", b.or_(b.is_known(x), b.is_missing(x))}, {"B", x}, {"C", ir::kNoReg}});
  Diagnostics diags = run(b.p);
  auto taut = find(diags, DiagCode::W0405);
  REQUIRE(taut.size() == 1);
  CHECK(taut[0]->message == "condition of label `A` of `c` is always true");
  CHECK(find(diags, DiagCode::E0403).size() == 2);
}

TEST_CASE("scores that can leave their range") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto downloads = b.input("downloads", FieldKind::Int, false);
  auto referral = b.input("referral", FieldKind::Bool, false);
  auto spam = b.input("spam", FieldKind::Bool, true);
  b.score("engagement",
          {{ir::kNoReg, downloads, 5, 15}, {referral, ir::kNoReg, 25, -1}, {spam, ir::kNoReg, -30, -1}}, true, 0, 30);
  Diagnostics diags = run(b.p);
  auto out = find(diags, DiagCode::W0502);
  REQUIRE(out.size() == 2);
  CHECK(out[0]->message == "points of score `engagement` can go below its range 0..30");
  CHECK(out[1]->message == "points of score `engagement` can go above its range 0..30");
  // Above: only downloads and referral matter; spam stays missing.
  REQUIRE(out[1]->witness);
  CHECK(out[1]->witness->find("referral: true") != std::string::npos);
  CHECK(out[1]->witness->find("spam") == std::string::npos);
  REQUIRE(out[1]->notes.size() == 1);
  CHECK(out[1]->notes[0].message.find("before clamping") != std::string::npos);
}

TEST_CASE("a score that stays in range is clean") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto referral = b.input("referral", FieldKind::Bool, false);
  auto t = b.input("pricing_page_time", FieldKind::Duration, false, -1, 1, "seconds");
  b.score("engagement", {{referral, ir::kNoReg, 25, -1}, {b.cmp(Op::Ge, t, b.num(60)), ir::kNoReg, 15, -1}}, true, 0,
          40);
  CHECK(run(b.p).all().empty());
}

TEST_CASE("witness values in declared units: money, dates, enums, text") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto rev = b.input("revenue", FieldKind::Money, false, -1, 100, "USD");
  auto created = b.input("created", FieldKind::Date, false);
  auto industry = b.input("industry", FieldKind::Text, true);
  int role = b.add_enum("role", {"buyer", "user"});
  auto r = b.input("role", FieldKind::Enum, false, role);
  auto rich = b.cmp(Op::Ge, rev, b.num(25000000));  // 250k USD in cents
  auto old = b.cmp(Op::Lt, created, b.num(1795305600));
  auto fin = b.op(Op::StartsWith, ir::Type::Bool, industry, b.str("52\"x"));
  auto user = b.cmp(Op::Eq, r, b.member(role, 1));
  b.classify("c", true, {{"A", b.and_(rich, b.and_(old, b.and_(fin, user)))}, {"B", b.and_(user, fin)}, {"C", b.not_(fin)}});
  Diagnostics diags = run(b.p);
  auto overlaps = find(diags, DiagCode::E0401);
  REQUIRE(overlaps.size() == 1);
  const std::string& w = *overlaps[0]->witness;
  CHECK(w.find("USD") != std::string::npos);
  CHECK(w.find("role: user") != std::string::npos);
  CHECK(w.find("industry: \"52\\\"x") != std::string::npos);
  CHECK(w.find("created: 20") != std::string::npos);  // a date before 2026-11-22
}

TEST_CASE("text conditions are decided through string constraints") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto email = b.input("email", FieldKind::Email, false);
  auto ind = b.input("industry", FieldKind::Text, false);
  // An email always contains `@`; "51" and "52" prefixes cannot both hold.
  b.term("has_at", b.op(Op::Contains, ir::Type::Bool, email, b.str("@")));
  b.term("both", b.and_(b.op(Op::StartsWith, ir::Type::Bool, ind, b.str("51")),
                        b.op(Op::StartsWith, ir::Type::Bool, ind, b.str("52"))));
  Diagnostics diags = run(b.p);
  REQUIRE(find(diags, DiagCode::W0405).size() == 1);
  REQUIRE(find(diags, DiagCode::E0404).size() == 1);
  CHECK(find(diags, DiagCode::E0404)[0]->message == "condition of term `both` can never be true");
}

TEST_CASE("an undecidable query becomes W0406, never silence") {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  auto x = b.input("x", FieldKind::Int, false);
  auto y = b.input("y", FieldKind::Int, false);
  auto z = b.input("z", FieldKind::Int, false);
  auto cube = [&](ir::Reg v) { return b.arith(Op::Mul, v, b.arith(Op::Mul, v, v)); };
  auto pos = b.and_(b.cmp(Op::Gt, x, b.num(0)), b.and_(b.cmp(Op::Gt, y, b.num(0)), b.cmp(Op::Gt, z, b.num(0))));
  auto fermat = b.and_(pos, b.cmp(Op::Eq, b.arith(Op::Add, cube(x), cube(y)), cube(z)));
  b.term("fermat", fermat);
  Diagnostics diags = run(b.p, 50);
  auto undecided = find(diags, DiagCode::W0406);
  REQUIRE(undecided.size() == 1);
  CHECK(undecided[0]->message == "could not decide within 50 ms whether the condition of term `fermat` can be true");
  CHECK(find(diags, DiagCode::E0404).empty());
}
