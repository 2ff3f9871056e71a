// Interpreter: three-valued logic (And, Or, Not, IsKnown) over full truth tables with
// unknown, and Select/Coalesce on every type.
#include <doctest/doctest.h>

#include "runtime/evaluator.h"
#include "tests/unit/ir_support/columns.h"
#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using namespace leadc::testing;
using ir::Op;
using ir::Type;

namespace {

using Tri = std::optional<bool>;
const Tri U = std::nullopt, F = false, T = true;

Tri kleene_and(Tri a, Tri b) {
  if (a == F || b == F) return F;
  if (a == U || b == U) return U;
  return T;
}
Tri kleene_or(Tri a, Tri b) {
  if (a == T || b == T) return T;
  if (a == U || b == U) return U;
  return F;
}

}  // namespace

TEST_CASE("And, Or, Not, IsKnown follow Kleene logic on all nine combinations") {
  ProgramBuilder pb;
  ir::Reg a = pb.input("a", Type::Bool), b = pb.input("b", Type::Bool);
  ir::Reg r_and = pb.op(Op::And, Type::Bool, a, b);
  ir::Reg r_or = pb.op(Op::Or, Type::Bool, a, b);
  ir::Reg r_not = pb.op(Op::Not, Type::Bool, a);
  ir::Reg r_known = pb.op(Op::IsKnown, Type::Bool, a);
  ir::Reg r_not_and = pb.op(Op::Not, Type::Bool, r_and);

  const Tri vals[3] = {U, F, T};
  Cells<bool> ca, cb;
  for (Tri x : vals)
    for (Tri y : vals) ca.push_back(x), cb.push_back(y);
  rt::Batch batch;
  batch.rows = ca.size();
  batch.inputs = {bool_column(ca), bool_column(cb)};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  REQUIRE(out.regs.size() == pb.p.code.size());
  for (size_t i = 0; i < batch.rows; ++i) {
    CAPTURE(i);
    CHECK(bool_at(out, r_and, i) == kleene_and(ca[i], cb[i]));
    CHECK(bool_at(out, r_or, i) == kleene_or(ca[i], cb[i]));
    Tri n = ca[i] ? Tri(!*ca[i]) : U;
    CHECK(bool_at(out, r_not, i) == n);
    CHECK(bool_at(out, r_known, i) == Tri(ca[i].has_value()));
    Tri na = kleene_and(ca[i], cb[i]);
    CHECK(bool_at(out, r_not_and, i) == (na ? Tri(!*na) : U));
  }
}

TEST_CASE("Select picks b only when the condition is known and true") {
  ProgramBuilder pb;
  ir::Reg c = pb.input("c", Type::Bool);
  ir::Reg x = pb.input("x", Type::Num), y = pb.input("y", Type::Num);
  ir::Reg sel = pb.op(Op::Select, Type::Num, c, x, y);
  rt::Batch batch;
  Cells<bool> cc = {U, F, T, U, F, T, T};
  Cells<double> cx = {1, 1, 1, 1, 1, std::nullopt, 5};
  Cells<double> cy = {2, 2, 2, std::nullopt, std::nullopt, 2, std::nullopt};
  batch.rows = cc.size();
  batch.inputs = {bool_column(cc), num_column(cx), num_column(cy)};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  CHECK(num_at(out, sel, 0) == 2.0);           // unknown condition -> c
  CHECK(num_at(out, sel, 1) == 2.0);           // false -> c
  CHECK(num_at(out, sel, 2) == 1.0);           // true -> b
  CHECK(num_at(out, sel, 3) == std::nullopt);  // unknown -> c, which is missing
  CHECK(num_at(out, sel, 4) == std::nullopt);
  CHECK(num_at(out, sel, 5) == std::nullopt);  // true -> b, which is missing
  CHECK(num_at(out, sel, 6) == 5.0);
}

