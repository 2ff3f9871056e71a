#!/usr/bin/env bash
# Golden tests: each tests/golden/cases/NAME.lead is checked (or, for E0305 cases,
# tested) and leadc's exact stderr and exit code must equal NAME.expected.
# Regenerate on purpose only:  tests/golden/golden_diagnostics.sh build/leadc . --update
set -uo pipefail
LEADC=$(realpath "$1")
cd "$2" || exit 2
UPDATE=${3:-}
fail=0
count=0
for lead in tests/golden/cases/*.lead; do
  expected="${lead%.lead}.expected"
  cmd=check
  case "$(basename "$lead")" in E0305*) cmd=test ;; esac
  actual=$(NO_COLOR=1 "$LEADC" "$cmd" "$lead" 2>&1; echo "exit: $?")
  count=$((count + 1))
  if [ "$UPDATE" = "--update" ]; then
    printf '%s\n' "$actual" > "$expected"
    continue
  fi
  if [ ! -f "$expected" ]; then
    echo "MISSING $expected (run with --update to create it)"
    fail=1
    continue
  fi
  if ! diff -u "$expected" <(printf '%s\n' "$actual") > /tmp/golden_diff.$$; then
    echo "FAIL $lead"
    cat /tmp/golden_diff.$$
    fail=1
  fi
done
rm -f /tmp/golden_diff.$$
# Every code in diagnostics.def that a single file can trigger has a golden case.
for code in $(grep -o '^DIAG([EW][0-9]*' base/diagnostics.def | cut -c6-); do
  case "$code" in E0001|W0406) continue ;; esac  # unreadable file; solver timeout
  if ! grep -l "\[$code\]" tests/golden/cases/*.expected >/dev/null 2>&1; then
    echo "NO GOLDEN CASE produces $code"
    fail=1
  fi
done
echo "$count golden cases"
exit $fail
