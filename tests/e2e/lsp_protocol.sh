#!/usr/bin/env bash
# `leadc lsp` driven over stdio by the suite's own client (tests/e2e/lsp/): every
# feature the server announces, the lifecycle, and that bad messages get LSP errors.
source "$(dirname "$0")/lib.sh"
python3 tests/e2e/lsp/protocol_test.py "$LEADC" "$(pwd)" "$T" || fails=$((fails + 1))
finish
