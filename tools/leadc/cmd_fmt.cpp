// `leadc fmt FILE… [--check] [--diff] [--stdout]`: rewrite definitions in the canonical
// layout (in place, via a temporary file and a rename), list the files that would
// change, show the change as a unified diff, or print the result. `-` reads standard
// input and writes standard output.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "compiler/syntax/format.h"
#include "runtime/atomic_file.h"
#include "runtime/output_paths.h"
#include "tools/leadc/cli.h"
#include "tools/leadc/unified_diff.h"

namespace leadc::cli {
namespace {

// Through a temporary and a rename (runtime/atomic_file.h): a symlink is written
// through and stays a link, the file keeps its permissions.
bool write_in_place(const std::string& path, const std::string& text) {
  try {
    rt::AtomicFile out(path);
    out.write(text);
    out.commit();
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

Runner add_fmt(CLI::App& app) {
  struct Opts {
    std::vector<std::string> files;
    bool check = false;
    bool to_stdout = false;
    bool diff = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("fmt", "Format definitions in the canonical layout, keeping comments");
  cmd->add_option("files", o->files, "Definition files (.lead); `-` for standard input")->required();
  cmd->add_flag("--check", o->check, "Write nothing; list the files that are not formatted and exit 1 if any");
  cmd->add_flag("--stdout", o->to_stdout, "Print the formatted text instead of rewriting the files");
  cmd->add_flag("--diff", o->diff, "Write nothing; print what would change as a unified diff (with --check: exit 1 if any)");
  return [o]() {
    // Each file is rewritten in place: the same file named twice (a link, `./a` and
    // `a`) would be read after its own rewrite, so it is refused before anything is read.
    if (!o->check && !o->to_stdout && !o->diff) {
      std::vector<rt::NamedPath> outs;
      for (const auto& path : o->files) outs.push_back({path, "a file to format"});
      if (auto clash = rt::output_conflict({}, outs)) {
        std::fprintf(stderr, "leadc: error: %s\n", clash->c_str());
        return int(kUsage);
      }
    }
    int exit = kOk;
    size_t changed = 0;
    for (const auto& path : o->files) {
      std::unique_ptr<SourceFile> file = read_definition_source(path);
      if (!file) {
        std::fprintf(stderr, "leadc: error: cannot read `%s`\n", path.c_str());
        exit = kUsage;
        continue;
      }
      Diagnostics diags;
      auto formatted = format_source(*file, diags);
      if (!formatted) {
        if (diags.all().empty()) std::fprintf(stderr, "leadc: internal error: %s\n", formatted.error().c_str());
        print_diagnostics(diags);
        if (exit == kOk) exit = kFindings;
        continue;
      }
      if (o->diff) {
        std::string d = unified_diff(file->text, *formatted, file->path, file->path + " (formatted)");
        std::fwrite(d.data(), 1, d.size(), stdout);
        changed += !d.empty();
      } else if (o->check) {
        if (*formatted != file->text) {
          std::printf("%s\n", file->path.c_str());
          ++changed;
        }
      } else if (o->to_stdout || path == "-") {
        std::fwrite(formatted->data(), 1, formatted->size(), stdout);
      } else if (*formatted != file->text && !write_in_place(path, *formatted)) {
        std::fprintf(stderr, "leadc: error: cannot write `%s`\n", path.c_str());
        exit = kUsage;
      }
    }
    if (o->check && changed > 0) {
      std::fprintf(stderr, "%zu file%s would be reformatted\n", changed, changed == 1 ? "" : "s");
      if (exit == kOk) exit = kFindings;
    }
    return exit;
  };
}

}  // namespace leadc::cli
