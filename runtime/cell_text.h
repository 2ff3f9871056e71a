// The phone rule in the form the per-kind reader inlines (cell_parse.cpp calls it once
// a phone cell; out of line it cost 8 instructions a cell). valid_phone (cell_text.cpp)
// is the same rule for every other caller. Internal to runtime/.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "base/contact_syntax.h"

namespace leadc::rt::cell_text {

// Byte classes for the phone check (the rule is base/contact_syntax.h): one table
// load per byte.
enum : uint8_t { kOther = 0, kDigit = 1, kSeparator = 2 };
constexpr std::array<uint8_t, 256> make_phone_class() {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  for (char c : contact::kPhoneSeparators) t[static_cast<unsigned char>(c)] = kSeparator;
  return t;
}
inline constexpr std::array<uint8_t, 256> kPhoneClass = make_phone_class();

inline bool phone_is_valid(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    const uint8_t k = kPhoneClass[static_cast<unsigned char>(c)];
    if (k == kOther) return false;
    digits += k == kDigit;
  }
  return digits >= contact::kMinPhoneDigits;
}

}  // namespace leadc::rt::cell_text
