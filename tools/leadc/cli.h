// Shared pieces of the leadc subcommands: exit codes, diagnostics output, and the
// compile step every command starts with.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "base/diagnostics.h"
#include "base/expected.h"
#include "compiler/driver.h"

namespace leadc::cli {

enum Exit { kOk = 0, kFindings = 1, kUsage = 2, kData = 3 };

// Prints text diagnostics to stderr (colour when stderr is a terminal).
void print_diagnostics(const Diagnostics& diags);

// A definition argument: an existing file (a pipe such as `/dev/fd/63` too) or `-`
// for standard input.
extern const CLI::Validator DefinitionFile;

// Reads a definition file, or standard input for `-` (named `<stdin>`; it can be read
// once, so a second `-` gets nothing). Null when the file cannot be read.
std::unique_ptr<SourceFile> read_definition_source(const std::string& path);

// Compiles FILE (`-`: standard input, shown as `<stdin>`) and runs the ambiguity
// analysis; prints diagnostics. Returns the
// compilation; `ok` is false when an error (or a warning with werror) was found.
struct CheckedFile {
  Compilation compilation;
  Diagnostics diags;
  bool ok = false;
};
CheckedFile compile_and_check(const std::string& path, const CompileOptions& opts, unsigned solver_timeout_ms,
                          bool analyze = true);
// The same for a definition's text (`leadc diff REV:PATH`), shown as `name`.
CheckedFile compile_and_check_text(const std::string& name, std::string text, const CompileOptions& opts,
                                   unsigned solver_timeout_ms);
// The analysis step of both, on a compilation already made.
CheckedFile analyze_compiled(CheckedFile compiled, unsigned solver_timeout_ms, bool run_analysis);

// Registration of each subcommand; each returns a callback that yields the exit code.
using Runner = std::function<int()>;
Runner add_check(CLI::App& app);
Runner add_test(CLI::App& app);
Runner add_run(CLI::App& app);
Runner add_compile(CLI::App& app);
Runner add_explain(CLI::App& app);
Runner add_explain_code(CLI::App& app);
Runner add_diff(CLI::App& app);
Runner add_report(CLI::App& app);
Runner add_fmt(CLI::App& app);
Runner add_fix(CLI::App& app);
Runner add_lsp(CLI::App& app);
Runner add_infer(CLI::App& app);

}  // namespace leadc::cli

#include "runtime/evaluator.h"

namespace leadc::cli {

// `--engine interp|jit|auto`: auto picks the JIT when leadc has one and the input
// is big enough (`input_bytes`) to repay compiling. Prints why on failure.
std::unique_ptr<rt::Evaluator> make_engine(const ir::Program& program, rt::EvalContext ctx, const std::string& engine,
                                           uint64_t input_bytes, std::string& used);

// Prints `leadc: error: MESSAGE` on stderr and returns kUsage.
int usage_error(const std::string& message);

// `--as-of 2026-11-22` (or a timestamp) in seconds since the epoch; empty = now.
Expected<double> parse_as_of(const std::string& text);

// The size in bytes of an input file (WHAT names it in the message when it cannot
// be read).
Expected<uint64_t> input_file_size(const std::string& path, const char* what);

// What every command that reads a lead file starts from: the `--as-of` time and the
// lead file's size (which picks the engine).
struct LeadInput {
  rt::EvalContext ctx;
  uint64_t lead_bytes = 0;
};
Expected<LeadInput> lead_input(const std::string& as_of, const std::string& leads);

// Runs the part of a command that reads data files: a data error (rt::DataError)
// becomes exit 3 with its `file:line:col` message, an I/O error exit 2.
int with_data_errors(const std::function<int()>& body);

// `--delimiter` and `--encoding`, the two options that say how a CSV file is shaped, with
// their checks: the same words for every command that reads a lead file.
void add_csv_shape_options(CLI::App* cmd, std::string& delimiter, std::string& encoding);

}  // namespace leadc::cli
