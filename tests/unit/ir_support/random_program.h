// Random well-typed IR programs for the differential tests, and random batches for
// them. One generator, two shapes, because the two tests stress different things:
//   Shape::Structured (JIT vs interpreter): 1-3 fields of each IR type over 1-2 enums,
//     every op on every type it accepts, nested and/or/not, Select chains shaped like
//     classifications and Coalesce-based score sums, most registers named.
//   Shape::EveryFieldKind (SQL vs interpreter): one input of every field kind with
//     scales and column names that need quoting (one would drop the table if pasted
//     unquoted), enum members that need quoting, `instructions` random instructions
//     over every op, a classification-like chain and outputs of every display kind;
//     the rows come from tests/unit/sql/random_ir.h (they need SQL values too).
// Each shape draws from the generator in its own order, so a seed gives the programs
// the tests were written against.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/batch.h"
#include "tests/unit/ir_support/program_builder.h"

namespace leadc::testing {

// The strings of Shape::EveryFieldKind constants; random rows draw from them too.
inline constexpr const char* kRandomStrings[] = {"", "ab", "abc", "b", "AB", "a%_", "x'y", "\xC3\xA9t\xC3\xA9", "--", "\"q\""};

struct RandomProgramOptions {
  enum class Shape { Structured, EveryFieldKind };
  Shape shape = Shape::Structured;
  int instructions = 0;  // EveryFieldKind: how many random instructions
};

class RandomProgram {
 public:
  explicit RandomProgram(uint32_t seed) : rng_(seed) {}

  ir::Program make(const RandomProgramOptions& options = {});

  // A batch for `program` with `rows` rows; about one cell in five is missing.
  rt::Batch batch(const ir::Program& program, size_t rows);

  // The generator's random source, for drawing rows after a program.
  std::mt19937& rng() { return rng_; }
  int pick(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }

 private:
  struct Typed {
    ir::Reg reg;
    int32_t enum_id;
  };

  void add(ir::Type t, ir::Reg r, int32_t enum_id = -1) { pools_[static_cast<int>(t)].push_back({r, enum_id}); }
  ir::Reg emit(ir::Op op, ir::Type t, int32_t enum_id, ir::Reg a, ir::Reg b = ir::kNoReg, ir::Reg c = ir::kNoReg);
  bool coin(int percent) { return static_cast<int>(rng_() % 100) < percent; }

  // Shape::Structured
  void make_structured();
  double num_value();
  std::string str_value();
  ir::Reg field(ir::Type t);
  ir::Reg constant(ir::Type t, int32_t enum_id);
  Typed operand(ir::Type t, int32_t enum_id = -1);
  ir::Type any_type() { return static_cast<ir::Type>(pick(4)); }
  void random_op();
  void classification();
  void score();
  void name_registers();

  // Shape::EveryFieldKind
  void make_every_field_kind(int instructions);
  ir::Reg any_constant(ir::Type t);
  ir::Reg any_of(ir::Type t);
  void random_instr();

  std::mt19937 rng_;
  ProgramBuilder pb_;
  std::vector<std::vector<Typed>> pools_;  // by ir::Type
};

}  // namespace leadc::testing
