// The IR's contract, checked: every engine (interpreter, JIT, SQL) calls verify()
// before it consumes a program, so an ill-formed program is one message from one
// place instead of a crash in whichever engine meets it first.
#pragma once

#include "base/expected.h"
#include "compiler/ir/ir.h"

namespace leadc::ir {

// Checks that every operand exists and comes earlier, that every type is what the
// op table (ir.h) requires, that Field, Enum and the source-level structure (terms,
// scores, classifications, consts, outputs) refer to registers, inputs and enum
// types that exist. A failure is a compiler bug, never a user error.
// `names`: also every known Enum constant names its type and a member of it (SQL
// prints members by name; the interpreter and the JIT compare indices only).
struct VerifyOptions {
  bool enum_names = false;
};
Status verify(const Program& program, VerifyOptions options = {});

}  // namespace leadc::ir
