#!/usr/bin/env bash
# End-to-end: the user trial's reader findings (LANGUAGE.md section 9; decisions 106-112):
# delimiter detection outside quotes (UTF-8 and UTF-16), epoch ranges, Excel's `sep=`
# line, blank lines above the header, JSON Lines ints, a doubled BOM, number-pattern
# messages. Both engines where a row is read. Invoked by CTest as: trial_exports.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"

engines="interp"
printf 'id\n1\n' > "$T/p.csv"; printf 'lead { id: text key }\noutput id\n' > "$T/p.lead"
"$LEADC" run "$T/p.lead" --leads "$T/p.csv" -o "$T/probe.csv" --engine jit 2>/dev/null && engines="interp jit"

# F1: `,` inside quoted header cells of a `;` file do not count (decision 100).
printf 'lead {\n  id: text key from "Record ID"\n  company: text? from "Company, Name"\n  rev: money(EUR)? format "1.234,56" from "Revenue, EUR"\n}\noutput id, company, rev\n' > "$T/b4.lead"
printf 'Record ID;"Company, Name";"Revenue, EUR"\r\n1;"ACME, Inc";1.234,56\r\n' > "$T/d8.csv"
for engine in $engines; do
  expect_exit "a ; header with commas in quoted cells ($engine)" 0 "$LEADC" run "$T/b4.lead" --leads "$T/d8.csv" -o "$T/d8.$engine.csv" --engine "$engine"
  contains "... is read with ; ($engine)" "$T/d8.$engine.csv" '1,"ACME, Inc",1234.56'
  contains "... and the summary says so ($engine)" "$T/err" 'cells separated by `;`'
done
# F1b: Excel "Unicode Text" (UTF-16 LE BOM, TAB) with ", " in its header names.
printf 'lead {\n  id: text key from "Id"\n  fn: text? from "First, Name"\n  ln: text? from "Last, Name"\n}\noutput id, fn, ln\n' > "$T/tsv.lead"
python3 -c "open('$T/tsv16.txt','wb').write(b'\xff\xfe' + 'Id\tFirst, Name\tLast, Name\r\n1\tAnna\tSmith\r\n'.encode('utf-16-le'))"
for engine in $engines; do
  expect_exit "UTF-16 TAB header with ', ' in names ($engine)" 0 "$LEADC" run "$T/tsv.lead" --leads "$T/tsv16.txt" -o "$T/tsv.$engine.csv" --engine "$engine"
  contains "... is read with TAB ($engine)" "$T/tsv.$engine.csv" '1,Anna,Smith'
done
# A missing column the header has under another delimiter: --delimiter, not a fragment.
expect_exit "--delimiter , on the ; file" 3 "$LEADC" run "$T/b4.lead" --leads "$T/d8.csv" --delimiter , -o "$T/none.csv"
contains "... suggests --delimiter ';'" "$T/err" 'column `Company, Name` for field `company` is missing; the header has it when its cells are separated by `;`: say so with --delimiter '"';'"
count_is "... and no fragment" "$T/err" "did you mean" 0
# F1c: infer drafts the ; reading.
"$LEADC" infer "$T/d8.csv" > "$T/d8.draft" 2>"$T/err"
contains "infer drafts the quoted header cells" "$T/d8.draft" 'from "Company, Name"'
contains "... and the revenue column" "$T/d8.draft" 'from "Revenue, EUR"'

# F20: epoch ranges (decision 101).
printf 'lead {\n  id: text key\n  e1: timestamp? format epoch_seconds\n  e2: timestamp? format epoch_millis\n}\noutput id, e1, e2\n' > "$T/ep.lead"
printf 'id,e1,e2\n1,1772953140000,\n2,,1772953140\n3,253402300800,\n4,-62135596801,\n5,1772953140,1772953140000\n' > "$T/ep.csv"
for engine in $engines; do
  expect_exit "epoch cells of the other unit are rejected ($engine)" 0 "$LEADC" run "$T/ep.lead" --leads "$T/ep.csv" --on-error skip -o "$T/ep.$engine.csv" --engine "$engine"
  contains "... rows read = written + rejected ($engine)" "$T/err" "5 rows read, 1 written, 4 rejected"
  contains "... the good row ($engine)" "$T/ep.$engine.csv" '5,2026-03-08T06:59:00Z,2026-03-08T06:59:00Z'
