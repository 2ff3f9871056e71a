#!/usr/bin/env bash
# Every bundled example (but the two deliberately ambiguous samples) passes
# `leadc check` with no finding and `leadc test`, and runs over its own lead file with
# rows in = rows out. The e2e case files' examples pass too, and all of it is formatted.
source "$(dirname "$0")/lib.sh"
for f in examples/*.lead; do
  case "$f" in */sample_a.lead|*/sample_b.lead) continue ;; esac
  # behaviour.lead is LANGUAGE.md §6 as written: a lead with no events gets -10 before
  # clamping, a true W0502 and its only finding (tests/e2e/activities.sh checks it).
  findings="0 errors, 0 warnings"
  case "$f" in */behaviour.lead) findings="0 errors, 1 warning" ;; esac
  if ! out=$("$LEADC" check "$f" 2>&1) || ! grep -q "$findings" <<<"$out"; then
    echo "FAIL  check $f"; echo "$out" | head -30; fails=$((fails + 1)); continue
  fi
  if ! out=$("$LEADC" test "$f" 2>&1); then echo "FAIL  test $f"; echo "$out"; fails=$((fails + 1)); continue; fi
  echo "ok    $f ($(tail -1 <<<"$out"))"
  base=$(basename "$f" .lead)
  csv=$(ls examples/"${base}"*.csv 2>/dev/null | grep -v '_events\.csv$' | head -1)
  [ -n "$csv" ] || { echo "FAIL  no lead file for $f"; fails=$((fails + 1)); continue; }
  events=()
  [ -f "examples/${base}_events.csv" ] && events=(--activities "examples/${base}_events.csv")
  if ! "$LEADC" run "$f" --leads "$csv" "${events[@]}" -o "$T/$base.csv" --as-of 2026-11-22 2>"$T/err"; then
    echo "FAIL  run $f"; cat "$T/err"; fails=$((fails + 1)); continue
  fi
  rows_in=$(python3 -c "import csv,sys;print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='')))-1)" "$csv")
  rows_out=$(python3 -c "import csv,sys;print(sum(1 for _ in csv.reader(open(sys.argv[1], newline='')))-1)" "$T/$base.csv")
  if [ "$rows_in" = "$rows_out" ]; then echo "ok    run $f: $rows_out rows"; else echo "FAIL  run $f: $rows_in in, $rows_out out"; fails=$((fails + 1)); fi
done
for f in tests/e2e/cases/*.lead; do
  if out=$("$LEADC" test "$f" 2>&1); then echo "ok    test $f"; else echo "FAIL  test $f"; echo "$out"; fails=$((fails + 1)); fi
done
# Everything we ship is in the canonical layout of `leadc fmt`.
if out=$("$LEADC" fmt --check examples/*.lead examples/tour/*.lead stdlib/*.lead tests/e2e/cases/*.lead 2>&1); then
  echo "ok    fmt --check"
else
  echo "FAIL  fmt --check: $out"; fails=$((fails + 1))
fi
finish
