// What a `text`, `email` and `phone` cell must look like: the reader's rule, written
// once. The reader (runtime/cell_parse.cpp) checks cells with it (its SIMD e-mail loop
// is tested against email_is_valid), `leadc test` lowers a `given` text with it
// (compiler/lower_examples.cpp), and the analysis builds its domains from it
// (compiler/analysis/text_domain.cpp: the finite abstraction checks its witness
// strings with these functions, and the string-theory fallback's regular expressions
// are tested against them), so the analysis reasons about exactly the leads the
// reader accepts.
#pragma once

#include <string_view>

namespace leadc::contact {

// An empty text cell (CSV `,,` or `""`, JSON `""`) is a missing value, for every text
// kind: no known text is empty.
inline bool text_is_missing(std::string_view s) { return s.empty(); }

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
