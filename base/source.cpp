// Source files: line table construction and offset -> line/column lookup.
#include "base/source.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace leadc {

SourceFile::SourceFile(std::string p, std::string t) : path(std::move(p)), text(std::move(t)) {
  line_starts.push_back(0);
  for (uint32_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') line_starts.push_back(i + 1);
}

std::pair<uint32_t, uint32_t> SourceFile::line_col(uint32_t offset) const {
  auto it = std::upper_bound(line_starts.begin(), line_starts.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - line_starts.begin());
  return {line, offset - line_starts[line - 1] + 1};
}

std::string_view SourceFile::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts.size()) return {};
  uint32_t begin = line_starts[line - 1];
  uint32_t end = line < line_starts.size() ? line_starts[line] : static_cast<uint32_t>(text.size());
  std::string_view s(text.data() + begin, end - begin);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// An empty span (an insertion point) ends where it starts.
uint32_t Span::end_line() const {
  if (!file) return line;
  return end > begin ? file->line_col(end - 1).first : line;
}
uint32_t Span::end_col() const {
  if (!file) return col;
  return end > begin ? file->line_col(end - 1).second + 1 : col;
}

std::unique_ptr<SourceFile> read_source_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return nullptr;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return nullptr;
  return std::make_unique<SourceFile>(path, ss.str());
}

namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
}  // namespace

std::string one_line_text(const Span& span) {
  if (!span.file || span.end <= span.begin || span.end > span.file->text.size()) return {};
  std::string_view src(span.file->text.data() + span.begin, span.end - span.begin);
  std::string out;
  bool in_string = false, pending_space = false;
  for (size_t i = 0; i < src.size(); ++i) {
    char ch = src[i];
    if (!in_string && ch == '/' && i + 1 < src.size() && src[i + 1] == '/') {
      while (i < src.size() && src[i] != '\n') ++i;
      pending_space = true;
      continue;
    }
    if (!in_string && is_space(ch)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += ch;
    if (ch == '"') in_string = !in_string;
    else if (in_string && ch == '\\' && i + 1 < src.size()) out += src[++i];
  }
  return out;
}

}  // namespace leadc
