// Name resolution, part one: merges a definition's files into one module, builds the
// symbol tables and checks declarations (duplicates E0203, field types and units,
// the key). Expression-level names are bound by the type checker, which needs types
// to tell an enum member from a term.
#pragma once

#include <memory>
#include <vector>

#include "base/closest_name.h"
#include "base/diagnostics.h"
#include "compiler/checked.h"

namespace leadc {

// modules[0] is the root file; the rest are its imports.
std::unique_ptr<Checked> resolve(std::vector<std::unique_ptr<ast::Module>> modules, Diagnostics& diags);

}  // namespace leadc
