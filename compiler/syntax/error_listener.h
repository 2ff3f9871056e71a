// Collects ANTLR's syntax errors as E0101 diagnostics that say what was found and
// what was expected (soft keywords, which stand wherever a name may, are not listed).
#pragma once

#include <antlr4-runtime.h>

#include <cstdint>
#include <string>
#include <vector>

#include "base/diagnostics.h"

namespace leadc::syntax {

class SyntaxErrorListener : public antlr4::BaseErrorListener {
 public:
  SyntaxErrorListener(const SourceFile& file, const std::vector<uint32_t>& offsets, Diagnostics& diags)
      : file_(file), offsets_(offsets), diags_(diags) {}

  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* token, size_t line, size_t col,
                   const std::string& antlr_message, std::exception_ptr) override;

  size_t count = 0;

 private:
  uint32_t byte(size_t cp) const { return cp < offsets_.size() ? offsets_[cp] : offsets_.back(); }
  const SourceFile& file_;
  const std::vector<uint32_t>& offsets_;
  Diagnostics& diags_;
  uint32_t last_begin_ = UINT32_MAX;
};

}  // namespace leadc::syntax
