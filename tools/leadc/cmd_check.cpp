// `leadc check FILE… [--format text|json|sarif|github] [--werror]`: parse, type-check and
// prove every definition unambiguous; print the findings.
#include <cstdio>
#include <filesystem>

#include "base/diagnostic_printer.h"
#include "base/install_dirs.h"
#include "tools/leadc/cli.h"

namespace leadc::cli {

Runner add_check(CLI::App& app) {
  struct Opts {
    std::vector<std::string> files;
    std::string format = "text";
    bool werror = false;
    unsigned timeout_ms = 2000;
    std::string docs_url = diagnostics_docs_url();
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("check", "Check definitions: syntax, names, types and ambiguity (overlaps, gaps)");
  cmd->add_option("files", o->files, "Definition files (.lead)")->required()->check(DefinitionFile);
  cmd->add_option("--format", o->format, "Output format of the findings")->check(CLI::IsMember({"text", "json", "sarif", "github"}));
  cmd->add_flag("--werror", o->werror, "Treat warnings as errors");
  cmd->add_option("--solver-timeout", o->timeout_ms, "Time limit per solver query, in milliseconds");
  cmd->add_option("--docs-url", o->docs_url, "Address of docs/diagnostics.md that SARIF rules link (helpUri)");
  return [o]() {
    Diagnostics all;
    std::vector<CheckedFile> keep;  // diagnostics point into the compilations' files
    for (const auto& f : o->files) {
      keep.push_back(compile_and_check(f, {}, o->timeout_ms));
      all.append(keep.back().diags);
    }
    if (o->format == "text") {
      print_diagnostics(all);
      std::fprintf(stderr, "%zu file%s checked: %zu error%s, %zu warning%s\n", o->files.size(),
                   o->files.size() == 1 ? "" : "s", all.error_count(), all.error_count() == 1 ? "" : "s",
                   all.warning_count(), all.warning_count() == 1 ? "" : "s");
    } else {
      std::string out;
      if (o->format == "json") {
        out = render_json(all);
      } else if (o->format == "github") {
        out = render_github(all);
      } else {
        std::error_code ec;
        std::string cwd = std::filesystem::current_path(ec).string();
        out = render_sarif(all, "0.1.0", ec ? std::string() : cwd, o->docs_url);
      }
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
    bool failed = all.has_errors() || (o->werror && all.warning_count() > 0);
    return failed ? kFindings : kOk;
  };
}

}  // namespace leadc::cli
