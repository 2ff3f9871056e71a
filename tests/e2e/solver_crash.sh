#!/usr/bin/env bash
# Issue 18: a crash inside the solver (a signal, not a z3::exception) is caught and
# reported as W0406 for the part of the analysis it happened in; the other parts keep
# their findings and `check` exits as it would without the crash (contain.cpp). The
# crash is the test hook LEADC_TEST_SOLVER_CRASH (docs/architecture.md): SIGSEGV in the
# solver's child process at the start of its N-th part, or while it builds the encoding.
# In the ASan build ASan reports the SEGV in the child, which then ends: a crash too.
source "$(dirname "$0")/lib.sh"
cat > "$T/c.lead" <<'LEAD'
lead { lead_id: text key  employees: int  role: enum { vp, ic }? }
term big = employees >= 100
score points (0..10) {
  +8 when big
  +8 when role == vp
}
classify size (unique) {
  large when employees >= 100
  mid   when employees >= 50
  small when employees < 60
}
output lead_id, points, size
LEAD
# Without the hook: the findings of every part (W0502 for the score, E0401 for size).
expect_exit "check without a crash" 1 env NO_COLOR=1 "$LEADC" check "$T/c.lead"
cp "$T/err" "$T/clean.txt"
contains "the score's finding" "$T/clean.txt" "warning[W0502]"
contains "the classification's finding" "$T/clean.txt" "error[E0401]"
if grep -q "W0406" "$T/clean.txt"; then bad "no W0406 without a crash"; else ok "no W0406 without a crash"; fi
# Parts: 1 the conditions, 2 the score `points`, 3 the classification `size`.
expect_exit "a crash in the score's part: check ends normally" 1 env NO_COLOR=1 LEADC_TEST_SOLVER_CRASH=2 "$LEADC" check "$T/c.lead"
contains "W0406 for that part" "$T/err" "warning[W0406]: could not decide whether the points of score \`points\` stay in range: the solver crashed"
contains "naming the signal" "$T/err" "the solver's process ended with"
if grep -q "warning\[W0502\]" "$T/err"; then bad "the crashed part has no finding of its own"; else ok "the crashed part has no finding of its own"; fi
contains "the parts after it still run (E0401)" "$T/err" "error[E0401]: labels \`large\` and \`mid\` of \`size\` can both be true"
contains "one warning more than without the crash, one less W0502" "$T/err" "1 file checked: 2 errors, 1 warning"
# The other findings are exactly those of the run without the crash.
grep -v "W0406\|W0502\|the solver's process\|^1 file checked" "$T/err" > "$T/crash_rest.txt"
python3 - "$T/clean.txt" "$T/err" <<'PY' && ok "the E0401 findings are those without the crash" || bad "the E0401 findings are those without the crash"
import re, sys
def blocks(path, code):
    text = open(path).read()
    return [b for b in re.split(r"\n(?=\S)", text) if f"[{code}]" in b.split("\n")[0]]
a, b = blocks(sys.argv[1], "E0401"), blocks(sys.argv[2], "E0401")
assert a and a == b, (a, b)
PY
expect_exit "a crash in the conditions part" 1 env NO_COLOR=1 LEADC_TEST_SOLVER_CRASH=1 "$LEADC" check "$T/c.lead"
contains "W0406 for the conditions" "$T/err" "could not decide whether the conditions of this definition can be true and false: the solver crashed"
contains "the score still checked" "$T/err" "warning[W0502]"
contains "the classification still checked" "$T/err" "error[E0401]"
expect_exit "a crash in the last part" 0 env NO_COLOR=1 LEADC_TEST_SOLVER_CRASH=3 "$LEADC" check "$T/c.lead"
contains "W0406 for the classification" "$T/err" "could not decide whether the labels of \`size\` are consistent: the solver crashed"
contains "the score's finding kept" "$T/err" "warning[W0502]"
expect_exit "a crash while building the encoding" 0 env NO_COLOR=1 LEADC_TEST_SOLVER_CRASH=build "$LEADC" check "$T/c.lead"
contains "one W0406 for the definition" "$T/err" "could not decide the checks of this definition: the solver crashed"
contains "while building the formulas" "$T/err" "while building the formulas"
# JSON: the W0406 is a finding like any other.
env LEADC_TEST_SOLVER_CRASH=2 "$LEADC" check --format json "$T/c.lead" > "$T/c.json" 2>/dev/null
contains "json: the W0406" "$T/c.json" '"code":"W0406"'
# The hook names a part the definition does not have: no crash, the findings as without it.
env NO_COLOR=1 LEADC_TEST_SOLVER_CRASH=9 "$LEADC" check "$T/c.lead" 2> "$T/nine.txt"
if cmp -s "$T/clean.txt" "$T/nine.txt"; then ok "no such part: the same output"; else bad "no such part: the same output"; diff "$T/clean.txt" "$T/nine.txt" | head; fi
finish
