#!/usr/bin/env bash
# Issue 18, user trial: what `leadc run` says and writes.
#  - the activities line of the summary reads as a sentence (counts, then time);
#  - the count of zoneless timestamps read as UTC counts accepted rows only (a row
#    rejected for another cell is not among them), in the lead file and the events file;
#  - a CR inside a quoted cell of a CR-only (old Mac) file is the cell's text, kept.
source "$(dirname "$0")/lib.sh"
cat > "$T/d.lead" <<'LEAD'
lead { id: text key  seen: timestamp?  seats: int?  note: text? }
activity { id: text key  kind: enum { visit, demo }  at: timestamp }
term visits = count(activity where kind == visit)
output id, seen, seats, note, visits
LEAD
# Two zoneless timestamps in accepted rows, one in a row rejected for its seats.
printf 'id,seen,seats,note\nA,2026-11-01 10:00,1,x\nB,2026-11-02 10:00,oops,y\nC,2026-11-03T10:00:00Z,3,z\nD,2026-11-04 10:00,4,w\n' > "$T/leads.csv"
printf 'id,kind,at\nA,visit,2026-11-01 09:00\nA,visit,2026-11-02T09:00:00Z\nB,walk,2026-11-02 09:00\nZ,demo,2026-11-03T09:00:00Z\n' > "$T/events.csv"
expect_exit "run with a bad row and a bad event" 0 "$LEADC" run "$T/d.lead" --leads "$T/leads.csv" --activities "$T/events.csv" \
  --as-of 2026-11-22 --on-error skip -o "$T/out.csv"
cp "$T/err" "$T/summary.txt"
contains "the rows" "$T/summary.txt" "leadc run: 4 rows read, 3 written, 1 rejected"
contains "zoneless: the accepted rows only (A and D, not B)" "$T/summary.txt" "  2 timestamps without an offset read as UTC"
contains "events: the accepted event only (A's first, not B's)" "$T/summary.txt" "  1 event timestamp without an offset read as UTC"
matches "the activities line" "$T/summary.txt" '^  activities: 4 events read \(2 keys\), 1 rejected, 2 matched a lead, 1 event for a key with no lead \(1 key\); [0-9]+\.[0-9]{2} s of the [0-9]+\.[0-9]{2} s run$'
if grep -q " keys in \| s of the [0-9.]* s;" "$T/summary.txt"; then bad "no garbled time"; else ok "no garbled time"; fi
# Without orphans the line stops at what matched.
printf 'id,kind,at\nA,visit,2026-11-02T09:00:00Z\n' > "$T/ev1.csv"
expect_exit "run with one event" 0 "$LEADC" run "$T/d.lead" --leads "$T/leads.csv" --activities "$T/ev1.csv" --as-of 2026-11-22 --on-error skip -o "$T/out1.csv"
matches "one event, singular, no orphan clause" "$T/err" '^  activities: 1 event read \(1 key\), 0 rejected, 1 matched a lead; [0-9]+\.[0-9]{2} s of the [0-9]+\.[0-9]{2} s run$'
# JSON Lines leads: the rejected row's zoneless timestamp is not counted either.
printf '{"id":"A","seen":"2026-11-01 10:00","seats":1}\n{"id":"B","seen":"2026-11-02 10:00","seats":"oops"}\n' > "$T/leads.jsonl"
expect_exit "jsonl run" 0 "$LEADC" run "$T/d.lead" --leads "$T/leads.jsonl" --as-of 2026-11-22 --on-error skip -o "$T/out.jsonl"
contains "jsonl: one zoneless timestamp" "$T/err" "  1 timestamp without an offset read as UTC"

# CR-only line ends: the CR inside the quoted cell stays, byte for byte.
printf 'id,seen,seats,note\rA,,1,"two\rlines"\rB,,2,plain\r' > "$T/mac.csv"
expect_exit "run a CR-only file" 0 "$LEADC" run "$T/d.lead" --leads "$T/mac.csv" --as-of 2026-11-22 -o "$T/mac_out.csv"
python3 - "$T/mac_out.csv" <<'PY' && ok "the quoted CR is kept in the output cell" || bad "the quoted CR is kept in the output cell"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0] == ["id", "seen", "seats", "note", "visits"], rows
a = next(r for r in rows if r[0] == "A")
assert a[3] == "two\rlines", repr(a[3])
assert any(r[0] == "B" and r[3] == "plain" for r in rows), rows
PY
printf '{"id":"A","note":"x"}\r{"id":"B","note":"y"}\r' > "$T/mac.jsonl"
expect_exit "a CR-only JSON Lines file" 0 "$LEADC" run "$T/d.lead" --leads "$T/mac.jsonl" --as-of 2026-11-22 -o "$T/mac_out.jsonl" --format csv
contains "JSON Lines: row A" "$T/mac_out.jsonl" "A,,,x,0"
contains "JSON Lines: row B" "$T/mac_out.jsonl" "B,,,y,0"
finish
