#!/usr/bin/env bash
# Where definitions come from and how a slip is answered: `-` reads standard input,
# `/dev/fd/N` (process substitution) works, a misspelt command or option gets "did you
# mean", and `fmt --check --diff` prints a unified diff that `patch` applies.
source "$(dirname "$0")/lib.sh"
expect_exit "check - (a clean definition on stdin)" 0 bash -c "'$LEADC' check - < examples/readytalk.lead"
expect_exit "check - (findings on stdin)" 1 bash -c "'$LEADC' check - < examples/sample_b.lead"
contains "stdin is named <stdin>" "$T/err" "<stdin>:12:15: error[E0202]"
expect_exit "test - runs the examples from stdin" 0 bash -c "'$LEADC' test - < examples/readytalk.lead"
contains "test - reports them" "$T/out" "ok    -: a referred economic buyer"
expect_exit "check /dev/fd/N" 1 bash -c "'$LEADC' check <(cat examples/sample_a.lead)"
matches "the pipe's name is kept" "$T/err" '^/dev/fd/[0-9]+:9:1: error\[E0402\]'
expect_exit "check --format sarif of /dev/fd/N" 1 bash -c "'$LEADC' check --format sarif <(cat examples/sample_a.lead)"
contains "an absolute pipe path is a file:// uri" "$T/out" '"uri":"file:///dev/fd/'
expect_exit "compile --emit ir of /dev/fd/N" 0 bash -c "'$LEADC' compile --emit ir <(cat examples/readytalk.lead)"
expect_exit "a misspelt command" 2 "$LEADC" chek examples/readytalk.lead
contains "it says which command was meant" "$T/err" 'unknown command "chek"; did you mean "check"?'
expect_exit "an unknown command far from any" 2 "$LEADC" frobnicate
contains "it is named, with no guess" "$T/err" 'unknown command "frobnicate"'
if grep -q "did you mean" "$T/err"; then bad "no guess for a far-off command"; else ok "no guess for a far-off command"; fi
expect_exit "a misspelt option" 2 "$LEADC" check --formt json examples/readytalk.lead
contains "it says which option was meant" "$T/err" 'unknown option `--formt` of `leadc check`; did you mean `--format`?'
expect_exit "a known option with =" 0 "$LEADC" check --format=json examples/readytalk.lead
# fmt --check --diff
printf 'lead {\n lead_id: text key\n  employees: int\n}\nterm big    = employees >= 1000\noutput   lead_id, big\n' > "$T/ugly.lead"
cp "$T/ugly.lead" "$T/ugly.orig"
expect_exit "fmt --check --diff exits 1 for an unformatted file" 1 "$LEADC" fmt --check --diff "$T/ugly.lead"
contains "a unified diff header" "$T/out" "--- $T/ugly.lead"
contains "a hunk" "$T/out" "@@ -1,6 +1,6 @@"
contains "the changed line" "$T/out" "+output lead_id, big"
cmp -s "$T/ugly.lead" "$T/ugly.orig" && ok "--diff writes nothing" || bad "--diff writes nothing"
"$LEADC" fmt --stdout "$T/ugly.lead" > "$T/want.lead"
patch -s -o "$T/patched.lead" "$T/ugly.lead" < "$T/out" && cmp -s "$T/patched.lead" "$T/want.lead" \
  && ok "the diff applied with patch gives the formatted file" || bad "the diff applied with patch gives the formatted file"
# A longer file with changes far apart: several hunks, and patch still agrees.
{ cat "$T/ugly.lead"; for i in $(seq 1 30); do echo "term t$i = employees >= $i"; done; echo "term   last =   employees >= 5"; } > "$T/long.lead"
"$LEADC" fmt --diff "$T/long.lead" > "$T/long.diff"; code=$?
expect_eq "fmt --diff alone exits 0" 0 "$code"
count_is "two hunks for two distant changes" "$T/long.diff" "@@ " 2
"$LEADC" fmt --stdout "$T/long.lead" > "$T/long_want.lead"
patch -s -o "$T/long_patched.lead" "$T/long.lead" < "$T/long.diff" && cmp -s "$T/long_patched.lead" "$T/long_want.lead" \
  && ok "multi-hunk diff applies" || bad "multi-hunk diff applies"
expect_exit "fmt --check --diff of a formatted file" 0 "$LEADC" fmt --check --diff examples/readytalk.lead
[ -s "$T/out" ] && bad "no diff for a formatted file" || ok "no diff for a formatted file"
finish
