#!/usr/bin/env bash
# `leadc test --junit`: a definition that does not check is an <error> test case (never
# tests="0" failures="0" while the exit code is 1); failing examples carry file, line
# and time; passing ones are plain test cases.
source "$(dirname "$0")/lib.sh"
expect_exit "a definition that does not check exits 1" 1 "$LEADC" test examples/sample_b.lead --junit "$T/bad.xml"
contains "the text report names it" "$T/out" "ERROR examples/sample_b.lead: the definition does not check"
python3 - "$T/bad.xml" <<'PY' || fails=$((fails + 1))
import sys, xml.etree.ElementTree as ET
s = ET.parse(sys.argv[1]).getroot()
assert s.tag == "testsuite", s.tag
assert s.get("tests") == "1" and s.get("errors") == "1" and s.get("failures") == "0", s.attrib
assert float(s.get("time")) >= 0
(case,) = s.findall("testcase")
assert case.get("file") == "examples/sample_b.lead" and case.get("classname") == "examples/sample_b.lead"
err = case.find("error")
assert err is not None, "no <error>"
assert "E0202" in err.get("message") and "E0202" in err.text, err.attrib
print("ok    junit: one <error> test case for the definition that does not check")
PY
expect_exit "a failing example exits 1" 1 "$LEADC" test tests/golden/cases/E0305_example_fails.lead examples/readytalk.lead --junit "$T/fail.xml"
python3 - "$T/fail.xml" <<'PY' || fails=$((fails + 1))
import sys, xml.etree.ElementTree as ET
s = ET.parse(sys.argv[1]).getroot()
cases = s.findall("testcase")
assert s.get("tests") == str(len(cases)) and len(cases) >= 2, s.attrib
assert s.get("failures") == "1" and s.get("errors") == "0", s.attrib
bad = [c for c in cases if c.find("failure") is not None]
assert len(bad) == 1
c = bad[0]
assert c.get("file") == "tests/golden/cases/E0305_example_fails.lead" and c.get("line") == "27", c.attrib
f = c.find("failure")
assert "expected 40, actual 35" in f.get("message"), f.attrib
assert f.text.startswith("tests/golden/cases/E0305_example_fails.lead:27:"), f.text
for c in cases:
    assert float(c.get("time")) >= 0 and int(c.get("line")) >= 1
print("ok    junit: failure with file, line and time; passing cases listed")
PY
expect_exit "a definition whose examples pass exits 0" 0 "$LEADC" test examples/readytalk.lead --junit "$T/ok.xml"
matches "passing run: no failures or errors" "$T/ok.xml" 'failures="0" errors="0"'
finish
