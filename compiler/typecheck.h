// The type checker: binds every name in every expression (E0201, E0202 vague words,
// E0304 enum members), computes types (E0301 mismatch, E0302 quantity vs bare number,
// E0303 currencies), finds cycles (E0204) and unused declarations (W0501).
#pragma once

#include "base/diagnostics.h"
#include "compiler/checked.h"
#include "compiler/vague_words.h"

namespace leadc {

void typecheck(Checked& checked, Diagnostics& diags);

// A type in a message (`enum `tier``, `labels of `fit``, `money(USD)`)...
std::string type_name(const Checked& c, const Type& t);
// ...and as it is written in a definition (`tier`), for hovers and outlines.
std::string type_as_written(const Checked& c, const Type& t);

}  // namespace leadc
