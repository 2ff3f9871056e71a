#include "compiler/syntax/error_listener.h"

#include <set>

namespace leadc::syntax {
namespace {

std::string describe_token(const antlr4::dfa::Vocabulary& vocab, size_t type) {
  if (type == antlr4::Token::EOF) return "end of file";
  std::string sym = vocab.getSymbolicName(type);
  if (sym == "ID") return "a name";
  if (sym == "NUMBER") return "a number";
  if (sym == "STRING") return "a string";
  if (sym == "DATE_LIT") return "a date";
  std::string lit = vocab.getLiteralName(type);
  if (lit.size() >= 2 && lit.front() == '\'') return "`" + lit.substr(1, lit.size() - 2) + "`";
  return sym.empty() ? "?" : sym;
}

bool is_soft_keyword(const std::string& d) {
  static const std::set<std::string> soft = {
      "`version`", "`owner`", "`key`",  "`from`", "`first`",    "`match`",     "`unique`",
      "`per`",     "`max`",   "`count`", "`any`", "`none`",     "`sum`",       "`latest`",
      "`earliest`", "`decay`", "`half_life`", "`given`", "`expect`", "`std`", "`type`", "`as_of`", "`events`",
      "`enum`",    "`lead`",  "`activity`", "`score`", "`output`", "`example`", "`format`", "`zone`",
      "`set`",     "`of`",    "`has`", "`all`", "`empty`", "`separator`"};
  return soft.count(d) > 0;
}

}  // namespace

void SyntaxErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t line, size_t col,
                   const std::string& antlr_message, std::exception_ptr) {
  ++count;
  Span span;
  span.file = &file_;
  span.line = static_cast<uint32_t>(line);
  std::string found;
  if (token && token->getStartIndex() != INVALID_INDEX && token->getType() != antlr4::Token::EOF) {
    span.begin = byte(token->getStartIndex());
    span.end = byte(token->getStopIndex() + 1);
    found = "`" + token->getText() + "`";
  } else if (token && token->getType() == antlr4::Token::EOF) {
    span.begin = span.end = static_cast<uint32_t>(file_.text.size());
    found = "end of file";
  } else {
    found = "";
  }
  if (span.end > span.begin || !found.empty()) {
    auto [l, c] = file_.line_col(span.begin);
    span.line = l;
    span.col = c;
  } else {
    span.col = static_cast<uint32_t>(col) + 1;
    span.begin = span.end = file_.line_starts[std::min<size_t>(line, file_.line_starts.size()) - 1] + span.col - 1;
  }
  std::string message;
  std::string expected;
  if (auto* parser = dynamic_cast<antlr4::Parser*>(recognizer)) {
    antlr4::misc::IntervalSet set = parser->getExpectedTokens();
    std::vector<std::string> names;
    std::set<std::string> seen;
    bool name_expected = false;
    for (ssize_t t : set.toList()) {
      std::string d = describe_token(parser->getVocabulary(), static_cast<size_t>(t));
      // Soft keywords are accepted wherever a name is; listing them all is noise.
      if (d == "a name") name_expected = true;
      if (seen.insert(d).second) names.push_back(d);
    }
    if (name_expected) {
      std::vector<std::string> kept{"a name"};
      for (auto& n : names)
        if (n != "a name" && n.front() != '`') kept.push_back(n);
      for (auto& n : names)
        if (n.front() == '`' && kept.size() < 8 && !is_soft_keyword(n)) kept.push_back(n);
      names = kept;
    }
    if (names.size() > 8) names.resize(8), names.push_back("…");
    for (size_t i = 0; i < names.size(); ++i) expected += (i ? ", " : "") + names[i];
    message = found.empty() ? "syntax error" : "unexpected " + found;
    if (!expected.empty()) message += "; expected " + expected;
  } else {
    message = "unexpected character " + (token ? "`" + token->getText() + "`" : antlr_message);
  }
  // ANTLR's recovery can report the same token twice; once is enough.
  if (span.begin == last_begin_ && count > 1) return;
  last_begin_ = span.begin;
  auto& d = diags_.report(DiagCode::E0101, span, message);
  if (found == "`=`") d.help = "to compare, write `==`";
}

}  // namespace leadc::syntax
