// Where an installed leadc finds its data: relative to its own executable, so that
// `cmake --install` to any prefix (or a .deb's /usr) works without configuration.
#pragma once

#include <optional>
#include <string>

namespace leadc {

// PREFIX/share/leadc/stdlib when the running executable is PREFIX/bin/leadc and
// that folder exists; nullopt otherwise (a build tree, or no /proc).
std::optional<std::string> installed_stdlib_dir();

}  // namespace leadc