done
expect_exit "milliseconds in epoch_seconds" 3 "$LEADC" run "$T/ep.lead" --leads "$T/ep.csv" -o "$T/none.csv"
contains "... says it looks like milliseconds" "$T/err" 'ep.csv:2:3: error: field `e1` (column "e1"): cannot read "1772953140000" as timestamp (12 or more digits: this looks like a Unix time in milliseconds; if it is, say format epoch_millis)'
contains "... seconds in epoch_millis look like seconds" "$T/ep.interp.csv.rejects.csv" '10 or 11 digits, before 1973-03-03: it looks like a Unix time in seconds; if it is, say format epoch_seconds'
contains "... before the year 1" "$T/ep.interp.csv.rejects.csv" '""-62135596801"" as timestamp (outside the years 0001-9999)'

# F21: Excel's sep= line (decision 102); F4: blank lines above the header (decision 103).
printf 'lead {\n  id: text key\n  note: text?\n  n: int?\n}\noutput id, note, n\n' > "$T/b.lead"
for d in ';' '|' ','; do
  printf 'sep=%s\r\nid%snote%sn\r\n1%sa%s5\r\n2%sb%sx\r\n' "$d" "$d" "$d" "$d" "$d" "$d" "$d" > "$T/sep.csv"
  for engine in $engines; do
    expect_exit "sep=$d line ($engine)" 3 "$LEADC" run "$T/b.lead" --leads "$T/sep.csv" -o "$T/none.csv" --engine "$engine"
    contains "... line numbers stay the file's own ($engine)" "$T/err" 'sep.csv:4:'
  done
  expect_exit "sep=$d line, skip" 0 "$LEADC" run "$T/b.lead" --leads "$T/sep.csv" -o "$T/sep.out.csv" --on-error skip
  contains "... the row is read" "$T/sep.out.csv" '1,a,5'
done
printf 'sep=\t\nid\tnote\tn\n1\ta\t5\n' > "$T/septab.csv"
expect_exit "sep=TAB line" 0 "$LEADC" run "$T/b.lead" --leads "$T/septab.csv" -o "$T/septab.out.csv"
contains "... the row is read" "$T/septab.out.csv" '1,a,5'
printf 'sep=;\rid;note;n\r1;a;5\r2;b;x\r' > "$T/sepcr.csv"
expect_exit "sep= in a CR-only file" 3 "$LEADC" run "$T/b.lead" --leads "$T/sepcr.csv" -o "$T/none.csv"
contains "... line 4" "$T/err" 'sepcr.csv:4:'
"$LEADC" infer "$T/sep.csv" > "$T/sep.draft" 2>"$T/err"
contains "infer reads past the sep= line" "$T/sep.draft" 'note'
printf '\n\nid,note,n\n1,a,2\n2,b,x\n' > "$T/leadblank.csv"
for engine in $engines; do
  expect_exit "blank lines above the header ($engine)" 3 "$LEADC" run "$T/b.lead" --leads "$T/leadblank.csv" -o "$T/none.csv" --engine "$engine"
  contains "... are skipped; line numbers are the file's ($engine)" "$T/err" 'leadblank.csv:5:'
done
printf ',,\nid,note,n\n1,a,2\n' > "$T/commas.csv"
expect_exit "a header line of only delimiters" 3 "$LEADC" run "$T/b.lead" --leads "$T/commas.csv" -o "$T/none.csv"
contains "... says the header has no names" "$T/err" "commas.csv:1:1: error: the header row (line 1) has no column names"

