#!/usr/bin/env bash
# Installs the Debian packages only the tests need (run-tests.sh calls it; the setup
# in quickstart.sh does not): help2man for the package's man page, pre-commit for the
# hooks test, chromium for the report test (opens `leadc report` output headless),
# clickhouse-server and clickhouse-client (Debian's 18.16) for the Distributed-table test
# of the ClickHouse dialect (tests/e2e/clickhouse_distributed.sh starts its own server on
# free loopback ports). Only what is missing; a second run is instant. Needs root or sudo.
set -euo pipefail
PACKAGES=(help2man pre-commit chromium clickhouse-server clickhouse-client)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing for the tests: ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
