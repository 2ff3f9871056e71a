// Applying fix-its to a source text (`leadc fix`). A fix-it is only ever made where it
// cannot change what the definition means (a misspelt name that is close to exactly
// one declared name, `=` where only `==` can follow), so applying all of them is safe.
#pragma once

#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace leadc {

struct FixResult {
  std::string text;     // the file's text with the fix-its applied
  size_t applied = 0;   // fix-its applied (each at most once; overlapping ones skipped)
};

// Applies the fix-its of `diags` whose span lies in `file`; of two that overlap only
// the first (in file order) is applied, the other waits for a later run.
FixResult apply_fixits(const SourceFile& file, const Diagnostics& diags);

}  // namespace leadc
