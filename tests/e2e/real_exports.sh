#!/usr/bin/env bash
# End-to-end: LANGUAGE.md section 9, file level and cells — the same leads as each tool
# exports them (tests/e2e/cases/exports, made by make_fixtures.py) classify to the same
# output as the clean UTF-8 file with both engines, and each bad shape gets exit 3 and
# the message section 9 describes. Invoked by CTest as: real_exports.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"
X=tests/e2e/cases/exports
DEF=$X/crm.lead

engines="interp"
"$LEADC" run "$DEF" --leads $X/clean.csv -o "$T/probe.csv" --engine jit 2>/dev/null && engines="interp jit"
[ "$engines" = "interp" ] && [ "${LEADC_JIT:-1}" != "0" ] && bad "--engine jit failed"

expect_exit "clean UTF-8 original runs" 0 "$LEADC" run "$DEF" --leads $X/clean.csv -o "$T/clean.csv" --engine interp
contains "UTF-8 names reach the output as they are" "$T/clean.csv" "101,Jürgen,true,1200.5,2026-03-29T00:30:00Z,high"
for engine in $engines; do
  for f in hubspot.csv excel_semicolon_bom.csv excel_unicode_text.txt salesforce_dataloader.csv; do
    expect_exit "$f ($engine) runs" 0 "$LEADC" run "$DEF" --leads "$X/$f" -o "$T/$f.$engine.csv" --engine "$engine"
    if cmp -s "$T/clean.csv" "$T/$f.$engine.csv"; then ok "$f ($engine) = clean original"; else bad "$f ($engine) differs"; diff "$T/clean.csv" "$T/$f.$engine.csv" | head; fi
  done
  expect_exit "windows_1252.csv with --encoding ($engine)" 0 "$LEADC" run "$DEF" --leads $X/windows_1252.csv \
    --encoding windows-1252 -o "$T/cp.$engine.csv" --engine "$engine"
  if cmp -s "$T/clean.csv" "$T/cp.$engine.csv"; then ok "windows-1252 ($engine) = clean original"; else bad "windows-1252 ($engine) differs"; diff "$T/clean.csv" "$T/cp.$engine.csv" | head; fi
done
"$LEADC" run "$DEF" --leads $X/excel_semicolon_bom.csv -o "$T/x.csv" 2>"$T/err"
contains "the summary names a delimiter other than ," "$T/err" 'read as UTF-8, cells separated by `;`'
"$LEADC" run "$DEF" --leads $X/excel_unicode_text.txt -o "$T/x.csv" 2>"$T/err"
contains "the summary names the encoding" "$T/err" "read as utf-16le, cells separated by TAB"
# A UTF-16 BE file with a BOM and `|` is read as well; --delimiter overrides detection.
python3 -c "import sys; d=open('$X/clean.csv',encoding='utf-8').read().replace(',', '|'); open('$T/be.csv','wb').write(b'\xfe\xff'+d.encode('utf-16-be'))"
expect_exit "UTF-16 BE with a BOM, | separated" 0 "$LEADC" run "$DEF" --leads "$T/be.csv" -o "$T/be.out.csv"
if cmp -s "$T/clean.csv" "$T/be.out.csv"; then ok "UTF-16 BE = clean original"; else bad "UTF-16 BE differs"; fi
expect_exit "--delimiter , on a ; file: the header is one column" 3 "$LEADC" run "$DEF" --leads $X/excel_semicolon_bom.csv --delimiter , -o "$T/x.csv"
contains "... so the field's column is missing" "$T/err" 'column `Record ID` for field `lead_id` is missing'
expect_exit "--delimiter ';' says it" 0 "$LEADC" run "$DEF" --leads $X/excel_semicolon_bom.csv --delimiter ';' -o "$T/x.csv"
expect_exit "an unknown --delimiter is a usage error" 2 "$LEADC" run "$DEF" --leads $X/clean.csv --delimiter : -o "$T/x.csv"
# UTF-16 without a BOM needs --encoding.
tail -c +3 $X/excel_unicode_text.txt > "$T/nobom.txt"
expect_exit "UTF-16 LE without a BOM, --encoding utf-16le" 0 "$LEADC" run "$DEF" --leads "$T/nobom.txt" --encoding utf-16le -o "$T/nobom.csv"
if cmp -s "$T/clean.csv" "$T/nobom.csv"; then ok "UTF-16 LE without BOM = clean original"; else bad "UTF-16 LE without BOM differs"; fi

