// Interpreter: arithmetic, Min/Max, comparisons and Eq/Ne on every type with missing
// operands, division by zero, constants (missing ones too) and AsOf.
#include <doctest/doctest.h>

#include <cmath>
#include <stdexcept>

#include "runtime/evaluator.h"
#include "compiler/ir/verify.h"
#include "runtime/interpreter.h"
#include "tests/unit/ir_support/columns.h"
#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using namespace leadc::testing;
using ir::Op;
using ir::Type;

namespace {
constexpr auto M = std::nullopt;
}

TEST_CASE("numeric ops are unknown when an operand is missing, Div by zero is unknown") {
  ProgramBuilder pb;
  ir::Reg x = pb.input("x", Type::Num), y = pb.input("y", Type::Num);
  ir::Reg add = pb.op(Op::Add, Type::Num, x, y), sub = pb.op(Op::Sub, Type::Num, x, y);
  ir::Reg mul = pb.op(Op::Mul, Type::Num, x, y), div = pb.op(Op::Div, Type::Num, x, y);
  ir::Reg mn = pb.op(Op::Min, Type::Num, x, y), mx = pb.op(Op::Max, Type::Num, x, y);
  rt::Batch batch;
  Cells<double> cx = {6, M, 6, 0, -3, 2.5};
  Cells<double> cy = {3, 3, M, 0, 0, -0.5};
  batch.rows = cx.size();
  batch.inputs = {num_column(cx), num_column(cy)};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  CHECK(num_at(out, add, 0) == 9.0);
  CHECK(num_at(out, sub, 0) == 3.0);
  CHECK(num_at(out, mul, 0) == 18.0);
  CHECK(num_at(out, div, 0) == 2.0);
  CHECK(num_at(out, mn, 0) == 3.0);
  CHECK(num_at(out, mx, 0) == 6.0);
  for (size_t row : {1, 2}) {
    for (ir::Reg r : {add, sub, mul, div, mn, mx}) CHECK(num_at(out, r, row) == std::nullopt);
  }
  CHECK(num_at(out, div, 3) == std::nullopt);  // 0 / 0
  CHECK(num_at(out, div, 4) == std::nullopt);  // -3 / 0
  CHECK(num_at(out, add, 4) == -3.0);
  CHECK(num_at(out, div, 5) == -5.0);
  CHECK(num_at(out, mn, 5) == -0.5);
  CHECK(num_at(out, mx, 5) == 2.5);
}

TEST_CASE("Lt Le Gt Ge Eq Ne on numbers, with missing operands") {
  ProgramBuilder pb;
  ir::Reg x = pb.input("x", Type::Num), y = pb.input("y", Type::Num);
  const Op ops[] = {Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Eq, Op::Ne};
  std::vector<ir::Reg> regs;
  for (Op o : ops) regs.push_back(pb.op(o, Type::Bool, x, y));
  rt::Batch batch;
  Cells<double> cx = {1, 2, 3, M, 1, M};
  Cells<double> cy = {2, 2, 2, 1, M, M};
  batch.rows = cx.size();
  batch.inputs = {num_column(cx), num_column(cy)};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  const bool expect[3][6] = {
      {true, true, false, false, false, true},
      {false, true, false, true, true, false},
      {false, false, true, true, false, true},
  };
  for (size_t row = 0; row < 3; ++row) {
    for (size_t k = 0; k < 6; ++k) {
      CAPTURE(row);
      CAPTURE(k);
      CHECK(bool_at(out, regs[k], row) == expect[row][k]);
    }
  }
  for (size_t row = 3; row < 6; ++row) {
    for (ir::Reg r : regs) CHECK(bool_at(out, r, row) == std::nullopt);
  }
}

