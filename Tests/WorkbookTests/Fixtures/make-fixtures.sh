#!/usr/bin/env bash
# Makes the workbook fixtures of this folder (see README.md), with the programs that give them their
# shapes: LibreOffice Calc headless (Debian: libreoffice-calc-nogui), Python's openpyxl, and
# msoffcrypto-tool (pip) for Excel's password protection. The committed files are what it made on
# 2026-12-07 (LibreOffice 7.4.7.2, openpyxl 3.1.5, msoffcrypto-tool 6.1.0); a new run differs in the
# timestamps inside the files, so rerun it only to add or remake a fixture, and check the tests after.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# LibreOffice's own shape: a mark sheet as a course team would type it, opened from CSV (UK English,
# so 5/1/2026 is 5 January; dates and numbers detected as Excel does) and saved as .xlsx. Calc does what Excel does to such a file: 001 becomes
# the number 1, dates become date serials with a date format, 67.50 becomes 67.5. A second run with
# every column imported as text (column type 2) gives the shape of a sheet whose cells are text.
cat >"$work/libreoffice-mark-sheet.csv" <<'CSV'
student_id,family_name,given_names,component,mark,flag,submitted_on,comment
00123456,Jones,Siân,001,67,,2026-01-05,
00123457,O'Brien,Gwenllïan,001,67.50,,5/1/2026,"late, with ""mitigation"""
00123458,Davies,Dafydd ap Ŵyn,002,,NS,06/01/2026,
,,,,,,,
00123459,Price,Ŷr,002,100,,2026-01-07,TRUE
CSV
soffice --headless --infilter="CSV:44,34,76,1,,2057,false,true" --convert-to xlsx --outdir "$work" \
    "$work/libreoffice-mark-sheet.csv" >/dev/null
cp "$work/libreoffice-mark-sheet.xlsx" libreoffice-mark-sheet.xlsx
cp "$work/libreoffice-mark-sheet.csv" "$work/libreoffice-text-cells.csv"
soffice --headless --infilter="CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2,2057" --convert-to xlsx \
    --outdir "$work" "$work/libreoffice-text-cells.csv" >/dev/null
cp "$work/libreoffice-text-cells.xlsx" libreoffice-text-cells.xlsx

# Excel 97–2003 (.xls), as LibreOffice writes it: an OLE compound file.
soffice --headless --convert-to xls --outdir "$work" "$work/libreoffice-mark-sheet.csv" >/dev/null
cp "$work/libreoffice-mark-sheet.xls" libreoffice-excel-97.xls

python3 - "$work" <<'PY'
import datetime, shutil, sys, zipfile
from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

work = sys.argv[1]

# Every kind of cell openpyxl writes, with cells and rows skipped, and a second sheet to be ignored.
wb = Workbook()
ws = wb.active
ws.title = "Marks"
def add(kind, value, number_format=None):
    ws.append([kind, value])
    if number_format:
        ws.cell(ws.max_row, 2).number_format = number_format

ws.append(["kind", "value"])
add("integer", 67)
add("float", 67.5)
add("sum", 0.1 + 0.2)
add("negative", -3)
add("large", 1e20)
add("huge", 1e21)
add("tiny", 1e-7)
add("component 001 typed as a number", 1)
add("student id typed as a number", 123456)
add("date", datetime.date(2026, 1, 5))                 # openpyxl's default format: yyyy-mm-dd
add("date and time", datetime.datetime(2026, 1, 5, 23, 59, 59))
add("UK date", datetime.date(2026, 1, 5), "dd/mm/yyyy")
add("built-in date 14", datetime.date(2024, 2, 29), "mm-dd-yy")
add("month and year", datetime.date(2026, 3, 1), "mmm-yy")
add("elapsed time", 1.5, "[h]:mm:ss")
add("number with a text format", 67, "@")
add("true", True)
add("false", False)
add("error", "#N/A")
add("formula, no cached value", "=1+1")
add("rich text", CellRichText(["bold ", TextBlock(InlineFont(b=True), "and"), " plain"]))
add("Welsh", "Siân ŵ ŷ")
# Row 24 left out; skipped columns in row 25.
ws["A25"] = "skipped columns"
ws["D25"] = "in D"
ws["F25"] = 6
wb.create_sheet("Ignored")["A1"] = "the second sheet must not be read"
wb.save("openpyxl-cell-kinds.xlsx")

# The 1904 date system (Excel for Mac before 2011).
wb = Workbook()
wb.epoch = CALENDAR_MAC_1904
ws = wb.active
ws.append(["kind", "value"])
ws.append(["date", datetime.date(2026, 1, 5)])
ws.append(["first day", datetime.date(1904, 1, 1)])
wb.save("openpyxl-1904-dates.xlsx")

# Two sheets whose workbook order differs from their part names: the first tab is sheet2.xml.
wb = Workbook()
wb.active.title = "Second"
wb.active["A1"] = "sheet1.xml, the second tab: must not be read"
wb.create_sheet("First")["A1"] = "sheet2.xml, the first tab"
wb.save(f"{work}/tabs.xlsx")
with zipfile.ZipFile(f"{work}/tabs.xlsx") as source, \
        zipfile.ZipFile("openpyxl-tabs-reordered.xlsx", "w", zipfile.ZIP_DEFLATED) as target:
    for item in source.infolist():
        data = source.read(item.filename)
        if item.filename == "xl/workbook.xml":
            # Swap the order of the two <sheet> elements, as moving a tab in Excel does.
            text = data.decode()
            start, end = text.index("<sheet "), text.index("</sheets>")
            first, second = text[start:end].split("/>")[:2]
            data = (text[:start] + second + "/>" + first + "/>" + text[end:]).encode()
        target.writestr(item, data)

# Formulas, for LibreOffice to calculate and save with cached values (below).
wb = Workbook()
ws = wb.active
ws.append(["kind", "value"])
ws.append(["number", "=60+7"])
ws.append(["text", '="00"&"1"'])
ws.append(["boolean", "=1=1"])
ws.append(["error", "=NA()"])
ws.append(["date", "=DATE(2026,1,5)"])
ws["B6"].number_format = "dd/mm/yyyy"
wb.save(f"{work}/libreoffice-formulas.xlsx")
PY
mkdir "$work/calculated"
soffice --headless --convert-to xlsx --outdir "$work/calculated" "$work/libreoffice-formulas.xlsx" >/dev/null
cp "$work/calculated/libreoffice-formulas.xlsx" libreoffice-formulas.xlsx

# Excel's password protection (ECMA-376 agile encryption), password "board".
msoffcrypto-tool -e -p board libreoffice-mark-sheet.xlsx msoffcrypto-password-protected.xlsx
