// `leadc lsp`: the language server for editors, on standard input and output
// (lsp/server.h). Only options here.
#include <cstdio>

#include "base/install_dirs.h"
#include "lsp/server.h"
#include "tools/leadc/cli.h"

namespace leadc::cli {

Runner add_lsp(CLI::App& app) {
  auto o = std::make_shared<lsp::ServerOptions>();
  o->docs_url = diagnostics_docs_url();
  auto* cmd = app.add_subcommand("lsp", "Language server (LSP 3.17) on stdin/stdout, for editors");
  cmd->add_option("--solver-timeout", o->solver_timeout_ms, "Time limit per solver query, in milliseconds");
  cmd->add_option("--docs-url", o->docs_url, "Address of docs/diagnostics.md, linked from each diagnostic code");
  cmd->add_option("--debounce", o->debounce_ms, "Milliseconds without a message before diagnostics are computed");
  // `--stdio` is what VS Code's language client passes; stdio is the only transport.
  static bool stdio = true;
  cmd->add_flag("--stdio", stdio, "Use standard input and output (the default and only transport)");
  return [o]() { return lsp::serve(stdin, stdout, *o); };
}

}  // namespace leadc::cli
