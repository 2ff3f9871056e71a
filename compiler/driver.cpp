// Runs the front-end passes in order and loads imports.
#include "compiler/driver.h"

#include <fmt/format.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>

#include "base/install_dirs.h"
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

// The standard modules: an explicit option, then $LEADC_STDLIB, then an installed
// leadc's own share/leadc/stdlib, then the source tree it was built from.
std::string stdlib_dir(const CompileOptions& opts) {
  if (!opts.stdlib_dir.empty()) return opts.stdlib_dir;
  if (const char* env = std::getenv("LEADC_STDLIB")) return env;
  if (auto installed = installed_stdlib_dir()) return *installed;
  return LEADC_STDLIB_DIR;
}

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.lexically_normal(), q = p.lexically_normal();
  auto mismatch = std::mismatch(r.begin(), r.end(), q.begin(), q.end());
  return mismatch.first == r.end();
}

// An import is read only when it is a regular file of at most this size: /dev/zero
// or a FIFO must not hang the compiler, and no definition is this big.
constexpr uint64_t kMaxImportBytes = uint64_t(1) << 20;

// Reads an import that passed the path checks. Opened non-blocking (a FIFO does not
// wait for a writer) and checked with fstat on the open file, so that a swap between
// the check and the read cannot slip a device in. Returns the reason on failure.
std::unique_ptr<SourceFile> read_import(const fs::path& canonical, const std::string& name, std::string& why) {
  const int fd = ::open(canonical.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    why = std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  std::string text;
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    why = S_ISDIR(st.st_mode) ? "it is a directory" : "it is not a regular file";
  } else if (static_cast<uint64_t>(st.st_size) > kMaxImportBytes) {
    why = fmt::format("it is larger than the {} MiB limit for an imported definition", kMaxImportBytes >> 20);
  } else {
    // Read at most one byte past the limit: a file that grows (or lies about its size)
    // is still bounded.
    char buf[65536];
    for (;;) {
      const ssize_t n = ::read(fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        why = std::strerror(errno);
        break;
      }
      if (n == 0) break;
      text.append(buf, static_cast<size_t>(n));
      if (text.size() > kMaxImportBytes) {
        why = fmt::format("it is larger than the {} MiB limit for an imported definition", kMaxImportBytes >> 20);
        break;
      }
    }
  }
  ::close(fd);
  if (!why.empty()) return nullptr;
  return std::make_unique<SourceFile>(name, std::move(text));
}

// Why the path of `import "PATH"` is refused before anything is opened, or "". The
// rules (issue 19) keep an import from reaching a file that is not a definition: its
// diagnostics would print that file's lines (a `/proc/self/environ` reached through a
// symlink would print the CI job's secrets).
std::string refuse_import_path(const std::string& written, const fs::path& canonical, const fs::path& root_canonical) {
  std::error_code ec;
  if (written.back() == '/' || fs::is_directory(canonical, ec)) return "it is a directory: an import names one `.lead` file";
  if (!inside(root_canonical, canonical))
    return "it leaves the folder of the definition once symlinks are resolved";
  if (fs::path(written).extension() != ".lead" || canonical.extension() != ".lead")
    return "an import must name a `.lead` file";
  return "";
}

