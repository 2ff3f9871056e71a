#!/usr/bin/env bash
# `leadc check --format json|sarif` and `--werror`: machine-readable findings on stdout
# that parse, carry code/file/line/column/end/message/witness, and exit codes that
# follow the findings.
source "$(dirname "$0")/lib.sh"
"$LEADC" check --format json examples/sample_a.lead > "$T/a.json"; code=$?
[ "$code" = 1 ] || { echo "FAIL  json: exit $code, want 1"; fails=$((fails + 1)); }
python3 - "$T/a.json" <<'PY' || fails=$((fails + 1))
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
assert len(rows) == 2, rows
for r in rows:
    for key in ("code", "severity", "file", "line", "column", "end", "message", "witness"):
        assert key in r, (key, r)
    assert r["code"] == "E0402" and r["severity"] == "error" and r["file"] == "examples/sample_a.lead"
    assert r["line"] == 9 and r["column"] == 1 and r["end"]["line"] >= 9
    assert r["witness"].startswith("given {")
print("ok    json findings")
PY
"$LEADC" check --format sarif examples/sample_a.lead examples/sample_b.lead > "$T/s.sarif"
python3 - "$T/s.sarif" <<'PY' || fails=$((fails + 1))
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
run = doc["runs"][0]
rules = {r["id"] for r in run["tool"]["driver"]["rules"]}
assert rules == {"E0402", "E0202"}, rules
assert len(run["results"]) == 4
for r in run["results"]:
    assert r["ruleId"] in rules and r["level"] == "error"
    loc = r["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].startswith("examples/sample_")
    assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
print("ok    sarif findings")
PY
"$LEADC" check --format json examples/readytalk.lead > "$T/clean.json"; code=$?
if [ "$code" = 0 ] && [ ! -s "$T/clean.json" ]; then echo "ok    clean file: no findings, exit 0"; else echo "FAIL  clean file"; fails=$((fails + 1)); fi
"$LEADC" check tests/golden/cases/W0501_unused_term.lead 2>/dev/null; code=$?
[ "$code" = 0 ] && echo "ok    warnings alone exit 0" || { echo "FAIL  warnings exit $code"; fails=$((fails + 1)); }
"$LEADC" check --werror tests/golden/cases/W0501_unused_term.lead 2>/dev/null; code=$?
[ "$code" = 1 ] && echo "ok    --werror makes warnings fail" || { echo "FAIL  --werror exit $code"; fails=$((fails + 1)); }
finish
