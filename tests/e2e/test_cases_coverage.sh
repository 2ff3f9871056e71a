#!/usr/bin/env bash
# `leadc test` beyond `example` blocks (LANGUAGE.md section 10): `events { … }` folded
# like `run --activities`; `--cases CASES.csv` rows read by the lead reader, reported by
# key and line; `--coverage` (text, JSON, --fail-under); a definition `check` rejects
# fails `test`; `--leads -` and `--cases -`.
source "$(dirname "$0")/lib.sh"
DEF=tests/e2e/cases/coverage.lead
CASES=tests/e2e/cases/coverage_cases.csv

# --- events: the example's value is the one `run --activities` computes
expect_exit "examples with events pass" 0 "$LEADC" test examples/behaviour.lead
contains "the events example ran" "$T/out" "ok    examples/behaviour.lead: two webinars and a long pricing visit nurture a lead outside the segment"
printf 'lead_id,company,role,employees\nb4,,,10\n' > "$T/leads.csv"
printf 'lead_id,kind,at,time_on_page\nb4,webinar_attend,2026-10-01T00:00:00Z,\nb4,webinar_attend,2026-11-01T00:00:00Z,\nb4,pricing_page_visit,2026-11-15T00:00:00Z,90\n' > "$T/events.csv"
expect_exit "run the same lead and events" 0 "$LEADC" run examples/behaviour.lead --leads "$T/leads.csv" --activities "$T/events.csv" --as-of 2026-11-22 -o "$T/run.csv"
contains "run gives what the example expects (behaviour 35, nurture)" "$T/run.csv" "b4,,,35,false,nurture"
cat > "$T/ev.lead" <<'LEAD'
lead { lead_id: text key }
activity { lead_id: text key  kind: enum { visit, demo }  at: timestamp }
term visits = count(activity where kind == visit within 30 days)
term demoed = any(activity where kind == demo)
output lead_id, visits, demoed
example "old visits do not count" {
  given  { lead_id: "a" }
  events { { kind: visit, at: 2026-11-20T00:00:00Z }, { kind: visit, at: 2026-01-01T00:00:00Z },
           { lead_id: "other", kind: demo, at: 2026-11-21T00:00:00Z } }
  as_of  2026-11-22
  expect visits == 2, demoed == false
}
LEAD
expect_exit "an event example that fails" 1 "$LEADC" test "$T/ev.lead"
contains "expected vs actual of an aggregate" "$T/err" '`visits`: expected 2, actual 1'
contains "an event of another lead is a problem" "$T/err" 'event 3: `lead_id` is "other", not the lead'"'"'s key "a"'
printf 'lead { lead_id: text key }\noutput lead_id\nexample "e" { given { lead_id: "a" } events { { kind: demo } } }\n' > "$T/noact.lead"
expect_exit "events without an activity block do not check" 1 "$LEADC" check "$T/noact.lead"
contains "it says why" "$T/err" 'error[E0201]: `events` lists activities, but the definition has no `activity` block'

# --- test runs the analysis: a definition check rejects fails test, as one JUnit error
expect_exit "an overlap (E0401) fails leadc test" 1 "$LEADC" test tests/golden/cases/E0401_overlap_two_fields.lead --junit "$T/overlap.xml"
contains "the analysis finding is printed" "$T/err" "error[E0401]"
python3 - "$T/overlap.xml" <<'PY' || fails=$((fails + 1))
import sys, xml.etree.ElementTree as ET
s = ET.parse(sys.argv[1]).getroot()
assert s.get("tests") == "1" and s.get("errors") == "1", s.attrib
err = s.find("testcase/error")
assert err is not None and "E0401" in err.text, "no <error> with E0401"
print("ok    junit: the analysis error is an <error> test case, never tests=\"0\"")
PY

