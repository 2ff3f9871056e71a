// Byte offsets and code points: ANTLR counts positions in code points, the rest of
// leadc in bytes; and ANTLR's input stream throws on malformed UTF-8, so the text
// is checked before it gets there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace leadc::syntax {

// Code point index -> byte offset (one entry per code point, plus the end).
std::vector<uint32_t> code_point_offsets(const std::string& text);

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
size_t invalid_utf8_at(const std::string& s);

}  // namespace leadc::syntax
