// Renders diagnostics for people (text with source line and carets, colour only when
// asked) and for machines (JSON, one object per finding; SARIF 2.1.0; GitHub
// workflow commands).
#pragma once

#include <string>

#include "base/diagnostics.h"

namespace leadc {

struct TextStyle {
  bool colour = false;
};

std::string render_text(const Diagnostic& d, const TextStyle& style);
std::string render_text(const Diagnostics& ds, const TextStyle& style);
std::string render_json(const Diagnostics& ds);
// `srcroot`: the absolute directory relative paths are resolved from (%SRCROOT%);
// empty leaves originalUriBaseIds out. `docs_url`: the address of docs/diagnostics.md
// (base/install_dirs.h); each rule's helpUri is its entry there, and the driver's
// informationUri the page itself. Empty: no helpUri, the help text names the entry.
std::string render_sarif(const Diagnostics& ds, const std::string& tool_version, const std::string& srcroot = "",
                         const std::string& docs_url = "");
// GitHub Actions workflow commands, one `::error file=…,line=…::message` per finding.
std::string render_github(const Diagnostics& ds);

}  // namespace leadc
