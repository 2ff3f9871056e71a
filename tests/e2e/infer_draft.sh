#!/usr/bin/env bash
# End-to-end: `leadc infer LEADS` (LANGUAGE.md section 9, "Drafting the `lead` block")
# on the export fixtures (tests/e2e/cases/exports): each draft equals its golden file
# (tests/e2e/cases/infer), passes `leadc check` and reads the whole file it came from.
# Invoked by CTest as: infer_draft.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"
X=tests/e2e/cases/exports
G=tests/e2e/cases/infer
[ "${UPDATE_GOLDEN:-0}" = 1 ] && mkdir -p "$G"

draft_runs() {  # NAME FILE [OPTIONS...]: the draft checks and reads every row of FILE
  local name=$1 file=$2; shift 2
  local def=$T/$name.lead
  { cat "$T/$name.draft"; printf 'output %s\n' "$(sed -nE 's/^  ([a-z_0-9]+): .*/\1/p' "$T/$name.draft" | paste -sd, - | sed 's/,/, /g')"; } > "$def"
  expect_exit "$name: the draft checks" 0 "$LEADC" check "$def"
  cp "$T/$name.draft" "$T/$name.fmt.lead"
  expect_exit "$name: the draft is laid out as leadc fmt lays it out" 0 "$LEADC" fmt --check "$T/$name.fmt.lead"
  expect_exit "$name: the draft reads the whole file" 0 "$LEADC" run "$def" --leads "$file" -o "$T/$name.out.csv" "$@"
  local rows; rows=$(grep -oE '^leadc run: [0-9]+ rows read, [0-9]+ written, 0 rejected' "$T/err" | wc -l)
  expect_eq "$name: every row written" 1 "$rows"
}

for f in hubspot.csv excel_semicolon_bom.csv excel_unicode_text.txt salesforce_dataloader.csv excel_german.csv \
         us_spreadsheet.csv hubspot_epoch_millis.csv clean.csv; do
  name=${f%.*}
  expect_exit "infer $f" 0 "$LEADC" infer "$X/$f"
  sed "s|$X/||" "$T/out" > "$T/$name.draft"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$T/$name.draft" "$G/$name.lead"; fi
  if diff -u "$G/$name.lead" "$T/$name.draft" > "$T/diff"; then ok "$f: draft = golden"; else bad "$f: draft differs"; cat "$T/diff"; fi
  draft_runs "$name" "$X/$f"
done
# Windows-1252 needs --encoding, as for `leadc run`; without it, the byte is a data error.
expect_exit "infer windows_1252.csv without --encoding" 3 "$LEADC" infer $X/windows_1252.csv
contains "... says which byte and suggests --encoding" "$T/err" 'not valid UTF-8; if the file is in another encoding, say which: --encoding windows-1252'
expect_exit "infer --encoding windows-1252" 0 "$LEADC" infer $X/windows_1252.csv --encoding windows-1252
sed "s|$X/||" "$T/out" > "$T/cp1252.draft"
contains "... names the encoding" "$T/cp1252.draft" 'read as windows-1252'
draft_runs cp1252 $X/windows_1252.csv --encoding windows-1252

# Enums with the file's spellings, codes with leading zeros, ambiguous dates, e-mails,
# keyword and reserved names, a column with no header.
printf '%s\n' 'Contact ID,Lifecycle Stage,Zip,Signed Up,Email,Type,In,Score,' \
  '1,Marketing Qualified Lead,02134,11/12/2026,a@example.com,lead,x,1,' \
  '2,lead,10001,01/02/2026,b@example.com,customer,y,2,' \
  '3,Marketing Qualified Lead,94105,03/04/2025,,lead,z,3,' \
  '4,customer,60601,,c@example.com,lead,w,4,' > "$T/shapes.csv"
expect_exit "infer shapes" 0 "$LEADC" infer "$T/shapes.csv"
sed "s|$T/||" "$T/out" > "$T/shapes.draft"
[ "${UPDATE_GOLDEN:-0}" = 1 ] && cp "$T/shapes.draft" "$G/shapes.lead"
if diff -u "$G/shapes.lead" "$T/shapes.draft" > "$T/diff"; then ok "shapes: draft = golden"; else bad "shapes: draft differs"; cat "$T/diff"; fi
draft_runs shapes "$T/shapes.csv"
# The key check keeps a hash a row (runtime/hash_set64.h), not the cells: a column with
# a value in every row but two equal ones (a repeated hash, confirmed by a second pass)
# or many (past the repeats it keeps) is not the key; the first all-different one is.
awk 'BEGIN { print "Email,Owner,Lead ID,Note";
             for (i = 1; i <= 3000; i++) {
               e = (i == 2500) ? "p10@example.com" : "p" i "@example.com";
               printf "%s,owner%d,%d,%s\n", e, i % 1500, 70000 + i, (i % 3 ? "n" i : "") } }' > "$T/keys.csv"
expect_exit "infer keys" 0 "$LEADC" infer "$T/keys.csv"
matches "... an e-mail column with one repeat is not the key" "$T/out" '^  email: +email +from "Email"$'
matches "... a column with many repeats is not the key" "$T/out" '^  owner: +text +from "Owner"$'
matches "... the first all-different column is" "$T/out" '^  lead_id: +int key +from "Lead ID"$'
awk 'BEGIN { print "Lead ID,Email"; for (i = 1; i <= 3000; i++) printf "%d,p%d@example.com\n", i % 2990, i }' > "$T/keys2.csv"
expect_exit "infer keys2" 0 "$LEADC" infer "$T/keys2.csv"
matches "... ten repeats (confirmed by the second pass): not the key" "$T/out" '^  lead_id: +int +from "Lead ID"$'
matches "... the all-different column after it is" "$T/out" '^  email: +email key +from "Email"$'
expect_exit "infer a JSON Lines file" 2 "$LEADC" infer "$T/x.jsonl"
contains "... says it reads CSV" "$T/err" 'leadc infer reads CSV files'
# A multi-select column (`;` between picklist labels) is drafted as a set of an enum
# with the labels as spellings, and the draft reads the whole file.
expect_exit "infer a multi-select export" 0 "$LEADC" infer examples/products_leads.csv
cp "$T/out" "$T/sets.draft"
contains "... a set of an enum with the file's labels" "$T/sets.draft" 'type products_of_interest = enum { crm_suite "CRM Suite", cms_hub "CMS Hub", operations_hub "Operations Hub", sales_hub "Sales Hub" }'
contains "... the field reads it" "$T/sets.draft" 'products_of_interest: set of products_of_interest? from "Products of interest"'
draft_runs sets examples/products_leads.csv
finish
