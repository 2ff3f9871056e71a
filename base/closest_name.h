// "did you mean": the closest of some names to a misspelt one. One rule for the front
// end's undefined names and enum members and for the reader's enum cells.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace leadc {

// Closest candidate by edit distance, or "" when nothing is close enough, when two are
// equally close, or when `name` is a number (a fix-it must not change a value).
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

// Levenshtein distance (insert, delete, replace a byte: each 1), for callers that rank
// candidates by their own rule (time-zone names, `expect` columns).
size_t edit_distance(std::string_view a, std::string_view b);

// ASCII lower case; other bytes are kept.
std::string lowercase(std::string_view s);

}  // namespace leadc
