// Output identity checks (see output_paths.h).
#include "runtime/output_paths.h"

#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

namespace leadc::rt {
namespace {

std::string dir_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string base_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string real(const std::string& path) {
  std::unique_ptr<char, decltype(&::free)> r(::realpath(path.c_str(), nullptr), &::free);
  return r ? std::string(r.get()) : std::string();
}

// What a path names, for comparison: an existing file by device and inode, a file
// still to be created by the canonical path of its directory plus its name.
struct Identity {
  bool exists = false;
  bool regular = false;
  dev_t dev = 0;
  ino_t ino = 0;
  std::string name;  // when !exists
};

Identity identify(const std::string& path) {
  Identity id;
  const std::string target = write_target(path);
  struct stat st;
  if (::stat(target.c_str(), &st) == 0) {
    id.exists = true;
    id.regular = S_ISREG(st.st_mode);
    id.dev = st.st_dev;
    id.ino = st.st_ino;
    return id;
  }
  std::string dir = real(dir_of(target));
  if (dir.empty()) dir = dir_of(target);  // the write fails later with its own message
  id.name = (dir == "/" ? dir : dir + "/") + base_of(target);
  return id;
}

bool same(const Identity& a, const Identity& b) {
  if (a.exists != b.exists) return false;
  return a.exists ? a.dev == b.dev && a.ino == b.ino : a.name == b.name;
}

bool is_stream(const std::string& path) { return path.empty() || path == "-"; }

std::string clash(const NamedPath& out, const NamedPath& other, bool other_is_input) {
  std::string m = "`" + out.path + "` (" + out.what + ") ";
  m += out.path == other.path ? "is also " + other.what
                              : "is the same file as `" + other.path + "` (" + other.what + ")";
  m += other_is_input ? ": writing it would destroy an input; choose another output path"
                      : ": one output would overwrite the other; choose different paths";
  return m;
}

}  // namespace

std::string write_target(const std::string& path) {
  std::string cur = path;
  for (int hops = 0; hops < 40; ++hops) {  // 40 = the kernel's own limit (ELOOP)
    struct stat st;
    if (::lstat(cur.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return cur;
    char buf[PATH_MAX];
    const ssize_t n = ::readlink(cur.c_str(), buf, sizeof buf - 1);
    if (n < 0) return cur;
    std::string link(buf, static_cast<size_t>(n));
    if (link.empty()) return cur;
    cur = link.front() == '/' ? link : dir_of(cur) + "/" + link;
  }
  return path;
}

std::optional<std::string> output_conflict(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs) {
  std::vector<Identity> in, out;
  for (const NamedPath& p : inputs) in.push_back(is_stream(p.path) ? Identity{} : identify(p.path));
  for (const NamedPath& p : outputs) out.push_back(is_stream(p.path) ? Identity{} : identify(p.path));
  for (size_t o = 0; o < outputs.size(); ++o) {
    // A stream, /dev/null or a FIFO is written in place: nothing is replaced.
    if (is_stream(outputs[o].path) || (out[o].exists && !out[o].regular)) continue;
    for (size_t i = 0; i < inputs.size(); ++i)
      if (!is_stream(inputs[i].path) && same(out[o], in[i])) return clash(outputs[o], inputs[i], true);
    for (size_t k = 0; k < o; ++k)
      if (!is_stream(outputs[k].path) && same(out[o], out[k])) return clash(outputs[o], outputs[k], false);
  }
  return std::nullopt;
}

bool remove_previous_output(const std::string& path) {
  struct stat st;
  if (path.empty() || ::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  return ::unlink(path.c_str()) == 0;
}

}  // namespace leadc::rt
