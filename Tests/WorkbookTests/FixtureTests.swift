import Foundation
import Testing

@testable import Workbook

// Workbooks as LibreOffice and openpyxl really write them (Fixtures/README.md says how each was made),
// read cell by cell.

struct FixtureCase: CustomTestStringConvertible, Sendable {
    let file: String
    let rows: [WorksheetRow]
    var testDescription: String { file }
}

let fixtureCases = [
    // Typed into Calc from CSV as Excel would take it: zeros gone, dates turned into date serials.
    FixtureCase(
        file: "libreoffice-mark-sheet.xlsx",
        rows: [
            row(1, "student_id", "family_name", "given_names", "component", "mark", "flag", "submitted_on", "comment"),
            row(2, "123456", "Jones", "Siân", "1", "67", "", "2026-01-05"),
            row(3, "123457", "O'Brien", "Gwenllïan", "1", "67.5", "", "2026-01-05", "late, with \"mitigation\""),
            row(4, "123458", "Davies", "Dafydd ap Ŵyn", "2", "", "NS", "2026-01-06"),
            // Row 5, all commas in the CSV, is an empty row: left out.
            row(6, "123459", "Price", "Ŷr", "2", "100", "", "2026-01-07", "TRUE"),
        ]),
    // The same CSV with every column imported as text: shared strings, as typed.
    FixtureCase(
        file: "libreoffice-text-cells.xlsx",
        rows: [
            row(1, "student_id", "family_name", "given_names", "component", "mark", "flag", "submitted_on", "comment"),
            row(2, "00123456", "Jones", "Siân", "001", "67", "", "2026-01-05"),
            row(3, "00123457", "O'Brien", "Gwenllïan", "001", "67.50", "", "5/1/2026", "late, with \"mitigation\""),
            row(4, "00123458", "Davies", "Dafydd ap Ŵyn", "002", "", "NS", "06/01/2026"),
            row(6, "00123459", "Price", "Ŷr", "002", "100", "", "2026-01-07", "TRUE"),
        ]),
    // Formulas by their cached values, as Calc calculated and saved them.
    FixtureCase(
        file: "libreoffice-formulas.xlsx",
        rows: [
            row(1, "kind", "value"), row(2, "number", "67"), row(3, "text", "001"), row(4, "boolean", "TRUE"),
            row(5, "error", "#N/A"), row(6, "date", "2026-01-05"),
        ]),
    FixtureCase(
        file: "openpyxl-cell-kinds.xlsx",
        rows: [
            row(1, "kind", "value"),
            row(2, "integer", "67"),
            row(3, "float", "67.5"),
            row(4, "sum", "0.3"),  // openpyxl writes 0.1 + 0.2 as 0.3
            row(5, "negative", "-3"),
            row(6, "large", "100000000000000000000"),
            row(7, "huge", "1e+21"),
            row(8, "tiny", "1e-7"),
            row(9, "component 001 typed as a number", "1"),
            row(10, "student id typed as a number", "123456"),
            row(11, "date", "2026-01-05"),
            row(12, "date and time", "2026-01-05"),
            row(13, "UK date", "2026-01-05"),
            row(14, "built-in date 14", "2024-02-29"),
            row(15, "month and year", "2026-03-01"),
            row(16, "elapsed time", "1.5"),
            row(17, "number with a text format", "67"),
            row(18, "true", "TRUE"),
            row(19, "false", "FALSE"),
            row(20, "error", "#N/A"),
            row(21, "formula, no cached value"),
            row(22, "rich text", "bold and plain"),
            row(23, "Welsh", "Siân ŵ ŷ"),
            row(25, "skipped columns", "", "", "in D", "", "6"),
        ]),
    FixtureCase(
        file: "openpyxl-1904-dates.xlsx",
        rows: [row(1, "kind", "value"), row(2, "date", "2026-01-05"), row(3, "first day", "1904-01-01")]),
    // The first tab is sheet2.xml: the workbook's order decides, not the part's name.
    FixtureCase(file: "openpyxl-tabs-reordered.xlsx", rows: [row(1, "sheet2.xml, the first tab")]),
]

@Test(arguments: fixtureCases)
func readsTheFirstSheetOf(_ fixtureCase: FixtureCase) throws {
    #expect(try Workbook.rows(ofFirstSheetIn: fixture(fixtureCase.file)) == fixtureCase.rows)
}

@Test func aSecondSheetIsNotRead() throws {
    let text = try Workbook.rows(ofFirstSheetIn: fixture("openpyxl-cell-kinds.xlsx")).flatMap(\.cells)
    #expect(!text.contains { $0.contains("second sheet") })
}

@Test(arguments: [
    ("msoffcrypto-password-protected.xlsx", WorkbookError.passwordProtected),
    ("libreoffice-excel-97.xls", .oldExcelFormat),
])
func oleCompoundFilesAreNamed(file: String, error: WorkbookError) throws {
    let data = try fixture(file)
    #expect(throws: error) { try Workbook.rows(ofFirstSheetIn: data) }
}
