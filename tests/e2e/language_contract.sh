#!/usr/bin/env bash
# End-to-end: every example of ../shared/LANGUAGE.md behaves exactly as the page says.
# Invoked by CTest as: language_contract.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"

# Section 1: the ReadyTalk definition is accepted, its example passes, it runs.
expect_exit "readytalk.lead passes check" 0 "$LEADC" check examples/readytalk.lead
contains "readytalk.lead has no findings" "$T/err" "0 errors, 0 warnings"
expect_exit "readytalk.lead examples pass" 0 "$LEADC" test examples/readytalk.lead
contains "the A1 example passes" "$T/out" "ok    examples/readytalk.lead: a referred economic buyer with budget is A1 and goes to sales"
expect_exit "readytalk runs over its lead file" 0 "$LEADC" run examples/readytalk.lead --leads examples/readytalk_leads.csv -o "$T/rt.csv" --as-of 2026-11-22
if [ "$(head -1 "$T/rt.csv")" = "lead_id,fit,interest,engagement,route,has_required_info" ]; then ok "output header is the output list"; else bad "output header: $(head -1 "$T/rt.csv")"; fi
rows_in=$(($(python3 -c "import csv,sys;print(sum(1 for _ in csv.reader(open('examples/readytalk_leads.csv', newline=''))))") - 1))
rows_out=$(($(wc -l < "$T/rt.csv") - 1))
if [ "$rows_in" = "$rows_out" ]; then ok "rows in = rows out ($rows_in)"; else bad "rows in $rows_in, out $rows_out"; fi
contains "summary counts labels" "$T/err" "fit:"
# Every engine gives the same answer (interpreter, and the JIT when built).
"$LEADC" run examples/readytalk.lead --leads examples/readytalk_leads.csv -o "$T/rt_interp.csv" --engine interp --as-of 2026-11-22 2>/dev/null
if "$LEADC" run examples/readytalk.lead --leads examples/readytalk_leads.csv -o "$T/rt_jit.csv" --engine jit --as-of 2026-11-22 2>/dev/null; then
  if cmp -s "$T/rt_interp.csv" "$T/rt_jit.csv"; then ok "jit output = interpreter output"; else bad "jit and interpreter differ"; diff "$T/rt_interp.csv" "$T/rt_jit.csv" | head; fi
else
  [ "${LEADC_JIT:-1}" = "0" ] && ok "no JIT in this build" || bad "--engine jit failed"
fi

# Section 5: sample_b is rejected with E0202 for `soon` and `strong_interest`.
expect_exit "sample_b.lead is rejected" 1 "$LEADC" check examples/sample_b.lead
contains "E0202 for strong_interest" "$T/err" "error[E0202]: \`strong_interest\` is vague"
contains "E0202 for soon" "$T/err" "error[E0202]: \`soon\` is vague"
count_is "exactly two findings in sample_b" "$T/err" "error[" 2
contains "the message shows an example term" "$T/err" "term soon = decision_timeframe <= 90 days"

# Section 5: sample_a is rejected with two gaps, and each witness reproduces its gap.
expect_exit "sample_a.lead is rejected" 1 "$LEADC" check examples/sample_a.lead
count_is "two E0402 gaps" "$T/err" "error[E0402]" 2
count_is "nothing else" "$T/err" "error[" 2
contains "gap 1: a timeframe over six months" "$T/err" "decision_timeframe: 181 days"
contains "gap 2: not actively looking, no timeframe" "$T/err" "actively_looking: false, decision_timeframe: missing"
cp examples/sample_a.lead "$T/sample_a_witness.lead"
grep -A1 "witness:" "$T/err" | grep "given" | sed 's/^ *//' | nl -w1 -s' ' | while read -r n given; do
  printf '\nexample "witness %s" {\n  %s\n  expect temperature == missing\n}\n' "$n" "$given" >> "$T/sample_a_witness.lead"
done
# It still has its gaps, so `test` fails (as `check` does), but the examples run regardless.
expect_exit "pasted witnesses reproduce the gaps" 1 "$LEADC" test "$T/sample_a_witness.lead"
count_is "both witness examples ran" "$T/out" "ok    " 2
contains "and the gaps fail the test" "$T/out" "ERROR $T/sample_a_witness.lead: the definition does not check"
expect_exit "sample_a_fixed.lead passes check" 0 "$LEADC" check examples/sample_a_fixed.lead

