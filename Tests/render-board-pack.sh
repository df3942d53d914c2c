#!/bin/sh
# Renders a board pack with headless Chromium, to look at it as a board member would on screen and
# on paper: board-report.png (1280 px wide) and board-report.pdf (A4, the pack's print CSS), written
# beside the HTML unless an output folder is given. Exits 0 without rendering when Chromium is absent.
#
#   Tests/render-board-pack.sh Reports/2025-26/2026-06-18/board-report.html [OUTDIR]
set -eu

if [ $# -lt 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 board-report.html [OUTDIR]" >&2
    exit 64
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
    echo "chromium not installed; skipped"
    exit 0
fi

html=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
out=${2:-$(dirname "$html")}
mkdir -p "$out"
out=$(cd "$out" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# Chromium's own header and footer would print today's date and the file path on every page.
flags="--headless --no-sandbox --disable-gpu --user-data-dir=$profile --hide-scrollbars"
"$browser" $flags --window-size=1280,2000 --screenshot="$out/board-report.png" "file://$html" 2>/dev/null
"$browser" $flags --no-pdf-header-footer --print-to-pdf-no-header --print-to-pdf="$out/board-report.pdf" "file://$html" 2>/dev/null

for file in board-report.png board-report.pdf; do
    if [ ! -s "$out/$file" ]; then
        echo "$browser did not write $out/$file" >&2
        exit 1
    fi
done
pages=""
if command -v pdfinfo >/dev/null 2>&1; then
    pages=" ($(pdfinfo "$out/board-report.pdf" | awk '/^Pages:/ { print $2 }') pages)"
fi
echo "rendered $out/board-report.png and $out/board-report.pdf$pages"
