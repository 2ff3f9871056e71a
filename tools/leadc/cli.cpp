// Shared helpers of the subcommands.
#include "tools/leadc/cli.h"

#include <unistd.h>

#include <cstdio>

#include "compiler/analysis/analyze.h"
#include "compiler/base/diagnostic_printer.h"

namespace leadc::cli {

void print_diagnostics(const Diagnostics& diags) {
  TextStyle style{isatty(fileno(stderr)) != 0 && std::getenv("NO_COLOR") == nullptr};
  std::string text = render_text(diags, style);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

Checked compile_and_check(const std::string& path, const CompileOptions& opts, unsigned solver_timeout_ms,
                          bool run_analysis) {
  Checked out;
  out.compilation = compile_file(path, out.diags, opts);
  if (run_analysis && out.compilation.program) {
    AnalyzeOptions aopts;
    aopts.timeout_ms = solver_timeout_ms;
    analyze(*out.compilation.program, aopts, out.diags);
  }
  out.diags.sort();
  out.ok = !out.diags.has_errors() && out.compilation.program.has_value();
  return out;
}

}  // namespace leadc::cli
