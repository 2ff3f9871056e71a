// Writing rejected rows (see rejects_file.h).
#include "runtime/rejects_file.h"

#include "runtime/output_format.h"

namespace leadc::rt {

void RejectsFile::add(const RowError& e) {
  if (!file_) {
    file_.emplace(path_);
    if (reader_.format() == LeadFormat::Csv) buf_ = reader_.header_raw() + ",leadc_error\n";
  }
  if (reader_.format() == LeadFormat::Csv) {
    buf_ += e.raw;
    buf_ += ",\"";
    for (char c : e.message) {
      if (c == '"') buf_ += '"';
      buf_ += c;
    }
    buf_ += '"';
  } else {
    buf_ += "{\"line\":" + std::to_string(e.line) + ",\"error\":";
    append_json_string(buf_, e.message);
    buf_ += ",\"row\":";
    if (e.raw_is_json) buf_ += e.raw;
    else append_json_string(buf_, e.raw);
    buf_ += '}';
  }
  buf_ += '\n';
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
