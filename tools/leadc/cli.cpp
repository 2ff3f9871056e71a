// Shared helpers of the subcommands.
#include "tools/leadc/cli.h"

#include <unistd.h>

#include <cmath>
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

#include <chrono>

#include "compiler/base/civil_time.h"
#ifdef LEADC_HAVE_JIT
#include "compiler/llvm/jit.h"
#endif

namespace leadc::cli {

std::unique_ptr<rt::Evaluator> make_engine(const ir::Program& program, rt::EvalContext ctx, const std::string& engine,
                                           uint64_t input_bytes, std::string& used) {
  // Compiling costs tens of milliseconds; below a few MB the interpreter finishes first.
  constexpr uint64_t kJitWorthBytes = 8u << 20;
  bool want_jit = engine == "jit" || (engine == "auto" && input_bytes >= kJitWorthBytes);
#ifdef LEADC_HAVE_JIT
  if (want_jit) {
    std::string error;
    auto jit = jit::make_jit(program, ctx, &error);
    if (jit) {
      used = "jit";
      return jit;
    }
    if (engine == "jit") throw std::runtime_error("the JIT could not compile this definition: " + error);
  }
#else
  if (engine == "jit") throw std::runtime_error("this leadc was built without the LLVM JIT (-DLEADC_JIT=OFF); use --engine interp");
  (void)want_jit;
#endif
  used = "interp";
  return rt::make_interpreter(program, ctx);
}

bool parse_as_of(const std::string& text, double& seconds) {
  if (text.empty()) {
    seconds = std::floor(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
    return true;
  }
  return parse_iso_timestamp(text, seconds);
}

}  // namespace leadc::cli
