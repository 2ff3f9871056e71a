// The IR listing (`leadc compile --emit ir`) and the op tables the engines share.
#include <doctest/doctest.h>

#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using namespace leadc::testing;
using ir::Op;
using ir::Type;

TEST_CASE("op names and arities come from the X-macro") {
  CHECK(std::string(ir::op_name(Op::Le)) == "Le");
  CHECK(ir::op_arity(Op::Select) == 3);
  CHECK(ir::op_arity(Op::Not) == 1);
  CHECK(ir::op_arity(Op::Field) == 0);
  CHECK(std::string(ir::field_kind_name(ir::FieldKind::Money)) == "money");
}

TEST_CASE("print lists inputs, registers and the structure that refers to them") {
  ProgramBuilder pb;
  pb.p.name = "demo";
  pb.p.enums.push_back({"tier", {"hot", "cold"}});
  ir::Reg emp = pb.input("employees", Type::Num);
  pb.p.inputs[0].key = true;
  ir::Reg big = pb.op(Op::Ge, Type::Bool, emp, pb.num(100));
  ir::Reg hot = pb.member(0, 0);
  ir::Reg cold = pb.member(0, 1);
  ir::Reg tier = pb.op(Op::Select, Type::Enum, big, hot, cold);
  pb.p.code[tier].enum_id = 0;
  pb.p.terms.push_back({"big", big, {}, true});
  ir::Classification c;
  c.name = "tier";
  c.enum_id = 0;
  c.reg = tier;
  c.labels.push_back({"hot", 0, big, {}, {}});
  c.labels.push_back({"cold", 1, ir::kNoReg, {}, {}});
  pb.p.classifications.push_back(c);
  pb.p.outputs.push_back({"tier", tier, Type::Enum, ir::Display::Enum, 1, 0});
  CHECK(pb.p.key_input() == 0);
  CHECK(pb.p.find_input("employees") == 0);
  CHECK(pb.p.find_input("nope") == -1);

  std::string text = ir::print(pb.p);
  CHECK(text.find("definition \"demo\"") != std::string::npos);
  CHECK(text.find("$0 employees: number optional key : Num") != std::string::npos);
  CHECK(text.find("%0 = Field $0 (employees) : Num") != std::string::npos);
  CHECK(text.find("%1 = Const 100 : Num") != std::string::npos);
  CHECK(text.find("%2 = Ge %0, %1 : Bool") != std::string::npos);
  CHECK(text.find("%3 = Const tier.hot : Enum(tier)") != std::string::npos);
  CHECK(text.find("%5 = Select %2, %3, %4 : Enum(tier)") != std::string::npos);
  CHECK(text.find("condition big = %2") != std::string::npos);
  CHECK(text.find("classify tier (first match) = %5") != std::string::npos);
  CHECK(text.find("cold otherwise") != std::string::npos);
  CHECK(text.find("tier = %5 : enum") != std::string::npos);
}
