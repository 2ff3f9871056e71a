#include "base/install_dirs.h"

#include <filesystem>
#include <string_view>
#include <system_error>

#ifndef LEADC_DOCS_URL
#define LEADC_DOCS_URL ""
#endif
#ifndef LEADC_SOURCE_DOCS_DIR
#define LEADC_SOURCE_DOCS_DIR "docs"
#endif

namespace leadc {

std::optional<std::string> installed_stdlib_dir() {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec || exe.parent_path().filename() != "bin") return std::nullopt;
  const fs::path dir = exe.parent_path().parent_path() / "share" / "leadc" / "stdlib";
  if (!fs::is_directory(dir, ec)) return std::nullopt;
  return dir.string();
}

namespace {

// A path as a file:// URI: unreserved characters and `/` as they are, other bytes %XX.
std::string file_uri(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : path) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string diagnostics_docs_url() {
  namespace fs = std::filesystem;
  if (!std::string_view(LEADC_DOCS_URL).empty()) return LEADC_DOCS_URL;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && exe.parent_path().filename() == "bin") {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "doc" / "leadc" / "diagnostics.md";
    if (fs::is_regular_file(installed, ec)) return file_uri(installed.lexically_normal().string());
  }
  const fs::path source = fs::path(LEADC_SOURCE_DOCS_DIR) / "diagnostics.md";
  if (fs::is_regular_file(source, ec)) return file_uri(source.string());
  return "";
}

}  // namespace leadc
