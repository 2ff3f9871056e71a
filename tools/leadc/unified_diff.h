// A unified diff of two texts (`diff -u` layout, 3 lines of context), for
// `leadc fmt --diff`: what the formatter would change, reviewable in a CI log.
#pragma once

#include <string>

namespace leadc::cli {

// "" when the texts are equal. `old_name`/`new_name` go on the `---`/`+++` lines.
std::string unified_diff(const std::string& old_text, const std::string& new_text, const std::string& old_name,
                         const std::string& new_name);

}  // namespace leadc::cli
