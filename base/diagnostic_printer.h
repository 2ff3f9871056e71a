// Renders diagnostics for people (text with source line and carets, colour only when
// asked) and for machines (JSON, one object per finding; SARIF 2.1.0).
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
std::string render_sarif(const Diagnostics& ds, const std::string& tool_version);

}  // namespace leadc
