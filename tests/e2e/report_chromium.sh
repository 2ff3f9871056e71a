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
        super().__init__(); self.cls = None; self.counts = {}; self.rows = None; self.events = None
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
        if tag == "dd" and a.get("id") == "events":
            self.events = tuple(int(a[k]) for k in ("data-read", "data-rejected", "data-matched", "data-orphans", "data-orphan-keys"))
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
# Events: read, rejected, matched a lead, orphans (keys with no lead) as the run's summary says them.
m = re.search(r"activities: (\d+) events? read \(\d+ keys?\), (\d+) rejected, (\d+) matched a lead(?:, (\d+) events? for (?:a key|keys) with no lead \((\d+) keys?\))?", summary)
if m:
    assert p.events == tuple(int(g or 0) for g in m.groups()), (p.events, m.groups())
    assert p.events[0] == p.events[1] + p.events[2] + p.events[3], p.events
else:
    assert p.events is None and "activities:" not in summary, (p.events, summary)
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

# 50 labels stay readable (issue 17): a classification with 50 labels, some with long
# names, in the same Chromium. A copy of the page without its CSP gets one inline
# script that measures the layout Chromium computed (getBoundingClientRect) and writes
# it into the DOM: all 50 labels and their counts drawn, no two texts overlapping, none
# clipped by its chart, no text smaller than 11 px, and the chart growing with the
# label count (against the 3-label classification beside it).
{
  echo 'definition "Fifty labels" version "1"'
  echo 'lead {'
  echo '  id: text key'
  echo '  n:  int'
  echo '}'
  echo 'classify size (first match) {'
  echo '  small  when n <= 10'
  echo '  medium when n <= 30'
  echo '  large  otherwise'
  echo '}'
  echo 'classify bucket (first match) {'
  for i in $(seq 1 49); do
    case $((i % 7)) in
      0) name="l${i}_enterprise_platinum_partner_tier" ;;   # longer than a chart row shows
      3) name="WWWWWWWWWWWWWWWWWWWWW_$i" ;;                  # wide letters, 24 characters
      *) name="label_$i" ;;
    esac
    echo "  $name when n == $i"
  done
  echo '  the_rest otherwise'
  echo '}'
  echo 'output id, size, bucket'
} > "$T/fifty.lead"
python3 - "$T/fifty.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("id,n\n")
    k = 0
    for n in range(1, 51):          # n leads for the label of n: every count differs
        for _ in range(n):
            k += 1; f.write(f"F{k},{n}\n")
PY
check_report fifty "$T/fifty.lead" "$T/fifty.csv" ""
cat > "$T/measure.js" <<'JS'
const box = e => e.getBoundingClientRect();
const chart = name => document.querySelector(`section.classification[data-name="${name}"] svg`);
const svg = chart("bucket"), small = chart("size"), sb = box(svg);
const texts = [...svg.querySelectorAll("text")], boxes = texts.map(box);
const r = {labels: [], counts: [], titles: [], overlaps: [], clipped: [], minFont: 1e9,
           height: sb.height, smallHeight: box(small).height, rows: small.querySelectorAll("rect").length};
texts.forEach((t, i) => {
  (t.getAttribute("text-anchor") === "end" ? r.labels : r.counts).push(t.textContent);
  r.minFont = Math.min(r.minFont, parseFloat(getComputedStyle(t).fontSize), boxes[i].height);
  const b = boxes[i];
  if (b.left < sb.left - 0.5 || b.right > sb.right + 0.5 || b.top < sb.top - 0.5 || b.bottom > sb.bottom + 0.5)
    r.clipped.push(t.textContent);
  for (let j = 0; j < i; j++) {
    const c = boxes[j];
    if (Math.min(b.right, c.right) - Math.max(b.left, c.left) > 0.5 && Math.min(b.bottom, c.bottom) - Math.max(b.top, c.top) > 0.5)
      r.overlaps.push([texts[j].textContent, t.textContent]);
  }
});
svg.querySelectorAll("rect").forEach(e => r.titles.push(e.querySelector("title").textContent));
const out = document.createElement("pre"); out.id = "layout"; out.textContent = JSON.stringify(r);
document.body.appendChild(out);
JS
{ sed 's#<meta http-equiv="Content-Security-Policy"[^>]*>##; s#</body>#<script>MEASURE</script></body>#' "$T/fifty.html" \
  | python3 -c 'import sys; print(sys.stdin.read().replace("MEASURE", open(sys.argv[1]).read()), end="")' "$T/measure.js"; } > "$T/fifty_measure.html"
chrome "$T/fifty_measure.log" --window-size=1000,1200 --dump-dom "file://$T/fifty_measure.html" >"$T/fifty_measure.dom"
python3 - "$T/fifty_measure.dom" "$T/fifty.dom" <<'PY' && ok "50 labels: all drawn with their counts, no overlap, nothing clipped, chart grows" || bad "50 labels readable"
import html, json, re, sys
dom = open(sys.argv[1]).read()
m = re.search(r'<pre id="layout">(.*?)</pre>', dom, re.S)
assert m, "the measuring script did not run"
r = json.loads(html.unescape(m.group(1)))
# The table of the real report's DOM: label -> count.
want = {html.unescape(a): int(b) for a, b in re.findall(r'<tr data-label="([^"]*)" data-count="(\d+)">', open(sys.argv[2]).read())}
want = {k: v for k, v in want.items() if not k in ("small", "medium", "large")}
assert len(want) == 50, len(want)
assert len(r["labels"]) == 50 and len(r["counts"]) == 50 and len(r["titles"]) == 50, (len(r["labels"]), len(r["counts"]))
for shown, title, count in zip(r["labels"], r["titles"], r["counts"]):
    name, n = title.rsplit(": ", 1)
    assert name in want and int(n) == want[name], (title, want.get(name))
    assert shown == name or (shown.endswith("…") and name.startswith(shown[:-1])), (shown, name)
    assert count.split(" ")[0] == n, (count, n)
assert not r["overlaps"], r["overlaps"][:5]
assert not r["clipped"], r["clipped"][:5]
assert r["minFont"] >= 11, r["minFont"]
assert r["height"] >= 50 * 16 and r["height"] >= 10 * r["smallHeight"], (r["height"], r["smallHeight"])
PY

# The network check is real: the same page with one image from the web is refused by
# the CSP, and Chromium logs it where the checks above look.
sed 's#<body>#<body><img src="https://example.invalid/pixel.png" alt="">#' "$T/readytalk.html" > "$T/leaky.html"
chrome "$T/leaky.log" --dump-dom "file://$T/leaky.html" >/dev/null
[ -n "$(console_lines "$T/leaky.log")" ] && ok "an injected request is refused and logged" || { bad "an injected request is refused and logged"; tail -5 "$T/leaky.log"; }
finish
