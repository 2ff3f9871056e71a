#!/usr/bin/env bash
# Activities end to end: examples/behaviour.lead (LANGUAGE.md §6 as written) over
# examples/behaviour_leads.csv and its events, with hand-checked behaviour scores and
# hand_raised values at a fixed as-of; the same with JSON Lines events and the JIT;
# decay; bad events (file:line:col, --on-error skip); unknown keys in the summary.
# usage: activities.sh LEADC_BINARY SOURCE_DIR
source "$(dirname "$0")/lib.sh"

DEF=examples/behaviour.lead
LEADS=examples/behaviour_leads.csv
EVENTS=examples/behaviour_events.csv

# `leadc check`: the one finding is the true W0502 of a lead without events (-10).
out=$("$LEADC" check "$DEF" 2>&1); rc=$?
expect_eq "check exit code" 0 "$rc"
expect_eq "check findings" "1 file checked: 0 errors, 1 warning" "$(tail -1 <<<"$out")"
# The witness is a lead with its events (none here), which pastes into an example (issue 18).
grep -q "warning\[W0502\]" <<<"$out" && grep -q 'given { lead_id: "x" } events { } as_of 2026-11-22T00:00:00Z' <<<"$out" \
  && ok "W0502 witness: a lead with no events" || { bad "W0502 witness"; echo "$out"; }
"$LEADC" test "$DEF" >/dev/null 2>&1 && ok "leadc test" || bad "leadc test"

