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
# Formats (LANGUAGE.md section 9): each tool's own forms, read with crm_TOOL.lead's
# `format`/`zone`, classify to the clean original.
for engine in $engines; do
  for pair in de:excel_german.csv us:us_spreadsheet.csv epoch:hubspot_epoch_millis.csv; do
    d=${pair%%:*}; f=${pair#*:}
    expect_exit "$f with crm_$d.lead ($engine)" 0 "$LEADC" run $X/crm_$d.lead --leads "$X/$f" -o "$T/$f.$engine.csv" --engine "$engine"
    if cmp -s "$T/clean.csv" "$T/$f.$engine.csv"; then ok "$f ($engine) = clean original"; else bad "$f ($engine) differs"; diff "$T/clean.csv" "$T/$f.$engine.csv" | head; fi
  done
done
"$LEADC" run $X/crm_de.lead --leads $X/excel_german.csv -o "$T/x.csv" 2>"$T/err"
contains "the summary counts zoneless timestamps read as UTC" "$T/err" '4 timestamps without an offset read as UTC'
"$LEADC" run $X/crm_us.lead --leads $X/us_spreadsheet.csv -o "$T/x.csv" 2>"$T/err"
count_is "... not when the field has a zone" "$T/err" 'read as UTC' 0
"$LEADC" run "$DEF" --leads $X/hubspot.csv -o "$T/x.csv" --timezone UTC 2>"$T/err"
count_is "... nor with --timezone" "$T/err" 'read as UTC' 0
# The German file with the definition's default forms: the message says what was expected.
expect_exit "German cells without formats" 3 "$LEADC" run "$DEF" --leads $X/excel_german.csv -o "$T/none.csv"
contains "... are a data error" "$T/err" 'cannot read "1.200,50" as money(USD)'
sed '2s/1\.200,50/1.20,50/' $X/excel_german.csv > "$T/de_bad.csv"
expect_exit "a thousands separator that does not group three digits" 3 "$LEADC" run $X/crm_de.lead --leads "$T/de_bad.csv" -o "$T/none.csv"
contains "... names the format" "$T/err" 'cannot read "1.20,50" as money(USD); expected a number written like 1.234,56 (its format; the thousands separators are optional)'
sed '2s/29\.03\.2026 00:30/2026-03-29 00:30/' $X/excel_german.csv > "$T/de_iso.csv"
expect_exit "an ISO cell in a field with a date format" 3 "$LEADC" run $X/crm_de.lead --leads "$T/de_iso.csv" -o "$T/none.csv"
contains "... says the format" "$T/err" 'expected a timestamp written as DD.MM.YYYY HH:mm (its format), in UTC'

# The contract's own lead block (section 9) checks and reads its forms.
printf '%s\n' 'lead {' \
  '  lead_id:   text key                              from "Record ID"' \
  '  created:   date       format "MM/DD/YYYY"        from "Create Date"' \
  '  last_seen: timestamp  format "M/D/YYYY h:mm A"   zone "America/New_York"' \
  '  synced:    timestamp  format epoch_millis' \
  '  revenue:   money(EUR) format "1.234,56"          from "Umsatz"' \
  '  employees: int        format "1,234"' \
  '}' 'output lead_id, created, last_seen, synced, revenue, employees' > "$T/s9.lead"
printf '%s\n' 'Record ID,Create Date,last_seen,synced,Umsatz,employees' \
  '1,11/22/2026,3/8/2026 1:59 AM,1763807400000,"1.234,56 €","1,234"' \
  '2,01/02/2026,3/8/2026 3:00 am,1763807400123,"1234,5",12' \
  '3,12/31/2025,11/1/2026 12:59 AM,0,"€ 1.000.000,00","12,345,678"' \
  '4,02/28/2026,11/1/2026 2:00 PM,-1000,0,0' > "$T/s9.csv"
expect_exit "section 9's lead block checks" 0 "$LEADC" check "$T/s9.lead"
cp "$T/s9.lead" "$T/s9_fmt.lead"
expect_exit "fmt lays out formats and zones" 0 "$LEADC" fmt "$T/s9_fmt.lead"
contains "... in their own column, from and zone after it" "$T/s9_fmt.lead" '  last_seen: timestamp  format "M/D/YYYY h:mm A" zone "America/New_York"'
contains "... a field without a format keeps from in that column" "$T/s9_fmt.lead" '  lead_id:   text key                            from "Record ID"'
expect_exit "... and is stable" 0 "$LEADC" fmt --check "$T/s9_fmt.lead"
for engine in $engines; do
  expect_exit "section 9's forms read ($engine)" 0 "$LEADC" run "$T/s9.lead" --leads "$T/s9.csv" -o "$T/s9.$engine.csv" --engine "$engine"
  contains "MM/DD/YYYY, New York before the March switch, epoch ms, 1.234,56 EUR, 1,234 ($engine)" "$T/s9.$engine.csv" '1,2026-11-22,2026-03-08T06:59:00Z,2025-11-22T10:30:00Z,1234.56,1234'
  contains "... after the switch (EDT), lower-case am ($engine)" "$T/s9.$engine.csv" '2,2026-01-02,2026-03-08T07:00:00Z,2025-11-22T10:30:00Z,1234.5,12'
  contains "... before the November switch (EDT) ($engine)" "$T/s9.$engine.csv" '3,2025-12-31,2026-11-01T04:59:00Z,1970-01-01T00:00:00Z,1000000,12345678'
  contains "... after it (EST), PM ($engine)" "$T/s9.$engine.csv" '4,2026-02-28,2026-11-01T19:00:00Z,1969-12-31T23:59:59Z,0,0'
done
# Daylight saving: a local time the clocks skip or pass twice is a data error, never a guess.
printf '%s\n' 'Record ID,Create Date,last_seen,synced,Umsatz,employees' '1,11/22/2026,3/8/2026 2:30 AM,0,0,0' > "$T/gap.csv"
expect_exit "a time in the spring-forward gap" 3 "$LEADC" run "$T/s9.lead" --leads "$T/gap.csv" -o "$T/none.csv"
contains "... names the zone and the offsets" "$T/err" 'cannot read "3/8/2026 2:30 AM" as timestamp (this local time does not exist in America/New_York: the clocks skip it when they move from UTC-05:00 to UTC-04:00'
printf '%s\n' 'Record ID,Create Date,last_seen,synced,Umsatz,employees' '1,11/22/2026,11/1/2026 1:30 AM,0,0,0' > "$T/overlap.csv"
expect_exit "a time in the fall-back overlap" 3 "$LEADC" run "$T/s9.lead" --leads "$T/overlap.csv" -o "$T/none.csv"
contains "... says it happens twice" "$T/err" '(this local time happens twice in America/New_York, at UTC-04:00 and at UTC-05:00; write the time with its offset to say which)'
# --timezone for fields without a zone: Europe/Berlin, both sides of the March switch.
printf '%s\n' 'Record ID,First Name,Contacted Us,Annual Revenue,Last Activity Date' '1,a,y,1,2026-03-29 01:59' \
  '2,b,y,1,2026-03-29 03:00' '3,c,y,1,2026-03-29T09:00:00Z' > "$T/berlin.csv"
expect_exit "--timezone Europe/Berlin" 0 "$LEADC" run "$DEF" --leads "$T/berlin.csv" --timezone Europe/Berlin -o "$T/berlin.out.csv"
contains "CET before the switch" "$T/berlin.out.csv" '1,a,true,1,2026-03-29T00:59:00Z'
contains "CEST after it" "$T/berlin.out.csv" '2,b,true,1,2026-03-29T01:00:00Z'
contains "a cell's own offset wins" "$T/berlin.out.csv" '3,c,true,1,2026-03-29T09:00:00Z'
expect_exit "an unknown --timezone is a usage error" 2 "$LEADC" run "$DEF" --leads "$T/berlin.csv" --timezone Europe/Berln -o "$T/none.csv"
contains "... with did you mean" "$T/err" 'did you mean Europe/Berlin?'
# Bad formats and zones are E0205 with the reason.
printf '%s\n' 'lead {' '  id: text key' '  d: date format "DD/MM/YY"' '  t: timestamp zone "America/NewYork"' \
  '  n: text format "1,234"' '  m: int format "1,234.5"' '  h: timestamp format "Hmm"' '}' > "$T/badfmt.lead"
expect_exit "bad formats are rejected by check" 1 "$LEADC" check "$T/badfmt.lead"
contains "... a two-digit year" "$T/err" 'write the year as `YYYY` (four digits)'
contains "... a misspelt zone" "$T/err" 'did you mean "America/New_York"?'
contains "... a format on text" "$T/err" 'only date, timestamp, int, number and money fields take a format'
contains "... a decimal mark on an int" "$T/err" 'an int has no decimal mark'
contains "... parts that cannot be told apart" "$T/err" 'cannot be told apart from it'

# Picklists: members with the text a file uses, keywords as member names.
printf '%s\n' 'type stage = enum { subscriber, lead, mql "Marketing Qualified Lead", sql "Sales Qualified Lead", customer }' \
  'type role  = enum { decision_maker "Decision Maker", influencer "Influencer", end_user "End User" }' \
  'lead {' '  id:    text key' '  stage: stage   from "Lifecycle Stage"' '  role:  role?' '  score: int?' '}' \
  'classify route (first match) {' '  sales when stage in [mql, sql] and role == decision_maker' \
  '  lead  when stage == lead' '  other otherwise' '}' 'output id, stage, role, route' > "$T/stage.lead"
printf '%s\n' 'id,Lifecycle Stage,role,score' '1,Marketing Qualified Lead,Decision Maker,' '2,lead,End User,3' \
  '3,sql,decision_maker,' '4,customer,,' > "$T/stage.csv"
expect_exit "a definition with spellings and keyword names checks" 0 "$LEADC" check "$T/stage.lead"
for engine in $engines; do
  expect_exit "cells match names or spellings ($engine)" 0 "$LEADC" run "$T/stage.lead" --leads "$T/stage.csv" -o "$T/stage.$engine.csv" --engine "$engine"
  contains "... the output writes member names ($engine)" "$T/stage.$engine.csv" '1,mql,decision_maker,sales'
  contains "... a keyword member and label ($engine)" "$T/stage.$engine.csv" '2,lead,end_user,lead'
  contains "... a name works too ($engine)" "$T/stage.$engine.csv" '3,sql,decision_maker,sales'
done
printf '%s\n' 'id,Lifecycle Stage,role,score' '1,Marketing Qualifed Lead,,' > "$T/stage_bad.csv"
expect_exit "a cell that is no member" 3 "$LEADC" run "$T/stage.lead" --leads "$T/stage_bad.csv" -o "$T/none.csv"
contains "... suggests the closest text and lists the members" "$T/err" 'cannot read "Marketing Qualifed Lead" as stage; did you mean "Marketing Qualified Lead"?; expected one of subscriber, lead, mql ("Marketing Qualified Lead"), sql ("Sales Qualified Lead"), customer'
printf '%s\n' 'type temp = enum { Hot, Warm, Cold }' 'lead {' '  id: text key' '  t: temp' '}' 'output id, t' > "$T/temp.lead"
printf '%s\n' 'id,t' '1,Hotter' > "$T/temp.csv"
expect_exit "Hotter" 3 "$LEADC" run "$T/temp.lead" --leads "$T/temp.csv" -o "$T/none.csv"
contains "... did you mean Hot" "$T/err" 'cannot read "Hotter" as temp; did you mean Hot?'
printf '%s\n' 'type s = enum { a "A", b "A" }' 'lead {' '  id: text key' '  x: s' '}' 'output id, x' > "$T/clash.lead"
expect_exit "two members with one text" 1 "$LEADC" check "$T/clash.lead"
contains "... E0203" "$T/err" '"A" would name two members of `s`'

# Hints for shapes the reader cannot guess: UTF-16 without a BOM, a one-column header.
tail -c +3 $X/excel_unicode_text.txt > "$T/nobom16.txt"
expect_exit "UTF-16 LE without a BOM read as UTF-8" 3 "$LEADC" run "$DEF" --leads "$T/nobom16.txt" -o "$T/none.csv"
contains "... says so" "$T/err" 'the file looks like UTF-16 LE without a BOM: say so with --encoding utf-16le'
expect_exit "a ; file read with --delimiter ," 3 "$LEADC" run "$DEF" --leads $X/excel_semicolon_bom.csv --delimiter , -o "$T/none.csv"
contains "... suggests --delimiter ';'" "$T/err" "the header is one column that contains \`;\`: if the cells are separated by \`;\`, say so with --delimiter ';'"
# A row whose cells do not line up is reported as that, not as the shifted cell.
printf '%s\n' 'Record ID,First Name,Contacted Us,Annual Revenue,Last Activity Date' '1,Smith, John,true,5,' > "$T/ragged.csv"
expect_exit "an unquoted comma in a name" 3 "$LEADC" run "$DEF" --leads "$T/ragged.csv" -o "$T/none.csv"
contains "... is a cell-count error" "$T/err" 'ragged.csv:2:'
contains "... that says so" "$T/err" 'row has more cells than the header (5)'
# SQL reads a member's spelling and the field's currency marks as the reader does.
if command -v sqlite3 >/dev/null 2>&1; then
  "$LEADC" compile "$T/stage.lead" --emit sql --dialect sqlite > "$T/stage.sql"
  sqlite3 :memory: "CREATE TABLE leads(id TEXT, \"Lifecycle Stage\" TEXT, role TEXT, score TEXT);
    INSERT INTO leads VALUES ('1','Marketing Qualified Lead','Decision Maker',''),('2','lead','End User','3');" \
    ".read $T/stage.sql" > "$T/stage_sql.out" 2>&1
  contains "SQL: spellings read as their members" "$T/stage_sql.out" '1|mql|decision_maker|sales'
  contains "SQL: ... and names" "$T/stage_sql.out" '2|lead|end_user|lead'
  "$LEADC" compile "$DEF" --emit sql --dialect sqlite > "$T/crm.sql"
  sqlite3 :memory: "CREATE TABLE leads(\"Record ID\" TEXT, \"First Name\" TEXT, \"Contacted Us\" TEXT, \"Annual Revenue\" TEXT, \"Last Activity Date\" TEXT);
    INSERT INTO leads VALUES ('1','a','y','\$1200.50',''),('2','b','y','1200.50 USD','');" ".read $T/crm.sql" > "$T/crm_sql.out" 2>&1
  count_is "SQL: currency marks dropped (\$ and USD)" "$T/crm_sql.out" '|high' 2
  # The exports loaded raw (`sqlite3 .import`, every cell text) give leadc run's rows:
  # Salesforce's `…T00:30:00.000+0000` (strftime alone gives NULL for it), HubSpot's
  # epoch milliseconds.
  for pair in crm.lead:salesforce_dataloader.csv crm_epoch.lead:hubspot_epoch_millis.csv; do
    lead=$X/${pair%%:*} csv=$X/${pair#*:}
    "$LEADC" run "$lead" --leads "$csv" -o "$T/want.csv" 2>/dev/null
    "$LEADC" compile "$lead" --emit sql --dialect sqlite --order-by rowid > "$T/raw.sql"
    sqlite3 :memory: -cmd '.mode csv' ".import $csv leads" ".read $T/raw.sql" > "$T/raw_sql.out" 2>&1
    want=$(tail -n +2 "$T/want.csv" | cut -d, -f1,5,6) got=$(cut -d, -f1,5,6 "$T/raw_sql.out")
    expect_eq "SQL on the raw ${pair#*:} = leadc run (key, seen, priority)" "$want" "$got"
  done
fi

# A byte that is not UTF-8 is a data error in any column, read by a field or not
# (LANGUAGE.md section 9): its line and cell, the column's name, the --encoding hint.
printf 'Record ID,First Name,Notes,Contacted Us,Annual Revenue,Last Activity Date\n101,Ana,ok,true,1,\n102,Bo,caf\xe9 au lait,true,1,\n' > "$T/notes.csv"
rm -f "$T/none.csv"
for engine in $engines; do
  expect_exit "a bad byte in a column no field reads ($engine)" 3 "$LEADC" run "$DEF" --leads "$T/notes.csv" -o "$T/none.csv" --engine "$engine"
  contains "... names the line, cell and column, suggests --encoding ($engine)" "$T/err" 'notes.csv:3:8: error: column "Notes": "caf\xe9 au lait" is not valid UTF-8; if the file is in another encoding, say which: --encoding windows-1252, or latin1, utf-16le, utf-16be'
  [ -e "$T/none.csv" ] && bad "an output file was left ($engine)" || ok "no output file ($engine)"
  expect_exit "--on-error skip rejects the row ($engine)" 0 "$LEADC" run "$DEF" --leads "$T/notes.csv" -o "$T/notes.out.csv" --on-error skip --engine "$engine"
  contains "... rows read = written + rejected ($engine)" "$T/err" "2 rows read, 1 written, 1 rejected"
  count_is "... the good row is written ($engine)" "$T/notes.out.csv" '101,Ana,true,1,,low' 1
done
expect_exit "--encoding windows-1252 reads it" 0 "$LEADC" run "$DEF" --leads "$T/notes.csv" --encoding windows-1252 -o "$T/x.csv"
# In a quoted cell, and in the many-chunk path (a 2 MB file with the bad byte near its end).
printf 'Record ID,First Name,Notes,Contacted Us,Annual Revenue,Last Activity Date\n1,Ana,"a ""b"", \x80",true,1,\n' > "$T/quoted.csv"
expect_exit "a bad byte in a quoted unread cell" 3 "$LEADC" run "$DEF" --leads "$T/quoted.csv" -o "$T/none.csv"
contains "... at the cell's start" "$T/err" 'quoted.csv:2:7: error: column "Notes": "a ""b"", \x80" is not valid UTF-8'
python3 -c "
import sys
with open('$T/big.csv', 'wb') as f:
    f.write(b'Record ID,First Name,Notes,Contacted Us,Annual Revenue,Last Activity Date\n')
    for i in range(40000): f.write(b'%d,Ana,plain notes here for bulk,true,1,\n' % i)
    f.write(b'40000,Ana,bad \xff byte,true,1,\n')
    for i in range(40001, 40100): f.write(b'%d,Ana,plain,true,1,\n' % i)
"
expect_exit "a bad byte far into a big file" 3 "$LEADC" run "$DEF" --leads "$T/big.csv" -o "$T/none.csv" --threads 2
contains "... on its line" "$T/err" 'big.csv:40002:11: error: column "Notes": "bad \xff byte" is not valid UTF-8'
# A header cell that is not UTF-8: before any row.
printf 'Record ID,First Name,Umsatz \x80\n1,Ana,1\n' > "$T/badhead.csv"
expect_exit "a header cell that is not UTF-8" 3 "$LEADC" run "$DEF" --leads "$T/badhead.csv" -o "$T/none.csv"
contains "... names it" "$T/err" 'badhead.csv:1:22: error: header column 3: "Umsatz \x80" is not valid UTF-8; if the file is in another encoding'
# JSON Lines: simdjson refuses a string that is not UTF-8 in any key.
printf '{"Record ID":"1","Notes":"caf\xe9"}\n' > "$T/bad.jsonl"
expect_exit "JSON Lines: a bad byte in a key no field reads" 3 "$LEADC" run "$DEF" --leads "$T/bad.jsonl" -o "$T/none.csv"
contains "... is a data error on its line" "$T/err" 'bad.jsonl:1:'
finish
