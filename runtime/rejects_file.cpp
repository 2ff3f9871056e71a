// Writing rejected rows (see rejects_file.h). A rejects file is always well-formed:
// a CSV row whose quotes are broken is kept as one quoted cell (its text unchanged),
// and in JSON Lines the raw line is always a JSON string, never pasted in as JSON.
#include "runtime/rejects_file.h"

#include "runtime/cell_parse.h"
#include "runtime/output_format.h"

namespace leadc::rt {
namespace {

// A JSON string of text that may not be UTF-8: bytes outside valid sequences become
// U+FFFD (JSON cannot hold them); `exact` tells the caller whether any did.
void append_json_text(std::string& out, std::string_view text, bool& exact) {
  exact = valid_utf8(text);
  if (exact) {
    append_json_string(out, text);
    return;
  }
  std::string clean;
  for (size_t i = 0; i < text.size();) {
    size_t len = 0;
    for (size_t l = 1; l <= 4 && i + l <= text.size() && len == 0; ++l)
      if (valid_utf8(text.substr(i, l))) len = l;
    if (len == 0) {
      clean += "\xEF\xBF\xBD";
      ++i;
    } else {
      clean.append(text.substr(i, len));
      i += len;
    }
  }
  append_json_string(out, clean);
}

void append_base64(std::string& out, std::string_view bytes) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16 |
                       static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8 |
                       static_cast<unsigned char>(bytes[i + 2]);
    for (int k = 3; k >= 0; --k) out += kAlphabet[(v >> (6 * k)) & 63];
  }
  if (i < bytes.size()) {
    uint32_t v = static_cast<uint32_t>(static_cast<unsigned char>(bytes[i])) << 16;
    if (i + 1 < bytes.size()) v |= static_cast<uint32_t>(static_cast<unsigned char>(bytes[i + 1])) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
}

}  // namespace

void RejectsFile::add(const RowError& e) {
  if (!file_) {
    file_.emplace(path_);
    // The rejects file keeps the lead file's delimiter (its rows are the file's rows).
    if (reader_.format() == LeadFormat::Csv) buf_ = reader_.header_raw() + reader_.delimiter() + "leadc_error";
    if (reader_.format() == LeadFormat::Csv) buf_ += line_end();
  }
  if (reader_.format() == LeadFormat::Csv) {
    if (e.raw_malformed) append_csv_field(buf_, e.raw);  // quoted: its quotes are doubled
    else buf_ += e.raw;
    buf_ += reader_.delimiter();
    buf_ += '"';
    for (char c : e.message) {
      if (c == '"') buf_ += '"';
      buf_ += c;
    }
    buf_ += '"';
  } else {
    bool exact = true;
    buf_ += "{\"line\":" + std::to_string(e.line) + ",\"error\":";
    append_json_text(buf_, e.message, exact);
    buf_ += ",\"row\":";
    append_json_text(buf_, e.raw, exact);
    if (!exact) {  // the line's bytes exactly, for a row that is not UTF-8
      buf_ += ",\"row_base64\":\"";
      append_base64(buf_, e.raw);
      buf_ += '"';
    }
    buf_ += '}';
  }
  buf_ += reader_.format() == LeadFormat::Csv ? line_end() : '\n';
  if (buf_.size() > (1 << 20)) flush();
}

void RejectsFile::flush() {
  if (file_) file_->write(buf_);
  buf_.clear();
}

std::string RejectsFile::commit() {
  if (!file_) return {};
  flush();
  file_->commit();
  return path_;
}

}  // namespace leadc::rt
