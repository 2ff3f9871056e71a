// Interpreter: StartsWith, EndsWith and Contains compare bytes (case-sensitive, no
// Unicode folding); empty patterns match; missing operands give unknown.
#include <doctest/doctest.h>

#include "runtime/evaluator.h"
#include "tests/unit/ir_support/columns.h"
#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using namespace leadc::testing;
using ir::Op;
using ir::Type;

TEST_CASE("string predicates on bytes") {
  ProgramBuilder pb;
  ir::Reg s = pb.input("s", Type::Str), p = pb.input("p", Type::Str);
  ir::Reg sw = pb.op(Op::StartsWith, Type::Bool, s, p);
  ir::Reg ew = pb.op(Op::EndsWith, Type::Bool, s, p);
  ir::Reg ct = pb.op(Op::Contains, Type::Bool, s, p);
  struct Row {
    std::optional<std::string> s, p;
    std::optional<bool> sw, ew, ct;
  };
  const std::vector<Row> rows = {
      {"ceo@acme.com", "ceo", true, false, true},
      {"ceo@acme.com", ".com", false, true, true},
      {"ceo@acme.com", "@acme", false, false, true},
      {"ceo@acme.com", "CEO", false, false, false},  // bytes: case matters
      {"ab", "abc", false, false, false},           // pattern longer than text
      {"abc", "", true, true, true},
      {"", "", true, true, true},
      {"", "a", false, false, false},
      {"Zürich", "ü", false, false, true},
      {"Zürich", "Zü", true, false, true},
      {std::string("a\0b", 3), std::string("\0b", 2), false, true, true},
      {std::nullopt, "a", std::nullopt, std::nullopt, std::nullopt},
      {"a", std::nullopt, std::nullopt, std::nullopt, std::nullopt},
  };
  rt::Batch batch;
  Cells<std::string> cs, cp;
  for (const Row& r : rows) cs.push_back(r.s), cp.push_back(r.p);
  batch.rows = rows.size();
  batch.inputs = {str_column(batch, cs), str_column(batch, cp)};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  for (size_t i = 0; i < rows.size(); ++i) {
    CAPTURE(i);
    CHECK(bool_at(out, sw, i) == rows[i].sw);
    CHECK(bool_at(out, ew, i) == rows[i].ew);
    CHECK(bool_at(out, ct, i) == rows[i].ct);
  }
}

TEST_CASE("string predicates against a constant pattern and Eq on a constant") {
  ProgramBuilder pb;
  ir::Reg s = pb.input("s", Type::Str);
  ir::Reg sw = pb.op(Op::StartsWith, Type::Bool, s, pb.str("VP"));
  ir::Reg eq = pb.op(Op::Eq, Type::Bool, s, pb.str("VP Sales"));
  rt::Batch batch;
  batch.rows = 3;
  batch.inputs = {str_column(batch, {"VP Sales", "SVP", std::nullopt})};
  rt::Registers out;
  auto interp = rt::make_interpreter(pb.p, {}).value();  // kept alive: Str registers view its constants
  interp->evaluate(batch, out);
  CHECK(bool_at(out, sw, 0) == true);
  CHECK(bool_at(out, eq, 0) == true);
  CHECK(bool_at(out, sw, 1) == false);
  CHECK(bool_at(out, eq, 1) == false);
  CHECK(bool_at(out, sw, 2) == std::nullopt);
  CHECK(bool_at(out, eq, 2) == std::nullopt);
}
