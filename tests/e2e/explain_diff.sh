#!/usr/bin/env bash
# End-to-end: `leadc explain` (why one lead got its labels), `leadc diff` (how labels move
# between two versions of a definition) and `leadc run --explain` (explanation column),
# on examples/readytalk.lead. Invoked by CTest as: explain_diff.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"
RT=examples/readytalk.lead
LEADS=examples/readytalk_leads.csv
ASOF=(--as-of 2026-11-22)

# --- explain: a lead that is A1 and goes to sales -----------------------------------
expect_exit "explain RT-1001" 0 "$LEADC" explain $RT --leads $LEADS --id RT-1001 "${ASOF[@]}"
cp "$T/out" "$T/rt1001"
contains "header names the lead and its line" "$T/rt1001" 'lead lead_id = "RT-1001" (examples/readytalk_leads.csv line 2), as of 2026-11-22T00:00:00Z'
matches "duration field in its unit" "$T/rt1001" '^  decision_timeframe += 30 days$'
matches "text field quoted" "$T/rt1001" '^  industry += "541512"$'
matches "enum field by name" "$T/rt1001" '^  role += economic_buyer$'
matches "term value with its source text" "$T/rt1001" '^  soon +=  ?true +decision_timeframe <= 90 days$'
contains "score total and range" "$T/rt1001" "score engagement = 65  (range 0..100)"
matches "when rule contribution" "$T/rt1001" '^  \+10 when role == economic_buyer +→ \+10$'
matches "per rule contribution" "$T/rt1001" '^  \+5 per whitepaper_downloads max 15 +→ \+5 \(1 × 5\)$'
contains "fit is A" "$T/rt1001" "classify fit (first match) = A"
matches "label A chosen" "$T/rt1001" '^  A  when role == economic_buyer and target_segment and budget == approved +→ true +← chosen$'
matches "later true label not chosen" "$T/rt1001" '^  B  when target_segment and role in \[economic_buyer, technical_buyer\] +→ true$'
contains "first match explained" "$T/rt1001" "first match: A is the first label and its condition is true"
contains "route is sales" "$T/rt1001" "classify route (first match) = sales"

# --- explain: missing values make conditions unknown -----------------------------------
expect_exit "explain RT-1021" 0 "$LEADC" explain $RT --leads $LEADS --id RT-1021 "${ASOF[@]}"
cp "$T/out" "$T/rt1021"
matches "missing field shown as missing" "$T/rt1021" '^  decision_timeframe +=  ?missing$'
matches "unknown term says which field is missing" "$T/rt1021" '^  soon +=  ?unknown \(decision_timeframe missing\)'
matches "rule with unknown condition adds 0" "$T/rt1021" '^  \+10 when role == economic_buyer +→ 0 \(condition unknown, role missing\)$'
matches "unknown label condition" "$T/rt1021" '^  C  when target_segment +→ unknown \(employees, industry missing\)$'
contains "otherwise after unknown labels" "$T/rt1021" "first match: D (otherwise), since no earlier label is true: A unknown, B unknown, C unknown"
contains "interest: unknown then false" "$T/rt1021" "first match: 4 (otherwise), since no earlier label is true: 1 unknown, 2 false, 3 false"

# --- explain: a later label after false ones; a capped per rule ------------------------
expect_exit "explain RT-1005" 0 "$LEADC" explain $RT --leads $LEADS --id RT-1005 "${ASOF[@]}"
contains "C after A and B false" "$T/out" "first match: C is the first true label; before it: A false, B false"
matches "per rule capped" "$T/out" '→ \+15 \(5 × 5, capped at 15\)$'

# --- explain: money field in its currency (a copy that uses revenue) -------------------
sed 's/^classify route (first match) {/term enterprise = revenue >= 10M USD\n&/; s/  sales   when fit in \[A, B\] and interest in \[1, 2\]/  sales   when (fit in [A, B] or enterprise) and interest in [1, 2]/' $RT >"$T/money.lead"
expect_exit "explain with a money field" 0 "$LEADC" explain "$T/money.lead" --leads $LEADS --id RT-1001 "${ASOF[@]}"
matches "money field with its currency" "$T/out" '^  revenue +=  ?38000000 USD$'
matches "term over money" "$T/out" '^  enterprise +=  ?true +revenue >= 10M USD$'

# --- explain: JSON Lines leads, errors -----------------------------------------------------
python3 - "$LEADS" "$T/leads.jsonl" <<'EOF'
import csv, json, sys
with open(sys.argv[2], "w") as f:
    for r in csv.DictReader(open(sys.argv[1], newline="")):
        f.write(json.dumps({k: (v if v != "" else None) for k, v in r.items()}) + "\n")
