// The parse tree of grammar/LeadSpec.g4 -> the AST (internal to compiler/syntax:
// parse.h is the interface).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "base/diagnostics.h"
#include "compiler/ast.h"

namespace antlr4 {
class ParserRuleContext;
}

namespace leadc::syntax {

// Deeper expressions are refused, so that no later pass can run out of stack.
constexpr int kMaxExprDepth = 2000;

struct BuiltModule {
  std::unique_ptr<ast::Module> module;
  std::optional<Span> too_deep;  // the first expression nested past kMaxExprDepth
  std::optional<Span> too_big;   // the first number literal a double cannot hold
  bool complete = false;         // every expression slot was filled
};

// `file_tree` is the parser's File_Context; `offsets` maps its code point positions
// to bytes (code_points.h).
BuiltModule build_ast(antlr4::ParserRuleContext* file_tree, const SourceFile& file,
                      const std::vector<uint32_t>& offsets);

}  // namespace leadc::syntax
