// The words a lead-file cell may use, shared by the cell parser (runtime/cell_parse.cpp),
// the SQL that reads raw text columns (compiler/sql) and the messages that list them:
// LANGUAGE.md sections 7 and 9. Compared in any case.
#pragma once

#include <array>
#include <string_view>

namespace leadc::cell_words {

inline constexpr std::array<std::string_view, 5> kTrue = {"true", "yes", "y", "on", "1"};
inline constexpr std::array<std::string_view, 5> kFalse = {"false", "no", "n", "off", "0"};
// For messages: "true, false, yes, no, y, n, on, off, 1, 0".
inline constexpr std::string_view kBoolList = "true, false, yes, no, y, n, on, off, 1, 0";

// Money: a symbol or ISO code before or after the amount (`$1200.50`, `1200.50 USD`).
struct CurrencySymbol {
  std::string_view code;
  std::string_view symbol;  // UTF-8
};
inline constexpr std::array<CurrencySymbol, 6> kCurrencySymbols = {{
    {"USD", "$"}, {"EUR", "\xE2\x82\xAC"}, {"GBP", "\xC2\xA3"}, {"JPY", "\xC2\xA5"}, {"INR", "\xE2\x82\xB9"},
    {"CHF", "Fr."},
}};

}  // namespace leadc::cell_words