# F3: a JSON Lines int (decision 104).
printf 'lead {\n  id: text key\n  employees: int? format "1,234" from "Employees"\n}\noutput id, employees\n' > "$T/j.lead"
printf '{"id":"1","Employees":1000.0}\n{"id":"2","Employees":1.0e3}\n{"id":"3","Employees":1e3}\n{"id":"4","Employees":1.5e3}\n{"id":"5","Employees":1000.5}\n' > "$T/j.jsonl"
expect_exit "JSON ints" 0 "$LEADC" run "$T/j.lead" --leads "$T/j.jsonl" -o "$T/j.out.csv" --on-error skip
contains "... 1000.0" "$T/j.out.csv" '1,1000'
contains "... 1.0e3" "$T/j.out.csv" '2,1000'
contains "... 1e3" "$T/j.out.csv" '3,1000'
contains "... 5 read, 3 written" "$T/err" "5 rows read, 3 written, 2 rejected"
expect_exit "JSON 1.5e3 in an int" 3 "$LEADC" run "$T/j.lead" --leads "$T/j.jsonl" -o "$T/none.csv"
contains "... says a fraction is not an int, no thousands talk" "$T/err" 'cannot read "1.5e3" as int; expected a whole JSON number such as 1500, 1500.0 or 15e2 (no digit other than 0 after the point)'