# Bad shapes (exit 3, no output file).
rm -f "$T/none.csv"
expect_exit "windows-1252 read as UTF-8 is a data error" 3 "$LEADC" run "$DEF" --leads $X/windows_1252.csv -o "$T/none.csv"
contains "... at its line and column, suggesting --encoding" "$T/err" 'windows_1252.csv:2:5: error: field `name` (column "First Name"): cannot read "J\xfcrgen" as text (not valid UTF-8; if the file is in another encoding, say which: --encoding windows-1252'
[ -e "$T/none.csv" ] && bad "an output file was left" || ok "no output file"
printf 'Record ID,First Name\n1,Ana\n' > "$T/bad16.csv"; printf '\xff\xfeR\x00\x00\xdc' > "$T/bad16.csv"
expect_exit "a byte that is not valid UTF-16 is a data error" 3 "$LEADC" run "$DEF" --leads "$T/bad16.csv" -o "$T/none.csv"
contains "... naming the byte and --encoding" "$T/err" "is not valid utf-16le"
sed '1s/First Name/Record ID/' $X/clean.csv > "$T/dup_header.csv"
expect_exit "a header a field reads twice: exit 3 before any row" 3 "$LEADC" run "$DEF" --leads "$T/dup_header.csv" -o "$T/none.csv"
contains "... naming both columns" "$T/err" 'column `Record ID` for field `lead_id` appears twice in the header (columns 1 and 2)'
(cat $X/clean.csv; sed -n 3p $X/clean.csv) > "$T/dup_key.csv"
expect_exit "a key seen twice: exit 3" 3 "$LEADC" run "$DEF" --leads "$T/dup_key.csv" -o "$T/none.csv"
contains "... on the later row" "$T/err" 'dup_key.csv:7:1: error: field `lead_id` (column "Record ID"): key "102" appears again (an earlier row has it; a key must be unique)'
for engine in $engines; do
  expect_exit "--on-error skip rejects the later row ($engine)" 0 "$LEADC" run "$DEF" --leads "$T/dup_key.csv" -o "$T/dk.csv" --on-error skip --engine "$engine"
  if cmp -s "$T/clean.csv" "$T/dk.csv"; then ok "... and writes the others ($engine)"; else bad "duplicate-key output differs ($engine)"; fi
  contains "... the rejects file holds it" "$T/dk.csv.rejects.csv" '102,Zoë,false,250.00,2026-11-22T10:30:00Z,"'
  contains "rows read = written + rejected" "$T/err" "6 rows read, 5 written, 1 rejected"
done
printf '{"Record ID":"1","Contacted Us":"y"}\n{"Record ID":"2","Contacted Us":"off"}\n{"Record ID":"1"}\n' > "$T/dup.jsonl"
expect_exit "JSON Lines: a key seen twice, exit 3" 3 "$LEADC" run "$DEF" --leads "$T/dup.jsonl" -o "$T/none.csv"
contains "... on the later line" "$T/err" 'dup.jsonl:3:1: error: field `lead_id` (column "Record ID"): key "1" appears again'
# The contract's own message (LANGUAGE.md section 9).
sed '2s/,true,/,maybe,/' $X/clean.csv > "$T/maybe.csv"
expect_exit "a bool that does not read" 3 "$LEADC" run "$DEF" --leads "$T/maybe.csv" -o "$T/none.csv"
contains "... names the field, the column and the accepted words" "$T/err" 'maybe.csv:2:13: error: field `contacted` (column "Contacted Us"): cannot read "maybe" as bool; expected one of true, false, yes, no, y, n, on, off, 1, 0'
sed '2s/,1200.50,/,€1200.50,/' $X/clean.csv > "$T/euro.csv"
expect_exit "another currency's symbol on a USD field" 3 "$LEADC" run "$DEF" --leads "$T/euro.csv" -o "$T/none.csv"
contains "... says what would have been accepted" "$T/err" 'cannot read "€1200.50" as money(USD); expected an amount such as 1200.50, USD 1200.50 or 1200.50 USD, $1200.50'
finish
