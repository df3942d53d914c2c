#!/bin/bash
# The golden comparison of `board export` (issue 28): two `board` binaries, each with its own ledger,
# take the same sequence of nights on one generated institution — exports as of dates across both
# academic years, a mark changed, a conflicting resubmission, a sheet removed, a night killed after
# writing its files, nights with nothing to send — and every file of every export folder, every
# summary printed and every student's history listed is compared byte for byte. Exits 0 when all are
# the same, 1 when any differs.
#
#   Tests/compare-exports.sh OLD-BOARD NEW-BOARD [ENROLMENTS] [SEED]
#
# ENROLMENTS a year, 2000 by default; the generated institution is the same for both binaries.
set -euo pipefail

if [ $# -lt 2 ] || [ ! -x "$1" ] || [ ! -x "$2" ]; then
    echo "usage: $0 OLD-BOARD NEW-BOARD [ENROLMENTS] [SEED]" >&2
    exit 64
fi
old=$(realpath "$1")
new=$(realpath "$2")
enrolments=${3:-2000}
seed=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$new" generate --enrolments "$enrolments" --seed "$seed" --out "$work/institution" >/dev/null
cp -a "$work/institution" "$work/old"
cp -a "$work/institution" "$work/new"

differences=0
nights=0
# One night for both: `board export` with these arguments and environment; the folders it wrote, and
# what it printed on stdout with its exit status, compared.
night() { # ENV... -- ARGS...
    local environment=()
    while [ "$1" != "--" ]; do environment+=("$1"); shift; done
    shift
    nights=$((nights + 1))
    for side in old new; do
        local binary=$old
        [ "$side" = new ] && binary=$new
        (cd "$work/$side" && env "${environment[@]}" "$binary" export "$@" >"$work/$side.out" 2>/dev/null;
            echo "exit $?" >>"$work/$side.out") 2>/dev/null || true
        sed -i "s|$work/$side|INSTITUTION|g" "$work/$side.out"
    done
    echo "night $nights, export $*: $(head -1 "$work/new.out")"
    if ! cmp -s "$work/old.out" "$work/new.out"; then
        echo "night $nights (export $*): the summaries differ"
        diff "$work/old.out" "$work/new.out" | head -5
        differences=$((differences + 1))
    fi
    if ! diff -r -x 'ledger.sqlite*' -x '.lock' "$work/old/Reports/exports" "$work/new/Reports/exports" >"$work/diff"; then
        echo "night $nights (export $*): the export folders differ"
        head -5 "$work/diff"
        differences=$((differences + 1))
    fi
}
# The same edit of the institution on both sides.
edit() { # COMMAND (run in each copy)
    for side in old new; do (cd "$work/$side" && eval "$1"); done
}

first_sheet=$(cd "$work/institution" && ls marks/2025-12-11/*.csv | grep -v -- -amended | head -1)
second_sheet=$(cd "$work/institution" && ls marks/2026-02-19/*.csv | head -3 | tail -1)
row=$(sed -n 2p "$work/institution/$first_sheet")

night -- --as-of 2025-10-01
night -- --as-of 2025-12-11
night -- --as-of 2025-12-11
# A mark changed: the seventh field of the sheet's first row, a few marks higher.
edit "awk -F, -v OFS=, 'NR == 2 && \$7 ~ /^[0-9]+\$/ { \$7 = (\$7 + 7) % 101 } { print }' $first_sheet > changed && mv changed $first_sheet"
night -- --as-of 2025-12-12
night -- --as-of 2026-02-19
# A resubmission of the first row with another mark: both rows become a conflict.
edit "{ head -1 $first_sheet; sed -n 2p $first_sheet | awk -F, -v OFS=, '{ \$7 = (\$7 + 11) % 101; print }'; } > marks/2025-12-11/ZZ-resubmitted.csv"
night -- --as-of 2026-03-01
edit "rm marks/2025-12-11/ZZ-resubmitted.csv $second_sheet"
# Killed after its files are written: the next night sends them again.
night BOARD_EXPORT_STOP_AFTER=5 -- --as-of 2026-03-02
night -- --as-of 2026-03-02
night -- --as-of 2026-06-18
night -- --as-of 2026-07-23
night -- --as-of 2026-10-01
night -- --as-of 2026-12-10
night -- --as-of 2027-02-18
night -- --as-of 2027-06-17
night -- --as-of 2027-07-22
night -- --as-of 2027-08-01

# Every version of the records of a few students, as `board history` lists them.
students=$(cut -d, -f1 "$work/institution/enrolments.csv" | sed 1d | sort -u | awk 'NR % 97 == 1' | head -20)
histories=0
for student in $students "$(echo "$row" | cut -d, -f1)"; do
    histories=$((histories + 1))
    (cd "$work/old" && "$old" history "$student" >"$work/old.history" 2>&1) || true
    (cd "$work/new" && "$new" history "$student" >"$work/new.history" 2>&1) || true
    if ! cmp -s "$work/old.history" "$work/new.history"; then
        echo "board history $student differs"
        diff "$work/old.history" "$work/new.history" | head -5
        differences=$((differences + 1))
    fi
done

folders=$(find "$work/new/Reports/exports" -mindepth 1 -maxdepth 1 -type d | wc -l)
files=$(find "$work/new/Reports/exports" -mindepth 2 -type f | wc -l)
bytes=$(find "$work/new/Reports/exports" -mindepth 2 -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')
if [ "$differences" -eq 0 ]; then
    echo "the same: $nights nights, $folders export folders, $files files ($bytes bytes), $histories histories, byte for byte"
else
    echo "$differences differences in $nights nights"
    exit 1
fi
