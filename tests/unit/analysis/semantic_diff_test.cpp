// Property test of the semantic diff (compiler/analysis/semantic_diff.h): random pairs
// of small definitions over an optional bool, an optional enum of three and an
// optional int compared with 0..5 (the new version keeps some label conditions and
// score rules of the old one and redraws the others), compared with brute-force
// enumeration of every lead up to equivalence, each run through both versions by the
// interpreter. The transitions must be exactly those some lead takes, and a score's
// largest rise and fall exactly the enumerated ones.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "compiler/analysis/semantic_diff.h"
#include "tests/unit/ir_support/program_builder.h"
#include "runtime/witness_replay.h"

using namespace leadc;
using leadc::testing::ProgramBuilder;
using ir::FieldKind;
using ir::Op;
using ir::Reg;

namespace {

struct Gen {
  std::mt19937 rng;
  ProgramBuilder& b;
  Reg fb, fe, fn;
  int enum_id;
  std::vector<int> members{0, 1, 2};  // the members x, y, z of the enum (by index)

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
  Reg atom() {
    switch (pick(6)) {
      case 0: return fb;
      case 1: return b.is_known(pick(2) ? fe : fn);
      case 2: return b.cmp(Op::Eq, fe, b.member(enum_id, members[pick(3)]));
      default: {
        static const Op ops[] = {Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Eq, Op::Ne};
        return b.cmp(ops[pick(6)], fn, b.num(pick(6)));
      }
    }
  }
  Reg cond(int depth) {
    if (depth == 0 || pick(3) == 0) return atom();
    switch (pick(4)) {
      case 0: return b.not_(cond(depth - 1));
      case 1: return b.and_(cond(depth - 1), cond(depth - 1));
      default: return b.or_(cond(depth - 1), cond(depth - 1));
    }
  }
};

// What a version is made of: per label and per rule the seed of its condition, and
// the rules' points. The same seed gives the same condition in either version.
struct Shape {
  std::vector<std::pair<std::string, unsigned>> labels;  // seed 0: `otherwise`
  std::vector<std::pair<unsigned, double>> rules;
  bool clamp = false;
};

// `inserted`: the enum is { x, w, y, z } (a member inserted in the middle), which no
// condition names.
ir::Program build(const Shape& s, bool inserted = false) {
  ProgramBuilder b;
  b.input("lead_id", FieldKind::Text, false);
  const int eid = inserted ? b.add_enum("kind", {"x", "w", "y", "z"}) : b.add_enum("kind", {"x", "y", "z"});
  const Reg fb = b.input("b", FieldKind::Bool, true), fe = b.input("e", FieldKind::Enum, true, eid);
  const Reg fn = b.input("n", FieldKind::Int, true);
  auto cond = [&](unsigned seed) {
    Gen g{std::mt19937(seed), b, fb, fe, fn, eid};
    if (inserted) g.members = {0, 2, 3};
    return g.cond(2);
  };
  std::vector<std::pair<std::string, Reg>> labels;
  for (const auto& [name, seed] : s.labels) labels.push_back({name, seed ? cond(seed) : ir::kNoReg});
  const Reg c = b.classify("c", false, labels);
  std::vector<ProgramBuilder::Rule> rules;
  for (const auto& [seed, points] : s.rules) rules.push_back({cond(seed), ir::kNoReg, points, -1});
  const Reg sc = b.score("s", rules, s.clamp, 0, 20);
  ir::Program p = std::move(b.p);
  const int32_t cls_enum = p.classifications[0].enum_id;
  p.outputs.push_back({"c", c, ir::Type::Enum, ir::Display::Enum, 1, cls_enum});
  p.outputs.push_back({"s", sc, ir::Type::Num, ir::Display::Number, 1, -1});
  p.names.push_back({ir::NameKind::Classification, p.outputs[0], ""});
  p.names.push_back({ir::NameKind::Score, p.outputs[1], ""});
  return p;
}

// Every lead up to equivalence (int values -1..6 meet every comparison with 0..5).
std::vector<WitnessLead> all_leads() {
  std::vector<WitnessLead> out;
  auto value = [](bool known, auto set) {
    ir::Constant c;
    c.missing = !known;
    if (known) set(c);
    return c;
  };
  for (int b = -1; b < 2; ++b) {
    for (int e = -1; e < 3; ++e) {
      for (int n = -2; n <= 6; ++n) {
        WitnessLead l;
        l.as_of = 1795305600;
        ir::Constant key;
        key.str = "x";
        l.given.push_back({0, key});
        l.given.push_back({1, value(b >= 0, [&](ir::Constant& c) { c.b = b == 1; })});
        l.given.push_back({2, value(e >= 0, [&](ir::Constant& c) { c.member = e; })});
        l.given.push_back({3, value(n >= -1, [&](ir::Constant& c) { c.num = n; })});
        out.push_back(l);
      }
    }
  }
  return out;
}

std::string label(const ir::Program& p, const ir::Constant& v) {
  return v.missing ? kNoLabel : p.enums[p.classifications[0].enum_id].members[v.member];
}

}  // namespace

