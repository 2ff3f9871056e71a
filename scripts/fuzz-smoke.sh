#!/usr/bin/env bash
# A short libFuzzer run of every fuzz target (tools/fuzz/): the front end on any bytes,
# the CSV fast path against the general parser on any chunk, and the analysis on
# random small definitions. Builds with clang
# into build-fuzz (JIT off) and installs clang's packages when they are missing.
#   FUZZ_SECONDS  seconds per target (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${FUZZ_SECONDS:-30}
BUILD=${FUZZ_BUILD_DIR:-build-fuzz}

need=()
command -v clang++ >/dev/null || need+=(clang)
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1 || need+=(libclang-rt-14-dev)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang "${need[@]}" >&2
fi

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DLEADC_FUZZ=ON -DLEADC_JIT=OFF -DLEADC_TESTS=OFF >/dev/null
cmake --build "$BUILD" -j "$(nproc)" --target fuzz_frontend fuzz_csv fuzz_analysis

run() {  # TARGET SEED_DIRS…
  local target=$1
  shift
  mkdir -p "$BUILD/corpus-$target"
  echo "== fuzz $target for ${SECONDS_PER_TARGET} s"
  local log=$BUILD/$target.log status=0
  "$BUILD/tools/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" -max_len=4096 -print_final_stats=1 \
    "$BUILD/corpus-$target" "$@" >"$log" 2>&1 || status=$?
  grep -E '^Done' "$log" || true
  if [ $status -ne 0 ]; then
    tail -40 "$log" >&2
    echo "fuzz-smoke: $target failed (input saved as crash-*/leak-*/timeout-* in $(pwd))" >&2
    return 1
  fi
}
run fuzz_frontend examples tests/golden/cases
run fuzz_csv tools/fuzz/seeds/csv
run fuzz_analysis
