#include "lsp/workspace.h"

#include <filesystem>

#include "compiler/analysis/analyze.h"
#include "lsp/positions.h"

namespace leadc::lsp {

namespace fs = std::filesystem;

Document& Workspace::open(const std::string& uri, std::string text, int version) {
  Document& d = docs_[uri];
  d.uri = uri;
  d.path = fs::absolute(path_of_uri(uri)).lexically_normal().string();
  std::error_code ec;
  d.canonical = fs::weakly_canonical(d.path, ec).string();
  if (ec) d.canonical = d.path;
  d.text = std::move(text);
  d.version = version;
  d.dirty = true;
  return d;
}

Document* Workspace::find(const std::string& uri) {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : &it->second;
}

std::shared_ptr<Analysis> Workspace::compile(const Document& doc, bool solve) const {
  auto a = std::make_shared<Analysis>();
  a->version = doc.version;
  CompileOptions opts;
  opts.open_buffer = [this](const std::string& canonical) -> std::optional<std::string> {
    for (const auto& [uri, d] : docs_)
      if (d.canonical == canonical) return d.text;
    return std::nullopt;
  };
  // The same steps as `leadc check` (tools/leadc/cli.cpp compile_and_check).
  a->compilation = compile_source(doc.path, doc.text, a->diags, opts);
  if (solve && a->compilation.program) {
    AnalyzeOptions aopts;
    aopts.timeout_ms = solver_timeout_ms;
    analyze(*a->compilation.program, aopts, a->diags);
  }
  a->solved = solve;
  for (size_t i = 1; i < a->compilation.files.size(); ++i) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(a->compilation.files[i]->path, ec);
    if (!ec) a->imports.push_back(p.string());
  }
  a->diags.sort();
  if (a->compilation.checked) a->index = std::make_unique<Index>(*a->compilation.checked);
  return a;
}

std::shared_ptr<Analysis> Workspace::current(Document& doc) const {
  if (!doc.analysis || doc.analysis->version != doc.version) store(doc, compile(doc, false));
  return doc.analysis;
}

void Workspace::store(Document& doc, std::shared_ptr<Analysis> a) {
  if (a->index) doc.last_parsed = a;
  doc.analysis = std::move(a);
}

}  // namespace leadc::lsp
