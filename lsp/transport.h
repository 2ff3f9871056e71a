// JSON-RPC framing of the Language Server Protocol on a byte stream: each message
// is `Content-Length: N\r\n` (other headers ignored), a blank line, then N bytes of
// JSON. Reading and writing are the only things here; meaning is in server.cpp.
#pragma once

#include <cstdio>
#include <mutex>
#include <optional>
#include <string>

namespace leadc::lsp {

struct Frame {
  std::string body;   // the JSON text (not yet parsed)
  std::string error;  // set when the header was unusable; body is then empty
};

// Reads one framed message; nullopt at end of input. A header without a usable
// Content-Length is returned as an error frame (the stream goes on with the next
// header), so one bad message does not end the session.
std::optional<Frame> read_frame(std::FILE* in);

// Writes one framed message and flushes; safe to call from several threads.
class Writer {
 public:
  explicit Writer(std::FILE* out) : out_(out) {}
  void write(const std::string& body);

 private:
  std::FILE* out_;
  std::mutex mutex_;
};

}  // namespace leadc::lsp
