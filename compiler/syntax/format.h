// `leadc fmt`: prints a definition back in the canonical layout (LANGUAGE.md §1)
// while keeping every comment and the author's line breaks inside expressions.
// Only whitespace changes; the token sequence (and so the meaning) never does.
#pragma once

#include <optional>
#include <string>

#include "base/diagnostics.h"
#include "base/expected.h"

namespace leadc {

// The formatted text. Fails when the file has syntax errors (each reported in
// `diags` as E0101), or, with `diags` untouched, when the result would not lex to
// the same tokens and comments as the input: a formatter bug, never a user error.
Expected<std::string> format_source(const SourceFile& file, Diagnostics& diags);

}  // namespace leadc
