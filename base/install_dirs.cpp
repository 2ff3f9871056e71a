#include "base/install_dirs.h"

#include <filesystem>
#include <system_error>

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

}  // namespace leadc
