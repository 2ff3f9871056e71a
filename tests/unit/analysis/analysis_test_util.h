// Helpers shared by the analysis tests that start from source text: compile through the
// front end, then run the analysis alone and keep only its findings.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "compiler/analysis/analyze.h"
#include "compiler/driver.h"

namespace leadc::testing {

struct Analysed {
  Compilation compilation;  // keeps the spans' files alive
  Diagnostics diags;        // the analysis' findings only
};

// Compiles `text` (which must compile) and analyses it with `opts` (the defaults).
inline Analysed analyse_text(const std::string& text, const AnalyzeOptions& opts = AnalyzeOptions{}) {
  Analysed c;
  c.compilation = compile_source("test.lead", text, c.diags);
  for (const Diagnostic& d : c.diags.all()) CAPTURE(d.message);
  REQUIRE(c.compilation.program);
  c.diags = Diagnostics{};
  analyze(*c.compilation.program, opts, c.diags);
  return c;
}

inline std::vector<const Diagnostic*> find(const Diagnostics& diags, DiagCode code) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : diags.all()) {
    if (d.code == code) out.push_back(&d);
  }
  return out;
}

}  // namespace leadc::testing
