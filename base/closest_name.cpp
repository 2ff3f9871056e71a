// "did you mean": the one rule for names in definitions (E0201, E0304) and for cells
// that match no enum member (see closest_name.h).
#include "base/closest_name.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <vector>

namespace leadc {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

static bool is_number(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  // The answer becomes a fix-it, so it must be a misspelling of exactly one declared
  // name, never a different value: a number (label `2`) is never "close" to another
  // (`1`), a name whose every character would change (`A` -> `B`) is no misspelling,
  // and two candidates equally close give no answer.
  // Case differences count less than other edits: `Tier_B` is closer to `tier_b` than to `tier_a`.
  if (is_number(name)) return "";
  std::string best;
  size_t best_d = SIZE_MAX;
  bool tie = false;
  std::string lname = lowercase(name);
  for (const auto& c : candidates) {
    if (is_number(c)) continue;
    size_t d = 2 * edit_distance(lname, lowercase(c)) + (edit_distance(name, c) > 0 ? 1 : 0);
    if (d < best_d) {
      best_d = d, best = c, tie = false;
    } else if (d == best_d && c != best) {
      tie = true;
    }
  }
  if (tie || best.empty()) return "";
  best_d /= 2;
  size_t limit = std::max<size_t>(2, name.size() / 3);
  return best_d <= limit && best_d < name.size() ? best : "";
}

}  // namespace leadc
