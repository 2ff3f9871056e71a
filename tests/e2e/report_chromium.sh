#!/usr/bin/env bash
# End-to-end in a real browser: the HTML report of every example is opened in headless
# Chromium (Debian `chromium`, installed by scripts/install-test-deps.sh). Per report:
# the DOM Chromium built shows the label counts of `leadc run`'s summary over the same
# file; nothing leaves the file (no http(s) URL in it, and its CSP `default-src 'none'`
# makes the browser refuse and log any request: a copy with one injected image proves
# the log catches it); no console message at all; a screenshot under
# build/artifacts/reports/ that is not blank (decoded with zlib: many colours).
# Invoked by CTest as: report_chromium.sh LEADC SOURCE_DIR
source "$(dirname "$0")/lib.sh"
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  echo "FAIL  chromium is not installed (scripts/install-test-deps.sh installs it)"; exit 1
fi
ART="$(dirname "$LEADC")/artifacts/reports"
mkdir -p "$ART"
chrome() {  # LOG ARGS...: headless, no sandbox (CI runs as root), own profile, console to LOG
  local log=$1; shift
  timeout 90 "$CHROME" --headless=new --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
    --disable-extensions --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$T/profile" --enable-logging=stderr --v=0 "$@" 2>"$log"
}
console_lines() { grep -E 'CONSOLE|Refused to|Content Security Policy' "$1" || true; }

check_report() {  # NAME DEFINITION LEADS [EVENTS]
  local name=$1 def=$2 leads=$3 events=()
  [ -n "${4:-}" ] && events=(--activities "$4")
  if ! "$LEADC" run "$def" --leads "$leads" "${events[@]}" --as-of 2026-11-22 -o "$T/$name.out.csv" 2>"$T/$name.summary"; then
    bad "$name: run"; cat "$T/$name.summary"; return
  fi
  if ! "$LEADC" report "$def" --leads "$leads" "${events[@]}" --as-of 2026-11-22 -o "$T/$name.html" -q 2>"$T/err"; then
    bad "$name: report"; cat "$T/err"; return
  fi
  if grep -qiE 'https?://|<script|@import|url\(' "$T/$name.html"; then bad "$name: the file names something to fetch"; grep -oiE 'https?://[^" ]*|<script|@import|url\(' "$T/$name.html" | head -3
  else ok "$name: no URL, script or import in the file"; fi
  chrome "$T/$name.dom.log" --dump-dom "file://$T/$name.html" >"$T/$name.dom"
  [ -s "$T/$name.dom" ] && ok "$name: Chromium rendered the DOM" || { bad "$name: empty DOM"; head -20 "$T/$name.dom.log"; return; }
  if [ -n "$(console_lines "$T/$name.dom.log")" ]; then bad "$name: console messages"; console_lines "$T/$name.dom.log" | head -5
  else ok "$name: no console message, no refused request"; fi
  python3 - "$T/$name.dom" "$T/$name.summary" <<'PY' && ok "$name: DOM counts = run summary" || bad "$name: DOM counts = run summary"
import re, sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(self):
        super().__init__(); self.cls = None; self.counts = {}; self.rows = None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("class") == "classification":
            self.cls = a["data-name"]; self.counts[self.cls] = {}
        elif tag == "section":
            self.cls = None
        if tag == "tr" and self.cls and "data-label" in a:
            self.counts[self.cls][a["data-label"]] = int(a["data-count"])
        if tag == "dd" and a.get("id") == "rows":
            self.rows = int(a["data-written"])
p = P(); p.feed(open(sys.argv[1]).read())
summary = open(sys.argv[2]).read()
want = {}
for line in summary.splitlines():
    m = re.match(r"^  (\w+):((?: \S+=\d+)+)$", line.replace("(no label)", "(no_label)"))
    if m and m.group(1) not in ("activities", "rejected", "read"):
        want[m.group(1)] = {k.replace("(no_label)", "(no label)"): int(v) for k, v in (kv.split("=") for kv in m.group(2).split())}
written = int(re.search(r"(\d+) written", summary).group(1))
assert want, summary
assert p.counts == want, (p.counts, want)
assert p.rows == written, (p.rows, written)
for c in want: assert sum(want[c].values()) == written, (c, want[c], written)
PY
  chrome "$T/$name.shot.log" --screenshot="$ART/$name.png" --window-size=1000,1200 --hide-scrollbars "file://$T/$name.html" >/dev/null
  python3 - "$ART/$name.png" <<'PY' && ok "$name: screenshot $ART/$name.png is not blank" || bad "$name: screenshot not blank"
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w, h, ctype = 8, b"", 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
    if kind == b"IHDR": w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT": idat += body
raw = zlib.decompress(idat)
bpp = {2: 3, 6: 4}[ctype]
stride = w * bpp + 1
colours, prev = set(), bytearray(w * bpp)
for y in range(h):   # undo the PNG row filters, then count colours
    f, row = raw[y * stride], bytearray(raw[y * stride + 1:(y + 1) * stride])
    for i in range(len(row)):
        a = row[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: row[i] = (row[i] + a) & 255
        elif f == 2: row[i] = (row[i] + b) & 255
        elif f == 3: row[i] = (row[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 4 == 0: colours.update(bytes(row[i:i + 3]) for i in range(0, len(row), bpp * 4))
    prev = row
assert w >= 1000 and h >= 1000, (w, h)
assert len(colours) >= 20, f"only {len(colours)} colours"
PY
}

for f in examples/*.lead; do
  case "$f" in */sample_a.lead|*/sample_b.lead) continue ;; esac  # rejected by check on purpose
  base=$(basename "$f" .lead)
  csv=$(ls examples/"${base}"*.csv 2>/dev/null | grep -v '_events\.csv$' | head -1)
  events=""
  [ -f "examples/${base}_events.csv" ] && events="examples/${base}_events.csv"
  check_report "$base" "$f" "$csv" "$events"
done

# The network check is real: the same page with one image from the web is refused by
# the CSP, and Chromium logs it where the checks above look.
sed 's#<body>#<body><img src="https://example.invalid/pixel.png" alt="">#' "$T/readytalk.html" > "$T/leaky.html"
chrome "$T/leaky.log" --dump-dom "file://$T/leaky.html" >/dev/null
[ -n "$(console_lines "$T/leaky.log")" ] && ok "an injected request is refused and logged" || { bad "an injected request is refused and logged"; tail -5 "$T/leaky.log"; }
finish
