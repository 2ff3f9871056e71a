// What an `email` and a `phone` cell must look like: the reader's rule, written once.
// The reader (runtime/cell_parse.cpp) checks cells with it (its SIMD e-mail loop is
// tested against email_is_valid), and the analysis builds its witness domain
// (compiler/analysis/witness.cpp) from the same constants, so a witness lead is one
// the reader accepts.
#pragma once

#include <string_view>

namespace leadc::contact {

// E-mail: exactly one `@`, with at least one byte before and after it, and no white
// space (space, \t \n \v \f \r) anywhere.
inline bool is_email_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool email_is_valid(std::string_view s);

// Phone: only digits and these separators, with at least kMinPhoneDigits digits.
constexpr std::string_view kPhoneSeparators = " +-().";
constexpr int kMinPhoneDigits = 7;
inline bool is_phone_separator(char c) { return kPhoneSeparators.find(c) != std::string_view::npos; }
bool phone_is_valid(std::string_view s);

}  // namespace leadc::contact
