// parse(): the checks before ANTLR sees the text (UTF-8, bracket depth), the
// two-stage parse (SLL, then full LL only when SLL gives up), and the AST builder.
#include "compiler/syntax/parse.h"

#include <antlr4-runtime.h>

#include <fmt/format.h>

#include "LeadSpecLexer.h"
#include "LeadSpecParser.h"
#include "compiler/syntax/build_ast.h"
#include "compiler/syntax/code_points.h"
#include "compiler/syntax/error_listener.h"

namespace leadc {
namespace {

constexpr int kMaxNesting = 100;  // brackets: far beyond any real definition

std::unique_ptr<ast::Module> parse_text(const SourceFile& file, Diagnostics& diags);

// A lone `=` where the parser stopped is a fix-it `==` only when the file with `==`
// there parses past that place: then `==` is the one reading the text can have there
// (the fix cannot change meaning, there is none yet). Otherwise it stays a help.
void add_equals_fixits(const SourceFile& file, Diagnostics& diags, size_t first) {
  for (size_t i = first; i < diags.all().size(); ++i) {
    Diagnostic& d = diags.all()[i];
    const Span& at = d.span;
    if (d.code != DiagCode::E0101 || !at.valid() || at.end != at.begin + 1 || file.text[at.begin] != '=') continue;
    SourceFile fixed(file.path, file.text.substr(0, at.begin) + "==" + file.text.substr(at.end));
    Diagnostics after;
    parse_text(fixed, after);
    bool parses_past = true;
    for (const Diagnostic& e : after.all())
      if (e.code == DiagCode::E0101 && e.span.begin >= at.begin && e.span.begin <= at.begin + 2) parses_past = false;
    if (parses_past) d.fixits.push_back({at, "=="});
  }
}

}  // namespace

std::unique_ptr<ast::Module> parse(const SourceFile& file, Diagnostics& diags) {
  const size_t first = diags.all().size();
  std::unique_ptr<ast::Module> module = parse_text(file, diags);
  if (!module) add_equals_fixits(file, diags, first);
  return module;
}

namespace {

std::unique_ptr<ast::Module> parse_text(const SourceFile& file, Diagnostics& diags) {
  if (size_t bad = syntax::invalid_utf8_at(file.text); bad != std::string::npos) {
    Span s{&file, static_cast<uint32_t>(bad), static_cast<uint32_t>(bad + 1), 0, 0};
    std::tie(s.line, s.col) = file.line_col(s.begin);
    diags.report(DiagCode::E0101, s, "the file is not valid UTF-8");
    return nullptr;
  }
  std::vector<uint32_t> offsets = syntax::code_point_offsets(file.text);
  antlr4::ANTLRInputStream input(file.text);
  leadc_antlr::LeadSpecLexer lexer(&input);
  antlr4::CommonTokenStream tokens(&lexer);
  // The parser and every pass after it recurse on nesting; a hostile file with
  // thousands of `(` must become a diagnostic, not a stack overflow.
  tokens.fill();
  int depth = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    const std::string text = t->getType() == antlr4::Token::EOF ? "" : t->getText();
    if (text == "(" || text == "[" || text == "{") ++depth;
    if (text == ")" || text == "]" || text == "}") --depth;
    if (depth > kMaxNesting) {
      Span s{&file, offsets[std::min(t->getStartIndex(), offsets.size() - 1)], 0, 0, 0};
      s.end = s.begin + 1;
      std::tie(s.line, s.col) = file.line_col(s.begin);
      diags.report(DiagCode::E0101, s, fmt::format("brackets are nested more than {} deep here", kMaxNesting));
      return nullptr;
    }
  }
  tokens.seek(0);
  leadc_antlr::LeadSpecParser parser(&tokens);
  syntax::SyntaxErrorListener errors(file, offsets, diags);
  lexer.removeErrorListeners();
  parser.removeErrorListeners();
  lexer.addErrorListener(&errors);
  parser.addErrorListener(&errors);
  // Two-stage parse: the fast SLL mode first, full LL only when SLL gives up.
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  auto saved_handler = parser.getErrorHandler();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  leadc_antlr::LeadSpecParser::File_Context* tree = nullptr;
  try {
    tree = parser.file_();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.reset();
    parser.reset();
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    tree = parser.file_();
  }
  if (errors.count > 0 || !tree) return nullptr;
  syntax::BuiltModule built = syntax::build_ast(tree, file, offsets);
  if (built.too_deep) {
    Span s = *built.too_deep;
    s.end = std::min(s.end, s.begin + 1);
    diags.report(DiagCode::E0101, s, fmt::format("this expression is nested more than {} operators deep", syntax::kMaxExprDepth));
    return nullptr;
  }
  if (built.too_big) {
    diags.report(DiagCode::E0101, *built.too_big,
                 "this number is too large: number literals must be below 1.8e308 (the largest double)");
    return nullptr;
  }
  if (!built.complete) {
    Span s{&file, 0, 0, 1, 1};
    diags.report(DiagCode::E0101, s, "the file could not be read as a definition");
    return nullptr;
  }
  return std::move(built.module);
}

}  // namespace

}  // namespace leadc
