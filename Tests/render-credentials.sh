#!/bin/sh
# Prints certificates and transcripts with headless Chromium to A4 PDFs, and turns each page into a
# PNG to look at: every *-certificate.html and *-transcript.html of FOLDER, written to OUTDIR (default:
# FOLDER). With --per-course, only the largest certificate and the largest transcript of each course
# (the longest names and texts it prints): a board's worth takes a second or more per document. Without
# FOLDER, renders the samples the CredentialsTests write (one of each kind, and a certificate filled to
# the limits). Fails when a certificate takes more than one page. Exits 0 without rendering, saying
# "skipped", when Chromium is absent.
#
#   Tests/render-credentials.sh [--per-course] [FOLDER [OUTDIR]]
set -eu

per_course=false
if [ "${1:-}" = "--per-course" ]; then
    per_course=true
    shift
fi

browser=""
for candidate in chromium chromium-browser google-chrome; do
    if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -z "$browser" ]; then
    echo "chromium not installed; credentials not rendered: skipped"
    exit 0
fi

if [ -n "${1:-}" ]; then
    folder=$(cd "$1" && pwd)
else
    folder=$(mktemp -d)
    CREDENTIALS_SAMPLES_OUT=$folder swift test --filter SampleCredentials >/dev/null
fi
out=${2:-$folder}
mkdir -p "$out"
out=$(cd "$out" && pwd)
if ! command -v pdfinfo >/dev/null 2>&1; then
    echo "poppler-utils not installed; pages not counted, certificates not checked for one page: skipped"
fi
profile=$(mktemp -d)
list=$(mktemp)
trap 'rm -rf "$profile" "$list"' EXIT

for html in "$folder"/*-certificate.html "$folder"/*-transcript.html; do
    [ -f "$html" ] || continue
    if $per_course; then
        # <SPR>-<COURSE>-<kind>: one line per file, keyed by course and kind, with its size.
        name=$(basename "$html" .html)
        stem=${name%-*}
        printf '%s-%s\t%s\t%s\n' "${stem##*-}" "${name##*-}" "$(wc -c <"$html")" "$html"
    else
        printf '%s\n' "$html"
    fi
done >"$list"
if $per_course; then
    sort -t "$(printf '\t')" -k1,1 -k2,2nr "$list" | awk -F '\t' '!seen[$1]++ { print $3 }' >"$list.chosen"
    mv "$list.chosen" "$list"
fi

status=0
rendered=0
while IFS= read -r html; do
    name=$(basename "$html" .html)
    # Chromium's own header and footer would print today's date and the file path on the page.
    "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" --no-pdf-header-footer \
        --print-to-pdf-no-header --print-to-pdf="$out/$name.pdf" "file://$html" </dev/null 2>/dev/null
    if [ ! -s "$out/$name.pdf" ]; then
        echo "$browser did not write $out/$name.pdf" >&2
        exit 1
    fi
    pages=?
    if command -v pdfinfo >/dev/null 2>&1; then
        pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ { print $2 }')
    fi
    if command -v pdftoppm >/dev/null 2>&1; then
        pdftoppm -png -r 70 "$out/$name.pdf" "$out/$name"
    fi
    case "$name" in
    *-certificate)
        if [ "$pages" != 1 ] && [ "$pages" != "?" ]; then
            echo "$out/$name.pdf: a certificate must fit one A4 page, this one takes $pages" >&2
            status=1
        fi
        ;;
    esac
    echo "rendered $out/$name.pdf ($pages pages)"
    rendered=$((rendered + 1))
done <"$list"
echo "$rendered documents rendered into $out"
exit $status
