#!/usr/bin/env bash
# End-to-end: `leadc run --reasons` / `--provenance` (CSV and JSON Lines goldens, the
# 255-character limit, a hash that ignores layout) and `leadc report --format md`
# (golden, `--vs`, `--grid`). The HTML form is opened in Chromium by report_chromium.sh.
# Invoked by CTest as: report_reasons.sh LEADC SOURCE_DIR; UPDATE=1 rewrites the goldens.
source "$(dirname "$0")/lib.sh"
G=tests/e2e/report
RT=examples/readytalk.lead
LEADS=examples/readytalk_leads.csv
ASOF=(--as-of 2026-11-22)

golden() {  # NAME GOLDEN_FILE GOT_FILE
  if [ "${UPDATE:-}" = 1 ]; then cp "$3" "$2"; ok "$1 (updated)"; return; fi
  if cmp -s "$2" "$3"; then ok "$1"; else bad "$1: differs from $2"; diff -u "$2" "$3" | head -40; fi
}

# --- run --reasons / --provenance: goldens ------------------------------------------
for fmt in csv jsonl; do
  expect_exit "run --reasons --provenance ($fmt)" 0 "$LEADC" run $RT --leads $LEADS "${ASOF[@]}" --reasons --provenance \
    --format $fmt -o "$T/rt.$fmt" -q
  golden "readytalk reasons + provenance ($fmt)" "$G/readytalk_reasons.$fmt" "$T/rt.$fmt"
done
expect_exit "waterfall --reasons" 0 "$LEADC" run examples/waterfall.lead --leads examples/waterfall_leads.csv "${ASOF[@]}" --reasons -o "$T/wf.csv" -q
golden "waterfall reasons (csv)" "$G/waterfall_reasons.csv" "$T/wf.csv"

# The reasons column is the same text in both formats: the JSON list joined by `; `.
python3 - "$T/rt.csv" "$T/rt.jsonl" <<'PY' && ok "CSV reasons = JSON list joined" || bad "CSV reasons = JSON list joined"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
objs = [json.loads(l) for l in open(sys.argv[2])]
assert len(rows) == len(objs) == 22, (len(rows), len(objs))
for r, o in zip(rows, objs):
    assert isinstance(o["reasons"], list), o
    assert r["reasons"] == "; ".join(o["reasons"]), (r["reasons"], o["reasons"])
    assert len(r["reasons"]) <= 255
    assert o["definition_version"] == r["definition_version"] == "1.0"
    assert o["as_of"] == r["as_of"] == "2026-11-22T00:00:00Z"
PY
contains "a when rule as +N condition" "$T/rt.csv" "+25 lead_source == referral"
contains "a per rule with the points it added, and how" "$T/rt.csv" "+10 (2 × 5) per whitepaper_downloads"
# `run --reasons` says what a rule added as `leadc explain` does (one text: added_text).
expect_exit "explain RT-1003" 0 "$LEADC" explain $RT --leads $LEADS --id RT-1003 "${ASOF[@]}"
contains "explain: +10 (2 × 5)" "$T/out" "→ +10 (2 × 5)"
contains "a capped per rule says so, as explain does" "$T/rt.csv" "+15 (5 × 5, capped at 15) per whitepaper_downloads"

# The limit: a definition whose reasons are longer than 255 characters is cut, with the marker.
{
  echo 'definition "Long reasons" version "0.1"'
  echo 'lead {'
  echo '  id: text key'
  echo '  n:  int'
  echo '}'
  echo 'score s (0..1000) {'
  for i in $(seq 1 20); do echo "  +1 when n >= $i and n <= 1000000 and n != 123456789"; done
  echo '}'
  echo 'output id, s'
} > "$T/long.lead"
printf 'id,n\nL1,50\nL2,0\n' > "$T/long.csv"
expect_exit "long reasons run" 0 "$LEADC" run "$T/long.lead" --leads "$T/long.csv" --reasons --format jsonl -o "$T/long.jsonl" -q
python3 - "$T/long.jsonl" <<'PY' && ok "reasons cut at 255 characters with the marker" || bad "reasons cut at 255 characters with the marker"
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1])]
text = "; ".join(a["reasons"])
assert len(text) <= 255 and text.endswith("… [truncated]"), (len(text), text)
assert len(text) >= 240, len(text)
assert "; ".join(b["reasons"]) == "s=0: no rule added points", b
PY

