// Lowering of `example` blocks: each becomes data over the program's inputs and
// names (the given constants, the expected values), so that running an example is
// runtime work (runtime/examples.h) and needs no AST.
#pragma once

#include <vector>

#include "compiler/checked.h"
#include "compiler/ir/ir.h"

namespace leadc {

// `program` is lower(checked). Givens and expectations naming nothing the program
// knows are left out (the type checker has reported them).
std::vector<ir::Example> lower_examples(const Checked& checked, const ir::Program& program);

}  // namespace leadc
