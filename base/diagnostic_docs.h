// docs/diagnostics.md as the build embedded it (`leadc explain-code`, the language
// server's hovers): one entry per code, from its `## CODE — summary` heading to the
// next heading or `---` line.
#pragma once

#include <string>
#include <string_view>

namespace leadc {

std::string_view diagnostics_markdown();

// The entry of `code` ("E0402", any case), heading included and ending in one newline;
// "" when the page has none.
std::string diagnostic_doc_entry(std::string_view code);

}  // namespace leadc
