#!/usr/bin/env bash
# End-to-end: arithmetic whose result is not finite is missing in every engine
# (docs/language.md decision 99): the output, the conditions and `--reasons` agree,
# and the interpreter and the JIT give the same bytes. A cell that reads as a
# non-finite number is a data error.
# Invoked by CTest as: nonfinite_arith.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"
cat > "$T/ov.lead" <<'LEAD'
lead { id: text key  x: number?  y: number? }
term big = x * 10
term sum = x + x
term gap = big - big
term q = x / y
classify k (first match) {
  a when q > 1
  b when big > 1
  d when gap is missing
  z otherwise
}
output id, big, sum, gap, q, k
LEAD
nines=$(printf '9%.0s' $(seq 308))
printf 'id,x,y\n1,%s,0\n2,2,1\n' "$nines" > "$T/ov.csv"
expect_exit "interp: x * 10 past the double maximum" 0 "$LEADC" run "$T/ov.lead" --leads "$T/ov.csv" --reasons -o "$T/interp.csv" --engine interp
expect_eq "interp: big, sum and gap are missing and k says so" \
  "$(printf 'id,big,sum,gap,q,k,reasons\n1,,,,,d,k=d: gap is missing\n2,20,4,0,2,a,k=a: q > 1')" "$(cat "$T/interp.csv")"
# --reasons is the interpreter's; the JIT's output equals the interpreter's without it.
expect_exit "interp without --reasons" 0 "$LEADC" run "$T/ov.lead" --leads "$T/ov.csv" -o "$T/interp_plain.csv" --engine interp
expect_eq "... the same labels" "$(cut -d, -f1-6 "$T/interp.csv")" "$(cat "$T/interp_plain.csv")"
if "$LEADC" run "$T/ov.lead" --leads "$T/ov.csv" -o "$T/jit.csv" --engine jit 2>"$T/err"; then
  if cmp -s "$T/interp_plain.csv" "$T/jit.csv"; then ok "jit = interp"; else bad "jit differs"; diff "$T/interp_plain.csv" "$T/jit.csv"; fi
else
  [ "${LEADC_JIT:-1}" = "0" ] && ok "no JIT in this build" || { bad "--engine jit failed"; cat "$T/err"; }
fi
# A constant expression folds by the same rule.
big_lit="1$(printf '0%.0s' $(seq 308))"
printf 'lead { id: text key }\nterm t = %s * 10\nterm u = %s * 10 - %s * 10\nterm m = t is missing\noutput id, t, u, m\n' "$big_lit" "$big_lit" "$big_lit" > "$T/c.lead"
printf 'id\n1\n' > "$T/c.csv"
expect_exit "a folded constant overflow" 0 "$LEADC" run "$T/c.lead" --leads "$T/c.csv" -o "$T/c.out.csv"
expect_eq "... is missing" "$(printf 'id,t,u,m\n1,,,true')" "$(cat "$T/c.out.csv")"
# Cells that read as a non-finite number are data errors.
for cell in 1e999 inf -inf nan Infinity NaN; do
  printf 'id,x,y\n1,%s,1\n' "$cell" > "$T/bad.csv"
  expect_exit "cell $cell is a data error" 3 "$LEADC" run "$T/ov.lead" --leads "$T/bad.csv" -o "$T/bad.out.csv"
  contains "... naming the cell" "$T/err" "cannot read \"$cell\" as number"
done
finish
