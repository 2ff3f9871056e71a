// JSON string literals, shared by the diagnostics printer (JSON, SARIF) and the
// runtime's JSON Lines output and rejects files.
#pragma once

#include <string>
#include <string_view>

namespace leadc {

// Appends `text` as a JSON string: quotes, `\"` `\\` `\n` `\r` `\t`, other control
// bytes as `\u00XX`; everything else (UTF-8 included) byte for byte.
void append_json_string(std::string& out, std::string_view text);

}  // namespace leadc
