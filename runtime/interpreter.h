// The column-at-a-time interpreter: evaluates an ir::Program over a Batch one
// instruction at a time, each as a tight loop over flat arrays for all rows.
// Created through rt::make_interpreter (runtime/evaluator.h), which verifies the
// program first (compiler/ir/verify.h).
#pragma once

#include "runtime/evaluator.h"
