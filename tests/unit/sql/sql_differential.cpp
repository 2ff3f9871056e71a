// Differential tests: random well-typed programs over every field kind, with missing
// cells everywhere, must give the same outputs on SQLite as in the interpreter.
#include <doctest/doctest.h>

#include "random_ir.h"

using namespace leadc;
using namespace leadc::testing;

TEST_CASE("random programs: SQLite equals the interpreter, row for row") {
  const double as_of = 1767225600;  // 2026-01-01T00:00:00Z
  for (unsigned seed = 1; seed <= 300; ++seed) {
    RandomProgram gen(seed);
    int size = 5 + static_cast<int>(seed % 60);
    ir::Program p = gen.make({RandomProgramOptions::Shape::EveryFieldKind, size});
    LeadRows rows = random_rows(p, gen.rng(), 40);
    std::string diff = compare_sqlite_with_interpreter(p, rows, as_of);
    INFO("seed ", seed);
    REQUIRE(diff == "");
  }
}

TEST_CASE("a long program with deep chains stays within SQLite's limits") {
  RandomProgram gen(4242);
  ir::Program p = gen.make({RandomProgramOptions::Shape::EveryFieldKind, 3000});
  LeadRows rows = random_rows(p, gen.rng(), 20);
  CHECK(compare_sqlite_with_interpreter(p, rows, 1767225600) == "");
}
