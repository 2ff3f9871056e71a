// The front-end pipeline, in order: read and parse the root file and its imports,
// resolve, typecheck, lower. The ambiguity analysis (compiler/analysis) runs on the
// resulting IR and is called by the tools, not from here.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "compiler/base/diagnostics.h"
#include "compiler/checked.h"
#include "compiler/ir/ir.h"

namespace leadc {

struct CompileOptions {
  // `leadc run --set NAME=VALUE`: replaces a const's value before checking.
  std::vector<std::pair<std::string, std::string>> overrides;
  std::string stdlib_dir;  // empty: $LEADC_STDLIB, else the built-in path
};

struct Compilation {
  std::vector<std::unique_ptr<SourceFile>> files;  // keeps every span's file alive
  std::unique_ptr<Checked> checked;                // null when a file did not parse
  std::optional<ir::Program> program;              // set when there were no errors
};

Compilation compile_file(const std::string& path, Diagnostics& diags, const CompileOptions& opts = {});
Compilation compile_source(const std::string& name, std::string text, Diagnostics& diags,
                           const CompileOptions& opts = {});

}  // namespace leadc
