// The diagnostics list and the code table generated from diagnostics.def.
#include "base/diagnostics.h"

#include <algorithm>
#include <cctype>

namespace leadc {

const char* code_name(DiagCode code) {
  switch (code) {
#define DIAG(c, s, m) case DiagCode::c: return #c;
#include "base/diagnostics.def"
#undef DIAG
  }
  return "?";
}

std::string docs_anchor(DiagCode code) {
  std::string heading = std::string(code_name(code)) + " — " + code_summary(code);
  std::string out;
  for (unsigned char c : heading) {
    if (std::isalnum(c) || c == '-' || c == '_') out.push_back(static_cast<char>(std::tolower(c)));
    else if (c == ' ') out.push_back('-');
  }
  return out;
}

Severity code_severity(DiagCode code) {
  switch (code) {
#define DIAG(c, s, m) case DiagCode::c: return Severity::s;
#include "base/diagnostics.def"
#undef DIAG
  }
  return Severity::Error;
}

const char* code_summary(DiagCode code) {
  switch (code) {
#define DIAG(c, s, m) case DiagCode::c: return m;
#include "base/diagnostics.def"
#undef DIAG
  }
  return "?";
}

Diagnostic& Diagnostics::report(DiagCode code, Span span, std::string message) {
  items_.push_back(Diagnostic{code, code_severity(code), span, std::move(message), {}, {}, {}, {}});
  return items_.back();
}

size_t Diagnostics::error_count() const {
  return std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

size_t Diagnostics::warning_count() const {
  return std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; });
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    std::string_view fa = a.span.file ? std::string_view(a.span.file->path) : "";
    std::string_view fb = b.span.file ? std::string_view(b.span.file->path) : "";
    if (fa != fb) return fa < fb;
    if (a.span.line != b.span.line) return a.span.line < b.span.line;
    return a.span.col < b.span.col;
  });
}

}  // namespace leadc
