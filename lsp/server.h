// `leadc lsp`: a Language Server Protocol 3.17 server. This is the protocol — the
// lifecycle, dispatch of requests to the features (features.h), document sync and
// when diagnostics are computed; the framing is transport.h.
#pragma once

#include <cstdio>
#include <string>

namespace leadc::lsp {

struct ServerOptions {
  std::string docs_url;            // docs/diagnostics.md, linked from each diagnostic code
  unsigned solver_timeout_ms = 2000;
  // Diagnostics wait this long after the last message, so a burst of changes is
  // checked once, at its latest version.
  int debounce_ms = 30;
};

// Serves until `exit` or the end of IN. Returns the exit code the protocol asks for:
// 0 after `shutdown` then `exit`, else 1.
int serve(std::FILE* in, std::FILE* out, const ServerOptions& opts);

}  // namespace leadc::lsp
