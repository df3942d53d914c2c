#!/bin/sh
# Renders two board packs with headless Chromium, every page of each (the opening page and the course
# pages beside it, courses/*.html), as a tall screenshot and as printed A4 pages (rasterised with
# pdftoppm), and says whether they look the same pixel for pixel: for a change to the template's markup
# that must not change how the pack looks. Exits 0 when they look the same, 1 when they differ, and 0
# without comparing when Chromium or pdftoppm is absent.
#
#   Tests/compare-board-packs.sh before/board-report.html after/board-report.html [HEIGHT]
#
# HEIGHT is the screenshots' height in pixels (12000 by default): make it at least a page's length.
set -eu

if [ $# -lt 2 ] || [ ! -f "$1" ] || [ ! -f "$2" ]; then
    echo "usage: $0 before/board-report.html after/board-report.html [HEIGHT]" >&2
    exit 64
fi
for tool in chromium pdftoppm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$tool not installed; skipped"
        exit 0
    fi
done

before=$(cd "$(dirname "$1")" && pwd)
after=$(cd "$(dirname "$2")" && pwd)
opening=$(basename "$1")
height=${3:-12000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() { # html name
    flags="--headless --no-sandbox --disable-gpu --user-data-dir=$work/profile --hide-scrollbars"
    chromium $flags --window-size=1280,"$height" --screenshot="$work/$2.png" "file://$1" >/dev/null 2>&1
    chromium $flags --no-pdf-header-footer --print-to-pdf="$work/$2.pdf" "file://$1" >/dev/null 2>&1
    pdftoppm -r 60 "$work/$2.pdf" "$work/$2-page"
}

same=yes
compared=0
pages="$opening $( (cd "$before" && ls courses/*.html; cd "$after" && ls courses/*.html) 2>/dev/null | sort -u)"
for page in $pages; do
    if [ ! -f "$before/$page" ] || [ ! -f "$after/$page" ]; then
        echo "$page: in one pack only"
        same=no
        continue
    fi
    rm -f "$work"/before* "$work"/after*
    render "$before/$page" before
    render "$after/$page" after
    cmp -s "$work/before.png" "$work/after.png" || { echo "$page on screen: they differ"; same=no; }
    printed=$(ls "$work"/before-page-*.ppm | wc -l)
    if [ "$printed" -ne "$(ls "$work"/after-page-*.ppm | wc -l)" ]; then
        echo "$page printed: $printed pages before, $(ls "$work"/after-page-*.ppm | wc -l) after"
        same=no
    else
        for sheet in "$work"/before-page-*.ppm; do
            cmp -s "$sheet" "$(echo "$sheet" | sed 's/before-page/after-page/')" ||
                { echo "$page printed: page $(basename "$sheet" .ppm | sed 's/before-page-//') differs"; same=no; }
        done
    fi
    compared=$((compared + 1))
done
if [ "$same" = yes ]; then
    echo "the same on screen and in print, all $compared pages"
else
    exit 1
fi
