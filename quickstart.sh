#!/usr/bin/env bash
# One command from a fresh clone: install what leadc needs, build it, check the
# bundled ReadyTalk definition and classify its lead file.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" --target leadc
./build/leadc check examples/readytalk.lead
./build/leadc run examples/readytalk.lead --leads examples/readytalk_leads.csv --as-of 2026-11-22
