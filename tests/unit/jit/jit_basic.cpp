// JIT engine: error reporting, the LLVM IR listing, compile statistics, registers
// it leaves empty, string constants in outputs, and concurrent use from threads.
#include <doctest/doctest.h>

#include <thread>

#include "runtime/jit/jit.h"
#include "tests/unit/jit/jit_test_util.h"
#include "runtime/evaluator.h"
#include "tests/unit/ir_support/columns.h"
#include "tests/unit/ir_support/program_builder.h"

using namespace leadc;
using namespace leadc::testing;
using ir::Op;
using ir::Type;

namespace {

// title starts with "VP" -> label "VP", else the title itself; score = emp * 2;
// ends: the label ends with "O" (a computed operand, so the loop calls a helper).
struct Small {
  ir::Program p;
  ir::Reg starts, label, score, hidden, ends;
};

Small small() {
  ProgramBuilder pb;
  pb.p.name = "small";
  ir::Reg title = pb.input("title", Type::Str);
  ir::Reg emp = pb.input("emp", Type::Num);
  ir::Reg vp = pb.str("VP");
  Small s;
  s.starts = pb.op(Op::StartsWith, Type::Bool, title, vp);
  s.label = pb.op(Op::Select, Type::Str, s.starts, vp, title);
  s.hidden = pb.op(Op::Mul, Type::Num, emp, pb.num(2));
  s.score = pb.op(Op::Coalesce, Type::Num, s.hidden, pb.num(-1));
  s.ends = pb.op(Op::EndsWith, Type::Bool, s.label, pb.str("O"));
  pb.p.terms.push_back({"is_vp", s.starts, {}, true});
  pb.p.terms.push_back({"ends_o", s.ends, {}, true});
  pb.p.outputs.push_back({"label", s.label, Type::Str, ir::Display::Text, 1, -1});
  pb.p.outputs.push_back({"score", s.score, Type::Num, ir::Display::Number, 1, -1});
  s.p = pb.p;
  return s;
}

}  // namespace

TEST_CASE("an ill-typed program is reported, not compiled") {
  ProgramBuilder pb;
  ir::Reg x = pb.input("x", Type::Num);
  pb.op(Op::And, Type::Bool, x, x);
  auto jit = jit::make_jit(pb.p, {});
  REQUIRE_FALSE(jit);
  CHECK(jit.error().find("ill-formed") != std::string::npos);
  auto listing = jit::emit_llvm_ir(pb.p);
  REQUIRE_FALSE(listing);
  CHECK(listing.error().find("ill-formed") != std::string::npos);
}

TEST_CASE("the LLVM IR listing has the entry point and calls only unhoisted string helpers") {
  Small s = small();
  std::string raw = *jit::emit_llvm_ir(s.p, false);
  CHECK(raw.find("define void @leadc_eval(ptr %inputs, ptr %regs, i64 %rows, double %as_of)") != std::string::npos);
  CHECK(raw.find("@leadc_jit_ends_with") != std::string::npos);
  CHECK(raw.find("@leadc_jit_starts_with") == std::string::npos);  // field vs constant: precomputed
  CHECK(raw.find("c\"VP\"") != std::string::npos);
  std::string optimized = *jit::emit_llvm_ir(s.p);
  CHECK(optimized.find("@leadc_eval(") != std::string::npos);
  CHECK(optimized.find("target triple") != std::string::npos);
}

TEST_CASE("the JIT fills named registers, leaves the others empty, and reports its compile time") {
  Small s = small();
  std::vector<bool> named = ir::required_registers(s.p);
  CHECK(named[s.starts]);
  CHECK(named[s.label]);
  CHECK(named[s.score]);
  CHECK_FALSE(named[s.hidden]);

  jit::JitStats stats;
  jit::JitOptions options;
  options.use_cache = false;
  auto engine = testing::must_jit(s.p, {}, options, &stats);
  CHECK(stats.total_ms > 0);
  CHECK(stats.total_ms >= stats.codegen_ms);
  CHECK(stats.cpu_ms > 0);
  CHECK_FALSE(stats.cache_hit);
  CHECK(stats.parts == 1);
  CHECK(stats.precomputed_registers == 1);  // StartsWith(title, "VP")
  CHECK(stats.stored_registers == 3);

  rt::Batch batch;
  batch.rows = 4;
  batch.inputs = {str_column(batch, {"VP Sales", "CTO", std::nullopt, "V"}), num_column({10, std::nullopt, 1.5, 0})};
  rt::Registers out;
  engine->evaluate(batch, out);
  REQUIRE(out.regs.size() == s.p.code.size());
  CHECK(out.regs[s.hidden].known.empty());
  using SV = std::optional<std::string_view>;
  CHECK(str_at(out, s.label, 0) == SV("VP"));
  CHECK(str_at(out, s.label, 1) == SV("CTO"));
  CHECK(str_at(out, s.label, 2) == std::nullopt);
  CHECK(str_at(out, s.label, 3) == SV("V"));
  CHECK(bool_at(out, s.starts, 2) == std::nullopt);
  CHECK(num_at(out, s.score, 0) == 20.0);
  CHECK(num_at(out, s.score, 1) == -1.0);
  CHECK(num_at(out, s.score, 2) == 3.0);
  CHECK(num_at(out, s.score, 3) == 0.0);
  CHECK(bool_at(out, s.ends, 1) == true);  // "CTO"
  CHECK(bool_at(out, s.ends, 0) == false);  // "VP"
  CHECK(bool_at(out, s.ends, 2) == std::nullopt);
}

TEST_CASE("one JIT evaluator serves several threads at once") {
  ProgramBuilder pb;
  ir::Reg x = pb.input("x", Type::Num);
  ir::Reg y = pb.op(Op::Add, Type::Num, pb.op(Op::Mul, Type::Num, x, x), pb.op(Op::AsOf, Type::Num, ir::kNoReg));
  pb.p.outputs.push_back({"y", y, Type::Num, ir::Display::Number, 1, -1});
  jit::JitOptions options;
  options.use_cache = false;
  auto engine = testing::must_jit(pb.p, {1000}, options);
  const size_t rows = 20000;
  std::vector<rt::Batch> batches(4);
  std::vector<rt::Registers> outs(4);
  for (size_t t = 0; t < 4; ++t) {
    Cells<double> cells;
    for (size_t i = 0; i < rows; ++i) cells.push_back(static_cast<double>(i + t));
    batches[t].rows = rows;
    batches[t].inputs = {num_column(cells)};
  }
  std::vector<std::thread> threads;
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int rep = 0; rep < 20; ++rep) engine->evaluate(batches[t], outs[t]);
    });
  }
  for (std::thread& th : threads) th.join();
  size_t wrong = 0;
  for (size_t t = 0; t < 4; ++t) {
    for (size_t i = 0; i < rows; ++i) {
      double v = static_cast<double>(i + t);
      if (num_at(outs[t], y, i) != v * v + 1000) ++wrong;
    }
  }
  CHECK(wrong == 0);
}
