// `leadc fmt FILE… [--check] [--stdout]`: rewrite definitions in the canonical layout
// (in place, via a temporary file and a rename), list the files that would change, or
// print the result. `-` reads standard input and writes standard output.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "compiler/syntax/format.h"
#include "tools/leadc/cli.h"

namespace leadc::cli {
namespace {

bool write_in_place(const std::string& path, const std::string& text) {
  std::string tmp = path + ".leadc-fmt.tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out.write(text.data(), static_cast<std::streamsize>(text.size())) || !out.flush()) {
      std::filesystem::remove(tmp);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::permissions(tmp, std::filesystem::status(path, ec).permissions(), ec);
  std::filesystem::rename(tmp, path, ec);
  if (ec) std::filesystem::remove(tmp);
  return !ec;
}

}  // namespace

Runner add_fmt(CLI::App& app) {
  struct Opts {
    std::vector<std::string> files;
    bool check = false;
    bool to_stdout = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("fmt", "Format definitions in the canonical layout, keeping comments");
  cmd->add_option("files", o->files, "Definition files (.lead); `-` for standard input")->required();
  cmd->add_flag("--check", o->check, "Write nothing; list the files that are not formatted and exit 1 if any");
  cmd->add_flag("--stdout", o->to_stdout, "Print the formatted text instead of rewriting the files");
  return [o]() {
    int exit = kOk;
    size_t changed = 0;
    for (const auto& path : o->files) {
      std::unique_ptr<SourceFile> file;
      if (path == "-") {
        std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
        file = std::make_unique<SourceFile>("<stdin>", std::move(text));
      } else {
        file = read_source_file(path);
      }
      if (!file) {
        std::fprintf(stderr, "leadc: error: cannot read `%s`\n", path.c_str());
        exit = kUsage;
        continue;
      }
      Diagnostics diags;
      std::optional<std::string> formatted = format_source(*file, diags);
      if (!formatted) {
        print_diagnostics(diags);
        if (exit == kOk) exit = kFindings;
        continue;
      }
      if (o->check) {
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
