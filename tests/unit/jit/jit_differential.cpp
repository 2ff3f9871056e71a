// Differential test: thousands of random (program, batch) cases evaluated by the
// interpreter and by the JIT must give identical known flags and identical values
// (doubles bit for bit) in every register the Registers contract requires. Half the
// programs are cut into tiny parts and tiles, as long programs are.
#include <doctest/doctest.h>

#include <cstring>
#include <filesystem>

#include "compiler/driver.h"
#include "runtime/jit/jit.h"
#include "tests/unit/jit/jit_test_util.h"
#include "runtime/evaluator.h"
#include "tests/unit/ir_support/random_program.h"

using namespace leadc;

namespace {

// Empty string when the two engines agree on register `r`, else a description.
std::string compare(const ir::Program& p, const rt::Registers& want, const rt::Registers& got, ir::Reg r,
                    size_t rows) {
  const rt::Column& a = want.regs[r];
  const rt::Column& b = got.regs[r];
  if (b.known.size() != rows) return "JIT column has the wrong size";
  for (size_t i = 0; i < rows; ++i) {
    std::string where = "%" + std::to_string(r) + " row " + std::to_string(i) + ": ";
    if (a.known[i] != b.known[i]) {
      return where + "known " + std::to_string(a.known[i]) + " vs " + std::to_string(b.known[i]);
    }
    if (!a.known[i]) continue;
    switch (p.code[r].type) {
      case ir::Type::Num:
        if (std::memcmp(&a.num[i], &b.num[i], sizeof(double)) != 0 && !(a.num[i] != a.num[i] && b.num[i] != b.num[i])) {
          return where + std::to_string(a.num[i]) + " vs " + std::to_string(b.num[i]);
        }
        break;
      case ir::Type::Bool:
        if (a.b[i] != b.b[i]) return where + "bool value differs";
        break;
      case ir::Type::Enum:
        if (a.member[i] != b.member[i]) return where + "member differs";
        break;
      case ir::Type::Str:
        if (a.str[i] != b.str[i]) return where + "\"" + std::string(a.str[i]) + "\" vs \"" + std::string(b.str[i]) + "\"";
        break;
    }
  }
  return "";
}

}  // namespace

TEST_CASE("JIT and interpreter agree on random programs and batches") {
  const int programs = 100;
  const size_t row_counts[] = {0, 1, 7, 64, 333};
  size_t cases = 0, compared_cells = 0;
  for (int seed = 1; seed <= programs; ++seed) {
    testing::RandomProgram gen(static_cast<uint32_t>(seed));
    ir::Program p = gen.make();
    rt::EvalContext ctx{1.7e9 + seed};
    jit::JitOptions options;
    options.use_cache = false;
    if (seed % 2 == 0) {
      options.part_size = 1 + seed % 5;
      options.tile_rows = 16;
    }
    std::string listing = ir::print(p);
    INFO("seed ", seed, "\n", listing);
    auto jit = testing::must_jit(p, ctx, options);
    auto interp = rt::make_interpreter(p, ctx).value();
    std::vector<bool> named = ir::required_registers(p);
    rt::Registers want, got;  // reused across batches, as `leadc run` does
    for (size_t rows : row_counts) {
      for (int rep = 0; rep < 6; ++rep) {
        rt::Batch batch = gen.batch(p, rows);
        interp->evaluate(batch, want);
        jit->evaluate(batch, got);
        REQUIRE(got.regs.size() == p.code.size());
        for (ir::Reg r = 0; r < p.code.size(); ++r) {
          if (!named[r]) continue;
          std::string diff = compare(p, want, got, r, rows);
          REQUIRE_MESSAGE(diff.empty(), diff);
          compared_cells += rows;
        }
        ++cases;
      }
    }
  }
  MESSAGE("cases: ", cases, ", register cells compared: ", compared_cells);
  CHECK(cases >= 3000);
}

TEST_CASE("JIT and interpreter agree on the example definitions") {
  size_t definitions = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(LEADC_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != ".lead") continue;
    Diagnostics diags;
    Compilation c = compile_file(entry.path().string(), diags);
    INFO(entry.path().string());
    if (!c.program) continue;  // examples that demonstrate diagnostics
    const ir::Program& p = *c.program;
    rt::EvalContext ctx{1.7e9};
    auto interp = rt::make_interpreter(p, ctx).value();
    std::vector<bool> named = ir::required_registers(p);
    for (size_t part_size : {size_t{256}, size_t{8}}) {
      jit::JitOptions options;
      options.use_cache = false;
      options.part_size = part_size;
      options.tile_rows = 64;
      auto jit = testing::must_jit(p, ctx, options);
      testing::RandomProgram gen(7);
      rt::Registers want, got;
      for (size_t rows : {1, 100, 4096}) {
        rt::Batch batch = gen.batch(p, rows);
        interp->evaluate(batch, want);
        jit->evaluate(batch, got);
        for (ir::Reg r = 0; r < p.code.size(); ++r) {
          if (!named[r]) continue;
          std::string diff = compare(p, want, got, r, rows);
          REQUIRE_MESSAGE(diff.empty(), diff);
        }
      }
    }
    ++definitions;
  }
  CHECK(definitions >= 3);
}
