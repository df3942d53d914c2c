#!/bin/sh
# Renders every page of a board pack with headless Chromium, to look at it as a board member would on
# screen and on paper: the opening page and each course page beside it (courses/*.html), each as a PNG
# (1280 px wide) and a PDF (the pack's print CSS), written beside the HTML unless an output folder is
# given (OUTDIR/board-report.png, OUTDIR/courses/MC4002.pdf, …). Checks that every page rendered and
# prints on A4. Exits 0 without rendering when Chromium is absent.
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

pack=$(cd "$(dirname "$1")" && pwd)
opening=$(basename "$1")
out=${2:-$pack}
mkdir -p "$out/courses"
out=$(cd "$out" && pwd)
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

# Chromium's own header and footer would print today's date and the file path on every page.
flags="--headless --no-sandbox --disable-gpu --user-data-dir=$profile --hide-scrollbars"
pages=0
failed=0
for page in "$opening" $(cd "$pack" && ls courses/*.html 2>/dev/null); do
    name=${page%.html}
    "$browser" $flags --window-size=1280,2000 --screenshot="$out/$name.png" "file://$pack/$page" 2>/dev/null
    "$browser" $flags --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$pack/$page" 2>/dev/null
    for file in "$name.png" "$name.pdf"; do
        if [ ! -s "$out/$file" ]; then
            echo "$browser did not write $out/$file" >&2
            failed=1
        fi
    done
    if command -v pdfinfo >/dev/null 2>&1 && [ -s "$out/$name.pdf" ]; then
        if ! pdfinfo "$out/$name.pdf" | grep -q '^Page size:.*(A4)'; then
            echo "$page does not print on A4: $(pdfinfo "$out/$name.pdf" | grep '^Page size')" >&2
            failed=1
        fi
    fi
    pages=$((pages + 1))
done
[ "$failed" -eq 0 ] || exit 1
echo "rendered $pages pages of $pack into $out (PNG and PDF, A4)"
