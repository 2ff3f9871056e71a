// Runs the front-end passes in order and loads imports.
#include "compiler/driver.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>

#include "compiler/lower.h"
#include "compiler/resolve.h"
#include "compiler/syntax/parse.h"
#include "compiler/typecheck.h"

#ifndef LEADC_STDLIB_DIR
#define LEADC_STDLIB_DIR "stdlib"
#endif

namespace leadc {
namespace fs = std::filesystem;

namespace {

std::string stdlib_dir(const CompileOptions& opts) {
  if (!opts.stdlib_dir.empty()) return opts.stdlib_dir;
  if (const char* env = std::getenv("LEADC_STDLIB")) return env;
  return LEADC_STDLIB_DIR;
}

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.lexically_normal(), q = p.lexically_normal();
  auto mismatch = std::mismatch(r.begin(), r.end(), q.begin(), q.end());
  return mismatch.first == r.end();
}

// Loads every module reachable through imports, root first, each file once.
void load_imports(Compilation& c, std::vector<std::unique_ptr<ast::Module>>& modules, Diagnostics& diags,
                  const CompileOptions& opts) {
  fs::path root_dir = fs::absolute(fs::path(modules[0]->file->path)).parent_path();
  std::set<std::string> seen{fs::weakly_canonical(fs::absolute(modules[0]->file->path)).string()};
  for (size_t i = 0; i < modules.size(); ++i) {
    std::vector<ast::ImportDecl> imports = modules[i]->imports;
    fs::path dir = fs::absolute(fs::path(modules[i]->file->path)).parent_path();
    for (const auto& imp : imports) {
      fs::path target;
      if (imp.std_module) {
        target = fs::path(stdlib_dir(opts)) / (imp.path + ".lead");
      } else {
        target = (dir / imp.path).lexically_normal();
        if (!inside(root_dir, target)) {
          diags.report(DiagCode::E0002, imp.span, fmt::format("import `{}` leaves the folder of the definition", imp.path));
          continue;
        }
      }
      std::string key = fs::weakly_canonical(target).string();
      if (!seen.insert(key).second) continue;
      auto file = read_source_file(target.string());
      if (!file) {
        // Shown relative to where the user named the importing file, not absolute, so
        // the message is the same on every machine.
        std::string shown = imp.std_module
                                ? "std." + imp.path
                                : (fs::path(modules[i]->file->path).parent_path() / imp.path).lexically_normal().string();
        auto& d = diags.report(DiagCode::E0002, imp.span, fmt::format("cannot read import `{}` ({})", imp.path, shown));
        if (imp.std_module) d.help = "the standard modules are units, enums and waterfall";
        continue;
      }
      c.files.push_back(std::move(file));
      auto module = parse(*c.files.back(), diags);
      if (module) modules.push_back(std::move(module));
    }
  }
}

// `--set NAME=VALUE`: the value is parsed as the right side of a const declaration.
void apply_overrides(Compilation& c, ast::Module& root, Diagnostics& diags, const CompileOptions& opts) {
  for (const auto& override_pair : opts.overrides) {
    const std::string& name = override_pair.first;  // (clang 14 cannot capture a structured binding)
    const std::string& value = override_pair.second;
    auto it = std::find_if(root.consts.begin(), root.consts.end(), [&](auto& k) { return k.name.name == name; });
    c.files.push_back(std::make_unique<SourceFile>("--set " + name, "const " + name + " = " + value + "\n"));
    if (it == root.consts.end()) {
      Span s{c.files.back().get(), 6, static_cast<uint32_t>(6 + name.size()), 1, 7};
      diags.report(DiagCode::E0201, s, fmt::format("`--set {}`: there is no const `{}`", name, name));
      continue;
    }
    auto parsed = parse(*c.files.back(), diags);
    if (parsed && parsed->consts.size() == 1) it->value = std::move(parsed->consts[0].value);
  }
}

Compilation compile(std::unique_ptr<SourceFile> root_file, Diagnostics& diags, const CompileOptions& opts) {
  Compilation c;
  c.files.push_back(std::move(root_file));
  auto root = parse(*c.files[0], diags);
  if (!root) return c;
  apply_overrides(c, *root, diags, opts);
  std::vector<std::unique_ptr<ast::Module>> modules;
  modules.push_back(std::move(root));
  load_imports(c, modules, diags, opts);
  c.checked = resolve(std::move(modules), diags);
  typecheck(*c.checked, diags);
  if (!diags.has_errors()) c.program = lower(*c.checked);
  return c;
}

}  // namespace

Compilation compile_file(const std::string& path, Diagnostics& diags, const CompileOptions& opts) {
  auto file = read_source_file(path);
  if (!file) {
    auto placeholder = std::make_unique<SourceFile>(path, "");
    Compilation c;
    c.files.push_back(std::move(placeholder));
    diags.report(DiagCode::E0001, Span{c.files[0].get(), 0, 0, 0, 0}, fmt::format("cannot read `{}`", path));
    return c;
  }
  return compile(std::move(file), diags, opts);
}

Compilation compile_source(const std::string& name, std::string text, Diagnostics& diags, const CompileOptions& opts) {
  return compile(std::make_unique<SourceFile>(name, std::move(text)), diags, opts);
}

}  // namespace leadc