# --provenance: reformatting does not change the hash; a changed token does.
"$LEADC" run $RT --leads $LEADS "${ASOF[@]}" --provenance -q | sed -n 2p | awk -F, '{print $NF, $(NF-1)}' > "$T/h1"
sed 's/^  /      /; s/ == / ==  /g' $RT > "$T/relaid.lead"
"$LEADC" run "$T/relaid.lead" --leads $LEADS "${ASOF[@]}" --provenance -q | sed -n 2p | awk -F, '{print $NF, $(NF-1)}' > "$T/h2"
expect_eq "hash ignores layout" "$(cat "$T/h1")" "$(cat "$T/h2")"
sed 's/+25 when lead_source == referral/+26 when lead_source == referral/' $RT > "$T/changed.lead"
"$LEADC" run "$T/changed.lead" --leads $LEADS "${ASOF[@]}" --provenance -q | sed -n 2p | awk -F, '{print $(NF-1)}' > "$T/h3"
[ "$(cut -d' ' -f2 "$T/h1")" != "$(cat "$T/h3")" ] && ok "hash changes with a token" || bad "hash changes with a token"
# Imports are hashed: the stdlib-importing case file differs from its own text alone.
matches "sha256 is 64 hex digits" "$T/h1" ' [0-9a-f]{64}$'

expect_exit "--reasons refuses the JIT" 2 "$LEADC" run $RT --leads $LEADS --reasons --engine jit

# --- report --format md: golden ----------------------------------------------------
expect_exit "report md" 0 "$LEADC" report $RT --leads $LEADS "${ASOF[@]}" --format md -o "$T/rt.md" -q
golden "readytalk report (md)" "$G/readytalk_report.md" "$T/rt.md"
contains "grid inferred from route" "$T/rt.md" "### fit × interest"
expect_exit "report md waterfall" 0 "$LEADC" report examples/waterfall.lead --leads examples/waterfall_leads.csv "${ASOF[@]}" --format md -o "$T/wf.md" -q
golden "waterfall report (md)" "$G/waterfall_report.md" "$T/wf.md"
contains "funnel from the stage names" "$T/wf.md" "funnel:"

# --vs: a changed definition, with the transition matrix and example leads.
sed 's/A when role == economic_buyer and target_segment and budget == approved/A when role == economic_buyer and target_segment/' $RT > "$T/rt_new.lead"
expect_exit "report --vs" 0 "$LEADC" report "$T/rt_new.lead" --leads $LEADS "${ASOF[@]}" --vs $RT --format md -o "$T/vs.md" -q
sed "s#$T/rt_new.lead#NEW.lead#g" "$T/vs.md" > "$T/vs_norm.md"
golden "report --vs (md)" "$G/readytalk_vs.md" "$T/vs_norm.md"
# The same matrix as `leadc diff` (the one implementation, runtime/label_transitions.h).
"$LEADC" diff $RT "$T/rt_new.lead" --leads $LEADS "${ASOF[@]}" > "$T/diff.txt"
want=$(grep -E '^classify fit: ' "$T/diff.txt" | sed -E 's/^classify fit: ([0-9]+) of ([0-9]+).*/\1 of \2/')
contains "report and diff agree on fit changes" "$T/vs.md" "classify fit: $want leads"
# The findings over every possible lead are `leadc diff OLD NEW`'s own text.
"$LEADC" diff $RT "$T/rt_new.lead" > "$T/sdiff.txt"
sed -n '/^```$/,/^```$/p' "$T/vs.md" | sed '1d;$d' > "$T/vs_findings.txt"
if [ -s "$T/sdiff.txt" ] && cmp -s "$T/sdiff.txt" "$T/vs_findings.txt"; then ok "report --vs shows the semantic diff's findings"
else bad "report --vs findings differ from leadc diff"; diff -u "$T/sdiff.txt" "$T/vs_findings.txt" | head -20; fi

