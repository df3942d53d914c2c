import Foundation
import Testing

@testable import Workbook

// Workbooks put together from XML parts, for shapes no fixture here could be saved in: Excel's own
// (no Excel on Linux; these parts follow what Excel 365 writes), and what other writers do.

@Test func excelsOwnShapeReads() throws {
    let workbookXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipsNamespace)" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15 xr xr6 xr10 xr2" \
        xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" \
        xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><fileVersion appName="xl" \
        lastEdited="7" lowestEdited="7" rupBuild="27425"/><workbookPr defaultThemeVersion="202300"/>\
        <mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">\
        <mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\jones\\Documents\\" \
        xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice>\
        </mc:AlternateContent><bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" \
        windowHeight="15720"/></bookViews><sheets><sheet name="Marks" sheetId="1" r:id="rId1"/></sheets>\
        <calcPr calcId="191029"/></workbook>
        """
    let sharedStrings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(mainNamespace)" count="9" uniqueCount="9"><si><t>student_id</t></si><si><t>mark</t></si>\
        <si><t>submitted_on</t></si><si><t>comment</t></si><si><t>00123456</t></si>\
        <si><r><rPr><b/><sz val="11"/><color theme="1"/><rFont val="Calibri"/><family val="2"/>\
        <scheme val="minor"/></rPr><t>Late:</t></r><r><rPr><sz val="11"/><color theme="1"/>\
        <rFont val="Calibri"/><family val="2"/><scheme val="minor"/></rPr><t xml:space="preserve"> see note</t></r>\
        </si><si><t>line one_x000D_
        line two</t></si><si><t>漢字</t><rPh sb="0" eb="2"><t>カンジ</t></rPh><phoneticPr fontId="1"/></si>\
        <si><t>_x005F_x0041_ stays</t></si></sst>
        """
    // cellStyleXfs holds a date format that no cell refers to: cells index cellXfs.
    let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="\(mainNamespace)"><fonts count="1"><font><sz val="11"/></font></fonts>\
        <cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
    let worksheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(mainNamespace)" xmlns:r="\(relationshipsNamespace)" \
        xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" \
        xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"><dimension ref="A1:E5"/>\
        <sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews>\
        <sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><sheetData>\
        <row r="1" spans="1:4" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>\
        <c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>\
        <row r="2" spans="1:4" x14ac:dyDescent="0.25"><c r="A2" s="2" t="s"><v>4</v></c><c r="B2"><v>67</v></c>\
        <c r="C2" s="1"><v>46027</v></c><c r="D2" t="s"><v>5</v></c></row>\
        <row r="3" spans="1:5" x14ac:dyDescent="0.25"><c r="A3" t="str"><f>TEXT(123457,"00000000")</f>\
        <v>00123457</v></c><c r="B3"><f>SUM(B2,0.5)</f><v>67.5</v></c><c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>\
        <c r="D3" t="s"><v>6</v></c><c r="E3" t="s"><v>7</v></c></row>\
        <row r="4" spans="1:5" x14ac:dyDescent="0.25"><c r="A4" t="s"><v>8</v></c><c r="B4" t="b"><v>0</v></c></row>\
        <row r="5" spans="1:4" s="2" customFormat="1" x14ac:dyDescent="0.25"><c r="A5" s="2"/><c r="B5" s="2"/></row>\
        </sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>\
        </worksheet>
        """
    let data = workbook(sheet: worksheet, sharedStrings: sharedStrings, styles: styles, workbookXML: workbookXML)
    #expect(
        try Workbook.rows(ofFirstSheetIn: data) == [
            row(1, "student_id", "mark", "submitted_on", "comment"),
            row(2, "00123456", "67", "2026-01-05", "Late: see note"),
            row(3, "00123457", "67.5", "#DIV/0!", "line one\r\nline two", "漢字"),
            row(4, "_x0041_ stays", "FALSE"),
        ])
}

@Test func cellsAndRowsWithoutReferencesFollowOn() throws {
    let data = workbook(
        sheet: sheet(
            """
            <row><c><v>1</v></c><c t="inlineStr"><is><t>b</t></is></c></row>\
            <row><c r="C2"><v>3</v></c><c><v>4</v></c></row>\
            <row r="7"><c r="B7"><v>5</v></c></row><row><c><v>6</v></c></row>
            """))
    #expect(
        try Workbook.rows(ofFirstSheetIn: data) == [
            row(1, "1", "b"), row(2, "", "", "3", "4"), row(7, "", "5"), row(8, "6"),
        ])
}

@Test func namespacePrefixesDoNotMatter() throws {
    let data = workbook(
        sheet: """
            <x:worksheet xmlns:x="\(mainNamespace)"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr">\
            <x:is><x:t>prefixed</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>
            """,
        workbookXML: """
            <x:workbook xmlns:x="\(mainNamespace)" xmlns:rel="\(relationshipsNamespace)"><x:sheets>\
            <x:sheet name="Marks" sheetId="1" rel:id="rId1"/></x:sheets></x:workbook>
            """)
    #expect(try Workbook.rows(ofFirstSheetIn: data) == [row(1, "prefixed", "2")])
}

@Test func aDateFormatOfTheWorkbooksOwnMakesADate() throws {
    let styles = """
        <styleSheet xmlns="\(mainNamespace)"><numFmts count="2"><numFmt numFmtId="164" formatCode="d\\ mmmm\\ yyyy"/>\
        <numFmt numFmtId="14" formatCode="0.00"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/>\
        <xf numFmtId="14"/></cellXfs></styleSheet>
        """
    let data = workbook(
        sheet: sheet("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>46027</v></c><c r=\"B1\" s=\"2\"><v>46027</v></c></row>"),
        styles: styles)
    // Format 14 redefined by the workbook as a plain number format shows a number.
    #expect(try Workbook.rows(ofFirstSheetIn: data) == [row(1, "2026-01-05", "46027")])
}

@Test func theFirstWorksheetInTabOrderIsRead() throws {
    // rId9 is not a worksheet's relationship (a chart sheet's, say): passed over.
    let workbookXML = """
        <workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipsNamespace)"><sheets>\
        <sheet name="Chart" sheetId="3" r:id="rId9"/><sheet name="Marks" sheetId="2" r:id="rId2"/>\
        <sheet name="Old" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    let data = workbook(
        sheet: sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>old</t></is></c></row>"),
        secondSheet: sheet("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>marks</t></is></c></row>"),
        workbookXML: workbookXML)
    #expect(try Workbook.rows(ofFirstSheetIn: data) == [row(1, "marks")])
}

@Test func anEmptySheetHasNoRows() throws {
    // Styled empty cells, an empty value, a shared string cell with no index: nothing.
    let data = workbook(
        sheet: sheet("<row r=\"1\"><c r=\"A1\" s=\"1\"/><c r=\"B1\"><v></v></c><c r=\"C1\" t=\"s\"/></row>"))
    #expect(try Workbook.rows(ofFirstSheetIn: data) == [])
}
