// An output file that only appears when complete: bytes go to a temporary file in the
// same directory, commit() renames it into place, and destruction without commit()
// removes it. An empty path means stdout, and a path to a device or a FIFO (e.g.
// /dev/null) that file itself: both are written directly (nothing to take back).
//
// A symlink is written through: the temporary goes next to the link's target and
// replaces the target, so the link stays a link. The replaced file keeps its
// permissions. Temporaries are named `.NAME.leadc-tmp.PID.RANDOM`; a run killed before
// its rename leaves one behind, and the next AtomicFile for the same NAME removes
// those whose process no longer exists.
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
  std::string path_;    // as named (messages)
  std::string target_;  // where the rename lands: path_ with symlinks followed
  std::string tmp_;
  int fd_ = -1;
  bool committed_ = false;
};

// Whether a directory entry name is an AtomicFile temporary (`.NAME.leadc-tmp.PID.R`)
// of a process that no longer exists on this machine.
bool is_stale_temporary(std::string_view entry_name);

// Removes the stale temporaries of `path` (those for its file name, in its directory).
void remove_stale_temporaries(const std::string& path);

}  // namespace leadc::rt
