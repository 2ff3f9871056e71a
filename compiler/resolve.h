// Name resolution, part one: merges a definition's files into one module, builds the
// symbol tables and checks declarations (duplicates E0203, field types and units,
// the key). Expression-level names are bound by the type checker, which needs types
// to tell an enum member from a term.
#pragma once

#include <memory>
#include <vector>

#include "base/diagnostics.h"
#include "compiler/checked.h"

namespace leadc {

// modules[0] is the root file; the rest are its imports.
std::unique_ptr<Checked> resolve(std::vector<std::unique_ptr<ast::Module>> modules, Diagnostics& diags);

// Closest candidate by edit distance, or "" when nothing is close enough, when two are
// equally close, or when `name` is a number (a fix-it must not change a value).
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace leadc
