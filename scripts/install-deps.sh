#!/usr/bin/env bash
# Installs the Debian packages leadc needs to build and test, only if some are
# missing (so a second run is instant). Needs root or sudo.
set -euo pipefail
PACKAGES=(
  cmake g++ ninja-build pkg-config make
  default-jre-headless antlr4 libantlr4-runtime-dev   # parser generator (4.7.2) + C++ runtime (4.9)
  llvm-16-dev libzstd-dev zlib1g-dev                   # JIT; LLVMSupport links zstd and zlib
  libz3-dev                                            # ambiguity analysis
  libfmt-dev doctest-dev libsimdjson-dev libcli11-dev  # formatting, tests, JSON Lines, command line
  libsqlite3-dev sqlite3 postgresql                    # SQL differential tests
  nlohmann-json3-dev                                   # the language server's JSON-RPC (leadc lsp)
  libhowardhinnant-date-dev tzdata                     # time zones (`zone`, --timezone)
  libssl-dev                                           # SHA-256 of a definition (run --provenance, report)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
