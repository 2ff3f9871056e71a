#include "lsp/positions.h"

#include <filesystem>

namespace leadc::lsp {

namespace {

// UTF-16 code units of the UTF-8 text [from, to).
uint32_t utf16_length(std::string_view text) {
  uint32_t units = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;        // a 4-byte sequence is a surrogate pair
  }
  return units;
}

}  // namespace

nlohmann::json position_of(const SourceFile& file, uint32_t offset) {
  if (offset > file.text.size()) offset = static_cast<uint32_t>(file.text.size());
  auto [line, col] = file.line_col(offset);
  if (line == 0) return {{"line", 0}, {"character", 0}};
  uint32_t start = file.line_starts[line - 1];
  return {{"line", line - 1}, {"character", utf16_length(std::string_view(file.text).substr(start, offset - start))}};
}

nlohmann::json range_of(const Span& span) {
  if (!span.file) return {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}};
  return {{"start", position_of(*span.file, span.begin)}, {"end", position_of(*span.file, span.end)}};
}

uint32_t offset_of(const SourceFile& file, const nlohmann::json& position) {
  int64_t line = position.at("line").get<int64_t>();
  int64_t character = position.at("character").get<int64_t>();
  if (line < 0) return 0;
  if (static_cast<size_t>(line) >= file.line_starts.size()) return static_cast<uint32_t>(file.text.size());
  size_t i = file.line_starts[line];
  int64_t units = 0;
  while (i < file.text.size() && file.text[i] != '\n' && units < character) {
    unsigned char c = static_cast<unsigned char>(file.text[i]);
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    units += c >= 0xF0 ? 2 : 1;
    i += len;
  }
  return static_cast<uint32_t>(std::min(i, file.text.size()));
}

std::string path_of_uri(const std::string& uri) {
  std::string rest = uri.rfind("file://", 0) == 0 ? uri.substr(7) : uri;
  std::string out;
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest[i] == '%' && i + 2 < rest.size() && std::isxdigit(static_cast<unsigned char>(rest[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(rest[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(rest.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(rest[i]);
    }
  }
  return out;
}

std::string uri_of_path(const std::string& path) {
  std::string abs = std::filesystem::absolute(path).lexically_normal().string();
  std::string out = "file://";
  const char* hex = "0123456789ABCDEF";
  for (unsigned char c : abs) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

}  // namespace leadc::lsp