TEST_CASE("Select chains behave like a first-match classification") {
  // hot when s >= 80, warm when s >= 50, cold otherwise; unknown s falls to `otherwise`.
  ProgramBuilder pb;
  pb.p.enums.push_back({"tier", {"hot", "warm", "cold"}});
  ir::Reg s = pb.input("s", Type::Num);
  ir::Reg hot = pb.op(Op::Ge, Type::Bool, s, pb.num(80));
  ir::Reg warm = pb.op(Op::Ge, Type::Bool, s, pb.num(50));
  ir::Reg cold_l = pb.member(0, 2), warm_l = pb.member(0, 1), hot_l = pb.member(0, 0);
  ir::Reg inner = pb.op(Op::Select, Type::Enum, warm, warm_l, cold_l);
  ir::Reg tier = pb.op(Op::Select, Type::Enum, hot, hot_l, inner);
  rt::Batch batch;
  Cells<double> cs = {90, 80, 79.5, 50, 10, std::nullopt};
  batch.rows = cs.size();
  batch.inputs = {num_column(cs)};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  const int32_t expect[] = {0, 0, 1, 1, 2, 2};
  for (size_t i = 0; i < batch.rows; ++i) CHECK(enum_at(out, tier, i) == expect[i]);
}

TEST_CASE("Select and Coalesce work on Bool, Str and Enum too") {
  ProgramBuilder pb;
  ir::Reg c = pb.input("c", Type::Bool);
  ir::Reg s1 = pb.input("s1", Type::Str), s2 = pb.input("s2", Type::Str);
  ir::Reg e1 = pb.input("e1", Type::Enum), e2 = pb.input("e2", Type::Enum);
  ir::Reg b1 = pb.input("b1", Type::Bool);
  ir::Reg sel_s = pb.op(Op::Select, Type::Str, c, s1, s2);
  ir::Reg sel_e = pb.op(Op::Select, Type::Enum, c, e1, e2);
  ir::Reg sel_b = pb.op(Op::Select, Type::Bool, c, b1, c);
  ir::Reg co_s = pb.op(Op::Coalesce, Type::Str, s1, s2);
  ir::Reg co_e = pb.op(Op::Coalesce, Type::Enum, e1, e2);
  ir::Reg co_b = pb.op(Op::Coalesce, Type::Bool, b1, c);
  rt::Batch batch;
  Cells<bool> cc = {T, F, U, T};
  Cells<std::string> c1 = {"a", "b", std::nullopt, std::nullopt};
  Cells<std::string> c2 = {"x", std::nullopt, "z", std::nullopt};
  Cells<int32_t> ce1 = {1, std::nullopt, 3, std::nullopt};
  Cells<int32_t> ce2 = {7, 8, std::nullopt, std::nullopt};
  Cells<bool> cb1 = {F, T, U, U};
  batch.rows = 4;
  batch.inputs = {bool_column(cc), str_column(batch, c1), str_column(batch, c2),
                  enum_column(ce1), enum_column(ce2), bool_column(cb1)};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  using SV = std::optional<std::string_view>;
  CHECK(str_at(out, sel_s, 0) == SV("a"));
  CHECK(str_at(out, sel_s, 1) == std::nullopt);
  CHECK(str_at(out, sel_s, 2) == SV("z"));
  CHECK(str_at(out, sel_s, 3) == std::nullopt);
  CHECK(enum_at(out, sel_e, 0) == 1);
  CHECK(enum_at(out, sel_e, 1) == 8);
  CHECK(enum_at(out, sel_e, 2) == std::nullopt);
  CHECK(bool_at(out, sel_b, 0) == F);
  CHECK(bool_at(out, sel_b, 1) == F);  // c false -> c itself
  CHECK(bool_at(out, sel_b, 2) == U);
  CHECK(str_at(out, co_s, 0) == SV("a"));
  CHECK(str_at(out, co_s, 1) == SV("b"));
  CHECK(str_at(out, co_s, 2) == SV("z"));
  CHECK(str_at(out, co_s, 3) == std::nullopt);
  CHECK(enum_at(out, co_e, 0) == 1);
  CHECK(enum_at(out, co_e, 1) == 8);
  CHECK(enum_at(out, co_e, 2) == 3);
  CHECK(enum_at(out, co_e, 3) == std::nullopt);
  CHECK(bool_at(out, co_b, 0) == F);  // known false is kept, not replaced
  CHECK(bool_at(out, co_b, 1) == T);
  CHECK(bool_at(out, co_b, 2) == U);
  CHECK(bool_at(out, co_b, 3) == T);
}
