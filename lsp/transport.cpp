#include "lsp/transport.h"

#include <cctype>
#include <cstdlib>
#include <string_view>

namespace leadc::lsp {

namespace {

// One header line without its `\r\n` (a bare `\n` is accepted too); nullopt at EOF.
std::optional<std::string> read_line(std::FILE* in) {
  std::string line;
  int c;
  while ((c = std::fgetc(in)) != EOF) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    line.push_back(static_cast<char>(c));
    if (line.size() > 4096) break;  // not a header: let the caller report it
  }
  if (c == EOF && line.empty()) return std::nullopt;
  return line;
}

bool iequals_prefix(std::string_view line, std::string_view prefix) {
  if (line.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(line[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

// A message bigger than this is refused (its bytes are still skipped).
constexpr long kMaxBody = 64L << 20;

}  // namespace

std::optional<Frame> read_frame(std::FILE* in) {
  long length = -1;
  bool any_header = false;
  std::string bad;
  for (;;) {
    auto line = read_line(in);
    if (!line) return std::nullopt;
    if (line->empty()) {
      if (!any_header) continue;  // stray blank lines between messages
      break;
    }
    any_header = true;
    if (iequals_prefix(*line, "Content-Length:")) {
      char* end = nullptr;
      std::string digits = line->substr(15);
      long n = std::strtol(digits.c_str(), &end, 10);
      while (end && *end == ' ') ++end;
      if (end == digits.c_str() || (end && *end != '\0') || n < 0) {
        bad = "the Content-Length header is not a number: `" + *line + "`";
      } else {
        length = n;
      }
    } else if (line->find(':') == std::string::npos) {
      bad = "a header line without `:`: `" + line->substr(0, 80) + "`";
    }
  }
  Frame frame;
  if (length < 0) {
    frame.error = bad.empty() ? "a message without a Content-Length header" : bad;
    return frame;
  }
  if (length > kMaxBody) {
    for (long i = 0; i < length && std::fgetc(in) != EOF; ++i) {
    }
    frame.error = "a message larger than 64 MiB";
    return frame;
  }
  frame.body.resize(static_cast<size_t>(length));
  size_t got = std::fread(frame.body.data(), 1, frame.body.size(), in);
  if (got != frame.body.size()) return std::nullopt;  // the client went away mid-message
  return frame;
}

void Writer::write(const std::string& body) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::fprintf(out_, "Content-Length: %zu\r\n\r\n", body.size());
  std::fwrite(body.data(), 1, body.size(), out_);
  std::fflush(out_);
}

}  // namespace leadc::lsp
