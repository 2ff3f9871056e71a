// The front-end pipeline, in order: read and parse the root file and its imports,
// resolve, typecheck, lower. The ambiguity analysis (compiler/analysis) runs on the
// resulting IR and is called by the tools, not from here.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "compiler/checked.h"
#include "compiler/ir/ir.h"

namespace leadc {

struct CompileOptions {
  // `leadc run --set NAME=VALUE`: replaces a const's value before checking.
  std::vector<std::pair<std::string, std::string>> overrides;
  std::string stdlib_dir;  // empty: $LEADC_STDLIB, else the built-in path
  // The editor's unsaved buffers (`leadc lsp`): given the canonical path of an import
  // that passed the path checks, returns its text when an open buffer holds it, so
  // the buffer wins over the file on disk; nullopt reads the file.
  std::function<std::optional<std::string>(const std::string& canonical_path)> open_buffer;
};

struct Compilation {
  std::vector<std::unique_ptr<SourceFile>> files;  // keeps every span's file alive
  std::vector<const SourceFile*> standard_modules;  // those of `files` read for `import std.NAME`
  std::unique_ptr<Checked> checked;                // null when a file did not parse
  std::optional<ir::Program> program;              // set when there were no errors
};

// Why `--set NAME=VALUE` cannot be applied: VALUE must be exactly one literal (a
// number, a quantity such as `90 days`, a string, a date, true/false, or a negated
// number), nothing before or after it. Returns "" when it is one; the command line
// turns the message into a usage error (exit 2) before anything is compiled.
std::string override_value_error(const std::string& name, const std::string& value);

Compilation compile_file(const std::string& path, Diagnostics& diags, const CompileOptions& opts = {});
Compilation compile_source(const std::string& name, std::string text, Diagnostics& diags,
                           const CompileOptions& opts = {});

}  // namespace leadc