TEST_CASE("random definition pairs: the diff's transitions and score changes are the enumerated ones") {
  const std::vector<WitnessLead> leads = all_leads();
  int changed = 0, equivalent = 0, rises = 0, falls = 0;
  for (unsigned seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    Shape a, b;
    const int nlabels = 2 + pick(2);
    for (int k = 0; k < nlabels; ++k) a.labels.push_back({std::string(1, static_cast<char>('A' + k)), seed * 100 + k});
    if (pick(2)) a.labels.push_back({"O", 0});
    const int nrules = 1 + pick(3);
    static const double kPoints[] = {-5, 5, 10, 15};
    for (int k = 0; k < nrules; ++k) a.rules.push_back({seed * 100 + 50 + k, kPoints[pick(4)]});
    a.clamp = pick(2) == 0;
    // The new version: some conditions redrawn, some points changed, maybe two labels
    // swapped (first match: the order matters) or one added.
    b = a;
    for (auto& l : b.labels)
      if (l.second && pick(3) == 0) l.second += 10000;
    if (pick(4) == 0 && b.labels.size() > 1) std::swap(b.labels[0], b.labels[1]);
    if (pick(4) == 0) b.labels.insert(b.labels.begin() + pick(static_cast<int>(b.labels.size())), {"N", seed * 100 + 99});
    for (auto& r : b.rules)
      if (pick(3) == 0) r.second = kPoints[pick(4)];
    if (pick(4) == 0) b.rules[0].first += 10000;
    const ir::Program pa = build(a), pb = build(b);

    std::set<std::pair<std::string, std::string>> want;
    double max_rise = 0, max_fall = 0;
    for (const WitnessLead& l : leads) {
      auto x = rt::replay_witness(pa, l, {pa.classifications[0].reg, pa.scores[0].reg});
      auto y = rt::replay_witness(pb, l, {pb.classifications[0].reg, pb.scores[0].reg});
      REQUIRE(x);
      REQUIRE(y);
      if (label(pa, (*x)[0]) != label(pb, (*y)[0])) want.insert({label(pa, (*x)[0]), label(pb, (*y)[0])});
      max_rise = std::max(max_rise, (*y)[1].num - (*x)[1].num);
      max_fall = std::max(max_fall, (*x)[1].num - (*y)[1].num);
    }

    DiffOptions opts;
    opts.replay = rt::replay_witness;
    const SemanticDiff d = semantic_diff(pa, pb, opts);
    REQUIRE(d.error.empty());
    REQUIRE(d.outputs.size() == 2);
    const OutputDiff& c = d.outputs[0];
    CHECK(c.kind == "classification");
    CHECK_FALSE(c.undecided);
    std::set<std::pair<std::string, std::string>> got;
    for (const DiffChange& ch : c.changes) got.insert({ch.from, ch.to});
    CHECK(got == want);
    CHECK(c.equivalent == want.empty());
    changed += !want.empty();
    equivalent += want.empty();

    const OutputDiff& s = d.outputs[1];
    CHECK(s.kind == "score");
    CHECK_FALSE(s.undecided);
    double rise = 0, fall = 0;
    for (const DiffChange& ch : s.changes) (ch.from == "rise" ? rise : fall) = ch.points;
    CHECK(rise == doctest::Approx(max_rise));
    CHECK(fall == doctest::Approx(max_fall));
    CHECK(s.no_rise == (max_rise == 0));
    CHECK(s.no_fall == (max_fall == 0));
    rises += max_rise > 0;
    falls += max_fall > 0;
  }
  // The generator must give both outcomes.
  CHECK(changed > 10);
  CHECK(equivalent > 3);
  CHECK(rises > 10);
  CHECK(falls > 10);
}

