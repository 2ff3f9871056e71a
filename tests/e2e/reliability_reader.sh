#!/usr/bin/env bash
# Reliability of reading lead files (issue 19): a stray `"` loses no row (with counts),
# a bad row is one reject and the rejects file stays CSV / JSON Lines, CR-only line
# ends, a file without line ends stops quickly (`--leads /dev/zero`), exact numbers or a
# data error, invalid UTF-8 never reaches the output, duplicate headers and JSON keys.
# usage: reliability_reader.sh LEADC_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh"

cat >"$T/q.lead" <<'LEAD'
lead {
  id:   text key
  note: text?
  n:    int?
}
output id, note, n
LEAD

# The issue's case: `a1,5" screen` then three good rows.
printf 'id,note,n\na1,5" screen,1\na2,ok,2\na3,x,3\na4,y,4\n' >"$T/stray.csv"
expect_exit "stray quote: run succeeds" 0 "$LEADC" run "$T/q.lead" --leads "$T/stray.csv" -o "$T/stray_out.csv" --on-error skip
contains "stray quote: 4 read, 4 written" "$T/err" "4 rows read, 4 written, 0 rejected"
expect_eq "stray quote: the cell is text" 'a1,"5"" screen",1' "$(sed -n 2p "$T/stray_out.csv")"

# 10k rows, 1 % with a stray quote, 0.2 % genuinely bad (text after a closing quote).
python3 - "$T/big.csv" <<'PY'
import random, sys
random.seed(19)
good = bad = 0
with open(sys.argv[1], "w", newline="") as f:
    f.write("id,note,n\n")
    for i in range(10000):
        r = random.random()
        if r < 0.01:
            f.write(f'L{i},{"x" * random.randint(1, 4)}"{"y" * random.randint(0, 60)},{i}\n'); good += 1
        elif r < 0.012:
            f.write(f'L{i},"ab"c"d,{i}\n'); bad += 1
        else:
            f.write(f'L{i},"note, {i}",{i}\n'); good += 1
print(good, bad, file=open(sys.argv[1] + ".counts", "w"))
PY
read -r want_good want_bad <"$T/big.csv.counts"
for threads in 1 2; do
  expect_exit "10k rows ($threads threads): run succeeds" 0 "$LEADC" run "$T/q.lead" --leads "$T/big.csv" -o "$T/big_out.csv" \
    --on-error skip --rejects "$T/big_rejects.csv" --threads "$threads"
  contains "10k rows ($threads threads): nothing lost" "$T/err" "10000 rows read, $want_good written, $want_bad rejected"
done
python3 - "$T/big_out.csv" "$T/big_rejects.csv" "$want_good" "$want_bad" >"$T/py" 2>&1 <<'PY'
import csv, sys
out = list(csv.reader(open(sys.argv[1], newline="")))
rej = list(csv.reader(open(sys.argv[2], newline=""), strict=True))
assert len(out) == 1 + int(sys.argv[3]), len(out)
assert len(rej) == 1 + int(sys.argv[4]), len(rej)
assert rej[0] == ["id", "note", "n", "leadc_error"], rej[0]
assert all(len(r) == 2 and r[0].endswith(tuple("0123456789")) for r in rej[1:]), rej[1:3]
PY
[ $? = 0 ] && ok "10k rows: output and rejects are CSV with the right counts" || { bad "10k rows: files"; cat "$T/py"; }

# A quoted cell never closed: one reject, the lines after it still read.
printf 'id,note,n\na1,ok,1\na2,"never closed,2\na3,x,3\n' >"$T/open.csv"
expect_exit "never closed: run succeeds" 0 "$LEADC" run "$T/q.lead" --leads "$T/open.csv" -o "$T/open_out.csv" --on-error skip
contains "never closed: one reject" "$T/err" "3 rows read, 2 written, 1 rejected"

# CR-only line ends (Excel "CSV (Macintosh)").
printf 'id,note,n\ra1,"two\rlines",1\ra2,x,2\r' >"$T/mac.csv"
expect_exit "CR-only: run succeeds" 0 "$LEADC" run "$T/q.lead" --leads "$T/mac.csv" -o "$T/mac_out.csv"
contains "CR-only: two rows" "$T/err" "2 rows read, 2 written"