# F12: a number pattern without a thousands separator.
printf 'lead {\n  id: text key\n  e: number? format "1234,56"\n}\noutput id, e\n' > "$T/np.lead"
printf 'id;e\n1;1.234\n' > "$T/np.csv"
expect_exit "format 1234,56" 3 "$LEADC" run "$T/np.lead" --leads "$T/np.csv" -o "$T/none.csv"
contains "... no thousands separators" "$T/err" 'expected a number written like 1234,56 (its format, without thousands separators)'
# F11: a doubled BOM is shown.
printf '\xef\xbb\xbf\xef\xbb\xbfid,note,n\n1,a,2\n' > "$T/bom2.csv"
expect_exit "a doubled BOM" 3 "$LEADC" run "$T/b.lead" --leads "$T/bom2.csv" -o "$T/none.csv"
contains "... shown as U+FEFF" "$T/err" 'did you mean `\uFEFFid`? (the header starts with a second byte-order mark, U+FEFF)'
# F8: quote errors name the field and column, at the cell's start.
printf 'id,note,n\n1,"ab"c,5\n' > "$T/qa.csv"
expect_exit "text after a closing quote" 3 "$LEADC" run "$T/b.lead" --leads "$T/qa.csv" -o "$T/none.csv"
contains "... names the field and column at the cell" "$T/err" 'qa.csv:2:3: error: field `note` (column "note"): unexpected text after the closing quote'
printf 'id,note,n\n1,ok,"5\n' > "$T/qb.csv"
expect_exit "an unclosed quote" 3 "$LEADC" run "$T/b.lead" --leads "$T/qb.csv" -o "$T/none.csv"
contains "... names the field and column" "$T/err" 'qb.csv:2:6: error: field `n` (column "n"): quoted cell is never closed'
# F7: -o a directory fails before reading and leaves no rejects file.
mkdir -p "$T/rr"
printf 'id,note,n\n1,a,5\n2,b,x\n' > "$T/o.csv"
expect_exit "-o a directory" 2 "$LEADC" run "$T/b.lead" --leads "$T/o.csv" -o "$T/rr" --on-error skip
contains "... says so" "$T/err" 'cannot create output file: Is a directory'
[ -e "$T/rr.rejects.csv" ] && bad "a rejects file was left" || ok "no rejects file"
expect_exit "-o in a missing folder" 2 "$LEADC" run "$T/b.lead" --leads "$T/o.csv" -o "$T/nope/x.csv" --on-error skip
[ -e "$T/nope" ] && bad "a folder was made" || ok "nothing made"
# F17: -o x.jsonl writes JSON Lines unless --format says otherwise (decision 106).
expect_exit "-o x.jsonl" 0 "$LEADC" run "$T/b.lead" --leads "$T/o.csv" -o "$T/x.jsonl" --on-error skip
contains "... is JSON Lines" "$T/x.jsonl" '{"id":"1"'
expect_exit "-o x.jsonl --format csv" 0 "$LEADC" run "$T/b.lead" --leads "$T/o.csv" -o "$T/y.jsonl" --format csv --on-error skip
contains "... is CSV" "$T/y.jsonl" 'id,note,n'
# F16: content that is the other format than the extension says (decision 107).
printf '{"id": "1", "note": "a", "n": 5}\n' > "$T/j1.txt"
expect_exit "JSON Lines in a .txt" 3 "$LEADC" run "$T/b.lead" --leads "$T/j1.txt" -o "$T/none.csv"
contains "... says it looks like JSON Lines" "$T/err" 'the file looks like JSON Lines (its first line is a JSON object)'
cp "$T/o.csv" "$T/a2.jsonl"
expect_exit "CSV in a .jsonl" 3 "$LEADC" run "$T/b.lead" --leads "$T/a2.jsonl" -o "$T/none.csv"
contains "... says it looks like CSV" "$T/err" 'the file looks like CSV (its first line is not a JSON object)'
# F19: a date in its format's shape that does not exist (decision 110).
printf 'lead {\n  id: text key\n  d: date? format "DD.MM.YYYY"\n}\noutput id, d\n' > "$T/dd.lead"
printf 'id;d\n1;31.04.2026\n2;29.02.2023\n3;30.04.2026\n' > "$T/dd.csv"
expect_exit "31.04.2026" 3 "$LEADC" run "$T/dd.lead" --leads "$T/dd.csv" -o "$T/none.csv"
contains "... says the day does not exist" "$T/err" 'cannot read "31.04.2026" as date: it is written as its format (DD.MM.YYYY) but that date does not exist (April 2026 has 30 days)'
expect_exit "29.02.2023, skip" 0 "$LEADC" run "$T/dd.lead" --leads "$T/dd.csv" -o "$T/dd.out.csv" --on-error skip
contains "... 2023 is not a leap year" "$T/dd.out.csv.rejects.csv" '2023 is not a leap year'
contains "... the real date is read" "$T/dd.out.csv" '3,2026-04-30'
# F10: fraction digits beyond microseconds are dropped, not rounded (decision 109).
printf 'lead {\n  id: text key\n  ts: timestamp?\n  t2: timestamp? format "YYYY-MM-DD HH:mm:ss.SSS"\n}\noutput id, ts, t2\n' > "$T/fr.lead"
printf 'id,ts,t2\n1,2026-11-21T23:59:59.999999Z,2026-11-21 23:59:59.999999\n2,2026-11-21T23:59:59.9999999Z,2026-11-21 23:59:59.9999999\n3,2026-11-21T23:59:59.999999999Z,2026-11-21 23:59:59.999999999\n' > "$T/fr.csv"
for engine in $engines; do
  expect_exit "nanosecond fractions ($engine)" 0 "$LEADC" run "$T/fr.lead" --leads "$T/fr.csv" -o "$T/fr.$engine.csv" --engine "$engine"
  count_is "... stay in their second ($engine)" "$T/fr.$engine.csv" '2026-11-21T23:59:59Z,2026-11-21T23:59:59Z' 3
done
# F2: a byte the encoding in use does not define is a data error of its row (decision 111).
printf 'lead {\n  id: text key from "Record ID"\n  company: text? from "Firma"\n  rev: money(EUR)? format "1.234,56" from "Umsatz"\n  city: text? from "Stadt"\n}\noutput id, company, rev, city\n' > "$T/c.lead"
printf 'Record ID;Firma;Umsatz;Stadt\r\n1;M\xfcller \x80 Co;\x80 1.234,56;K\xf6ln\r\n2;Caf\xe9;12,00 \x80;Z\x81rich\r\n' > "$T/w1.csv"
for engine in $engines; do
  expect_exit "windows-1252 0x81, skip ($engine)" 0 "$LEADC" run "$T/c.lead" --leads "$T/w1.csv" --encoding windows-1252 --on-error skip -o "$T/w1.$engine.csv" --engine "$engine"
  contains "... rows read = written + rejected ($engine)" "$T/err" "2 rows read, 1 written, 1 rejected"
  contains "... row 1 is written ($engine)" "$T/w1.$engine.csv" '1,Müller € Co,1234.56,Köln'
  count_is "... the byte is not copied ($engine)" "$T/w1.$engine.csv" 'rich' 0
