// An output file that only appears when complete: bytes go to a temporary file in the
// same directory, commit() renames it into place, and destruction without commit()
// removes it. An empty path means stdout, and a path to a device or a FIFO (e.g.
// /dev/null) that file itself: both are written directly (nothing to take back).
#pragma once

#include <string>
#include <string_view>

namespace leadc::rt {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);  // IoError when the temporary cannot be created
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view data);      // IoError on a failed write
  void commit();                          // IoError when the rename fails
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string tmp_;
  int fd_ = -1;
  bool committed_ = false;
};

}  // namespace leadc::rt
