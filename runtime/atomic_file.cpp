// Temporary-file-and-rename output (see atomic_file.h).
#include "runtime/atomic_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "runtime/lead_reader.h"
#include "runtime/output_paths.h"

namespace leadc::rt {
namespace {

constexpr std::string_view kTmpTag = ".leadc-tmp.";

void split(const std::string& path, std::string& dir, std::string& base) {
  const size_t slash = path.rfind('/');
  dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  base = slash == std::string::npos ? path : path.substr(slash + 1);
}

// The PID in `.NAME.leadc-tmp.PID.R`, or 0 when `entry` is not such a name.
pid_t temporary_pid(std::string_view entry) {
  if (entry.empty() || entry.front() != '.') return 0;
  const size_t tag = entry.rfind(kTmpTag);
  if (tag == std::string_view::npos || tag == 0) return 0;
  std::string_view rest = entry.substr(tag + kTmpTag.size());
  const size_t dot = rest.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot > 9) return 0;
  pid_t pid = 0;
  for (char c : rest.substr(0, dot)) {
    if (c < '0' || c > '9') return 0;
    pid = pid * 10 + (c - '0');
  }
  return pid;
}

}  // namespace

bool is_stale_temporary(std::string_view entry_name) {
  const pid_t pid = temporary_pid(entry_name);
  if (pid <= 0 || pid == ::getpid()) return false;
  // ESRCH: no such process. EPERM means it exists (another user's): keep the file.
  return ::kill(pid, 0) != 0 && errno == ESRCH;
}

void remove_stale_temporaries(const std::string& path) {
  std::string dir, base;
  split(path, dir, base);
  const std::string prefix = "." + base + std::string(kTmpTag);
  DIR* d = ::opendir(dir.empty() ? "." : dir.c_str());
  if (!d) return;
  std::vector<std::string> stale;
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name(e->d_name);
    if (name.substr(0, prefix.size()) == prefix && is_stale_temporary(name)) stale.emplace_back(name);
  }
  ::closedir(d);
  for (const std::string& name : stale) ::unlink((dir + name).c_str());  // best effort
}

AtomicFile::AtomicFile(std::string path) : path_(std::move(path)) {
  if (path_.empty()) {
    fd_ = STDOUT_FILENO;
    return;
  }
  target_ = write_target(path_);
  // A device or a pipe (-o /dev/null, a FIFO) is written directly: renaming a
  // temporary over it would replace the device node with a regular file.
  struct stat st;
  const bool exists = ::stat(target_.c_str(), &st) == 0;
  if (exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw IoError(path_ + ": error: cannot open output file: " + std::strerror(errno));
    return;
  }
  // A directory is refused now, before any lead is read, not when the finished
  // temporary cannot be renamed over it (and no rejects file is made for it).
  if (exists && S_ISDIR(st.st_mode))
    throw IoError(path_ + ": error: cannot create output file: " + std::strerror(EISDIR));
  remove_stale_temporaries(target_);
  std::string dir, base;
  split(target_, dir, base);
  tmp_ = dir + "." + base + std::string(kTmpTag) + std::to_string(::getpid()) + ".XXXXXX";
  std::vector<char> name(tmp_.begin(), tmp_.end());
  name.push_back('\0');
  fd_ = ::mkstemp(name.data());
  if (fd_ < 0) throw IoError(path_ + ": error: cannot create output file: " + std::strerror(errno));
  tmp_ = name.data();
  // mkstemp makes the file 0600: a replaced file keeps its permissions, a new one gets
  // those a plain create would.
  if (exists && S_ISREG(st.st_mode)) {
    ::fchmod(fd_, st.st_mode & 07777);
  } else {
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
  }
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0 && fd_ != STDOUT_FILENO) ::close(fd_);  // a device written directly has no temporary
  if (!committed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
}

void AtomicFile::write(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      throw IoError((path_.empty() ? std::string("<stdout>") : path_) + ": error: cannot write: " + std::strerror(errno));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
}

void AtomicFile::commit() {
  if (tmp_.empty()) {
    committed_ = true;
    if (fd_ >= 0 && fd_ != STDOUT_FILENO) {
      const int fd = fd_;
      fd_ = -1;
      if (::close(fd) != 0) throw IoError(path_ + ": error: cannot write: " + std::strerror(errno));
    }
    return;
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw IoError(path_ + ": error: cannot write: " + std::strerror(errno));
  if (::rename(tmp_.c_str(), target_.c_str()) != 0)
    throw IoError(path_ + ": error: cannot create output file: " + std::strerror(errno));
  committed_ = true;
}

}  // namespace leadc::rt