// Loads every module reachable through imports, root first, each file once.
void load_imports(Compilation& c, std::vector<std::unique_ptr<ast::Module>>& modules, Diagnostics& diags,
                  const CompileOptions& opts) {
  fs::path root_dir = fs::absolute(fs::path(modules[0]->file->path)).parent_path();
  std::error_code ec;
  fs::path root_canonical = fs::canonical(root_dir, ec);
  if (ec) root_canonical = root_dir.lexically_normal();
  // The root may be a pipe (`/dev/fd/63` resolves to no path) or `<stdin>`: then it
  // is known by its absolute name.
  fs::path root_id = fs::weakly_canonical(fs::absolute(modules[0]->file->path), ec);
  if (ec) root_id = fs::absolute(modules[0]->file->path).lexically_normal();
  std::set<std::string> seen{root_id.string()};
  for (size_t i = 0; i < modules.size(); ++i) {
    std::vector<ast::ImportDecl> imports = modules[i]->imports;
    fs::path dir = fs::absolute(fs::path(modules[i]->file->path)).parent_path();
    for (const auto& imp : imports) {
      fs::path target;
      if (imp.std_module) {
        target = fs::path(stdlib_dir(opts)) / (imp.path + ".lead");
      } else {
        if (imp.path.empty()) {
          diags.report(DiagCode::E0002, imp.span, "import `\"\"`: an empty import path names no file");
          continue;
        }
        target = (dir / imp.path).lexically_normal();
        if (!inside(root_dir, target)) {
          diags.report(DiagCode::E0002, imp.span, fmt::format("import `{}` leaves the folder of the definition", imp.path));
          continue;
        }
      }
      // Shown relative to where the user named the importing file, not absolute, so
      // the message is the same on every machine.
      std::string shown = imp.std_module
                              ? "std." + imp.path
                              : (fs::path(modules[i]->file->path).parent_path() / imp.path).lexically_normal().string();
      fs::path canonical = fs::canonical(target, ec);
      if (ec) {
        auto& d = diags.report(DiagCode::E0002, imp.span, fmt::format("cannot read import `{}` ({})", imp.path, shown));
        if (imp.std_module) d.help = "the standard modules are units, enums and waterfall";
        continue;
      }
      if (!imp.std_module) {
        if (std::string why = refuse_import_path(imp.path, canonical, root_canonical); !why.empty()) {
          diags.report(DiagCode::E0002, imp.span, fmt::format("cannot import `{}` ({}): {}", imp.path, shown, why));
          continue;
        }
      }
      if (!seen.insert(canonical.string()).second) continue;
      std::string why;
      std::unique_ptr<SourceFile> file;
      if (auto buffer = opts.open_buffer ? opts.open_buffer(canonical.string()) : std::nullopt)
        file = std::make_unique<SourceFile>(target.string(), std::move(*buffer));
      else
        file = read_import(canonical, target.string(), why);
      if (!file) {
        diags.report(DiagCode::E0002, imp.span, fmt::format("cannot read import `{}` ({}): {}", imp.path, shown, why));
        continue;
      }
      c.files.push_back(std::move(file));
      if (imp.std_module) c.standard_modules.push_back(c.files.back().get());
      auto module = parse(*c.files.back(), diags);
      if (module) modules.push_back(std::move(module));
    }
  }
}

bool is_literal(const ast::Expr& e) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::Number: case K::Quantity: case K::String: case K::Date: case K::Bool: return true;
    case K::Neg: return e.args.size() == 1 && e.args[0] && (e.args[0]->kind == K::Number || e.args[0]->kind == K::Quantity);
    default: return false;
  }
}

// The value of `const NAME = VALUE` parsed alone, or the reason it is not one literal.
ast::ExprPtr parse_override(const SourceFile& file, Diagnostics& diags, std::string& why) {
  auto parsed = parse(file, diags);
  if (!parsed) {
    why = "it is not a literal";
    return nullptr;
  }
  // Exactly one declaration whose value runs to the end of the text: `1 const y = 2`
  // or `1 term t = …` would otherwise be dropped without a word.
  size_t end = file.text.find_last_not_of(" \t\r\n");
  end = end == std::string::npos ? 0 : end + 1;
  if (parsed->consts.size() != 1 || !parsed->consts[0].value || parsed->consts[0].span.end != end) {
    why = "it holds more than one value or declaration";
    return nullptr;
  }
  if (!is_literal(*parsed->consts[0].value)) {
    why = "it is an expression, not a literal";
    return nullptr;
  }
  return std::move(parsed->consts[0].value);
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
    std::string why;
    const size_t before = diags.all().size();
    ast::ExprPtr v = parse_override(*c.files.back(), diags, why);
    if (v) {
      it->value = std::move(v);
    } else if (diags.all().size() == before) {  // a syntax error has been reported already
      const auto& f = *c.files.back();
      Span s{&f, static_cast<uint32_t>(9 + name.size()), static_cast<uint32_t>(f.text.size() - 1), 1,
             static_cast<uint32_t>(10 + name.size())};
      diags.report(DiagCode::E0101, s, fmt::format("`--set {}={}`: the value must be one literal; {}", name, value, why));
    }
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

std::string override_value_error(const std::string& name, const std::string& value) {
  SourceFile file("--set " + name, "const " + name + " = " + value + "\n");
  Diagnostics diags;
  std::string why;
  if (parse_override(file, diags, why)) return "";
  return fmt::format("--set {}={}: the value must be one literal (a number, `90 days`, `\"text\"`, a date, "
                     "true or false); {}", name, value, why);
}

Compilation compile_source(const std::string& name, std::string text, Diagnostics& diags, const CompileOptions& opts) {
  return compile(std::make_unique<SourceFile>(name, std::move(text)), diags, opts);
}

}  // namespace leadc