# Hand-checked, as of 2026-11-22T00:00:00Z (90 days before: 2026-08-24, 30 days: 2026-10-23):
#  B-01 4 whitepapers (+15 cap), 2 webinars in 90 days (+20), pricing 75 s 5 days ago (+15); demo_request
#  B-02 1 old whitepaper (+5), nothing in 90 days (-10) -> -5 -> clamped 0
#  B-03 3 webinars in 90 days (+30 -> 20), pricing 45 s (too short) and 90 s 40 days ago (too old)
#  B-04 no events: none in 90 days (-10) -> 0
#  B-05 inbound_email 300 days ago: hand raised; nothing in 90 days -> 0; 20 employees -> hold
#  B-06 2 whitepapers (+10), pricing visit with time_on_page missing (unknown: +0); free_trial
#  B-07 webinar exactly 90 days ago (+10; the one a second earlier does not count), pricing
#       visit after the as-of time (not within 30 days)
WANT='lead_id,behaviour,hand_raised,route
B-01,50,true,sales
B-02,0,false,hold
B-03,20,false,nurture
B-04,0,false,hold
B-05,0,true,hold
B-06,10,true,hold
B-07,10,false,hold'
cols() { python3 -c "import csv,sys
r=list(csv.DictReader(open(sys.argv[1], newline='')))
print('lead_id,behaviour,hand_raised,route')
for x in r: print(','.join(x[k] for k in ('lead_id','behaviour','hand_raised','route')))" "$1"; }

for engine in interp jit; do
  if "$LEADC" run "$DEF" --leads "$LEADS" --activities "$EVENTS" --as-of 2026-11-22 --engine "$engine" \
       -o "$T/out_$engine.csv" 2>"$T/err_$engine"; then
    expect_eq "run ($engine): behaviour, hand_raised, route" "$WANT" "$(cols "$T/out_$engine.csv")"
  elif [ "$engine" = jit ] && grep -q "without the LLVM JIT" "$T/err_$engine"; then
    ok "run (jit): not built with the JIT"
  else
    bad "run ($engine)"; cat "$T/err_$engine"
  fi
done
grep -q "3 events for keys with no lead (2 keys)" "$T/err_interp" && ok "summary: events for keys with no lead" \
  || { bad "summary: events for keys with no lead"; cat "$T/err_interp"; }
grep -q "28 events read (8 keys), 0 rejected" "$T/err_interp" && ok "summary: events read" || bad "summary: events read"
rows_in=$(($(wc -l <"$LEADS") - 1))
rows_out=$(($(python3 -c "import csv,sys;print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))))" "$T/out_interp.csv") - 1))
expect_eq "rows in = rows out" "$rows_in" "$rows_out"
grep -q "7 rows read, 7 written, 0 rejected" "$T/err_interp" && ok "summary: rows" || bad "summary: rows"

# The same events as JSON Lines, in reverse order.
python3 - "$EVENTS" "$T/events.jsonl" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
with open(sys.argv[2], 'w') as f:
    for r in reversed(rows):
        f.write(json.dumps({k: (v if v != '' else None) for k, v in r.items()}) + '\n')
PY
"$LEADC" run "$DEF" --leads "$LEADS" --activities "$T/events.jsonl" --as-of 2026-11-22 -o "$T/out_jsonl.csv" 2>/dev/null \
  && expect_eq "run with JSON Lines events" "$WANT" "$(cols "$T/out_jsonl.csv")" || bad "run with JSON Lines events"

# Without --activities every lead has no events (and a warning says so).
"$LEADC" run "$DEF" --leads "$LEADS" --as-of 2026-11-22 -o "$T/none.csv" 2>"$T/err_none" \
  && grep -q "no --activities file" "$T/err_none" \
  && expect_eq "run without events" "0,false,hold" "$(cols "$T/none.csv" | tail -n +2 | cut -d, -f2- | sort -u)" \
  || bad "run without events"

# A bad event: file:line:col and exit 3, no output; with --on-error skip it goes to the rejects file.
{ head -1 "$EVENTS"; echo "B-04,webinar_attend,2026-11-01T10:00:00Z,"; echo "B-04,webinar_atend,2026-11-02T10:00:00Z,"; } >"$T/bad.csv"
"$LEADC" run "$DEF" --leads "$LEADS" --activities "$T/bad.csv" --as-of 2026-11-22 -o "$T/bad_out.csv" 2>"$T/err_bad"
rc=$?
expect_eq "bad event: exit code" 3 "$rc"
grep -q "bad.csv:3:6: error: field \`kind\`" "$T/err_bad" && ok "bad event: file:line:col" || { bad "bad event message"; cat "$T/err_bad"; }
[ ! -e "$T/bad_out.csv" ] && ok "bad event: no output file" || bad "bad event: output file left behind"
"$LEADC" run "$DEF" --leads "$LEADS" --activities "$T/bad.csv" --as-of 2026-11-22 --on-error skip -o "$T/skip.csv" 2>"$T/err_skip"
expect_eq "skip: B-04 counts the good event" "B-04,10,false,hold" "$(cols "$T/skip.csv" | grep B-04)"
grep -qE "2 events read \([0-9]+ keys?\), 1 rejected" "$T/err_skip" && [ -f "$T/skip.csv.events.rejects.csv" ] \
  && grep -q "webinar_atend" "$T/skip.csv.events.rejects.csv" && ok "skip: rejected event written" \
  || { bad "skip: rejects"; cat "$T/err_skip"; }

# A missing column in the events file: exit 3 before any row is read.
{ echo "lead_id,kind,time_on_page"; echo "B-01,demo_request,"; } >"$T/nocol.csv"
"$LEADC" run "$DEF" --leads "$LEADS" --activities "$T/nocol.csv" -o "$T/nocol_out.csv" 2>"$T/err_nocol"
expect_eq "events file without \`at\`: exit code" 3 "$?"

# decay half_life: each event's points weigh 2^(-age / 30 days).
cat >"$T/decay.lead" <<'LEAD'
definition "Decay"
lead {
  lead_id: text key
}
activity {
  lead_id: text key
  kind:    enum { whitepaper_download, demo_request }
  at:      timestamp
}
score recency (0..100) {
  decay half_life 30 days
  +10 per count(activity where kind == whitepaper_download) max 30
  +20 when any(activity where kind == demo_request)
}
output lead_id, recency
LEAD
printf 'lead_id\nD-1\nD-2\nD-3\nD-4\n' >"$T/decay_leads.csv"
cat >"$T/decay_events.csv" <<'CSV'
lead_id,kind,at
D-1,whitepaper_download,2026-11-22T00:00:00Z
D-1,whitepaper_download,2026-10-23T00:00:00Z
D-1,whitepaper_download,2026-09-23T00:00:00Z
D-1,demo_request,2026-10-23T00:00:00Z
D-1,demo_request,2026-09-23T00:00:00Z
D-2,whitepaper_download,2026-11-22T00:00:00Z
D-2,whitepaper_download,2026-11-22T00:00:00Z
D-2,whitepaper_download,2026-11-22T00:00:00Z
D-2,whitepaper_download,2026-11-22T00:00:00Z
D-4,whitepaper_download,2026-12-02T00:00:00Z
CSV
# D-1: 10 x (1 + 1/2 + 1/4) = 17.5, plus 20 x 1/2 (the most recent demo request) = 27.5
# D-2: 10 x 4 = 40 -> max 30;  D-3: no events;  D-4: a future event weighs 1 -> 10
"$LEADC" run "$T/decay.lead" --leads "$T/decay_leads.csv" --activities "$T/decay_events.csv" --as-of 2026-11-22 \
  -o "$T/decay_out.csv" 2>"$T/err_decay" \
  && expect_eq "decay half_life" "$(printf 'lead_id,recency\nD-1,27.5\nD-2,30\nD-3,0\nD-4,10')" "$(cat "$T/decay_out.csv")" \
  || { bad "decay run"; cat "$T/err_decay"; }

# SQL output joins the events table (its results are checked by sql_differential.sh).
"$LEADC" compile "$DEF" --emit sql --activities-table events >"$T/sql" 2>"$T/err_sql"
rc=$?
expect_eq "compile --emit sql: exit code" 0 "$rc"
grep -q 'LEFT JOIN' "$T/sql" && grep -q 'FROM "events"' "$T/sql" && ok "compile --emit sql: events joined" \
  || bad "compile --emit sql: events joined"

# The parallel events path: ~60k events of 3000 keys in time order (so every 256 KiB
# chunk holds events of most keys), every 500th unreadable. --threads 1 and 4 must
# give the same bytes, rejects included, and read = used + rejected.
python3 - "$T/many_leads.csv" "$T/many_events.csv" <<'PY'
import datetime, random, sys
r = random.Random(7)
kinds = ["whitepaper_download", "case_study_download", "webinar_register", "webinar_attend",
         "pricing_page_visit", "demo_request", "free_trial", "pricing_form", "inbound_email"]
with open(sys.argv[1], "w") as f:
    f.write("lead_id,company,role,employees\n")
    for i in range(3000):
        f.write(f"M-{i},Co {i % 17},{r.choice(['user', 'influencer', ''])},{r.randint(1, 9000)}\n")
with open(sys.argv[2], "w") as f:
    f.write("lead_id,kind,at,time_on_page\n")
    for i in range(60000):
        day, sec = divmod(i * 400 * 86400 // 60000, 86400)
        kind = r.choice(kinds)
        top = r.randint(1, 600) if kind == "pricing_page_visit" else ""
        t = datetime.datetime(2025, 10, 18, tzinfo=datetime.timezone.utc) + datetime.timedelta(days=day, seconds=sec)
        key = f"M-{r.randrange(3100)}"
        if i % 500 == 499:
            kind = "webinar_atend"
        f.write(f"{key},{kind},{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{top}\n")
PY
for th in 1 4; do
  "$LEADC" run "$DEF" --leads "$T/many_leads.csv" --activities "$T/many_events.csv" --as-of 2026-11-22 \
    --on-error skip --threads "$th" -o "$T/many_$th.csv" 2>"$T/err_many_$th" || { bad "many events, $th threads"; cat "$T/err_many_$th"; }
done
[ "$(stat -c %s "$T/many_events.csv")" -gt $((4 * 256 * 1024)) ] && ok "many events: more than 4 chunks" \
  || bad "many events: more than 4 chunks"
cmp -s "$T/many_1.csv" "$T/many_4.csv" && cmp -s "$T/many_1.csv.events.rejects.csv" "$T/many_4.csv.events.rejects.csv" \
  && ok "many events: 4 threads give the bytes of 1, rejects too" || bad "many events: 4 threads differ from 1"
grep -qE "60000 events read \([0-9]+ keys?\), 120 rejected" "$T/err_many_4" && ok "many events: read and rejected counted" \
  || { bad "many events: read and rejected counted"; cat "$T/err_many_4"; }
expect_eq "many events: rejects file rows" 121 "$(wc -l <"$T/many_4.csv.events.rejects.csv")"


# Zoneless event timestamps are counted as for lead files (LANGUAGE.md section 9): one
# rule (rt::zoneless_utc), said in the activities line of the summary.
{ head -1 "$EVENTS"; sed -n '2,4p' "$EVENTS" | sed 's/T00:00:00Z/ 10:30/'; sed -n '5,$p' "$EVENTS"; } > "$T/zoneless_events.csv"
expect_exit "zoneless event timestamps run" 0 "$LEADC" run "$DEF" --leads "$LEADS" --activities "$T/zoneless_events.csv" \
  --as-of 2026-11-22 -o "$T/zoneless.csv" --threads 2
contains "... the summary counts them" "$T/err" '  3 event timestamps without an offset read as UTC (say their zone with `zone "AREA/CITY"` on the field or --timezone)'
count_is "... and the lead file has none" "$T/err" '  3 timestamps without' 0
expect_exit "... not with --timezone" 0 "$LEADC" run "$DEF" --leads "$LEADS" --activities "$T/zoneless_events.csv" \
  --as-of 2026-11-22 -o "$T/zoneless.csv" --timezone Europe/Berlin
count_is "... which says their zone" "$T/err" 'read as UTC' 0
expect_exit "events with offsets run" 0 "$LEADC" run "$DEF" --leads "$LEADS" --activities "$EVENTS" --as-of 2026-11-22 -o "$T/z.csv"
count_is "... and say nothing of UTC" "$T/err" 'read as UTC' 0


# An events file follows the UTF-8 rule too: a bad byte in a column no field reads.
{ head -1 "$EVENTS" | sed 's/$/,note/'; sed -n '2,$p' "$EVENTS" | sed 's/$/,x/' | sed '3s/,x$/,caf\xe9/'; } > "$T/bad_utf8_events.csv"
expect_exit "events: a byte that is not UTF-8 in an unread column" 3 "$LEADC" run "$DEF" --leads "$LEADS" \
  --activities "$T/bad_utf8_events.csv" --as-of 2026-11-22 -o "$T/none.csv"
contains "... names its line, cell and column" "$T/err" 'bad_utf8_events.csv:4:43: error: column "note": "caf\xe9" is not valid UTF-8; if the file is in another encoding'

finish
