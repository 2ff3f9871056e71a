// The vague words that must be defined before use (E0202).
#include "compiler/vague_words.h"

#include <cctype>
#include <string>

namespace leadc {

bool is_vague_word(std::string_view name) {
  static const char* words[] = {"soon", "recent", "recently", "quickly", "large", "small", "big", "huge",
                                "strong", "weak", "high", "low", "hot", "warm", "cold", "many", "few",
                                "several", "interested", "engaged", "significant", "active", "good",
                                "bad", "qualified"};
  std::string lower;
  for (char ch : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  size_t start = 0;
  while (start <= lower.size()) {
    size_t end = lower.find('_', start);
    if (end == std::string::npos) end = lower.size();
    std::string_view part(lower.data() + start, end - start);
    for (const char* w : words)
      if (part == w) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace leadc
