// The rejects file of `--on-error skip`: each bad row of a lead or events file,
// unchanged, with the reason. CSV input gives CSV (the header plus a `leadc_error`
// column; a row with broken quotes is one quoted cell); JSON Lines input gives
// `{"line": N, "error": "…", "row": "…"}` objects (plus `row_base64` with the exact
// bytes when the line is not UTF-8).
// Created lazily and written through a temporary file (see atomic_file.h).
#pragma once

#include <optional>
#include <string>

#include "runtime/atomic_file.h"
#include "runtime/lead_reader.h"

namespace leadc::rt {

class RejectsFile {
 public:
  RejectsFile(std::string path, const LeadReader& reader) : path_(std::move(path)), reader_(reader) {}

  void add(const RowError& e);
  // Puts the file in place; returns its path, or "" when nothing was rejected.
  std::string commit();

 private:
  void flush();
  // A CSV rejects file ends its lines as the lead file does: a lone CR for a CR file
  // (trial F22: byte for byte), else LF.
  char line_end() const { return reader_.cr_line_ends() ? '\r' : '\n'; }

  std::string path_;
  const LeadReader& reader_;
  std::optional<AtomicFile> file_;
  std::string buf_;
};

}  // namespace leadc::rt
