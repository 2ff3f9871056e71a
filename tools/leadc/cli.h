// Shared pieces of the leadc subcommands: exit codes, diagnostics output, and the
// compile step every command starts with.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "compiler/base/diagnostics.h"
#include "compiler/driver.h"

namespace leadc::cli {

enum Exit { kOk = 0, kFindings = 1, kUsage = 2, kData = 3 };

// Prints text diagnostics to stderr (colour when stderr is a terminal).
void print_diagnostics(const Diagnostics& diags);

// Compiles FILE and runs the ambiguity analysis; prints diagnostics. Returns the
// compilation; `ok` is false when an error (or a warning with werror) was found.
struct Checked {
  Compilation compilation;
  Diagnostics diags;
  bool ok = false;
};
Checked compile_and_check(const std::string& path, const CompileOptions& opts, unsigned solver_timeout_ms,
                          bool analyze = true);

// Registration of each subcommand; each returns a callback that yields the exit code.
using Runner = std::function<int()>;
Runner add_check(CLI::App& app);
Runner add_test(CLI::App& app);
Runner add_run(CLI::App& app);
Runner add_compile(CLI::App& app);

}  // namespace leadc::cli
