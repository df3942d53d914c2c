#!/usr/bin/env bash
# Fuzzes the sheet reader (Sources/sheet-fuzz): builds the target with libFuzzer (swiftc
# -sanitize=fuzzer, linked by lld: gold fails on its debug information) into .build-fuzz/, seeds a corpus
# from the sheet and workbook fixtures, csv-spectrum and SampleData's sheets, and runs it.
#
#   Tests/fuzz/run-sheet-fuzz.sh            # smoke run: 20,000 executions, under a minute once built
#   Tests/fuzz/run-sheet-fuzz.sh 1000000    # a million executions
#
# Any further arguments go to libFuzzer (-jobs=2, -max_total_time=600, …). A crash, a hang past 30 s, a
# finding without a line or rows that do not reconcile stop the run, leaving the input as crash-* or
# timeout-* in .build-fuzz/artifacts/; `swift run sheet-fuzz FILE` replays it without libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-20000}
shift || true
swift build -c release --product sheet-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
mkdir -p .build-fuzz/artifacts
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
for seed in Tests/InputTests/Fixtures/*.csv Tests/InputTests/Fixtures/*.xlsx; do cp "$seed" "$corpus/input-$(basename "$seed")"; done
for seed in Tests/WorkbookTests/Fixtures/*.xls*; do cp "$seed" "$corpus/workbook-$(basename "$seed")"; done
for sheet in SampleData/marks/*/*; do cp "$sheet" "$corpus/sample-$(basename "$(dirname "$sheet")")-$(basename "$sheet")"; done
if [ -d ../shared/testdata/csv-spectrum/csvs ]; then
    for csv in ../shared/testdata/csv-spectrum/csvs/*.csv; do cp "$csv" "$corpus/spectrum-$(basename "$csv")"; done
fi
# libFuzzer, not Swift's backtracer, handles a crash, so that it keeps the input that made it.
SWIFT_BACKTRACE=enable=no .build-fuzz/release/sheet-fuzz -runs="$runs" -max_len=65536 -timeout=30 -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix=.build-fuzz/artifacts/ "$@" "$corpus"