# --- user trial fixes: orphan events, clamped reasons, whole-number bins, plurals ----
CL=$G/clamp.lead
CLARGS=(--leads $G/clamp_leads.csv --activities $G/clamp_events.csv "${ASOF[@]}")
expect_exit "clamp: run --reasons" 0 "$LEADC" run $CL "${CLARGS[@]}" --reasons -o "$T/cl.csv"
cp "$T/err" "$T/cl.summary"
golden "clamp reasons (csv)" "$G/clamp_reasons.csv" "$T/cl.csv"
contains "a clamped score's reason says so" "$T/cl.csv" "points=50 (sum 80, clamped to 50): +30 source == referral, +50 (2 × 25) per count"
expect_exit "explain a clamped lead" 0 "$LEADC" explain $CL --leads $G/clamp_leads.csv --activities $G/clamp_events.csv --id L1 "${ASOF[@]}"
contains "explain says the clamp as run does" "$T/out" "sum 80, clamped to 50"
contains "explain's per rule as run's" "$T/out" "→ +50 (2 × 25)"
contains "clamped below too" "$T/cl.csv" "points=0 (sum -10, clamped to 0): -10 seats < 5"
if grep -q "points=35 (" "$T/cl.csv"; then bad "a score inside its range has no clamped note"; else ok "a score inside its range has no clamped note"; fi
contains "run summary: one orphan event, singular" "$T/cl.summary" "5 matched a lead, 1 event for a key with no lead (1 key);"
# The activities line reads as a sentence: counts, then the events' share of the run's time.
matches "run summary: the activities line" "$T/cl.summary" '^  activities: 6 events read \([0-9]+ keys?\), 0 rejected, 5 matched a lead, 1 event for a key with no lead \(1 key\); [0-9]+\.[0-9]{2} s of the [0-9]+\.[0-9]{2} s run$'

expect_exit "clamp: report md" 0 "$LEADC" report $CL "${CLARGS[@]}" --format md -o "$T/cl.md" -q
golden "clamp report (md)" "$G/clamp_report.md" "$T/cl.md"
# The report's event counts are the run summary's (one count).
python3 - "$T/cl.summary" "$T/cl.md" <<'PY' && ok "report events row = run summary" || bad "report events row = run summary"
import re, sys
summary, md = open(sys.argv[1]).read(), open(sys.argv[2]).read()
m = re.search(r"activities: (\d+) events? read \(\d+ keys?\), (\d+) rejected, (\d+) matched a lead(?:, (\d+) events? for (?:a key|keys) with no lead \((\d+) keys?\))?", summary)
assert m, summary
read, rejected, matched, orphans, okeys = (int(g or 0) for g in m.groups())
assert read == rejected + matched + orphans, m.groups()
row = f"| events | {read} read, {rejected} rejected, {matched} matched a lead, {orphans} orphan{'' if orphans == 1 else 's'} ({okeys} key{'' if okeys == 1 else 's'} with no lead) |"
assert row in md, (row, md)
PY
contains "0..50 whole score: bins of 5, named by their values" "$T/cl.md" "| 45–49 | 0 | 0% |"
contains "the top value's own bin" "$T/cl.md" "| 50 | 1 | 16.7% |"
contains "clamped: singular" "$T/cl.md" "clamped: 1 lead (16.7%), 0 below 0 and 1 above 10"
if grep -q "2\.5" "$T/cl.md"; then bad "no 2.5-wide bins"; else ok "no 2.5-wide bins"; fi
expect_exit "clamp: report html" 0 "$LEADC" report $CL "${CLARGS[@]}" -o "$T/cl.html" -q
contains "html: the events row with its counts" "$T/cl.html" 'data-read="6" data-rejected="0" data-matched="5" data-orphans="1" data-orphan-keys="1"'
contains "html: histogram of whole-number bins" "$T/cl.html" 'aria-label="histogram of points" data-bins="11" data-width="5"'
# Singular and plural everywhere: no `1 leads`, `1 rows`, … in any report or summary.
printf 'id,seats,source\nL1,200,referral\n' > "$T/one.csv"
expect_exit "one lead: run" 0 "$LEADC" run $CL --leads "$T/one.csv" --activities $G/clamp_events.csv "${ASOF[@]}" -o "$T/one.out.csv"
cp "$T/err" "$T/one.summary"
contains "run summary: 1 row read" "$T/one.summary" "leadc run: 1 row read, 1 written, 0 rejected"
"$LEADC" report $CL --leads "$T/one.csv" --activities $G/clamp_events.csv "${ASOF[@]}" --format md -o "$T/one.md" 2>"$T/one.report.err"
"$LEADC" report $CL --leads "$T/one.csv" --activities $G/clamp_events.csv "${ASOF[@]}" -o "$T/one.html" -q 2>/dev/null
"$LEADC" report $CL --leads "$T/one.csv" --activities $G/clamp_events.csv "${ASOF[@]}" --vs $CL --format md -o "$T/one_vs.md" -q 2>/dev/null
"$LEADC" report $CL --leads "$T/one.csv" --activities $G/clamp_events.csv "${ASOF[@]}" --vs $CL -o "$T/one_vs.html" -q 2>/dev/null
contains "report summary: 1 lead" "$T/one.report.err" "leadc report: 1 lead in"
contains "vs: 1 lead read by both" "$T/one_vs.md" "1 lead read by both definitions."
bad_plural='\b1 (leads|rows|events|keys|orphans|timestamps)\b|\b(0|[2-9]|[1-9][0-9]+) (lead|row|event|key|orphan|timestamp)\b'
if grep -hEo "$bad_plural" "$T/one.summary" "$T/cl.summary" "$T/one.report.err" "$T/one.md" "$T/one.html" "$T/one_vs.md" "$T/one_vs.html" "$T/cl.md" "$T/cl.html" "$T/rt.md" "$T/wf.md"; then
  bad "a count with the wrong number of its noun (above)"
