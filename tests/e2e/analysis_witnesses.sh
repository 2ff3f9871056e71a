#!/usr/bin/env bash
# Witness round trip: every witness `leadc check` prints is pasted into an `example`
# that states the finding (a gap: the classification is missing; an overlap: both
# labels' terms are true; a score out of range: the score is clamped), and
# `leadc test` must pass them all.
# usage: analysis_witnesses.sh LEADC_BINARY SOURCE_DIR
set -euo pipefail
LEADC=$(realpath "$1")
SRC=$(realpath "$2")
WORK=$(mktemp -d /tmp/leadc-witness.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

cp "$SRC/examples/sample_a.lead" "$WORK/sample_a.lead"

# Label conditions are terms named is_<Label>, so an example can expect both labels.
cat > "$WORK/kinds.lead" <<'EOF'
definition "Witness kinds"
type budget_status = enum { approved, planned, no_budget }
lead {
  lead_id: text key
  budget: budget_status?
  decision_timeframe: duration? in days
  revenue: money(USD)?
  unlikely_to_buy: bool
  industry: text?
  email: email?
  created: date?
  seen_at: timestamp?
  employees: int?
  rating: number?
  phone: phone?
  lead_time: duration? in weeks
  share: number?
}
term is_Cold   = unlikely_to_buy
term is_Medium = budget is missing and decision_timeframe <= 2 weeks
term is_Hot    = not unlikely_to_buy and budget == approved and revenue >= 250k USD and industry starts_with "52"
classify temperature (unique) {
  Cold   when is_Cold
  Medium when is_Medium
  Hot    when is_Hot
}
term is_Before = created < 2025-06-01 or seen_at < 2025-03-01T12:00:00Z
term is_After  = created >= 2025-01-01 and email ends_with "@example.org"
classify era (unique) {
  Before when is_Before
  After  when is_After
}
term is_Small = employees < 50 or rating < 2.5 or phone starts_with "+1"
term is_Large = employees >= 40 and rating >= 1.5
classify size (unique) {
  Small when is_Small
  Large when is_Large
}
// Exact values: 90 days is 12.857142… weeks and 1/3 has no decimal; the pasted
// witness must still be the solver's lead (not one rounded to 12 decimals).
term is_Exact = lead_time >= 90 days and lead_time <= 90 days and share * 3 == 1
term is_Long  = lead_time > 12 weeks
classify timing (unique) {
  Exact when is_Exact
  Long  when is_Long
  Other otherwise
}
score interest (0..50) {
  +30 when budget == approved
  +30 when decision_timeframe <= 30 days
  -10 when unlikely_to_buy
}
output lead_id, temperature, era, size, interest
EOF

# The as-of time is free: these findings hold only at some run times, so their
# witnesses end in `as_of …`, which an example states too.
cat > "$WORK/as_of.lead" <<'EOF'
definition "Witness as-of"
lead {
  lead_id: text key
  signed_up: date
  created: date
  seen_at: timestamp?
}
term is_Fresh = days_since(signed_up) <= 10
term is_Stale = days_since(signed_up) >= 11
classify age (unique) {
  Fresh when is_Fresh
  Stale when is_Stale
}
term is_Recent = created within 30 days
term is_Old    = created < 2026-10-01
term is_Seen   = seen_at within 2 days and seen_at < 2026-06-01T12:00:00Z
classify cohort (unique) {
  Recent when is_Recent
  Old    when is_Old
  Seen   when is_Seen
}
output lead_id, age, cohort
EOF

python3 - "$LEADC" "$WORK" <<'EOF'
import json, re, subprocess, sys

def examples_pass(res):
    """Every example passed: the exit code is that of the findings, the report has no FAIL."""
    summary = [l for l in res.stdout.splitlines() if " passed, " in l]
    return res.returncode in (0, 1) and summary and ", 0 failed" in summary[-1] and "FAIL " not in res.stdout
leadc, work = sys.argv[1], sys.argv[2]
total = 0
for name in ["sample_a", "kinds", "as_of"]:
    path = f"{work}/{name}.lead"
    out = subprocess.run([leadc, "check", path, "--format", "json"], capture_output=True, text=True).stdout
    findings = [json.loads(line) for line in out.splitlines() if line.strip()]
    examples = []
    for f in findings:
        if not f.get("witness"):
            continue
        msg = f["message"]
        if f["code"] == "E0402":
            cls = re.search(r"no label of `(\w+)`", msg).group(1)
            expect = f"{cls} == missing"
        elif f["code"] == "E0401":
            a, b = re.search(r"labels `(\w+)` and `(\w+)`", msg).groups()
            expect = f"is_{a} == true, is_{b} == true"
        elif f["code"] == "W0502":
            m = re.search(r"score `(\w+)` can go (above|below) its range (-?[\d.]+)\.\.(-?[\d.]+)", msg)
            expect = f"{m.group(1)} == {m.group(4) if m.group(2) == 'above' else m.group(3)}"
        else:
            sys.exit(f"unexpected witness for {f['code']}: {msg}")
        examples.append(f'example "{f["code"]} {len(examples) + 1}" {{\n  {f["witness"]}\n  expect {expect}\n}}\n')
    if name == "as_of" and sum(" as_of " in e for e in examples) < 4:
        sys.exit(f"as_of: too few witnesses with an as-of:\n{out}")
    if name == "kinds" and not any("lead_time: 90 days" in e and "share: 0.3333333333333333" in e for e in examples):
        sys.exit(f"kinds: no exact witness for `timing`:\n{out}")
    if len(examples) < {"sample_a": 2, "kinds": 7, "as_of": 4}[name]:
        sys.exit(f"{name}: too few witnesses ({len(examples)}):\n{out}")
    with open(path, "a") as fh:
        fh.write("\n" + "\n".join(examples))
    total += len(examples)
    res = subprocess.run([leadc, "test", path], capture_output=True, text=True)
    # The definition keeps its findings, so `test` exits 1 (as `check` does); every
    # pasted witness must still pass as an example.
    if not examples_pass(res):
        sys.exit(f"{name}: witnesses do not reproduce:\n{res.stdout}{res.stderr}")
print(f"{total} witnesses reproduce their findings")
EOF

# Aggregates: a witness lists them as comments, and an example has no events, so
# only findings about leads without events reproduce. The analysis relates
# aggregates whose conditions imply one another: a webinar within 30 days is a
# webinar, so `Recent` and `Never` cannot overlap (an independent reading would
# report that overlap with a witness no events file can produce).
cat > "$WORK/activities.lead" <<'EOF_LEAD'
definition "Witness activities"
lead {
  lead_id: text key
  vip: bool
}
activity {
  lead_id: text key
  kind:    enum { webinar_attend, download }
  at:      timestamp
  spent:   money(USD)?
}
term is_Recent = count(activity where kind == webinar_attend within 30 days) >= 1
term is_Older  = count(activity where kind == webinar_attend) >= 1 and none(activity where kind == webinar_attend within 30 days)
term is_Never  = none(activity where kind == webinar_attend) and vip
classify webinar (unique) {
  Recent when is_Recent
  Older  when is_Older
  Never  when is_Never
}
score engagement (0..30) {
  +10 per count(activity where kind == webinar_attend within 90 days) max 20
  +10 when sum(activity.spent where kind == download) >= 100 USD
  -10 when none(activity)
}
output lead_id, webinar, engagement
EOF_LEAD

python3 - "$LEADC" "$WORK/activities.lead" <<'EOF_PY'
import json, re, subprocess, sys

def examples_pass(res):
    """Every example passed: the exit code is that of the findings, the report has no FAIL."""
    summary = [l for l in res.stdout.splitlines() if " passed, " in l]
    return res.returncode in (0, 1) and summary and ", 0 failed" in summary[-1] and "FAIL " not in res.stdout
leadc, path = sys.argv[1], sys.argv[2]
out = subprocess.run([leadc, "check", path, "--format", "json"], capture_output=True, text=True).stdout
findings = [json.loads(line) for line in out.splitlines() if line.strip()]
codes = sorted(f["code"] for f in findings)
if codes != ["E0402", "W0502"]:
    sys.exit(f"activities: expected one gap and one score below range, got {codes}:\n{out}")
examples = []
for f in findings:
    msg = f["message"]
    if f["code"] == "E0402":
        expect = re.search(r"no label of `(\w+)`", msg).group(1) + " == missing"
    else:
        m = re.search(r"score `(\w+)` can go below its range (-?[\d.]+)\.\.", msg)
        expect = f"{m.group(1)} == {m.group(2)}"
    examples.append(f'example "{f["code"]}" {{\n  {f["witness"]}\n  expect {expect}\n}}\n')
with open(path, "a") as fh:
    fh.write("\n" + "\n".join(examples))
res = subprocess.run([leadc, "test", path], capture_output=True, text=True)
if not examples_pass(res):
    sys.exit(f"activities: witnesses do not reproduce:\n{res.stdout}{res.stderr}")
print(f"{len(examples)} activity witnesses reproduce their findings")
EOF_PY
