// Where an installed leadc finds its data: relative to its own executable, so that
// `cmake --install` to any prefix (or a .deb's /usr) works without configuration.
#pragma once

#include <optional>
#include <string>

namespace leadc {

// PREFIX/share/leadc/stdlib when the running executable is PREFIX/bin/leadc and
// that folder exists; nullopt otherwise (a build tree, or no /proc).
std::optional<std::string> installed_stdlib_dir();

// The address of docs/diagnostics.md that SARIF's helpUri and the language server
// link each code to: the build's LEADC_DOCS_URL when set, else a file:// URI of
// PREFIX/share/doc/leadc/diagnostics.md (installed), else of the source tree's copy
// when it exists; "" when there is none (no link is better than a wrong one).
std::string diagnostics_docs_url();

}  // namespace leadc