EOF
expect_exit "explain from JSON Lines" 0 "$LEADC" explain $RT --leads "$T/leads.jsonl" --id RT-1001 "${ASOF[@]}"
if diff <(tail -n +2 "$T/out") <(tail -n +2 "$T/rt1001") >/dev/null; then ok "JSON Lines explanation = CSV explanation"; else bad "JSON Lines and CSV explanations differ"; fi
expect_exit "unknown key is a data error" 3 "$LEADC" explain $RT --leads $LEADS --id NOPE "${ASOF[@]}"
contains "unknown key message" "$T/err" "no lead with key \"NOPE\" in examples/readytalk_leads.csv"
expect_exit "missing lead file is an I/O error" 2 "$LEADC" explain $RT --leads "$T/none.csv" --id RT-1001
expect_exit "--id is required" 2 "$LEADC" explain $RT --leads $LEADS
expect_exit "explain --help" 0 "$LEADC" explain --help
contains "explain help mentions --id" "$T/out" "--id"

# --- explain with --activities: the aggregates as run read them ---------------------------
# The whole text of one lead (golden), then every lead against `run`'s output: both read
# the lead file through one LeadSource, which fills the aggregates from the events file.
BH=examples/behaviour.lead
BH_IN=(--leads examples/behaviour_leads.csv --activities examples/behaviour_events.csv "${ASOF[@]}")
expect_exit "explain B-01 with activities" 0 "$LEADC" explain $BH "${BH_IN[@]}" --id B-01
if diff -u tests/e2e/cases/explain_behaviour_B-01.expected "$T/out" >"$T/golden.diff"; then
  ok "explain with activities = golden"
else
  bad "explain with activities differs from tests/e2e/cases/explain_behaviour_B-01.expected"; head -40 "$T/golden.diff"
fi
"$LEADC" run $BH "${BH_IN[@]}" -o "$T/bh.csv" 2>/dev/null
if python3 - "$LEADC" "$T/bh.csv" "${BH_IN[@]}" <<'EOF'
import csv, re, subprocess, sys
leadc, out, args = sys.argv[1], sys.argv[2], sys.argv[3:]
rows = list(csv.DictReader(open(out, newline="")))
assert len(rows) == 7, len(rows)
for r in rows:
    text = subprocess.run([leadc, "explain", "examples/behaviour.lead", *args, "--id", r["lead_id"]],
                          capture_output=True, text=True, check=True).stdout
    aggregates = re.findall(r"^  (?:count|any|none)\(.*= (.*)$", text.split("\nterms\n")[0], re.M)
    assert len(aggregates) == 5 and "missing" not in aggregates, (r["lead_id"], aggregates)  # never missing
    got = {"behaviour": re.search(r"^score behaviour = (\S+)", text, re.M).group(1),
           "route": re.search(r"^classify route \(first match\) = (\S+)", text, re.M).group(1),
           "hand_raised": re.search(r"^  hand_raised +=  ?(\S+)", text, re.M).group(1)}
    want = {k: r[k] for k in got}
    assert got == want, (r["lead_id"], got, want)
EOF
then ok "explain shows the values run computed, for every lead"; else bad "explain and run disagree with activities"; fi
# Without --activities every aggregate is that of no events, as in run.
expect_exit "explain without activities" 0 "$LEADC" explain $BH --leads examples/behaviour_leads.csv "${ASOF[@]}" --id B-01
matches "count of no events is 0" "$T/out" '^  count\(activity where kind == whitepaper_download\) += 0$'
matches "none of no events is true" "$T/out" '^  none\(activity within 90 days\) += true$'
# latest(…) shows as a timestamp, sum(…) of a duration in its unit, a latest of no event as missing.
sed 's|^term target_segment = .*|&\nterm last_pricing_visit = latest(activity.at where kind == pricing_page_visit)\nterm pricing_time = sum(activity.time_on_page where kind == pricing_page_visit)\nterm last_trial = latest(activity.at where kind == free_trial)|' $BH >"$T/bh_more.lead"
expect_exit "explain latest and sum" 0 "$LEADC" explain "$T/bh_more.lead" "${BH_IN[@]}" --id B-01
matches "latest as a timestamp" "$T/out" '^  latest\(activity\.at where kind == pricing_page_visit\) += 2026-11-17T00:00:00Z$'
matches "sum of a duration in its unit" "$T/out" '^  sum\(activity\.time_on_page where kind == pricing_page_visit\) += 75 seconds$'
matches "latest of no event is missing" "$T/out" '^  latest\(activity\.at where kind == free_trial\) += missing$'

