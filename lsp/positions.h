// LSP positions are 0-based lines and UTF-16 code units; leadc spans are byte
// offsets. The conversions between the two, in one place.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "base/source.h"

namespace leadc::lsp {

// {line, character} of a byte offset of FILE.
nlohmann::json position_of(const SourceFile& file, uint32_t offset);
// {start, end} of a span (an invalid span is the start of its file).
nlohmann::json range_of(const Span& span);
// The byte offset of an LSP position in TEXT (clamped to the line and the text).
uint32_t offset_of(const SourceFile& file, const nlohmann::json& position);

// `file:///abs/path` <-> `/abs/path` (percent-escapes decoded/encoded).
std::string path_of_uri(const std::string& uri);
std::string uri_of_path(const std::string& path);

}  // namespace leadc::lsp
