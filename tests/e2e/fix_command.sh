#!/usr/bin/env bash
# `leadc fix FILE… [--dry-run]` applies the fix-its that cannot change meaning (a
# misspelt name that resolves to one declared name, `=` where `==` must be meant), in
# place or as a diff; the fixed files check clean. SARIF/JSON carry the same fixes, and
# SARIF rules link their entry of docs/diagnostics.md.
source "$(dirname "$0")/lib.sh"
G=tests/golden/cases
for f in E0201_undefined_field_typo E0201_undefined_term_typo E0304_enum_member_typo E0304_label_typo E0101_single_equals; do
  cp "$G/$f.lead" "$T/$f.lead"
done
cp "$T/E0201_undefined_field_typo.lead" "$T/orig.lead"
expect_exit "fix --dry-run" 0 "$LEADC" fix --dry-run "$T/E0201_undefined_field_typo.lead"
contains "a unified diff" "$T/out" "+  +15 when pricing_page_time >= 60 seconds"
contains "it says what it would apply" "$T/err" "$T/E0201_undefined_field_typo.lead: 1 fix to apply"
cmp -s "$T/orig.lead" "$T/E0201_undefined_field_typo.lead" && ok "--dry-run writes nothing" || bad "--dry-run writes nothing"
patch -s -o "$T/patched.lead" "$T/orig.lead" < "$T/out" || bad "the dry-run diff applies"
expect_exit "fix in place" 0 "$LEADC" fix "$T"/E0201_undefined_field_typo.lead "$T"/E0201_undefined_term_typo.lead \
  "$T"/E0304_enum_member_typo.lead "$T"/E0304_label_typo.lead "$T"/E0101_single_equals.lead
contains "one fix per file" "$T/err" "$T/E0304_label_typo.lead: 1 fix applied"
cmp -s "$T/patched.lead" "$T/E0201_undefined_field_typo.lead" && ok "in place = the dry-run diff" || bad "in place = the dry-run diff"
for f in E0201_undefined_field_typo E0201_undefined_term_typo E0304_enum_member_typo E0304_label_typo E0101_single_equals; do
  expect_exit "$f checks clean after fix" 0 "$LEADC" check "$T/$f.lead"
done
contains "= became ==" "$T/E0101_single_equals.lead" "term referred = lead_source == referral"
expect_exit "fix of a file without fix-its changes nothing" 0 "$LEADC" fix examples/readytalk.lead
contains "0 fixes" "$T/err" "examples/readytalk.lead: 0 fixes applied"
expect_exit "errors no fix can change exit 1" 1 "$LEADC" fix --dry-run examples/sample_b.lead
contains "they are counted" "$T/err" "examples/sample_b.lead: 0 fixes to apply; 2 errors left that no safe fix can change"
expect_exit "fix - writes the fixed text" 0 bash -c "'$LEADC' fix - < '$G/E0304_label_typo.lead' > '$T/stdin_fixed.lead'"
expect_exit "which checks clean" 0 "$LEADC" check "$T/stdin_fixed.lead"
# The fixes in JSON and SARIF, and the rules' links into docs/diagnostics.md.
"$LEADC" check --format json "$G/E0101_single_equals.lead" > "$T/f.json"
contains "JSON fixes the =" "$T/f.json" '"replacement":"=="'
"$LEADC" check --format sarif "$G/E0201_undefined_field_typo.lead" > "$T/f.sarif"
python3 - "$T/f.sarif" <<'PY' || fails=$((fails + 1))
import json, os, sys, urllib.parse
run = json.load(open(sys.argv[1]))["runs"][0]
(rule,) = run["tool"]["driver"]["rules"]
uri = rule["helpUri"]
assert uri.endswith("/diagnostics.md#e0201--undefined-name"), uri
page = urllib.parse.unquote(urllib.parse.urlparse(uri).path)
text = open(page).read()  # the link is to a real page ...
assert "## E0201 — undefined name" in text, page  # ... with the heading the anchor names
assert run["tool"]["driver"]["informationUri"] == uri.split("#")[0]
(res,) = run["results"]
assert res["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"] == "pricing_page_time"
print("ok    sarif: helpUri into docs/diagnostics.md (a real file and heading), fixes")
PY
"$LEADC" check --format sarif --docs-url https://docs.example.org/leadc/diagnostics.md "$G/E0201_undefined_field_typo.lead" > "$T/u.sarif"
contains "--docs-url sets the address" "$T/u.sarif" '"helpUri":"https://docs.example.org/leadc/diagnostics.md#e0201--undefined-name"'
finish
