// `leadc fmt`: prints a definition back in the canonical layout (LANGUAGE.md §1)
// while keeping every comment and the author's line breaks inside expressions.
// Only whitespace changes; the token sequence (and so the meaning) never does.
#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.h"

namespace leadc {

// The formatted text, or nullopt when the file has syntax errors (each reported as
// E0101). Throws std::logic_error if the result would not lex to the same tokens
// and comments as the input: a formatter bug, never a user error.
std::optional<std::string> format_source(const SourceFile& file, Diagnostics& diags);

}  // namespace leadc
