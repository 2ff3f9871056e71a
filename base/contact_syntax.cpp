#include "base/contact_syntax.h"

namespace leadc::contact {

bool email_is_valid(std::string_view s) {
  size_t at = std::string_view::npos;
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (is_email_space(c)) return false;
    if (c != '@') continue;
    if (at != std::string_view::npos) return false;
    at = i;
  }
  return at != std::string_view::npos && at > 0 && at + 1 < s.size();
}

bool phone_is_valid(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (!is_phone_separator(c)) {
      return false;
    }
  }
  return digits >= kMinPhoneDigits;
}

}  // namespace leadc::contact
