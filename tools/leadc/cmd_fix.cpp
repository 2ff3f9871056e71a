// `leadc fix FILE… [--dry-run]`: apply the fix-its of `leadc check` (base/fixits.h:
// only those that cannot change what a definition means) in place, or print them as
// a unified diff. `-` reads standard input and writes the fixed text to standard output.
#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <iterator>

#include "base/fixits.h"
#include "runtime/atomic_file.h"
#include "runtime/output_paths.h"
#include "tools/leadc/cli.h"
#include "tools/leadc/unified_diff.h"

namespace leadc::cli {
namespace {

// A fix can uncover the next one (a misspelt type, then a member of it): a few rounds.
constexpr int kRounds = 4;

struct Fixed {
  std::string text;
  size_t applied = 0;
  size_t errors_left = 0;
};

Fixed fix_text(const std::string& name, std::string text) {
  Fixed out;
  for (int round = 0;; ++round) {
    Diagnostics diags;
    Compilation c = compile_source(name, text, diags);
    FixResult r = c.files.empty() ? FixResult{text, 0} : apply_fixits(*c.files.front(), diags);
    if (r.applied == 0 || round == kRounds) {
      out.errors_left = diags.error_count();
      break;
    }
    out.applied += r.applied;
    text = std::move(r.text);
  }
  out.text = std::move(text);
  return out;
}

}  // namespace

Runner add_fix(CLI::App& app) {
  struct Opts {
    std::vector<std::string> files;
    bool dry_run = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("fix", "Apply the fix-its that cannot change what a definition means");
  cmd->add_option("files", o->files, "Definition files (.lead); `-` for standard input")->required()->check(DefinitionFile);
  cmd->add_flag("--dry-run", o->dry_run, "Write nothing; print the fixes as a unified diff");
  return [o]() {
    if (!o->dry_run) {
      std::vector<rt::NamedPath> outs;
      for (const auto& path : o->files)
        if (path != "-") outs.push_back({path, "a file to fix"});
      if (auto clash = rt::output_conflict({}, outs)) {
        std::fprintf(stderr, "leadc: error: %s\n", clash->c_str());
        return int(kUsage);
      }
    }
    int exit = kOk;
    for (const auto& path : o->files) {
      std::unique_ptr<SourceFile> file = read_definition_source(path);
      if (!file) {
        std::fprintf(stderr, "leadc: error: cannot read `%s`\n", path.c_str());
        exit = kUsage;
        continue;
      }
      // Compiled under the name it was given, so relative imports resolve as in `check`.
      Fixed f = fix_text(path == "-" ? file->path : path, file->text);
      if (o->dry_run) {
        std::string d = unified_diff(file->text, f.text, file->path, file->path + " (fixed)");
        std::fwrite(d.data(), 1, d.size(), stdout);
      } else if (path == "-") {
        std::fwrite(f.text.data(), 1, f.text.size(), stdout);
      } else if (f.applied > 0) {
        try {
          rt::AtomicFile out(path);  // a temporary and a rename, as `fmt` writes
          out.write(f.text);
          out.commit();
        } catch (const std::exception&) {
          std::fprintf(stderr, "leadc: error: cannot write `%s`\n", path.c_str());
          exit = kUsage;
          continue;
        }
      }
      std::string summary = fmt::format("{}: {} fix{}{}", file->path, f.applied, f.applied == 1 ? "" : "es",
                                        o->dry_run ? " to apply" : " applied");
      if (f.errors_left)
        summary += fmt::format("; {} error{} left that no safe fix can change (see `leadc check`)", f.errors_left,
                               f.errors_left == 1 ? "" : "s");
      std::fprintf(stderr, "%s\n", summary.c_str());
      if (f.errors_left && exit == kOk) exit = kFindings;
    }
    return exit;
  };
}

}  // namespace leadc::cli
