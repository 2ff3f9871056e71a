// Diagnostics are data: each phase appends to a Diagnostics list and keeps going.
// Only diagnostic_printer.cpp knows how they look (text with carets, JSON, SARIF).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/source.h"

namespace leadc {

enum class DiagCode {
#define DIAG(code, severity, summary) code,
#include "base/diagnostics.def"
#undef DIAG
};

enum class Severity { Error, Warning, Note };

const char* code_name(DiagCode code);       // "E0401"
Severity code_severity(DiagCode code);
const char* code_summary(DiagCode code);
// The fragment of the code's entry in docs/diagnostics.md, as GitHub (and most Markdown
// renderers) name the heading `## E0401 — overlap in a unique classification`: lower
// case, punctuation dropped, spaces as hyphens ("e0401--overlap-in-a-unique-classification").
std::string docs_anchor(DiagCode code);

struct Note {
  Span span;            // may be invalid (a note without location)
  std::string message;
};

struct FixIt {
  Span span;            // text to replace
  std::string replacement;
};

struct Diagnostic {
  DiagCode code;
  Severity severity;
  Span span;
  std::string message;           // lowercase, no trailing period, names in backticks
  std::vector<Note> notes;
  std::optional<std::string> help;
  std::vector<FixIt> fixits;
  std::optional<std::string> witness;  // a `given { … }` block, in the language's syntax
};

class Diagnostics {
 public:
  Diagnostic& report(DiagCode code, Span span, std::string message);
  const std::vector<Diagnostic>& all() const { return items_; }
  std::vector<Diagnostic>& all() { return items_; }
  size_t error_count() const;
  size_t warning_count() const;
  bool has_errors() const { return error_count() > 0; }
  void append(const Diagnostics& other);
  // Sort by file, line and column (stable), so output order does not depend on passes.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace leadc
