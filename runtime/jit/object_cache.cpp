// On-disk cache of JIT objects (object_cache.h). An entry is bound to its key, so a
// file copied under another key's name (a shared CI cache, a hostile user) reads as a
// miss instead of running another definition's code:
//
//   "leadc-jit-object-2\n"  KEY (40 hex digits)  "\n"  SIZE (8 bytes, little-endian)
//   OBJECT (SIZE bytes)  SHA-1 of everything before it (20 bytes)
//
// load() checks the magic, the key, the size and the checksum before the object is
// handed to the linker; anything else (truncated, damaged, old format, not a regular
// file, too big) is a miss and the entry is rebuilt and rewritten.
#include "runtime/jit/object_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <llvm/ADT/StringExtras.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/SHA1.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "runtime/atomic_file.h"

namespace leadc::jit {

namespace fs = std::filesystem;

namespace {

// Bump when the layout of cache files or what the key covers changes.
constexpr const char* kFormat = "leadc-jit-object-2";
constexpr size_t kDigest = 20;
constexpr size_t kKeyChars = 2 * kDigest;
constexpr size_t kHeader = std::char_traits<char>::length(kFormat) + 1 + kKeyChars + 1 + 8;  // magic, \n, key, \n, size
constexpr uint64_t kMaxObject = uint64_t(1) << 30;       // no definition compiles to 1 GiB

std::array<uint8_t, kDigest> digest(llvm::StringRef bytes) { return llvm::SHA1::hash(llvm::arrayRefFromStringRef(bytes)); }

std::string header(const std::string& key, uint64_t size) {
  std::string h = std::string(kFormat) + "\n" + key + "\n";
  for (int i = 0; i < 8; ++i) h += static_cast<char>((size >> (8 * i)) & 0xff);
  return h;
}

// The whole file, or nullopt when it is not a regular file of a plausible size. Opened
// non-blocking so that a FIFO planted in the cache cannot hang the run.
std::optional<std::string> read_entry(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct stat st;
  std::optional<std::string> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) <= kMaxObject + kHeader + kDigest) {
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    size_t got = 0;
    while (got < bytes.size()) {
      const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    if (got == bytes.size()) out = std::move(bytes);
  }
  ::close(fd);
  return out;
}

}  // namespace

std::optional<ObjectCacheDir> ObjectCacheDir::open() {
  if (const char* on = std::getenv("LEADC_JIT_CACHE"); on && std::string(on) == "0") return std::nullopt;
  fs::path dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
    dir = fs::path(xdg) / "leadc";
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    dir = fs::path(home) / ".cache" / "leadc";
  } else {
    return std::nullopt;
  }
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec)) return std::nullopt;
  return ObjectCacheDir(dir.string());
}

std::string ObjectCacheDir::key(llvm::StringRef ir_text, llvm::StringRef cpu, llvm::StringRef features,
                                llvm::StringRef settings) {
  llvm::SHA1 h;
  for (llvm::StringRef part : {llvm::StringRef(kFormat), llvm::StringRef(LLVM_VERSION_STRING), cpu, features,
                               settings, ir_text}) {
    h.update(part);
    h.update(llvm::StringRef("\0", 1));  // no ambiguity between neighbouring parts
  }
  std::array<uint8_t, kDigest> d = h.final();
  return llvm::toHex(d, /*LowerCase=*/true);
}

std::string ObjectCacheDir::path(const std::string& key) const { return (fs::path(dir_) / (key + ".o")).string(); }

std::unique_ptr<llvm::MemoryBuffer> ObjectCacheDir::load(const std::string& key) const {
  if (key.size() != kKeyChars) return nullptr;
  std::optional<std::string> file = read_entry(path(key));
  if (!file || file->size() < kHeader + kDigest) return nullptr;
  llvm::StringRef bytes(*file);
  const uint64_t size = bytes.size() - kHeader - kDigest;
  // The header must name this key: a valid entry of another definition is a miss.
  if (bytes.take_front(kHeader) != header(key, size)) return nullptr;
  llvm::StringRef signed_part = bytes.drop_back(kDigest);
  std::array<uint8_t, kDigest> want = digest(signed_part);
  if (bytes.take_back(kDigest) != llvm::StringRef(reinterpret_cast<const char*>(want.data()), kDigest)) return nullptr;
  std::error_code ec;
  fs::last_write_time(path(key), fs::file_time_type::clock::now(), ec);  // recently used: kept by trim()
  return llvm::MemoryBuffer::getMemBufferCopy(signed_part.drop_front(kHeader), key);
}

void ObjectCacheDir::store(const std::string& key, llvm::StringRef object) const {
  if (key.size() != kKeyChars || object.size() > kMaxObject) return;
  std::string entry = header(key, object.size());
  entry += object;
  std::array<uint8_t, kDigest> d = digest(entry);
  entry.append(reinterpret_cast<const char*>(d.data()), kDigest);
  try {
    rt::AtomicFile out(path(key));  // a temporary, then a rename: readers never see half an entry
    out.write(entry);
    out.commit();
  } catch (const std::exception&) {
    return;  // the cache is an optimisation: a failed store is a later miss
  }
  trim();
}

void ObjectCacheDir::trim() const {
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir_, ec)) {
    // Temporaries of a run killed while storing are removed with the trim.
    if (rt::is_stale_temporary(e.path().filename().string())) fs::remove(e.path(), ec);
    if (e.path().extension() != ".o") continue;
    std::error_code tec;
    auto t = e.last_write_time(tec);
    if (!tec) entries.emplace_back(t, e.path());
  }
  if (entries.size() <= kMaxEntries) return;
  std::sort(entries.begin(), entries.end());
  for (size_t k = 0; k + kMaxEntries < entries.size(); ++k) fs::remove(entries[k].second, ec);
}

}  // namespace leadc::jit