# --- diff: `soon` narrowed from 90 to 30 days ------------------------------------------
sed 's/decision_timeframe <= 90 days/decision_timeframe <= 30 days/' $RT >"$T/soon30.lead"
expect_exit "diff old new" 0 "$LEADC" diff $RT "$T/soon30.lead" --leads $LEADS "${ASOF[@]}" -o "$T/changed.csv"
cp "$T/out" "$T/diff"
contains "fit unchanged" "$T/diff" "classify fit: 0 of 22 leads change label"
contains "interest changes for 5 leads" "$T/diff" "classify interest: 5 of 22 leads change label"
matches "matrix header" "$T/diff" '^  old \\ new +1 +2 +3 +4$'
matches "matrix row 1" "$T/diff" '^  1 +4 +1 +3 +1$'
matches "matrix row 2" "$T/diff" '^  2 +0 +2 +0 +0$'
matches "matrix row 4" "$T/diff" '^  4 +0 +0 +0 +8$'
matches "fit diagonal" "$T/diff" '^  D +0 +0 +0 +10$'
contains "score means" "$T/diff" "score engagement: mean 27.27 -> 27.27, 0 of 22 leads change score"
if [ "$(head -1 "$T/changed.csv")" = "lead_id,classification,old,new,old engagement,new engagement" ]; then ok "changed CSV header"; else bad "changed CSV header: $(head -1 "$T/changed.csv")"; fi
if [ "$(($(wc -l <"$T/changed.csv") - 1))" = 5 ]; then ok "changed CSV has 5 rows"; else bad "changed CSV rows: $(wc -l <"$T/changed.csv")"; fi
contains "changed CSV row" "$T/changed.csv" "RT-1012,interest,1,4"
expect_exit "diff against itself" 0 "$LEADC" diff $RT $RT --leads $LEADS "${ASOF[@]}"
contains "no change against itself" "$T/out" "classify interest: 0 of 22 leads change label"
printf 'definition "x"\nlead { id: text key }\nclassify c (first match) { a otherwise }\n' >"$T/other_key.lead"
expect_exit "different key fields is a usage error" 2 "$LEADC" diff $RT "$T/other_key.lead" --leads $LEADS
printf 'lead { lead_id: text key }\nclassify c (first match) { a when soon\n b otherwise }\n' >"$T/broken.lead"
expect_exit "a definition with check errors exits 1" 1 "$LEADC" diff $RT "$T/broken.lead" --leads $LEADS
expect_exit "diff --help" 0 "$LEADC" diff --help

# --- run --explain -------------------------------------------------------------------------
expect_exit "run --explain csv" 0 "$LEADC" run $RT --leads $LEADS "${ASOF[@]}" --explain -o "$T/ex.csv"
if [ "$(head -1 "$T/ex.csv")" = "lead_id,fit,interest,engagement,route,has_required_info,explanation" ]; then
  ok "explanation column in the header"
else
  bad "header: $(head -1 "$T/ex.csv")"
fi
contains "explanation of RT-1001" "$T/ex.csv" 'RT-1001,A,1,65,sales,true,"fit=A: role == economic_buyer and target_segment and budget == approved; interest=1: soon and hand_raiser; route=sales: fit in [A, B] and interest in [1, 2]"'
contains "explanation of an otherwise lead" "$T/ex.csv" "RT-1003,D,4,10,nurture,false,fit=D: otherwise; interest=4: otherwise; route=nurture: otherwise"
"$LEADC" run $RT --leads $LEADS "${ASOF[@]}" -o "$T/plain.csv" 2>/dev/null
if python3 - "$T/plain.csv" "$T/ex.csv" <<'EOF'
import csv, sys
plain = list(csv.reader(open(sys.argv[1], newline="")))
ex = list(csv.reader(open(sys.argv[2], newline="")))
assert len(plain) == len(ex), (len(plain), len(ex))
for p, e in zip(plain, ex):
    assert e[:-1] == p, (p, e)
    assert e[-1] == "explanation" or e[-1].count("; ") == 2, e[-1]
EOF
then ok "--explain only adds the column"; else bad "--explain changed other columns"; fi
expect_exit "run --explain jsonl" 0 "$LEADC" run $RT --leads $LEADS "${ASOF[@]}" --explain --format jsonl -o "$T/ex.jsonl"
if python3 - "$T/ex.jsonl" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert len(rows) == 22
assert rows[1]["explanation"] == "fit=B: target_segment and role in [economic_buyer, technical_buyer]; interest=2: engagement >= 50; route=sales: fit in [A, B] and interest in [1, 2]", rows[1]
assert list(rows[0])[-1] == "explanation"
EOF
then ok "JSON Lines explanation key"; else bad "JSON Lines explanation key"; fi
expect_exit "--explain with --engine jit is refused" 2 "$LEADC" run $RT --leads $LEADS --explain --engine jit

finish
