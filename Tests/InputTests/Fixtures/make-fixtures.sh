#!/usr/bin/env bash
# Makes the sheet fixtures of SheetsAsWrittenTests.swift from source-mark-sheet.csv (a mark sheet as a
# course team types it: UTF-8, component 001, student 00123456), byte for byte as the program at the
# start of each file's name writes it: LibreOffice Calc headless (Debian's libreoffice-calc-nogui,
# 7.4.7.2 here) where it can make the shape, this script (python3) where only Excel makes it. Run it
# only to add or remake a fixture: LibreOffice's output may change between its versions.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# LibreOffice's CSV filter options: separator, quote, character set (76 UTF-8, 1 Windows-1252, 65535
# UTF-16), first line, column types (2: text), language (2057: English, UK), quoted as text, detect
# numbers and dates.
import_detecting="CSV:44,34,76,1,,2057,false,true"
import_as_text="CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2/11/2/12/2/13/2,2057"

# $1 source, $2 import options, $3 export filter and options, $4 fixture name
convert() {
    rm -rf "$work/out" && mkdir -p "$work/out"
    cp "$1" "$work/in.csv"
    soffice --headless -env:UserInstallation="file://$work/profile" --infilter="$2" \
        --convert-to "$3" --outdir "$work/out" "$work/in.csv" >/dev/null 2>&1
    mv "$work/out/"* "$4"
}

# Excel's "CSV (Comma delimited)": Windows-1252; every value kept as typed.
convert source-mark-sheet.csv "$import_as_text" 'csv:Text - txt - csv (StarCalc):44,34,1' libreoffice-windows-1252.csv
# A sheet opened with numbers detected and saved again: 001 is 1, 00123456 is 123456.
convert source-mark-sheet.csv "$import_detecting" 'csv:Text - txt - csv (StarCalc):44,34,76' libreoffice-numbers-detected.csv
# A note typed in column Q of one row: every row is written out to column Q, the header too.
python3 - source-mark-sheet.csv "$work/note.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
lines[3] += ",,,,Marked by the second marker"
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
convert "$work/note.csv" "$import_as_text" 'csv:Text - txt - csv (StarCalc):44,34,76' libreoffice-note-beyond-header.csv
# Empty rows left between the marks: written as rows of nothing but commas.
python3 - source-mark-sheet.csv "$work/gaps.csv" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
lines = lines[:3] + ["", ""] + lines[3:5] + [""] + lines[5:]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
convert "$work/gaps.csv" "$import_as_text" 'csv:Text - txt - csv (StarCalc):44,34,76' libreoffice-empty-rows.csv
# Excel's "Unicode Text": UTF-16 with a byte-order mark, tab separated (renamed .csv by the team).
convert source-mark-sheet.csv "$import_as_text" 'csv:Text - txt - csv (StarCalc):9,34,65535' libreoffice-utf16.csv
# Saved where the decimal separator is a comma: semicolons between the columns.
convert source-mark-sheet.csv "$import_as_text" 'csv:Text - txt - csv (StarCalc):59,34,76' libreoffice-semicolons.csv
# A header and no rows.
head -n 1 source-mark-sheet.csv > "$work/header.csv"
convert "$work/header.csv" "$import_as_text" 'csv:Text - txt - csv (StarCalc):44,34,76' libreoffice-header-only.csv
# Workbooks: numbers and dates detected (number and date cells), and every column as text.
convert source-mark-sheet.csv "$import_detecting" 'xlsx:Calc MS Excel 2007 XML' libreoffice-numbers-detected.xlsx
convert source-mark-sheet.csv "$import_as_text" 'xlsx:Calc MS Excel 2007 XML' libreoffice-text-cells.xlsx
# The workbook saved with a .csv name.
cp libreoffice-numbers-detected.xlsx libreoffice-xlsx-named-csv.csv

# Shapes LibreOffice does not write.
python3 - <<'PY'
source = open("source-mark-sheet.csv", encoding="utf-8").read().splitlines()
# Excel with a d/m/yyyy date format: one- and two-digit days and months.
dates = {"2025-11-26": "26/11/2025", "2025-11-27": "27/11/2025", "2025-11-28": "28/11/2025",
         "2025-11-20": "5/11/2025", "2025-11-21": "07/9/2025"}
rows = []
for line in source:
    for iso, uk in dates.items():
        line = line.replace(iso, uk)
    rows.append(line)
open("script-excel-uk-dates.csv", "w", encoding="utf-8").write("\n".join(rows) + "\n")
# Excel for Mac's "CSV (Macintosh)": lines ended by CR alone; a comment with a quoted line break.
mac = source[:]
mac[4] = mac[4].replace("Résumé’s summary attached", '"Résumé’s summary\rattached"')
open("script-excel-mac-cr.csv", "wb").write(("\r".join(mac) + "\r").encode("utf-8"))
# A UTF-8 sheet into which rows were pasted from a Windows-1252 one: é as the byte E9, in the comment
# (a column of the sheet) on line 3, and in a column the sheet does not define on line 5.
mixed = [source[0] + ",marker"] + [line + "," for line in source[1:]]
text = "\n".join(mixed) + "\n"
data = text.encode("utf-8")
lines = data.split(b"\n")
lines[2] = lines[2][:-1] + b"tr\xe8s bien,"
lines[4] = lines[4] + b"Ren\xe9e"
open("script-mixed-utf8-cp1252.csv", "wb").write(b"\n".join(lines))

# A damaged workbook on which ZIPFoundation 0.9.20 spins for ever: its _rels/.rels is marked deflated, and
# its stream opens a stored block of 65,535 bytes that runs on past the end of the file. Kept apart from
# the seeds of the fuzz target, which would wait a minute on it.
import io, os, struct, zipfile
archive = io.BytesIO()
with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("_rels/.rels", "abcdefgh")
data = bytearray(archive.getvalue())
name = b"_rels/.rels"
local = data.find(name) - 30
struct.pack_into("<H", data, local + 8, 8)
data[local + 30 + len(name):local + 35 + len(name)] = b"\x00\xff\xff\x00\x00"
central = data.rfind(b"PK\x01\x02")
struct.pack_into("<H", data, central + 10, 8)
os.makedirs("Hangs", exist_ok=True)
open("Hangs/script-zip-endless-deflate.xlsx", "wb").write(bytes(data))
PY