// A member inserted in the middle of an enum field's list (decision 68): the members
// both versions have are the same cells (matched by name, not index), and a lead
// whose cell is the new member is one the old version rejects.
TEST_CASE("an enum member inserted in the middle: transitions by member name, `rejected` for the new member") {
  std::vector<WitnessLead> leads = all_leads();
  for (unsigned seed = 1; seed <= 25; ++seed) {
    CAPTURE(seed);
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    Shape a;
    for (int k = 0; k < 2 + pick(2); ++k) a.labels.push_back({std::string(1, static_cast<char>('A' + k)), seed * 100 + k});
    a.labels.push_back({"O", 0});
    a.rules.push_back({seed * 100 + 50, 10});
    Shape b = a;
    if (pick(2)) b.labels[0].second += 10000;
    const ir::Program pa = build(a), pb = build(b, true);

    std::set<std::pair<std::string, std::string>> want;
    double max_rise = 0, max_fall = 0;
    static const int32_t kNew[] = {0, 2, 3};  // x, y, z in the new list
    for (WitnessLead l : leads) {
      auto x = rt::replay_witness(pa, l, {pa.classifications[0].reg, pa.scores[0].reg});
      if (!l.given[2].value.missing) l.given[2].value.member = kNew[l.given[2].value.member];
      auto y = rt::replay_witness(pb, l, {pb.classifications[0].reg, pb.scores[0].reg});
      REQUIRE(x);
      REQUIRE(y);
      if (label(pa, (*x)[0]) != label(pb, (*y)[0])) want.insert({label(pa, (*x)[0]), label(pb, (*y)[0])});
      max_rise = std::max(max_rise, (*y)[1].num - (*x)[1].num);
      max_fall = std::max(max_fall, (*x)[1].num - (*y)[1].num);
      if (l.given[2].value.missing || l.given[2].value.member != 0) continue;
      // The same lead with the new member `w`: the old version cannot read it.
      WitnessLead w = l;
      w.given[2].value.member = 1;
      auto z = rt::replay_witness(pb, w, {pb.classifications[0].reg});
      REQUIRE(z);
      want.insert({kRejected, label(pb, (*z)[0])});
    }
    DiffOptions opts;
    opts.replay = rt::replay_witness;
    const SemanticDiff d = semantic_diff(pa, pb, opts);
    REQUIRE(d.error.empty());
    const OutputDiff& c = d.outputs[0];
    CHECK_FALSE(c.undecided);
    std::set<std::pair<std::string, std::string>> got;
    for (const DiffChange& ch : c.changes) got.insert({ch.from, ch.to});
    CHECK(got == want);
    const OutputDiff& s = d.outputs[1];
    CHECK_FALSE(s.undecided);
    double rise = 0, fall = 0;
    for (const DiffChange& ch : s.changes) (ch.from == "rise" ? rise : fall) = ch.points;
    CHECK(rise == doctest::Approx(max_rise));
    CHECK(fall == doctest::Approx(max_fall));
  }
}
