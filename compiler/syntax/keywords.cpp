// The reserved words, read from the generated lexer's vocabulary so that the grammar
// stays the only place they are written (the language server completes them).
#include <antlr4-runtime.h>

#include <cctype>

#include "LeadSpecLexer.h"
#include "compiler/syntax/parse.h"

namespace leadc {

std::vector<std::string> keywords() {
  std::vector<std::string> out;
  antlr4::ANTLRInputStream input("");
  leadc_antlr::LeadSpecLexer lexer(&input);
  const antlr4::dfa::Vocabulary& vocabulary = lexer.getVocabulary();
  for (size_t t = 0; t <= vocabulary.getMaxTokenType(); ++t) {
    std::string lit = vocabulary.getLiteralName(t);  // `'when'`, or "" for a token without one
    if (lit.size() < 3 || lit.front() != '\'') continue;
    std::string word = lit.substr(1, lit.size() - 2);
    bool is_word = std::isalpha(static_cast<unsigned char>(word[0])) != 0;
    for (char c : word) is_word = is_word && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
    if (is_word) out.push_back(word);
  }
  return out;
}

}  // namespace leadc