# Section 3/5: a duration compared with a bare number is E0302.
printf 'lead {\n  lead_id: text key\n  decision_timeframe: duration? in days\n}\nterm soon = decision_timeframe <= 90\noutput lead_id, soon\n' > "$T/e0302.lead"
expect_exit "decision_timeframe <= 90 is rejected" 1 "$LEADC" check "$T/e0302.lead"
contains "with E0302 at 5:13" "$T/err" "e0302.lead:5:13: error[E0302]"

# Section 4: three-valued logic; section 3: 1 month = 30 days, inclusive ranges.
expect_exit "three-valued logic examples" 0 "$LEADC" test tests/e2e/cases/three_valued.lead
expect_exit "three-valued run" 0 "$LEADC" run tests/e2e/cases/three_valued.lead --leads tests/e2e/cases/three_valued_leads.csv -o "$T/tv.csv"
contains "missing prints as an empty cell, labels as written" "$T/tv.csv" "m1,,,false,true,,true,false,5,undecided"

# Section 7: a missing column is an error before any row is read (exit 3, no output).
sed '1s/annual_revenue_usd/annual_revenue/' examples/readytalk_leads.csv > "$T/renamed.csv"
expect_exit "a missing column exits 3" 3 "$LEADC" run examples/readytalk.lead --leads "$T/renamed.csv" -o "$T/none.csv"
contains "naming the closest header" "$T/err" "annual_revenue"
if [ ! -e "$T/none.csv" ]; then ok "no output file after a data error"; else bad "output file left behind"; fi
# A bad cell: file:line:column, exit 3; with --on-error skip, rows read = written + rejected.
python3 - "$T/bad.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open("examples/readytalk_leads.csv", newline="")))
rows[3][rows[0].index("employees")] = "lots"   # the 3rd data row, on line 4
csv.writer(open(sys.argv[1], "w", newline=""), lineterminator="\n").writerows(rows)
PY
expect_exit "a bad cell exits 3" 3 "$LEADC" run examples/readytalk.lead --leads "$T/bad.csv" -o "$T/bad_out.csv"
contains "with file:line:column" "$T/err" "bad.csv:4:"
contains "naming the field and the text" "$T/err" 'field `employees` (column "employees"): cannot read "lots" as int; expected a whole number'
expect_exit "--on-error skip goes on" 0 "$LEADC" run examples/readytalk.lead --leads "$T/bad.csv" -o "$T/skip.csv" --on-error skip
contains "one row rejected" "$T/err" "1 rejected"
if [ -s "$T/skip.csv.rejects.csv" ] || grep -q "rejected rows written to" "$T/err"; then ok "rejects file written"; else bad "no rejects file"; fi

# Section 2: `--set NAME=VALUE` overrides a const and the analysis runs again first.
expect_exit "--set that keeps the tiers exclusive runs" 0 "$LEADC" run tests/e2e/cases/set_const.lead --leads tests/e2e/cases/set_const_leads.csv -o "$T/set_ok.csv" --set hot_window="60 days"
contains "the override is used" "$T/set_ok.csv" "b,Warm"
contains "and the file is classified" "$T/set_ok.csv" "a,Hot"
expect_exit "--set that makes the tiers overlap is refused before any row is read" 1 "$LEADC" run tests/e2e/cases/set_const.lead --leads tests/e2e/cases/set_const_leads.csv -o "$T/set_bad.csv" --set hot_window="400 days"
contains "with the overlap and its witness" "$T/err" "error[E0401]"
if [ ! -e "$T/set_bad.csv" ]; then ok "no output file after the refused --set"; else bad "output written despite E0401"; fi
expect_exit "--set with a bare number is a type error" 1 "$LEADC" run tests/e2e/cases/set_const.lead --leads tests/e2e/cases/set_const_leads.csv -o "$T/set_num.csv" --set hot_window=120
contains "E0302 for the bare number" "$T/err" "E0302"

# Section 8: exit code 2 for usage and I/O errors.
expect_exit "unknown option exits 2" 2 "$LEADC" run examples/readytalk.lead --leads examples/readytalk_leads.csv --bogus
expect_exit "unreadable lead file exits 2" 2 "$LEADC" run examples/readytalk.lead --leads "$T/does_not_exist.csv"
expect_exit "check --help exits 0" 0 "$LEADC" check --help

finish
