#!/usr/bin/env bash
# Findings for CI: `check --format github` (workflow commands, escaped as GitHub reads
# them), SARIF that the SARIF 2.1.0 validator (npm @microsoft/sarif-multitool) accepts
# for relative and absolute paths, fix-its as SARIF `fixes` and JSON `fixes`, and JSON
# notes without a span carry no line at all (never line 0).
source "$(dirname "$0")/lib.sh"
G=tests/golden/cases
# --- github
mkdir -p "$T/odd"
cp examples/sample_b.lead "$T/odd/a,b:c 100%.lead"
expect_exit "github: findings exit 1" 1 "$LEADC" check --format github examples/sample_a.lead "$T/odd/a,b:c 100%.lead" $G/W0501_unused_term.lead
count_is "github: one ::error per error" "$T/out" "::error " 4
count_is "github: ::warning for a warning" "$T/out" "::warning file=$G/W0501_unused_term.lead,line=12,col=6,endLine=12,endColumn=15,title=W0501::term \`mid_market\` is never used" 1
contains "github: span and title" "$T/out" "::error file=examples/sample_a.lead,line=9,col=1,endLine=13,endColumn=1,title=E0402::no label of \`temperature\` is true for some leads%0A"
contains "github: property escapes , : and %" "$T/out" "file=$T/odd/a%2Cb%3Ac 100%25.lead,line=13,col=38,endLine=13,endColumn=41,title=E0202::"
contains "github: the message keeps : and , but escapes newlines" "$T/out" "%0Awitness:%0Agiven { lead_id: \"x\", "
if grep -v '^::\(error\|warning\|notice\) [^:]*::' "$T/out" | grep -q .; then bad "github: every line is a workflow command"; else ok "github: every line is a workflow command"; fi
expect_exit "github: a clean file prints nothing, exit 0" 0 "$LEADC" check --format github examples/readytalk.lead
[ -s "$T/out" ] && bad "github: clean output is empty" || ok "github: clean output is empty"
# --- JSON: fixes, notes with and without spans
"$LEADC" check --format json $G/E0201_undefined_field_typo.lead $G/E0203_duplicate_term.lead examples/sample_a.lead > "$T/f.json"
python3 - "$T/f.json" <<'PY' || fails=$((fails + 1))
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
typo = [r for r in rows if r["code"] == "E0201"][0]
(fix,) = typo["fixes"]
assert fix["replacement"] == "pricing_page_time" and fix["line"] == typo["line"] and fix["column"] == typo["column"], fix
assert fix["end"] == typo["end"] and fix["file"] == typo["file"], fix
spanned = [n for r in rows for n in r["notes"] if "line" in n]
bare = [n for r in rows for n in r["notes"] if "line" not in n]
assert spanned and bare, rows
assert all(n["line"] >= 1 and n["column"] >= 1 and n["file"] for n in spanned), spanned
assert all(set(n) == {"message"} for n in bare), bare
assert all(r["fixes"] == [] for r in rows if r["code"] == "E0402")
print("ok    json: fixes, notes with a span have a line >= 1, notes without none")
PY
# --- SARIF: several findings, relative and absolute paths, fix-its
"$LEADC" check --format sarif examples/sample_a.lead examples/sample_b.lead $G/E0201_undefined_field_typo.lead \
  "$PWD/$G/E0304_enum_member_typo.lead" $G/E0203_duplicate_term.lead $G/W0501_unused_term.lead > "$T/s.sarif"
python3 - "$T/s.sarif" "$PWD" <<'PY' || fails=$((fails + 1))
import json, sys
doc = json.load(open(sys.argv[1]))
text = open(sys.argv[1]).read()
assert "github.com/leadc" not in text, "placeholder address"
run = doc["runs"][0]
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + sys.argv[2] + "/"
for rule in run["tool"]["driver"]["rules"]:
    assert "docs/diagnostics.md" in rule["help"]["text"] and rule["name"].isalnum(), rule
    assert rule["helpUri"].startswith("file:///") and "/diagnostics.md#" + rule["id"].lower() + "--" in rule["helpUri"], rule
seen_abs = seen_rel = False
for r in run["results"]:
    art = r["locations"][0]["physicalLocation"]["artifactLocation"]
    if art["uri"].startswith("file:///"):
        assert "uriBaseId" not in art, art
        seen_abs = True
    else:
        assert art["uriBaseId"] == "%SRCROOT%" and not art["uri"].startswith("/"), art
        seen_rel = True
assert seen_abs and seen_rel
fixed = [r for r in run["results"] if "fixes" in r]
assert {r["ruleId"] for r in fixed} == {"E0201", "E0304"}, [r["ruleId"] for r in fixed]
for r in fixed:
    (rep,) = r["fixes"][0]["artifactChanges"][0]["replacements"]
    assert rep["deletedRegion"]["startLine"] >= 1 and rep["insertedContent"]["text"], rep
assert any("relatedLocations" in r for r in run["results"]), "E0203's note has a span"
print("ok    sarif: uris, rules with helpUri into docs/diagnostics.md, fixes, related locations")
PY
# The validator itself (npm @microsoft/sarif-multitool, installed into the build tree).
NPM_DIR="$(dirname "$LEADC")/npm"
MT="$NPM_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
if [ ! -e "$MT" ]; then
  if command -v npm >/dev/null; then
    npm install --prefix "$NPM_DIR" @microsoft/sarif-multitool >/dev/null 2>&1 || bad "npm install @microsoft/sarif-multitool"
  else
    echo "skip  sarif-multitool validate: npm is not installed"
  fi
fi
if [ -e "$MT" ]; then
  chmod u+x "$MT"  # its postinstall chmod does not run where npm blocks install scripts
  for f in "$T/s.sarif"; do
    "$MT" validate "$f" --output "$T/v.sarif" --level "Error;Warning;Note" --quiet >/dev/null 2>&1
    # Errors fail; of the warnings only SARIF2005 (no informationUri: there is no public
    # address of the project to give) is expected.
    python3 - "$T/v.sarif" <<'PY' && ok "sarif-multitool validate: no errors" || bad "sarif-multitool validate"
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
worse = [r for r in res if r.get("level", "warning") in ("error", "warning") and r["ruleId"] != "SARIF2005"]
for r in worse: print("     ", r["ruleId"], r.get("level", "warning"), r["message"].get("arguments"))
sys.exit(1 if worse else 0)
PY
  done
fi
finish
