#!/usr/bin/env bash
# End-to-end: `leadc diff OLD NEW` without a lead file (LANGUAGE.md section 10). Every
# pair in tests/golden/semantic_diff must give exactly its `expected` changes, and
# every witness is replayed through both versions by `leadc test` (an `example` with
# the witness' `given` block and the label or value the diff claims).
# Invoked by CTest as: semantic_diff.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh" "$@"
G=tests/golden/semantic_diff

for dir in "$G"/*/; do
  name=$(basename "$dir")
  old="$dir/old.lead"; [ -f "$old" ] || old="$G/base.lead"
  "$LEADC" diff "$old" "$dir/new.lead" --format json >"$T/$name.json" 2>"$T/$name.err"; code=$?
  if [ "$code" != 0 ]; then bad "$name: diff exits $code"; sed 's/^/      /' "$T/$name.err"; continue; fi
  if python3 - "$LEADC" "$old" "$dir/new.lead" "$T/$name.json" "$dir/expected" "$T" <<'PY'
import json, re, subprocess, sys
leadc, old, new, out, expected, tmp = sys.argv[1:]
rows = [json.loads(l) for l in open(out)]
got = []
for r in rows:
    assert set(r) == {"name", "kind", "equivalent", "undecided", "changes"}, r
    assert not r["undecided"], r
    if r["equivalent"]:
        assert not r["changes"], r
        got.append(f'{r["name"]}: equivalent')
    elif r["kind"] == "score":
        got.append(f'{r["name"]}: ' + ", ".join(f'{k} {c[k]:g}' for c in r["changes"] for k in ("rise", "fall") if k in c))
    elif r["kind"] == "classification":
        got.append(f'{r["name"]}: ' + ", ".join(sorted(f'{c["from"]} -> {c["to"]}' for c in r["changes"])))
    else:
        got.append(f'{r["name"]}: differ')
want = sorted(open(expected).read().splitlines())
if sorted(got) != want:
    print("want:", want, "\ngot: ", sorted(got))
    sys.exit(1)

def run_example(path, name, given, expect):
    """`leadc test` of the definition with one example: (exit code, output)."""
    src = open(path).read()
    text = src + f'\nexample "replayed witness" {{\n  {given}\n  expect {name} == {expect}\n}}\n'
    copy = f"{tmp}/replay.lead"
    open(copy, "w").write(text)
    p = subprocess.run([leadc, "test", copy], capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr

def replays(path, name, given, value):
    if value == "rejected":  # the version cannot read the lead: a required field not set, no such member
        code, text = run_example(path, name, given, "missing")
        return code != 0 and ("is not optional, so `given` must set it" in text or "error[E0304]" in text)
    code, text = run_example(path, name, given, value)
    return code == 0

def actual(path, name, given):
    """The value the version gives: the `actual` of an expectation that fails."""
    code, text = run_example(path, name, given, "-123456")
    m = re.search(r"actual (-?[0-9.]+)", text)
    assert m, text
    return float(m.group(1))

for r in rows:
    for c in r["changes"]:
        w = c["witness"]
        assert w.startswith("given {"), w
        if r["kind"] == "score":
            delta = actual(new, r["name"], w) - actual(old, r["name"], w)
            claim = c["rise"] if "rise" in c else -c["fall"]
            assert abs(delta - claim) < 1e-9, (r["name"], w, delta, claim)
        else:
            assert replays(old, r["name"], w, c["from"]), ("old", r["name"], w, c)
            assert replays(new, r["name"], w, c["to"]), ("new", r["name"], w, c)
PY
  then ok "$name: changes and replayed witnesses"; else bad "$name"; fi
done

# --- the tour: widening `soon` from 90 to 150 days moves Warm leads to Hot --------------
TOUR=examples/tour/3_fixed.lead
sed 's/decision_timeframe <= 90 days/decision_timeframe <= 150 days/' $TOUR >"$T/tour150.lead"
expect_exit "tour diff" 0 "$LEADC" diff $TOUR "$T/tour150.lead"
contains "tour: one kind of change" "$T/out" "temperature: 1 kind of change is possible"
matches "tour: Warm -> Hot with a witness" "$T/out" '^  Warm -> Hot  given \{ .*demo_requested: true.*\}$'
expect_exit "--exit-code with a change" 1 "$LEADC" diff $TOUR "$T/tour150.lead" --exit-code
expect_exit "--exit-code without a change" 0 "$LEADC" diff $TOUR $TOUR --exit-code
contains "equivalent to itself" "$T/out" "temperature: equivalent (no lead can change)"
expect_exit "tour diff with leads" 0 "$LEADC" diff $TOUR "$T/tour150.lead" --leads examples/tour/leads.csv
matches "counts on the transition line" "$T/out" '^  Warm -> Hot  [0-9]+ leads?  given'
contains "matrices stay" "$T/out" "classify temperature:"
expect_exit "json with leads" 0 "$LEADC" diff $TOUR "$T/tour150.lead" --leads examples/tour/leads.csv --format json
contains "json leads count" "$T/out" '"leads": '

# --- inputs: `-`, REV:PATH, type changes ---------------------------------------------------
expect_exit "old from standard input" 0 "$LEADC" diff - "$T/tour150.lead" < $TOUR
contains "stdin diff" "$T/out" "Warm -> Hot"
SRC=$(pwd)
(cd "$T" && git init -q repo && cd repo && cp "$SRC/$TOUR" t.lead && git add t.lead \
  && git -c user.name=t -c user.email=t@t commit -qm v1 && cp ../tour150.lead t.lead)
(cd "$T/repo" && "$LEADC" diff HEAD:t.lead t.lead >"$T/out" 2>"$T/err"); code=$?
expect_eq "REV:PATH exits 0" 0 "$code"
contains "REV:PATH diff" "$T/out" "Warm -> Hot"
(cd "$T/repo" && "$LEADC" diff nosuchrev:t.lead t.lead >"$T/out" 2>"$T/err"); code=$?
expect_eq "unknown revision exits 2" 2 "$code"
contains "unknown revision named" "$T/err" "unknown git revision \`nosuchrev\`"
mkdir -p "$T/nogit"
(cd "$T/nogit" && GIT_CEILING_DIRECTORIES="$T" "$LEADC" diff HEAD:t.lead "$SRC/$TOUR" >"$T/out" 2>"$T/err"); code=$?
expect_eq "REV:PATH outside a work tree exits 2" 2 "$code"
contains "outside a work tree" "$T/err" "needs a git work tree"
sed 's/demo_requested:     bool/demo_requested:     int/; s/demo_requested and soon/demo_requested > 0 and soon/; s/demo_requested: true }/demo_requested: 1 }/' $TOUR >"$T/int.lead"
expect_exit "a field whose type changed" 2 "$LEADC" diff $TOUR "$T/int.lead"
contains "the field is named" "$T/err" "field \`demo_requested\` changed type: bool -> int"
# Fields are matched by the column they read (decision 67): a field that keeps its name
# but reads another column is two inputs, and each version's witness names its own.
sed 's/demo_requested:     bool/demo_requested:     bool from "Demo Requested"/' $TOUR >"$T/from.lead"
expect_exit "a field that reads another column is another input" 1 "$LEADC" diff $TOUR "$T/from.lead" --exit-code
contains "changes are found over both columns" "$T/out" "temperature: "
contains "the old version's witness is shown" "$T/out" "(in the old version: given {"
expect_exit "another column (json)" 1 "$LEADC" diff $TOUR "$T/from.lead" --exit-code --format json
contains "json old_witness" "$T/out" '"old_witness": "given {'
# A field renamed but read from the same column is the same input: equivalent.
sed 's/demo_requested/asked_for_demo/g; s/asked_for_demo:     bool/asked_for_demo: bool from "demo_requested"/' $TOUR >"$T/renamed.lead"
grep -q asked_for_demo "$T/renamed.lead" || bad "the rename did not apply"
expect_exit "a renamed field (same column)" 0 "$LEADC" diff $TOUR "$T/renamed.lead" --exit-code
contains "renamed: equivalent" "$T/out" "temperature: equivalent (no lead can change)"
# The same column read as another type names both fields.
sed 's/demo_requested/asked_for_demo/g; s/asked_for_demo:     bool/asked_for_demo: int from "demo_requested"/; s/when asked_for_demo and/when asked_for_demo > 0 and/; s/asked_for_demo: true }/asked_for_demo: 1 }/' \
  $TOUR >"$T/renamed_int.lead"
expect_exit "a renamed field read as another type" 2 "$LEADC" diff $TOUR "$T/renamed_int.lead"
contains "both names in the message" "$T/err" "field \`demo_requested\` (\`asked_for_demo\` in the new version, both reading column \`demo_requested\`) changed type: bool -> int"
# Both versions from standard input: a usage error.
expect_exit "diff - -" 2 "$LEADC" diff - - < $TOUR
contains "diff - - says why" "$T/err" "OLD and NEW cannot both be \`-\`"
printf 'definition "z"\nlead {\n  lead_id: text key\n  seen: timestamp?\n}\nterm fresh = seen within 7 days\n' >"$T/z1.lead"
sed 's/seen: timestamp?/seen: timestamp? zone "Asia\/Tokyo"/' "$T/z1.lead" >"$T/z2.lead"
expect_exit "a field read in another zone" 2 "$LEADC" diff "$T/z1.lead" "$T/z2.lead"
contains "the zone change is named" "$T/err" 'field `seen` reads its times in another zone: UTC -> zone "Asia/Tokyo"'
sed 's/seen: timestamp?/seen: timestamp? format epoch_millis/' "$T/z1.lead" >"$T/z3.lead"
expect_exit "a field read in another format" 2 "$LEADC" diff "$T/z1.lead" "$T/z3.lead"
contains "the format change is named" "$T/err" 'field `seen` reads its cells in another format: the default forms -> format epoch_millis'
# A rise without a largest value says so in JSON too.
printf 'definition "u"\nlead {\n  lead_id: text key\n  visits: int\n}\nscore s {\n  +5 per visits\n}\n' >"$T/u1.lead"
sed 's/+5 per/+6 per/' "$T/u1.lead" >"$T/u2.lead"
expect_exit "an unbounded rise (json)" 0 "$LEADC" diff "$T/u1.lead" "$T/u2.lead" --format json
contains "json says unbounded" "$T/out" '"rise": 1, "unbounded": true'
expect_exit "-o needs --leads" 2 "$LEADC" diff $TOUR "$T/tour150.lead" -o "$T/x.csv"
# --- activities: aggregates are inputs both versions share ------------------------------------
sed 's/+15 when any(activity where kind == pricing_page_visit/+25 when any(activity where kind == pricing_page_visit/; s/nurture when behaviour >= 20/nurture when behaviour >= 25/' \
  examples/behaviour.lead >"$T/behaviour2.lead"
expect_exit "behaviour diff" 0 "$LEADC" diff examples/behaviour.lead "$T/behaviour2.lead"
contains "behaviour: the route moves both ways" "$T/out" "route: 2 kinds of change are possible"
contains "nurture -> hold" "$T/out" "  nurture -> hold  given {"
contains "hold -> nurture" "$T/out" "  hold -> nurture  given {"
contains "the score rises by the 10 points more" "$T/out" "behaviour: can rise by up to 10 points"
contains "aggregates as events in the witness" "$T/out" " events { { kind: "
if grep -q "// count(" "$T/out"; then bad "an aggregate shown as a comment"; cat "$T/out"; else ok "no aggregate as a comment"; fi
contains "the usual as-of" "$T/out" "as_of 2026-11-22T00:00:00Z"
expect_exit "behaviour diff with events" 0 "$LEADC" diff examples/behaviour.lead "$T/behaviour2.lead" \
  --leads examples/behaviour_leads.csv --activities examples/behaviour_events.csv --as-of 2026-11-22
contains "a lead of the file rises" "$T/out" "1 lead rises"

# --- rows only one version reads (decision 69) ----------------------------------------------
printf 'definition "r"\nlead {\n  lead_id: text key\n  employees: int\n}\nclassify size (first match) {\n  Large when employees >= 100\n  Small otherwise\n}\noutput lead_id, size\n' >"$T/r1.lead"
sed 's/  employees: int/  employees: int\n  budget: int/; s/Large when employees >= 100/Large when employees >= 100 and budget > 0/' "$T/r1.lead" >"$T/r2.lead"
printf 'lead_id,employees,budget\nL1,500,10\nL2,500,oops\nL3,20,5\n' >"$T/rows.csv"
expect_exit "a row only the old version reads" 0 "$LEADC" diff "$T/r1.lead" "$T/r2.lead" --leads "$T/rows.csv" -o "$T/changed.csv"
contains "rows counted" "$T/out" "3 rows read: 2 by both versions, 1 by only one version (1 only by $T/r1.lead, 0 only by $T/r2.lead), 0 by neither (rejected)"
contains "the reason is named" "$T/out" "the first row only $T/r1.lead reads: "
contains "the changed-leads file has it" "$T/changed.csv" "L2,size,Large,rejected"
printf 'lead_id,employees,budget\nL1,500,10\nL2,x,oops\nL3,20,5\n' >"$T/rows_bad.csv"
expect_exit "a row neither version reads fails as run does" 3 "$LEADC" diff "$T/r1.lead" "$T/r2.lead" --leads "$T/rows_bad.csv"
contains "the reader's message" "$T/err" "rows_bad.csv:3:"
expect_exit "--on-error skip counts it" 0 "$LEADC" diff "$T/r1.lead" "$T/r2.lead" --leads "$T/rows_bad.csv" --on-error skip
contains "rejected by both counted" "$T/out" "3 rows read: 2 by both versions, 0 by only one version (0 only by $T/r1.lead, 0 only by $T/r2.lead), 1 by neither (rejected)"
expect_exit "--on-error needs --leads" 2 "$LEADC" diff "$T/r1.lead" "$T/r2.lead" --on-error skip
# report --vs: a row the old definition cannot read is counted, not dropped silently.
expect_exit "report --vs with a row only the new reads" 0 "$LEADC" report "$T/r1.lead" --vs "$T/r2.lead" --leads "$T/rows.csv" --format md -o "$T/r.md"
contains "report counts it" "$T/r.md" "1 row read by only one version (0 only by the old, 1 only by the new), not compared."
expect_exit "report --vs: a row the new cannot read fails as run does" 3 "$LEADC" report "$T/r2.lead" --vs "$T/r1.lead" --leads "$T/rows.csv" --format md -o "$T/r2.md"
expect_exit "report --vs --on-error skip" 0 "$LEADC" report "$T/r2.lead" --vs "$T/r1.lead" --leads "$T/rows.csv" --format md -o "$T/r3.md" --on-error skip
contains "report counts the old-only row" "$T/r3.md" "1 row read by only one version (1 only by the old, 0 only by the new), not compared."

# --- issue 12: a longer half-life only raises decayed weights: no fall, and every rise shown
# is one whose events, folded by both versions, reproduce it (decision 94).
sed 's/^score behaviour (0..100) {$/score behaviour (0..100) {\n  decay half_life 30 days/' examples/behaviour.lead >"$T/decay30.lead"
sed 's/decay half_life 30 days/decay half_life 60 days/' "$T/decay30.lead" >"$T/decay60.lead"
grep -q "half_life 60 days" "$T/decay60.lead" || bad "the decay edit did not apply"
expect_exit "decay 30 -> 60 days" 0 "$LEADC" diff "$T/decay30.lead" "$T/decay60.lead"
contains "a longer half-life cannot lower the score" "$T/out" "and cannot fall"
if grep -q "behaviour: can rise by up to\|can fall by" "$T/out"; then bad "a largest change claimed over bounded weights"; cat "$T/out"; else ok "no largest change claimed"; fi
if grep -q "// decayed" "$T/out"; then bad "a decayed weight shown as a comment"; else ok "witnesses with events, not comments"; fi
# int -> number reads the same cells; a cell like 1.5 is one only the new version reads.
printf 'definition "w"\nlead {\n  lead_id: text key\n  n: int\n}\nclassify c (first match) {\n  Big when n >= 2\n  Small otherwise\n}\noutput lead_id, c\n' >"$T/w1.lead"
sed 's/  n: int/  n: number/' "$T/w1.lead" >"$T/w2.lead"
expect_exit "int widened to number" 0 "$LEADC" diff "$T/w1.lead" "$T/w2.lead"
matches "a non-whole cell is rejected by the int version" "$T/out" '^  rejected -> (Small|Big)  given \{ .*n: [0-9]+\.[0-9]+'

# --- a query that runs out of its budget is said, never silent ---------------------------------
expect_exit "diff with a tiny solver budget" 0 "$LEADC" diff examples/waterfall.lead examples/diff/waterfall_v2.lead --solver-timeout 1
contains "undecided said in the text" "$T/out" "undecided: SQL -> SAL (the solver ran out of time)"
expect_exit "json with a tiny solver budget" 0 "$LEADC" diff examples/waterfall.lead examples/diff/waterfall_v2.lead --solver-timeout 1 --format json
contains "undecided in the json" "$T/out" '"name": "stage", "kind": "classification", "equivalent": false, "undecided": true'

# --- colour only on a terminal -------------------------------------------------------------------
if command -v script >/dev/null; then
  script -qc "'$LEADC' diff $TOUR '$T/tour150.lead'" /dev/null >"$T/tty" 2>&1
  if grep -q $'\e\[' "$T/tty"; then ok "colour on a terminal"; else bad "no colour on a terminal"; fi
  NO_COLOR=1 script -qc "'$LEADC' diff $TOUR '$T/tour150.lead'" /dev/null >"$T/tty" 2>&1
  if grep -q $'\e\[' "$T/tty"; then bad "colour despite NO_COLOR"; else ok "NO_COLOR"; fi
fi
"$LEADC" diff $TOUR "$T/tour150.lead" >"$T/pipe"
if grep -q $'\e\[' "$T/pipe"; then bad "colour in a pipe"; else ok "no colour in a pipe"; fi

# --- the worked example of examples/README.md is what leadc prints ---------------------------
expect_exit "waterfall diff" 0 "$LEADC" diff examples/waterfall.lead examples/diff/waterfall_v2.lead
while IFS= read -r line; do
  grep -qxF -- "$line" examples/README.md || { bad "examples/README.md lacks the line: $line"; continue; }
done <"$T/out"
ok "examples/README.md shows the waterfall diff as printed"
finish
