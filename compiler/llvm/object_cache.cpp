// On-disk cache of JIT objects (object_cache.h). A file is the object followed by
// the SHA-1 of the object, so a truncated or damaged entry reads as a miss.
#include "compiler/llvm/object_cache.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/SHA1.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <system_error>
#include <vector>

namespace leadc::jit {

namespace fs = std::filesystem;

namespace {

// Bump when the layout of cache files or what the key covers changes.
constexpr const char* kFormat = "leadc-jit-object-1";
constexpr size_t kDigest = 20;

std::array<uint8_t, kDigest> digest(llvm::StringRef bytes) { return llvm::SHA1::hash(llvm::arrayRefFromStringRef(bytes)); }

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
  auto file = llvm::MemoryBuffer::getFile(path(key), /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!file) return nullptr;
  llvm::StringRef bytes = (*file)->getBuffer();
  if (bytes.size() <= kDigest) return nullptr;
  llvm::StringRef object = bytes.drop_back(kDigest);
  std::array<uint8_t, kDigest> want = digest(object);
  if (bytes.take_back(kDigest) != llvm::StringRef(reinterpret_cast<const char*>(want.data()), kDigest)) return nullptr;
  std::error_code ec;
  fs::last_write_time(path(key), fs::file_time_type::clock::now(), ec);  // recently used: kept by trim()
  return llvm::MemoryBuffer::getMemBufferCopy(object, key);
}

void ObjectCacheDir::store(const std::string& key, llvm::StringRef object) const {
  std::random_device rd;
  fs::path tmp = fs::path(dir_) / ("tmp-" + key + "-" + std::to_string(rd()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;
    std::array<uint8_t, kDigest> d = digest(object);
    out.write(object.data(), static_cast<std::streamsize>(object.size()));
    out.write(reinterpret_cast<const char*>(d.data()), kDigest);
    if (!out.flush()) {
      out.close();
      std::error_code ec;
      fs::remove(tmp, ec);
      return;
    }
  }
  std::error_code ec;
  fs::rename(tmp, path(key), ec);
  if (ec) {
    fs::remove(tmp, ec);
    return;
  }
  trim();
}

void ObjectCacheDir::trim() const {
  std::vector<std::pair<fs::file_time_type, fs::path>> entries;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir_, ec)) {
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
