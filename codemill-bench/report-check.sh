#!/usr/bin/env bash
# Renders OUT/report.html in headless Chromium and checks that every chart drew something.
# Usage: codemill-bench/report-check.sh OUT [SCREENSHOT.png]
#
# Needs Debian's `chromium` (not in CI; install once with `apt-get install -y chromium`).
# The page is opened from a file:// URL with networking disabled by a bogus proxy, so a chart that
# depended on the network would fail. After the scripts ran (virtual time budget 10 s; the charts
# have no animation), the DOM is dumped; each chart element `chart-ID` must carry
# data-items > 0 (non-zero data items handed to ECharts), data-shapes >= 3 (SVG path/rect
# elements ECharts drew) and data-clipped = 0 (no text drawn outside the chart's box), and its <svg>
# must be in the DOM. Prints one line per chart; exit 1 if any
# chart is empty or the page did not render.
set -euo pipefail
out="${1:?usage: report-check.sh OUT [SCREENSHOT.png]}"
shot="${2:-}"
page="$(cd "$out" && pwd)/report.html"
[ -f "$page" ] || { echo "no $page" >&2; exit 2; }
chrome="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chrome" ] || { echo "chromium not found: apt-get install -y chromium" >&2; exit 2; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
flags=(--headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$tmp/profile"
       --proxy-server=127.0.0.1:9 --proxy-bypass-list='<-loopback>' --virtual-time-budget=10000
       --window-size=1300,4200)
"$chrome" "${flags[@]}" --dump-dom "file://$page" > "$tmp/dom.html" 2> "$tmp/chromium.log" || {
  cat "$tmp/chromium.log" >&2; exit 2; }
if [ -n "$shot" ]; then
  "$chrome" "${flags[@]}" --screenshot="$(realpath -m "$shot")" "file://$page" >/dev/null 2>&1
fi
python3 - "$tmp/dom.html" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
if 'data-rendered="true"' not in dom:
    print("FAIL: the page's script did not finish (no data-rendered on <body>)"); sys.exit(1)
bad = 0
charts = re.findall(r'<div class="chart" id="chart-([a-z_]+)"([^>]*)>(.*?)</div>\s*(?=<div class="chart"|<h2>)', dom, re.S)
for cid, attrs, inner in charts:
    items = int((re.search(r'data-items="(\d+)"', attrs) or [0, 0])[1])
    shapes = int((re.search(r'data-shapes="(\d+)"', attrs) or [0, 0])[1])
    clipped = int((re.search(r'data-clipped="(\d+)"', attrs) or [0, -1])[1])  # -1: not measured
    svg = "<svg" in inner
    ok = items > 0 and shapes >= 3 and svg and clipped == 0
    bad += not ok
    print(f"{'ok  ' if ok else 'FAIL'} chart-{cid}: {items} data items, {shapes} svg shapes, {clipped} texts clipped")
if not charts:
    print("FAIL: no chart elements in the DOM"); sys.exit(1)
print(f"{len(charts)} charts, {bad} empty or clipped")
sys.exit(1 if bad else 0)
PY
