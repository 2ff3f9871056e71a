#!/usr/bin/env bash
# End-to-end: multi-select fields (LANGUAGE.md section 9, `set of ENUM`). The same leads
# as a `;` CSV and as JSON Lines (arrays and separated strings) classify to one expected
# output with both engines; examples with set values pass; an unknown member is one
# data error naming the field, the column and the closest member; the analysis finds
# an overlap and a gap through set conditions with witnesses that `leadc test`
# replays, and sees `has any [a, b]` as `has a or has b`; `fmt` keeps the syntax.
# Invoked by CTest as: multi_select.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"
S=tests/e2e/cases/sets
DEF=$S/products.lead

engines="interp"
"$LEADC" run "$DEF" --leads $S/leads.csv -o "$T/probe.csv" --engine jit 2>/dev/null && engines="interp jit"
[ "$engines" = "interp" ] && [ "${LEADC_JIT:-1}" != "0" ] && bad "--engine jit failed"

expect_exit "check passes" 0 "$LEADC" check "$DEF"
expect_exit "examples with set values pass" 0 "$LEADC" test "$DEF"
for engine in $engines; do
  expect_exit "CSV runs ($engine)" 0 "$LEADC" run "$DEF" --leads $S/leads.csv -o "$T/out.$engine.csv" --engine "$engine"
  if cmp -s $S/expected.csv "$T/out.$engine.csv"; then ok "CSV output ($engine)"; else bad "CSV output ($engine)"; diff $S/expected.csv "$T/out.$engine.csv"; fi
  expect_exit "JSON Lines runs ($engine)" 0 "$LEADC" run "$DEF" --leads $S/leads.jsonl -o "$T/out.$engine.jsonl" --format jsonl --engine "$engine"
  if cmp -s $S/expected.jsonl "$T/out.$engine.jsonl"; then ok "JSON Lines output ($engine)"; else bad "JSON Lines output ($engine)"; diff $S/expected.jsonl "$T/out.$engine.jsonl"; fi
  # The general CSV parser (a blank line sends the chunk there) agrees.
  (cat $S/leads.csv; printf '\n8,"crm ;",a\n') > "$T/general.csv"
  expect_exit "general CSV path runs ($engine)" 0 "$LEADC" run "$DEF" --leads "$T/general.csv" -o "$T/general.$engine.csv" --engine "$engine"
  (cat $S/expected.csv; echo "8,crm_only,with_a,true,crm,a") > "$T/general.expected"
  if cmp -s "$T/general.expected" "$T/general.$engine.csv"; then ok "general CSV path output ($engine)"; else bad "general CSV path ($engine)"; diff "$T/general.expected" "$T/general.$engine.csv"; fi
done

# An unknown member: one data error for the cell, naming field, column, text, closest member.
printf 'lead_id,Products,Tags\n1,crm;CMS,a\n' > "$T/bad.csv"
expect_exit "an unknown member is a data error" 3 "$LEADC" run "$DEF" --leads "$T/bad.csv" -o "$T/none.csv"
contains "... naming the field, column, member and the closest one" "$T/err" \
  'bad.csv:2:3: error: field `products` (column "Products"): cannot read "crm;CMS" as set of product: "CMS" is not a member; did you mean cms?; expected members separated by ";", each one of crm, cms ("CMS Hub"), ops ("Operations Hub"), sales ("Sales Hub")'
count_is "... once, not once per member" "$T/err" "is not a member" 1
printf 'lead_id,Products,Tags\n1,crm,a|d\n' > "$T/bad2.csv"
expect_exit "a required set's unknown member" 3 "$LEADC" run "$DEF" --leads "$T/bad2.csv" -o "$T/none.csv"
contains "... with the set's own separator" "$T/err" 'cannot read "a|d" as set of tags: "d" is not a member'
printf '{"lead_id":"1","Products":["crm",3],"Tags":"a"}\n' > "$T/bad.jsonl"
expect_exit "JSON Lines: a non-string item" 3 "$LEADC" run "$DEF" --leads "$T/bad.jsonl" -o "$T/none.csv"
printf 'lead_id,Tags\n1,a\n' > "$T/nocol.csv"
expect_exit "a set's missing column" 3 "$LEADC" run "$DEF" --leads "$T/nocol.csv" -o "$T/none.csv"
count_is "... is reported once" "$T/err" 'column `Products` for field `products` is missing' 1
expect_exit "--on-error skip rejects the row" 0 "$LEADC" run "$DEF" --leads "$T/bad.csv" -o "$T/skip.csv" --on-error skip
contains "... and counts it" "$T/err" "1 row read, 0 written, 1 rejected"

