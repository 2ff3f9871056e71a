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
// empty leaves originalUriBaseIds out.
std::string render_sarif(const Diagnostics& ds, const std::string& tool_version, const std::string& srcroot = "");
// GitHub Actions workflow commands, one `::error file=…,line=…::message` per finding.
std::string render_github(const Diagnostics& ds);

}  // namespace leadc
