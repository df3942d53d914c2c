import Testing

@testable import Workbook

// Numbers, dates, number formats, Excel's escapes and cell references, one rule at a time.

@Test(arguments: [
    ("67", "67"), ("67.0", "67"), ("67.5", "67.5"), ("6.75E1", "67.5"), ("100", "100"), ("0", "0"), ("-0", "0"),
    ("-3.25", "-3.25"), ("0.1", "0.1"), ("0.30000000000000004", "0.30000000000000004"),
    // Up to 15 digits a whole number is taken as written; beyond, and with a fraction, through a double.
    ("123456", "123456"), ("999999999999999", "999999999999999"), ("999999999999999.0", "999999999999999"),
    ("1234567890123456", "1234567890123456"), ("123456789012345678", "123456789012345680"), ("007", "7"),
    ("1E+20", "100000000000000000000"), ("1E+21", "1e+21"), ("1.5E+21", "1.5e+21"),
    ("0.000001", "0.000001"), ("1E-7", "1e-7"), ("1.23E-7", "1.23e-7"), ("-2.5E-8", "-2.5e-8"),
])
func aNumberIsReadAsItsShortestDigits(value: String, text: String) {
    #expect(CellText.number(value) == text)
}

@Test(arguments: ["", "abc", "1e400", "nan", "67 marks"])
func aValueThatIsNoFiniteNumberIsNotOne(value: String) {
    #expect(CellText.number(value) == nil)
}

@Test(arguments: [
    ("1", false, "1900-01-01"), ("59", false, "1900-02-28"),
    ("60", false, "1900-02-29"),  // Excel's leap day that never was
    ("61", false, "1900-03-01"), ("46027", false, "2026-01-05"), ("46027.5", false, "2026-01-05"),
    ("46027.99999999999", false, "2026-01-06"),  // a millisecond short of midnight is midnight
    ("2958465", false, "9999-12-31"), ("0", true, "1904-01-01"), ("44565", true, "2026-01-05"),
    ("2957003", true, "9999-12-31"),
])
func aDateSerialIsReadAsItsISODate(serial: String, date1904: Bool, date: String) {
    #expect(CellText.isoDate(serial: serial, date1904: date1904) == date)
}

@Test(arguments: [("0", false), ("0.5", false), ("-1", false), ("2958466", false), ("-1", true), ("2957004", true)])
func aSerialExcelShowsAsHashesIsNoDate(serial: String, date1904: Bool) {
    #expect(CellText.isoDate(serial: serial, date1904: date1904) == nil)
}

@Test(
    arguments: [
        (14, nil, true), (17, nil, true), (20, nil, true), (22, nil, true), (45, nil, true), (47, nil, true),
        (0, nil, false), (2, nil, false), (46, nil, false), (49, nil, false), (164, nil, false),
        (164, "dd/mm/yyyy", true), (164, "DD/MM/YYYY", true), (164, "yyyy\\-mm\\-dd", true), (164, "mmm-yy", true),
        (164, "[$-809]dd mmmm yyyy;@", true), (164, "h:mm", true), (14, "0.00", false), (164, "General", false),
        (164, "0.00", false), (164, "@", false), (164, "0.00E+00", false), (164, "[Red]0.00", false),
        (164, "#,##0 \"days\"", false), (164, "\"TRUE\";\"TRUE\";\"FALSE\"", false), (164, "[h]:mm:ss", false),
        (164, "[mm]:ss", false), (164, "_-* #,##0.00_-;\\-* #,##0.00_-", false), (164, "0;[Red]dd", false),
    ] as [(Int, String?, Bool)])
func aNumberFormatShowsADateWhenItHasDayMonthOrYearCodes(id: Int, code: String?, isDate: Bool) {
    #expect(CellText.isDateFormat(id: id, code: code) == isDate)
}

@Test(arguments: [
    ("plain", "plain"), ("a_x000D_b", "a\rb"), ("_x0009_", "\t"), ("_x00e9_", "é"), ("_x005F_x0041_", "_x0041_"),
    ("_xZZZZ_", "_xZZZZ_"), ("_x004", "_x004"), ("_x0041", "_x0041"), ("_x0041__x0042_", "AB"),
])
func excelEscapesAreDecoded(text: String, decoded: String) {
    #expect(CellText.decodingEscapes(text) == decoded)
}

@Test(arguments: ["_x0041_", "a_x000D_b", "_x005F_", "__x0041__", "no escape_", "_x00", "Siân_ŵ"])
func excelEscapesAreProtectedOnTheWayOut(text: String) {
    #expect(CellText.decodingEscapes(CellText.encodingEscapes(text)) == text)
}

@Test(
    arguments: [
        ("A1", 0), ("Z9", 25), ("AA1", 26), ("AB7", 27), ("ab7", 27), ("XFD1048576", 16_383),
        ("XFE1", nil), ("1A", nil), ("A", nil), ("AAAA1", nil), ("", nil), ("A-1", nil),
    ] as [(String, Int?)])
func aCellReferenceGivesItsColumn(reference: String, column: Int?) {
    #expect(WorksheetReader.column(ofReference: reference) == column)
}

@Test func columnNamesAndReferencesAgree() {
    for column in 0..<WorksheetReader.lastColumn {
        #expect(WorksheetReader.column(ofReference: Workbook.columnName(column) + "1") == column)
    }
}
