// The JIT's on-disk cache of compiled objects, so that running the same definition
// again skips optimisation and code generation. Entries live in
// $XDG_CACHE_HOME/leadc (else ~/.cache/leadc); LEADC_JIT_CACHE=0 turns it off.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/MemoryBuffer.h>

namespace leadc::jit {

class ObjectCacheDir {
 public:
  // The cache directory (created if needed), or nullopt when the cache is off or
  // there is no usable directory.
  static std::optional<ObjectCacheDir> open();

  // A key for the generated LLVM IR as printed before optimisation, the LLVM
  // version, the target CPU and features, and the compile settings.
  static std::string key(llvm::StringRef ir_text, llvm::StringRef cpu, llvm::StringRef features,
                         llvm::StringRef settings);

  // The object stored under `key`, or null when absent, damaged, or stored for another
  // key (the entry holds its key and a checksum; both are checked before use).
  std::unique_ptr<llvm::MemoryBuffer> load(const std::string& key) const;
  // Stores atomically (temporary file, then rename); failures are ignored, the
  // cache being an optimisation. Keeps at most kMaxEntries, dropping the oldest.
  void store(const std::string& key, llvm::StringRef object) const;

  const std::string& dir() const { return dir_; }
  static constexpr size_t kMaxEntries = 256;

 private:
  explicit ObjectCacheDir(std::string dir) : dir_(std::move(dir)) {}
  std::string path(const std::string& key) const;
  void trim() const;

  std::string dir_;
};

}  // namespace leadc::jit
