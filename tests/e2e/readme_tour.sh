#!/usr/bin/env bash
# The README's 30-second tour really prints what the README shows.
source "$(dirname "$0")/lib.sh"
check_line() {  # FILE LINE: the README shows LINE, the command printed it
  if ! grep -qF -- "$2" README.md; then echo "FAIL  README lacks: $2"; fails=$((fails + 1)); fi
  if ! grep -qF -- "$2" "$1"; then echo "FAIL  leadc did not print: $2"; fails=$((fails + 1)); fi
}
"$LEADC" check examples/tour/1_vague.lead >"$T/1" 2>&1
while IFS= read -r line; do check_line "$T/1" "$line"; done < "$T/1"
"$LEADC" check examples/tour/2_ambiguous.lead >"$T/2" 2>&1
grep -E "error\[|given|checked" "$T/2" | while IFS= read -r line; do
  grep -qF -- "$line" README.md || { echo "FAIL  README lacks: $line"; exit 1; }
done || fails=$((fails + 1))
"$LEADC" check examples/tour/3_fixed.lead >"$T/3" 2>&1 && check_line "$T/3" "1 file checked: 0 errors, 0 warnings"
"$LEADC" run examples/tour/3_fixed.lead --leads examples/tour/leads.csv -o "$T/classified.csv" --as-of 2026-11-22 2>"$T/4"
check_line "$T/4" "  temperature: Hot=1 Warm=1 Cold=1"
while IFS= read -r line; do check_line "$T/classified.csv" "$line"; done < "$T/classified.csv"
"$LEADC" test examples/tour/3_fixed.lead >/dev/null || { echo "FAIL  tour example"; fails=$((fails + 1)); }
"$LEADC" diff examples/tour/3_fixed.lead examples/tour/4_wider_soon.lead >"$T/5" 2>&1
check_line "$T/5" "  Warm -> Hot  given { lead_id: \"x\", decision_timeframe: 91 days, demo_requested: true }"
while IFS= read -r line; do check_line "$T/5" "$line"; done < "$T/5"
finish
