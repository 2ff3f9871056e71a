// The column-at-a-time interpreter: evaluates an ir::Program over a Batch one
// instruction at a time, each as a tight loop over flat arrays for all rows.
// Created through rt::make_interpreter (runtime/evaluator.h).
#pragma once

#include <string>

#include "runtime/evaluator.h"

namespace leadc::rt {

// Checks that every instruction's operands exist, come earlier, and have the types
// ir.h requires. Returns an empty string when the program is well formed, else a
// description of the first problem. make_interpreter throws std::invalid_argument
// with this text for an ill-formed program (a compiler bug, not a user error).
std::string check_program(const ir::Program& program);

}  // namespace leadc::rt
