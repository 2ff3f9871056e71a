#!/usr/bin/env bash
# Builds leadc and runs every test (unit, golden, end-to-end, SQL differential) with CTest.
#   BUILD_DIR   build folder (default: build)
#   CMAKE_ARGS  extra configure arguments, e.g. "-DLEADC_SANITIZE=ON -DLEADC_JIT=OFF"
#   CTEST_ARGS  extra ctest arguments, e.g. "-E sql_differential"
set -euo pipefail
cd "$(dirname "$0")"
BUILD_DIR=${BUILD_DIR:-build}
bash scripts/install-deps.sh
bash scripts/install-test-deps.sh
# shellcheck disable=SC2086
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo ${CMAKE_ARGS:-} >/dev/null
cmake --build "$BUILD_DIR" -j "$(nproc)"
# shellcheck disable=SC2086
ctest --test-dir "$BUILD_DIR" --output-on-failure -j 2 ${CTEST_ARGS:-}