# --- cases
expect_exit "cases that hold pass" 0 "$LEADC" test "$DEF" --cases "$CASES"
contains "a case is reported by its row and key" "$T/out" "ok    $CASES:2: case L-1"
contains "the summary counts cases" "$T/out" "1 example: 1 passed, 0 failed; 2 cases: 2 passed, 0 failed"
{ cat "$CASES"; printf 'L-3,1500,yes,B,30,\n'; } > "$T/bad_cases.csv"
expect_exit "a failing case exits 1" 1 "$LEADC" test "$DEF" --cases "$T/bad_cases.csv" --junit "$T/cases.xml"
contains "the failing row by line and key" "$T/err" "$T/bad_cases.csv:4: error[E0305]: case L-3 failed"
contains "what it expected" "$T/err" '  = note: `tier`: expected B, actual A'
contains "FAIL line" "$T/out" "FAIL  $T/bad_cases.csv:4: case L-3"
python3 - "$T/cases.xml" "$T/bad_cases.csv" <<'PY' || fails=$((fails + 1))
import sys, xml.etree.ElementTree as ET
s = ET.parse(sys.argv[1]).getroot()
assert s.get("tests") == "4" and s.get("failures") == "1", s.attrib
(bad,) = [c for c in s.findall("testcase") if c.find("failure") is not None]
assert bad.get("file") == sys.argv[2] and bad.get("line") == "4" and bad.get("name") == "case L-3", bad.attrib
print("ok    junit: a failing case has the cases file and its row's line")
PY
expect_exit "cases from standard input" 0 bash -c "'$LEADC' test '$DEF' --cases - < '$CASES'"
contains "named <stdin>" "$T/out" "ok    <stdin>:3: case L-2"
printf 'lead_id,employees,demo,expect teir\nL-1,10,no,C\n' > "$T/typo.csv"
expect_exit "an expect column naming nothing is a data error" 3 "$LEADC" test "$DEF" --cases "$T/typo.csv"
contains "with the closest name" "$T/err" 'column "expect teir" expects `teir`, which the definition does not declare; did you mean `expect tier`?'
printf 'lead_id,employes,demo\nL-1,10,no\n' > "$T/nofield.csv"
expect_exit "a missing field column is the reader's error" 3 "$LEADC" test "$DEF" --cases "$T/nofield.csv"
contains "as run says it" "$T/err" 'column `employees` for field `employees` is missing; did you mean `employes`?'
printf 'lead_id,employees,demo,expect interest\nL-1,10,no,lots\n' > "$T/badcell.csv"
expect_exit "an expected cell that does not read" 3 "$LEADC" test "$DEF" --cases "$T/badcell.csv"
contains "names row and field" "$T/err" "$T/badcell.csv:2: error: field \`interest\`"

# --- coverage
expect_exit "coverage of the example alone" 0 "$LEADC" test "$DEF" --coverage
contains "the share" "$T/out" "coverage of $DEF: 4 of 11 goals (36.4%)"
contains "a label never the result" "$T/out" "$DEF:20:3: label \`B\` of \`tier\` is never the result"
contains "a rule never false" "$T/out" "$DEF:14:3: score rule \`+20 when demo\` of \`interest\` is never false"
contains "a term never false" "$T/out" "term \`big\` is never false"
contains "a label condition never false" "$T/out" "the condition of label \`A\` of \`tier\` is never false"
if grep -q "term \`big\` is never true" "$T/out"; then bad "a reached goal is not listed"; else ok "a reached goal is not listed"; fi
expect_exit "the cases reach every goal" 0 "$LEADC" test "$DEF" --cases "$CASES" --coverage --fail-under 100
contains "11 of 11" "$T/out" "coverage of $DEF: 11 of 11 goals (100.0%)"
expect_exit "--fail-under above the share exits 1" 1 "$LEADC" test "$DEF" --fail-under 50
contains "it says so" "$T/err" "coverage 36.4% is below --fail-under 50%"
expect_exit "--fail-under below the share exits 0" 0 "$LEADC" test "$DEF" --fail-under 30
expect_exit "--format json" 0 "$LEADC" test "$DEF" --coverage --format json
python3 - "$T/out" "$DEF" <<'PY' || fails=$((fails + 1))
import json, sys
doc = json.load(open(sys.argv[1]))
(t,) = doc["tests"]
assert t["status"] == "passed" and t["name"] == "big with a demo is A" and t["line"] == 26, t
cov = doc["coverage"]
assert cov["percent"] == 36.4, cov
(f,) = cov["files"]
assert f["file"] == sys.argv[2] and f["goals"] == 11 and f["reached"] == 4, f
missed = {(m["kind"], m["name"], m["never"]) for m in f["missed"]}
assert ("label", "B", "result") in missed and ("term", "big", "false") in missed, missed
assert ("score rule", "+10 when big", "false") in missed, missed
assert len(f["missed"]) == 7 and all(m["line"] >= 1 for m in f["missed"]), f["missed"]
print("ok    json: tests and coverage with the missed goals")
PY

# --- --leads - (standard input) for run
expect_exit "run --leads -" 0 bash -c "'$LEADC' run examples/readytalk.lead --leads - --as-of 2026-11-22 -o '$T/stdin.csv' < examples/readytalk_leads.csv"
"$LEADC" run examples/readytalk.lead --leads examples/readytalk_leads.csv --as-of 2026-11-22 -o "$T/file.csv" 2>/dev/null
cmp -s "$T/stdin.csv" "$T/file.csv" && ok "stdin gives the same output as the file" || bad "stdin gives the same output as the file"
finish
