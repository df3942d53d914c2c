#!/bin/sh
# Renders two board packs with headless Chromium, as a tall screenshot and as printed A4 pages
# (rasterised with pdftoppm), and says whether they look the same pixel for pixel: for a change to the
# template's markup that must not change how the pack looks. Exits 0 when they look the same, 1 when
# they differ, and 0 without comparing when Chromium or pdftoppm is absent.
#
#   Tests/compare-board-packs.sh before/board-report.html after/board-report.html [HEIGHT]
#
# HEIGHT is the screenshot's height in pixels (12000 by default): make it at least the pack's length.
set -eu

if [ $# -lt 2 ] || [ ! -f "$1" ] || [ ! -f "$2" ]; then
    echo "usage: $0 before.html after.html [HEIGHT]" >&2
    exit 64
fi
for tool in chromium pdftoppm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$tool not installed; skipped"
        exit 0
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() { # html name
    html=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    flags="--headless --no-sandbox --disable-gpu --user-data-dir=$work/profile-$2 --hide-scrollbars"
    chromium $flags --window-size=1280,"${3:-12000}" --screenshot="$work/$2.png" "file://$html" >/dev/null 2>&1
    chromium $flags --no-pdf-header-footer --print-to-pdf-no-header --print-to-pdf="$work/$2.pdf" "file://$html" \
        >/dev/null 2>&1
    pdftoppm -r 60 "$work/$2.pdf" "$work/$2-page"
}
render "$1" before "${3:-12000}"
render "$2" after "${3:-12000}"

same=yes
cmp -s "$work/before.png" "$work/after.png" || { echo "on screen: they differ"; same=no; }
pages=$(ls "$work"/before-page-*.ppm | wc -l)
if [ "$pages" -ne "$(ls "$work"/after-page-*.ppm | wc -l)" ]; then
    echo "printed: $pages pages before, $(ls "$work"/after-page-*.ppm | wc -l) after"
    same=no
else
    for page in "$work"/before-page-*.ppm; do
        cmp -s "$page" "$(echo "$page" | sed 's/before-page/after-page/')" ||
            { echo "printed: page $(basename "$page" .ppm | sed 's/before-page-//') differs"; same=no; }
    done
fi
if [ "$same" = yes ]; then
    echo "the same on screen and on all $pages printed pages"
else
    exit 1
fi