# No line end within 64 MiB: a clear error, quickly, not a read that never ends.
start=$(date +%s)
expect_exit "--leads /dev/zero stops with exit 3" 3 timeout 60 "$LEADC" run "$T/q.lead" --leads /dev/zero -o "$T/z.csv"
contains "/dev/zero: says why" "$T/err" "/dev/zero:1:1: error: no line end within 64 MiB"
[ $(( $(date +%s) - start )) -lt 30 ] && ok "/dev/zero: quickly" || bad "/dev/zero took too long"
[ ! -e "$T/z.csv" ] && ok "/dev/zero: no output file" || bad "/dev/zero: output file written"

# Exact numbers or a data error.
printf 'id,note,n\na1,x,9007199254740993\n' >"$T/big_int.csv"
expect_exit "int beyond 2^53: data error" 3 "$LEADC" run "$T/q.lead" --leads "$T/big_int.csv" -o "$T/bi.csv"
contains "int beyond 2^53: names the field and the limit" "$T/err" 'field `n` (column "n"): cannot read "9007199254740993" as int (beyond 9007199254740992'
printf '{"id":"a","n":123456789012345678901234567890}\n' >"$T/big.jsonl"
expect_exit "30-digit JSON integer: data error" 3 "$LEADC" run "$T/q.lead" --leads "$T/big.jsonl" -o "$T/bj.csv"

# Invalid UTF-8 and NUL: escaped in the message, never in the output.
printf 'id,note,n\na1,caf\xe9,1\na2,ok,2\n' >"$T/latin1.csv"
expect_exit "invalid UTF-8: data error" 3 "$LEADC" run "$T/q.lead" --leads "$T/latin1.csv" -o "$T/l1.jsonl" --format jsonl
contains "invalid UTF-8: escaped in the message" "$T/err" 'cannot read "caf\xe9" as text (not valid UTF-8'
printf 'id,note,n\na1,x,1\0002\n' >"$T/nul.csv"
expect_exit "NUL: data error" 3 "$LEADC" run "$T/q.lead" --leads "$T/nul.csv" -o "$T/nul_out.csv"
contains "NUL: the message is not cut" "$T/err" 'cannot read "1\x002" as int'
expect_exit "invalid UTF-8 skipped: run succeeds" 0 "$LEADC" run "$T/q.lead" --leads "$T/latin1.csv" -o "$T/l1.jsonl" \
  --format jsonl --on-error skip
python3 -c "import sys; open(sys.argv[1], encoding='utf-8', errors='strict').read()" "$T/l1.jsonl" \
  && ok "--format jsonl output is UTF-8" || bad "--format jsonl output is not UTF-8"

# JSON Lines rejects are valid JSON, whatever the line held.
printf '{"id":"a","n":"x","skip":[1,,2]}\n{"id":"b\xff"}\n{"id":"c","n":}\n{"id":"d","n":1,"n":2}\n{"id":"e"}\n' >"$T/bad.jsonl"
expect_exit "JSON Lines rejects: run succeeds" 0 "$LEADC" run "$T/q.lead" --leads "$T/bad.jsonl" -o "$T/bad_out.csv" \
  --on-error skip --rejects "$T/bad_rejects.jsonl"
contains "JSON Lines: 4 rejected (a duplicate key too)" "$T/err" "5 rows read, 1 written, 4 rejected"
python3 -c "
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
assert len(rows) == 4 and all(isinstance(r['row'], str) for r in rows), rows" "$T/bad_rejects.jsonl" \
  && ok "JSON Lines rejects: valid JSON, the row a string" || bad "JSON Lines rejects are not valid JSON"

# A header a field reads, twice: an error before any row (exit 3), naming both columns.
printf 'id,n,note,n\na,1,x,2\n' >"$T/dup.csv"
expect_exit "duplicate header: exit 3" 3 "$LEADC" run "$T/q.lead" --leads "$T/dup.csv" -o "$T/dup_out.csv"
contains "duplicate header: both columns" "$T/err" 'column `n` for field `n` appears twice in the header (columns 2 and 4)'
[ ! -e "$T/dup_out.csv" ] && ok "duplicate header: no output file" || bad "duplicate header: output written"
printf 'id,extra,note,n,extra\na,1,x,2,3\n' >"$T/dup_unused.csv"
expect_exit "duplicate header no field reads: fine" 0 "$LEADC" run "$T/q.lead" --leads "$T/dup_unused.csv" -o "$T/du.csv"
finish