# The analysis: an overlap and a gap found through set conditions.
expect_exit "check finds the findings" 1 "$LEADC" check $S/overlap.lead
cp "$T/err" "$T/findings"
contains "an overlap of has any and has" "$T/findings" "[E0401]"
contains "a gap: a missing set" "$T/findings" "[E0402]"
contains "the overlap's witness lists both members" "$T/findings" "products: [crm, ops]"
contains "the gap's witness is a missing set" "$T/findings" "products: missing"
# Each witness, pasted into an example, reproduces its finding.
overlap=$(grep -o 'given { [^}]*products: \[[^]]*\][^}]*}' "$T/findings" | head -1)
gap=$(grep -o 'given { [^}]*products: missing[^}]*}' "$T/findings" | head -1)
{ sed -e 's/(unique)/(first match)/' -e 's/^\(  none .*\)$/\1\n  other otherwise/' $S/overlap.lead
  printf 'term w = products has any [crm, cms]\nterm i = products has ops\n'
  printf 'example "overlap" {\n  %s\n  expect w == true, i == true\n}\n' "$overlap"
  printf 'example "gap" {\n  %s\n  expect tier == other\n}\n' "$gap"; } > "$T/replay.lead"
expect_exit "the witnesses replay with leadc test" 0 "$LEADC" test "$T/replay.lead"

# One known flag per set: no false overlap between a member and `is missing`.
expect_exit "a set's members are known together" 0 "$LEADC" check $S/known_together.lead

# `has any [a, b]` is `has a or has b`, `has all [a, b]` is `has a and has b`.
expect_exit "diff: has any / has all vs or / and" 0 "$LEADC" diff $S/any_old.lead $S/any_new.lead
contains "... equivalent" "$T/out" "equivalent"
expect_exit "diff: has crm alone is a change" 0 "$LEADC" diff $S/any_old.lead $S/changed_new.lead
contains "... the change is found with a set in its witness" "$T/out" "products: [cms]"

sed 's/enum { crm, cms, ops }/enum { crm, cms, ops, web }/' $S/any_old.lead > "$T/more.lead"
expect_exit "diff: a set whose members changed is refused" 2 "$LEADC" diff $S/any_old.lead "$T/more.lead"
contains "... naming both lists" "$T/err" 'set of { crm, cms, ops } separator ";" -> set of { crm, cms, ops, web } separator ";"'

# fmt keeps the syntax: formatting is idempotent and the result checks the same.
expect_exit "fmt" 0 "$LEADC" fmt "$DEF" --stdout
cp "$T/out" "$T/fmt1.lead"
expect_exit "fmt of fmt" 0 "$LEADC" fmt "$T/fmt1.lead" --stdout
if cmp -s "$T/fmt1.lead" "$T/out"; then ok "fmt is idempotent"; else bad "fmt is not idempotent"; diff "$T/fmt1.lead" "$T/out"; fi
contains "fmt keeps has any" "$T/fmt1.lead" "products has any [cms, ops, sales]"
contains "fmt keeps set of ... separator" "$T/fmt1.lead" 'set of enum { a, b, c } separator "|"'
expect_exit "the formatted file passes its examples" 0 "$LEADC" test "$T/fmt1.lead"
# A cases file cannot expect a set (as `expect` in an example cannot): an error, not a crash.
printf 'lead_id,Products,Tags,expect products\n1,crm,,crm\n' >"$T/cases_set.csv"
expect_exit "a cases file expecting a set is refused" 3 "$LEADC" test "$DEF" --cases "$T/cases_set.csv"
finish
