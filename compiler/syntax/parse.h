// The wall around ANTLR: source text in, AST out. Syntax errors become E0101
// diagnostics (all of them, with what was expected); no ANTLR type leaks out.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "compiler/ast.h"
#include "base/diagnostics.h"

namespace leadc {

// Returns nullptr when the file has syntax errors (each reported as E0101).
std::unique_ptr<ast::Module> parse(const SourceFile& file, Diagnostics& diags);

// The reserved words of the grammar (`when`, `classify`, …), in token order.
std::vector<std::string> keywords();

}  // namespace leadc