done
expect_exit "windows-1252 0x81" 3 "$LEADC" run "$T/c.lead" --leads "$T/w1.csv" --encoding windows-1252 -o "$T/none.csv"
contains "... names line, column, field and header; hints latin1" "$T/err" 'w1.csv:3:19: error: field `city` (column "Stadt"): cannot read "Z\x81rich" as text (not valid windows-1252 (it leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D undefined); if the file is Latin-1, say --encoding latin1)'
count_is "... never suggests the encoding in use" "$T/err" '--encoding windows-1252' 0
python3 -c "open('$T/u2s.tsv','wb').write(b'\xff\xfe' + 'id\tnote\tn\r\n1\ta\t5\r\n2\t'.encode('utf-16-le') + b'\x00\xd8' + '\t6\r\n3\tc\t7\r\n'.encode('utf-16-le'))"
for engine in $engines; do
  expect_exit "a lone UTF-16 surrogate, skip ($engine)" 0 "$LEADC" run "$T/b.lead" --leads "$T/u2s.tsv" --on-error skip -o "$T/u2s.$engine.csv" --engine "$engine"
  contains "... rows read = written + rejected ($engine)" "$T/err" "3 rows read, 2 written, 1 rejected"
done
expect_exit "a lone UTF-16 surrogate" 3 "$LEADC" run "$T/b.lead" --leads "$T/u2s.tsv" -o "$T/none.csv"
contains "... at its line and field" "$T/err" 'u2s.tsv:3:3: error: field `note` (column "note"): cannot read "\xed\xa0\x80" as text (not valid utf-16le (a UTF-16 surrogate without its pair'
printf '{"id":"1","note":"ok","n":1}\n{"id":"2","note":"Caf\xe9","n":1}\n' > "$T/w.jsonl"
expect_exit "JSON Lines, a byte that is not UTF-8, skip" 0 "$LEADC" run "$T/b.lead" --leads "$T/w.jsonl" --on-error skip -o "$T/w.out.csv"
contains "... one row rejected" "$T/err" "2 rows read, 1 written, 1 rejected"
expect_exit "JSON Lines, a byte that is not UTF-8" 3 "$LEADC" run "$T/b.lead" --leads "$T/w.jsonl" -o "$T/none.csv"
contains "... suggests --encoding windows-1252" "$T/err" 'w.jsonl:2:'
contains "... the hint" "$T/err" 'if the file is in another encoding, say which: --encoding windows-1252, or latin1'
expect_exit "JSON Lines with --encoding windows-1252" 0 "$LEADC" run "$T/b.lead" --leads "$T/w.jsonl" --encoding windows-1252 -o "$T/w.cp.csv"
contains "... reads it" "$T/w.cp.csv" '2,Café,1'
# F22: the rejects of a CR-only file end their lines with CR, cells byte for byte.
printf 'id;note;n\r1;"a\rb";x\r2;y;5\r3;z;q\r' > "$T/crr.csv"
expect_exit "a CR file, skip" 0 "$LEADC" run "$T/b.lead" --leads "$T/crr.csv" --on-error skip -o "$T/crr.out.csv"
printf 'id;note;n;leadc_error\r1;"a\rb";x;' > "$T/crr.want"
if head -c "$(wc -c < "$T/crr.want")" "$T/crr.out.csv.rejects.csv" | cmp -s - "$T/crr.want"; then ok "... rejects keep CR line ends and the cell's CR"; else bad "... rejects not byte for byte"; od -c "$T/crr.out.csv.rejects.csv" | head; fi
count_is "... no LF in the rejects file" "$T/crr.out.csv.rejects.csv" "leadc_error" 1
[ "$(tr -cd '\n' < "$T/crr.out.csv.rejects.csv" | wc -c)" = 0 ] && ok "... no LF at all" || bad "... an LF in the rejects file"
finish
