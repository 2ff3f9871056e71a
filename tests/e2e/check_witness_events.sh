#!/usr/bin/env bash
# Issue 18: `leadc check`'s witnesses for findings about aggregates over activities
# (E0401 overlaps, E0402 gaps, W0502 scores out of range on count/any/sum/latest/
# decayed conditions) are real `events { … }` blocks (event_witness.h, the semantic
# diff's and `test --suggest`'s machinery), not the aggregates' values as comments, and
# each was replayed by the interpreter before it was printed. Pasted into an `example`,
# every witness passes `leadc test` with the finding's claim as its expectation.
source "$(dirname "$0")/lib.sh"
cat > "$T/a.lead" <<'LEAD'
lead { lead_id: text key  seats: int }
activity {
  lead_id: text key
  kind:    enum { demo, visit, call }
  at:      timestamp
  minutes: int?
}
term visits      = count(activity where kind == visit)
term recent_demo = any(activity where kind == demo within 30 days)
term talk        = sum(activity.minutes where kind == call)
term last_call   = latest(activity.at where kind == call)
term hot         = visits >= 2 and recent_demo
term chatty      = talk > 30
classify heat (unique) {
  hot_  when hot
  chat  when chatty
  cold  when not hot and not chatty
}
classify stage (unique) {
  engaged when visits >= 3
  fresh   when visits == 0
}
score engagement (0..10) {
  +5 per count(activity where kind == visit)
  +1 when seats > 100
}
score recency (0..10) {
  decay half_life 7 days
  +4 per count(activity where kind == demo)
}
output lead_id, heat, stage, engagement, recency, last_call
LEAD
expect_exit "check finds the overlap, the gap and the score" 1 env NO_COLOR=1 "$LEADC" check "$T/a.lead"
cp "$T/err" "$T/check.txt"
contains "E0401 for heat" "$T/check.txt" "error[E0401]: labels \`hot_\` and \`chat\` of \`heat\` can both be true"
contains "E0402 for stage" "$T/check.txt" "error[E0402]: no label of \`stage\` is true for some leads"
contains "W0502 for engagement" "$T/check.txt" "warning[W0502]: points of score \`engagement\` can go above its range 0..10"
contains "W0502 for the decayed recency" "$T/check.txt" "warning[W0502]: points of score \`recency\` can go above its range 0..10"
matches "witnesses with events" "$T/check.txt" '^      given \{ [^}]*\} events \{ \{.*\} \}'
if grep -q "^        // .*(activity" "$T/check.txt"; then bad "no aggregate shown as a comment"; grep "//" "$T/check.txt"
else ok "no aggregate shown as a comment"; fi
"$LEADC" check --format json "$T/a.lead" > "$T/check.json" 2>/dev/null
# Each witness pasted into an example, with the finding's claim as the expectation.
python3 - "$T/check.json" "$T/a.lead" "$T/pasted.lead" <<'PY' || fails=$((fails + 1))
import json, re, sys
diags = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
found = [d for d in diags if d.get("witness")]
assert len(found) >= 3, found
examples = []
for n, d in enumerate(found):
    w = d["witness"]
    assert "events {" in w and "//" not in w, w
    code, msg = d["code"], d["message"]
    if code == "E0401":
        expect = "hot == true, chatty == true"
    elif code == "E0402":
        expect = "stage == missing"
    elif code == "W0502" and "`recency`" in msg:
        before = [x["message"] for x in d.get("notes", []) if "before clamping" in x["message"]]
        assert before and float(re.search(r"gets (-?[0-9.]+) points", before[0]).group(1)) > 10, d
        expect = "recency == 10"
    elif code == "W0502":
        before = [x["message"] for x in d.get("notes", []) if "before clamping" in x["message"]]
        assert before and float(re.search(r"gets (-?[0-9.]+) points", before[0]).group(1)) > 10, d
        expect = "engagement == 10"
    else:
        continue
    examples.append(f'example "witness {n} of {code}" {{\n  {w}\n  expect {expect}\n}}\n')
open(sys.argv[3], "w").write(open(sys.argv[2]).read() + "\n" + "\n".join(examples))
print(f"ok    {len(examples)} witnesses pasted as examples")
PY
expect_exit "the pasted witnesses pass leadc test" 1 "$LEADC" test "$T/pasted.lead"
matches "every example passes" "$T/out" '^([0-9]+) examples: \1 passed, 0 failed'
finish