else ok "singular and plural: no '1 leads', no '2 lead' in reports and summaries"; fi

# --vs says how many rows neither version reads (rejected by both), as `leadc diff
# --leads` does ("by neither"), beside those only one reads.
cat > "$T/nb_old.lead" <<'LEAD'
lead { id: text key  seats: int  region: enum { eu, us }? }
classify size (first match) {
  big   when seats >= 100
  small otherwise
}
output id, size
LEAD
sed 's/seats >= 100/seats >= 50/; s/enum { eu, us }/enum { eu, us, apac }/' "$T/nb_old.lead" > "$T/nb_new.lead"
printf 'id,seats,region\nN1,20,eu\nN2,60,us\nN3,oops,eu\nN4,7,apac\nN5,x,us\n' > "$T/nb.csv"
expect_exit "report --vs with rows neither reads" 0 "$LEADC" report "$T/nb_new.lead" --leads "$T/nb.csv" --vs "$T/nb_old.lead" --on-error skip --format md -o "$T/nb.md" -q
contains "md: read by both (N1, N2)" "$T/nb.md" "2 leads read by both definitions."
contains "md: read by only one (N4: apac is the new one's)" "$T/nb.md" "1 row read by only one version (0 only by the old, 1 only by the new), not compared."
contains "md: read by neither (N3, N5)" "$T/nb.md" "2 rows read by neither version (rejected by both), not compared."
expect_exit "report --vs html with rows neither reads" 0 "$LEADC" report "$T/nb_new.lead" --leads "$T/nb.csv" --vs "$T/nb_old.lead" --on-error skip -o "$T/nb.html" -q
contains "html: read by neither" "$T/nb.html" '<p data-neither-rows="2">2 rows read by neither version (rejected by both), not compared.</p>'

expect_exit "--grid picks two classifications" 0 "$LEADC" report $RT --leads $LEADS "${ASOF[@]}" --format md --grid interest,route -q
contains "grid interest × route" "$T/out" "### interest × route"
expect_exit "--grid with an unknown name" 2 "$LEADC" report $RT --leads $LEADS --grid fit,nope
contains "names the unknown classification" "$T/err" "\`nope\` is not a classification"
finish
