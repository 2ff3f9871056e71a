// Interpreter: a score/classification-shaped program over batches of 1, 1000 and
// 5000 rows, checked row by row against a direct C++ rendering of the same rules;
// the Registers object is reused across batches of different sizes.
#include <doctest/doctest.h>

#include <random>

#include "runtime/evaluator.h"
#include "tests/unit/ir_support/columns.h"
#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using namespace leadc::testing;
using ir::Op;
using ir::Type;

namespace {

struct Lead {
  std::optional<double> emp, rev;
  std::optional<std::string> title;
  std::optional<int32_t> industry;
  std::optional<bool> active;
};

struct ReferenceResult {
  double score;
  std::optional<int32_t> tier;  // 0 hot, 1 warm, none
};

// The rules in plain C++: +20 when emp >= 100; +15 when title starts with "VP" or
// active; +min(2 * (rev / emp, or 0 when unknown), 30); clamp to [0, 100];
// hot when score >= 40, warm when industry != 2 and active.
ReferenceResult reference(const Lead& l) {
  double s = 0;
  if (l.emp && *l.emp >= 100) s += 20;
  bool vp = l.title && l.title->rfind("VP", 0) == 0;
  if (vp || (l.active && *l.active)) s += 15;
  double ratio = (l.rev && l.emp && *l.emp != 0) ? *l.rev / *l.emp : 0;
  s += std::min(ratio * 2, 30.0);
  double clamped = std::max(std::min(s, 100.0), 0.0);
  ReferenceResult e{clamped, std::nullopt};
  if (s >= 40) {
    e.tier = 0;
  } else if (l.industry && *l.industry != 2 && l.active && *l.active) {
    e.tier = 1;
  }
  return e;
}

struct Compiled {
  ir::Program program;
  ir::Reg score, tier;
};

Compiled build() {
  ProgramBuilder pb;
  pb.p.enums.push_back({"Industry", {"saas", "retail", "gov"}});
  pb.p.enums.push_back({"tier", {"hot", "warm"}});
  ir::Reg emp = pb.input("emp", Type::Num), rev = pb.input("rev", Type::Num);
  ir::Reg title = pb.input("title", Type::Str);
  ir::Reg industry = pb.input("industry", Type::Enum, 0);
  ir::Reg active = pb.input("active", Type::Bool);
  ir::Reg zero = pb.num(0);
  ir::Reg c1 = pb.op(Op::Ge, Type::Bool, emp, pb.num(100));
  ir::Reg r1 = pb.op(Op::Select, Type::Num, c1, pb.num(20), zero);
  ir::Reg c2 = pb.op(Op::Or, Type::Bool, pb.op(Op::StartsWith, Type::Bool, title, pb.str("VP")), active);
  ir::Reg r2 = pb.op(Op::Select, Type::Num, c2, pb.num(15), zero);
  ir::Reg ratio = pb.op(Op::Coalesce, Type::Num, pb.op(Op::Div, Type::Num, rev, emp), zero);
  ir::Reg r3 = pb.op(Op::Min, Type::Num, pb.op(Op::Mul, Type::Num, ratio, pb.num(2)), pb.num(30));
  ir::Reg total = pb.op(Op::Add, Type::Num, pb.op(Op::Add, Type::Num, r1, r2), r3);
  ir::Reg score = pb.op(Op::Max, Type::Num, pb.op(Op::Min, Type::Num, total, pb.num(100)), zero);
  ir::Reg hot = pb.op(Op::Ge, Type::Bool, total, pb.num(40));
  ir::Reg not_gov = pb.op(Op::Not, Type::Bool, pb.op(Op::Eq, Type::Bool, industry, pb.member(0, 2)));
  ir::Reg warm = pb.op(Op::And, Type::Bool, not_gov, active);
  ir::Reg none = pb.missing(Type::Enum);
  ir::Reg inner = pb.op(Op::Select, Type::Enum, warm, pb.member(1, 1), none);
  ir::Reg tier = pb.op(Op::Select, Type::Enum, hot, pb.member(1, 0), inner);
  return {pb.p, score, tier};
}

std::vector<Lead> random_leads(size_t n, uint32_t seed) {
  std::mt19937 rng(seed);
  auto chance = [&](int pct) { return static_cast<int>(rng() % 100) < pct; };
  const char* titles[] = {"VP Sales", "CTO", "vp ops", "VP", "", "Head of VP"};
  std::vector<Lead> leads(n);
  for (Lead& l : leads) {
    if (!chance(15)) l.emp = static_cast<double>(rng() % 300);  // includes 0
    if (!chance(15)) l.rev = static_cast<double>(rng() % 5000);
    if (!chance(15)) l.title = titles[rng() % 6];
    if (!chance(15)) l.industry = static_cast<int32_t>(rng() % 3);
    if (!chance(15)) l.active = chance(50);
  }
  return leads;
}

rt::Batch to_batch(const std::vector<Lead>& leads) {
  rt::Batch b;
  b.rows = leads.size();
  Cells<double> emp, rev;
  Cells<std::string> title;
  Cells<int32_t> industry;
  Cells<bool> active;
  for (const Lead& l : leads) {
    emp.push_back(l.emp), rev.push_back(l.rev), title.push_back(l.title);
    industry.push_back(l.industry), active.push_back(l.active);
  }
  b.inputs = {num_column(emp), num_column(rev), str_column(b, title), enum_column(industry), bool_column(active)};
  return b;
}

}  // namespace

TEST_CASE("batches of 5000, 1000 and 1 rows match the reference, reusing Registers") {
  Compiled c = build();
  auto engine = rt::make_interpreter(c.program, {}).value();
  rt::Registers out;
  uint32_t seed = 1;
  for (size_t n : {5000, 1000, 1, 5000}) {
    std::vector<Lead> leads = random_leads(n, seed++);
    rt::Batch batch = to_batch(leads);
    engine->evaluate(batch, out);
    REQUIRE(out.regs.size() == c.program.code.size());
    REQUIRE(out.regs[c.score].known.size() == n);
    size_t mismatches = 0, hot = 0, warm = 0, none = 0;
    for (size_t i = 0; i < n; ++i) {
      ReferenceResult e = reference(leads[i]);
      if (num_at(out, c.score, i) != e.score || enum_at(out, c.tier, i) != e.tier) ++mismatches;
      (e.tier == 0 ? hot : e.tier == 1 ? warm : none)++;
    }
    CAPTURE(n);
    CHECK(mismatches == 0);
    if (n >= 1000) {  // the data exercises every branch
      CHECK(hot > 0);
      CHECK(warm > 0);
      CHECK(none > 0);
    }
  }
}

TEST_CASE("an empty batch gives empty registers") {
  Compiled c = build();
  rt::Batch batch = to_batch({});
  rt::Registers out;
  auto interp = rt::make_interpreter(c.program, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  REQUIRE(out.regs.size() == c.program.code.size());
  CHECK(out.regs[c.score].known.empty());
}
