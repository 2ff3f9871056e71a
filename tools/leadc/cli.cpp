// Shared helpers of the subcommands.
#include "tools/leadc/cli.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <iterator>

#include "compiler/analysis/analyze.h"
#include "base/diagnostic_printer.h"
#include "runtime/witness_confirmation.h"

namespace leadc::cli {

void print_diagnostics(const Diagnostics& diags) {
  TextStyle style{isatty(fileno(stderr)) != 0 && std::getenv("NO_COLOR") == nullptr};
  std::string text = render_text(diags, style);
  std::fwrite(text.data(), 1, text.size(), stderr);
}

const CLI::Validator DefinitionFile(
    [](std::string& path) { return path == "-" ? std::string() : CLI::ExistingFile(path); }, "FILE or -");

std::unique_ptr<SourceFile> read_definition_source(const std::string& path) {
  if (path != "-") return read_source_file(path);
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  return std::make_unique<SourceFile>("<stdin>", std::move(text));
}

CheckedFile compile_and_check(const std::string& path, const CompileOptions& opts, unsigned solver_timeout_ms,
                          bool run_analysis) {
  CheckedFile out;
  if (path == "-") {
    // Standard input can be read once: a second `-` gets the rest (nothing).
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    out.compilation = compile_source("<stdin>", std::move(text), out.diags, opts);
  } else {
    out.compilation = compile_file(path, out.diags, opts);
  }
  return analyze_compiled(std::move(out), solver_timeout_ms, run_analysis);
}

CheckedFile compile_and_check_text(const std::string& name, std::string text, const CompileOptions& opts,
                                   unsigned solver_timeout_ms) {
  CheckedFile out;
  out.compilation = compile_source(name, std::move(text), out.diags, opts);
  return analyze_compiled(std::move(out), solver_timeout_ms, true);
}

CheckedFile analyze_compiled(CheckedFile out, unsigned solver_timeout_ms, bool run_analysis) {
  if (run_analysis && out.compilation.program) {
    AnalyzeOptions aopts;
    aopts.timeout_ms = solver_timeout_ms;
    aopts.confirm = rt::witness_confirmation();  // every witness printed is one the interpreter reproduces
    aopts.contain = true;                        // a crash inside the solver is a W0406 (contain.h)
    analyze(*out.compilation.program, aopts, out.diags);
  }
  out.diags.sort();
  out.ok = !out.diags.has_errors() && out.compilation.program.has_value();
  return out;
}

}  // namespace leadc::cli

#include <sys/stat.h>

#include <chrono>

#include "runtime/lead_reader.h"

#include "base/civil_time.h"
#ifdef LEADC_HAVE_JIT
#include "runtime/jit/jit.h"
#endif

namespace leadc::cli {

std::unique_ptr<rt::Evaluator> make_engine(const ir::Program& program, rt::EvalContext ctx, const std::string& engine,
                                           uint64_t input_bytes, std::string& used) {
  // Compiling costs tens of milliseconds; below a few MB the interpreter finishes first.
  constexpr uint64_t kJitWorthBytes = 8u << 20;
  bool want_jit = engine == "jit" || (engine == "auto" && input_bytes >= kJitWorthBytes);
#ifdef LEADC_HAVE_JIT
  if (want_jit) {
    auto jit = jit::make_jit(program, ctx);
    if (jit) {
      used = "jit";
      return std::move(*jit);
    }
    if (engine == "jit") throw std::runtime_error("the JIT could not compile this definition: " + jit.error());
  }
#else
  if (engine == "jit") throw std::runtime_error("this leadc was built without the LLVM JIT (-DLEADC_JIT=OFF); use --engine interp");
  (void)want_jit;
#endif
  used = "interp";
  return rt::make_interpreter(program, ctx).value();
}

int usage_error(const std::string& message) {
  std::fprintf(stderr, "leadc: error: %s\n", message.c_str());
  return kUsage;
}

Expected<double> parse_as_of(const std::string& text) {
  if (text.empty())
    return std::floor(std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count());
  double seconds = 0;
  if (parse_iso_timestamp(text, seconds)) return seconds;
  return Failure{"--as-of `" + text + "` is not a date (YYYY-MM-DD) or timestamp"};
}

Expected<LeadInput> lead_input(const std::string& as_of, const std::string& leads) {
  auto seconds = parse_as_of(as_of);
  if (!seconds) return Failure{seconds.error()};
  auto bytes = input_file_size(leads, "lead file");
  if (!bytes) return Failure{bytes.error()};
  return LeadInput{rt::EvalContext{*seconds}, *bytes};
}

Expected<uint64_t> input_file_size(const std::string& path, const char* what) {
  if (path == "-") return uint64_t{0};  // standard input: size unknown
  struct stat st {};
  if (stat(path.c_str(), &st) != 0 || S_ISDIR(st.st_mode))
    return Failure{std::string("cannot read ") + what + " `" + path + "`"};
  return static_cast<uint64_t>(st.st_size);
}

int with_data_errors(const std::function<int()>& body) {
  try {
    return body();
  } catch (const rt::DataError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return kData;
  } catch (const rt::IoError& e) {
    std::fprintf(stderr, "leadc: error: %s\n", e.what());
    return kUsage;
  }
}

void add_csv_shape_options(CLI::App* cmd, std::string& delimiter, std::string& encoding) {
  cmd->add_option("--delimiter", delimiter, "CSV cell delimiter: , ; tab | (default: detected from the header)")
      ->check([](const std::string& s) {
        char c;
        return rt::parse_delimiter_name(s, c) ? std::string() : "expected one of , ; tab |, got `" + s + "`";
      });
  cmd->add_option("--encoding", encoding, "Encoding of files without a BOM (default: UTF-8)")
      ->check(CLI::IsMember({"utf-8", "windows-1252", "latin1", "utf-16le", "utf-16be"}));
}

}  // namespace leadc::cli