TEST_CASE("Eq and Ne on Bool, Str and Enum, with missing operands") {
  ProgramBuilder pb;
  ir::Reg b1 = pb.input("b1", Type::Bool), b2 = pb.input("b2", Type::Bool);
  ir::Reg s1 = pb.input("s1", Type::Str), s2 = pb.input("s2", Type::Str);
  ir::Reg e1 = pb.input("e1", Type::Enum), e2 = pb.input("e2", Type::Enum);
  ir::Reg eq_b = pb.op(Op::Eq, Type::Bool, b1, b2), ne_b = pb.op(Op::Ne, Type::Bool, b1, b2);
  ir::Reg eq_s = pb.op(Op::Eq, Type::Bool, s1, s2), ne_s = pb.op(Op::Ne, Type::Bool, s1, s2);
  ir::Reg eq_e = pb.op(Op::Eq, Type::Bool, e1, e2), ne_e = pb.op(Op::Ne, Type::Bool, e1, e2);
  rt::Batch batch;
  Cells<bool> cb1 = {true, true, M, false};
  Cells<bool> cb2 = {true, false, true, M};
  Cells<std::string> cs1 = {"abc", "abc", M, "ab"};
  Cells<std::string> cs2 = {"abc", "abd", "x", "abc"};
  Cells<int32_t> ce1 = {2, 2, 0, M};
  Cells<int32_t> ce2 = {2, 1, M, 0};
  batch.rows = 4;
  batch.inputs = {bool_column(cb1), bool_column(cb2), str_column(batch, cs1),
                  str_column(batch, cs2), enum_column(ce1), enum_column(ce2)};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  CHECK(bool_at(out, eq_b, 0) == true);
  CHECK(bool_at(out, ne_b, 0) == false);
  CHECK(bool_at(out, eq_b, 1) == false);
  CHECK(bool_at(out, ne_b, 1) == true);
  CHECK(bool_at(out, eq_b, 2) == std::nullopt);
  CHECK(bool_at(out, ne_b, 3) == std::nullopt);
  CHECK(bool_at(out, eq_s, 0) == true);
  CHECK(bool_at(out, ne_s, 1) == true);
  CHECK(bool_at(out, eq_s, 2) == std::nullopt);
  CHECK(bool_at(out, eq_s, 3) == false);  // a prefix is not equal
  CHECK(bool_at(out, eq_e, 0) == true);
  CHECK(bool_at(out, ne_e, 1) == true);
  CHECK(bool_at(out, eq_e, 2) == std::nullopt);
  CHECK(bool_at(out, ne_e, 3) == std::nullopt);
}

TEST_CASE("constants, missing constants and AsOf fill every row") {
  ProgramBuilder pb;
  ir::Reg x = pb.input("x", Type::Num);
  ir::Reg k = pb.num(2.5), miss = pb.missing(Type::Num), s = pb.str("hello");
  ir::Reg as_of = pb.op(Op::AsOf, Type::Num, ir::kNoReg);
  ir::Reg sum = pb.op(Op::Add, Type::Num, x, miss);
  ir::Reg co = pb.op(Op::Coalesce, Type::Num, sum, k);
  rt::Batch batch;
  batch.rows = 3;
  batch.inputs = {num_column({1, M, 3})};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {1700000000}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(num_at(out, k, i) == 2.5);
    CHECK(num_at(out, miss, i) == std::nullopt);
    CHECK(str_at(out, s, i) == std::optional<std::string_view>("hello"));
    CHECK(num_at(out, as_of, i) == 1700000000.0);
    CHECK(num_at(out, sum, i) == std::nullopt);
    CHECK(num_at(out, co, i) == 2.5);
  }
}

TEST_CASE("ill-typed programs are rejected when the interpreter is made") {
  ProgramBuilder pb;
  ir::Reg x = pb.input("x", Type::Num);
  ir::Reg s = pb.str("a");
  pb.op(Op::Lt, Type::Bool, x, s);
  CHECK(!ir::verify(pb.p));
  CHECK_FALSE(bool(rt::make_interpreter(pb.p, {})));

  ProgramBuilder forward;
  forward.op(Op::Not, Type::Bool, 0);  // refers to itself
  CHECK(!ir::verify(forward.p));
}
