// Source files and spans. A Span is a half-open byte range in one file plus the
// 1-based line and column of its start, so diagnostics never need to re-scan.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace leadc {

struct SourceFile {
  std::string path;     // as the user named it (printed in diagnostics)
  std::string text;
  std::vector<uint32_t> line_starts;  // byte offset of each line

  SourceFile(std::string path, std::string text);
  // 1-based line and column (in bytes) of a byte offset.
  std::pair<uint32_t, uint32_t> line_col(uint32_t offset) const;
  std::string_view line_text(uint32_t line) const;  // without the newline
};

struct Span {
  const SourceFile* file = nullptr;
  uint32_t begin = 0;  // byte offsets
  uint32_t end = 0;
  uint32_t line = 0;   // 1-based; 0 = no location
  uint32_t col = 0;

  bool valid() const { return file != nullptr && line != 0; }
  uint32_t end_line() const;
  uint32_t end_col() const;
};

// The source text of a span on one line: whitespace runs and `//` comments collapsed
// to one space (`explain`, witnesses and messages quote conditions this way).
std::string one_line_text(const Span& span);

// Reads a file; returns nullptr when it cannot be read.
std::unique_ptr<SourceFile> read_source_file(const std::string& path);

}  // namespace leadc
