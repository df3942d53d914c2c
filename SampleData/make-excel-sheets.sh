#!/usr/bin/env bash
# Remakes the two sheets of marks/2026-06-18/ that show how course teams save marks from Excel, from the
# UTF-8 sheets they were made from (git show 61a3c97:SampleData/marks/2026-06-18/<name>.csv):
# - MC6020-JAN.csv as Excel's "CSV (Comma delimited)" writes it: Windows-1252, components 1 and 2 for
#   001 and 002 (Excel took them for numbers), dates in Excel's d/m/yyyy, and every row written out to
#   column P, where a note once stood (trailing commas). Made by python3: LibreOffice writes neither the
#   date format nor the trailing commas.
# - MC5010-JAN.xlsx as a team fills in a template in a spreadsheet: names beside the ids, ids and codes as
#   text cells, marks as numbers, dates as date cells, one row left empty for a student who withdrew.
#   Made by LibreOffice Calc headless (Debian's libreoffice-calc-nogui).
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git show 61a3c97:SampleData/marks/2026-06-18/MC6020-JAN.csv > "$work/MC6020-JAN.csv"
git show 61a3c97:SampleData/marks/2026-06-18/MC5010-JAN.csv > "$work/MC5010-JAN.csv"

python3 - "$work" <<'PY'
import csv, io, sys
work = sys.argv[1]
rows = list(csv.reader(open(f"{work}/MC6020-JAN.csv", encoding="utf-8")))
rows[3][10] = "Clear – confident; a résumé of sources ‘well chosen’"
for row in rows[1:]:
    row[4] = row[4].lstrip("0")
    year, month, day = row[8].split("-")
    row[8] = f"{int(day)}/{int(month)}/{year}"
out = io.StringIO()
writer = csv.writer(out, lineterminator="\r\n")
for row in rows:
    writer.writerow(row + [""] * (16 - len(row)))
open("marks/2026-06-18/MC6020-JAN.csv", "wb").write(out.getvalue().encode("cp1252"))

# The template's columns, as a team fills them in.
names = {row[0]: (row[1], row[2]) for row in csv.reader(open("enrolments.csv", encoding="utf-8"))}
rows = list(csv.reader(open(f"{work}/MC5010-JAN.csv", encoding="utf-8")))
header = ["student_id", "family_name", "given_names"] + rows[0][1:]
filled = [[row[0], *names[row[0]]] + row[1:] for row in rows[1:]]
filled.insert(12, ["25755822", *names["25755822"], "MC5010", "JAN", "2025/26", "001", "1", "", "", "", "", ""])
out = io.StringIO()
csv.writer(out, lineterminator="\n").writerows([header] + filled)
open(f"{work}/MC5010-JAN-filled.csv", "w", encoding="utf-8").write(out.getvalue())
PY
# Columns 1, 4-8 and 13-14 as text; 9 (mark) standard; 11 (submitted_on) a Y-M-D date.
soffice --headless -env:UserInstallation="file://$work/profile" \
    --infilter="CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/1/10/2/11/5/12/2/13/2/14/2,2057" \
    --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work/out" "$work/MC5010-JAN-filled.csv" >/dev/null 2>&1
mv "$work/out/MC5010-JAN-filled.xlsx" marks/2026-06-18/MC5010-JAN.xlsx
git rm -q --cached --ignore-unmatch marks/2026-06-18/MC5010-JAN.csv >/dev/null
rm -f marks/2026-06-18/MC5010-JAN.csv
