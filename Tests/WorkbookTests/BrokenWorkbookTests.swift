import Foundation
import Testing

@testable import Workbook

// Files that are not workbooks, or damaged ones: each gets its own error, and a message that says what
// the file is and what to do.

struct BrokenCase: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: @Sendable () throws -> Data
    let error: WorkbookError
    var testDescription: String { name }
}

/// `data` with the byte `offset` bytes into the stored bytes of the ZIP entry `path` inverted.
private func corrupting(_ data: Data, entry path: String, offset: Int) throws -> Data {
    let name = try #require(data.range(of: Data(path.utf8)))
    // The local header is 30 bytes and the name, then an extra field (its length at header offset 28).
    let header = name.lowerBound - 30
    let extraLength = Int(data[header + 28]) | Int(data[header + 29]) << 8
    var corrupted = data
    corrupted[name.upperBound + extraLength + offset] ^= 0xFF
    return corrupted
}

let brokenCases = [
    BrokenCase(name: "a CSV named .xlsx", bytes: { Data("student_id,mark\n00123456,67\n".utf8) }, error: .notZIP),
    BrokenCase(name: "an empty file", bytes: { Data() }, error: .notZIP),
    BrokenCase(
        name: "a ZIP of something else",
        bytes: { ZIPContainer.archive(of: [("notes.txt", Data("marks to follow".utf8))]) }, error: .noWorkbookPart),
    BrokenCase(
        name: "a ZIP whose main part is not a workbook",
        bytes: {
            // A word-processing document's main part, where a workbook's would be.
            workbook(sheet: sheet(""), workbookXML: "<document xmlns=\"urn:example\"><body/></document>")
        }, error: .noWorkbookPart),
    BrokenCase(
        name: "cut short", bytes: { try fixture("libreoffice-mark-sheet.xlsx").prefix(2_500) },  // of 5,328 bytes
        error: .damagedZIP),
    BrokenCase(
        name: "a damaged sheet part",
        bytes: {
            try corrupting(fixture("libreoffice-mark-sheet.xlsx"), entry: "xl/worksheets/sheet1.xml", offset: 40)
        },
        error: .damagedPart("xl/worksheets/sheet1.xml")),
    BrokenCase(
        name: "a shared string the workbook does not have",
        bytes: {
            workbook(
                sheet: sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>"),
                sharedStrings: "<sst xmlns=\"\(mainNamespace)\"><si><t>only</t></si></sst>")
        },
        error: .brokenCell(
            part: "xl/worksheets/sheet1.xml", cell: "A1",
            problem: "refers to shared string \"1\", which the workbook does not have")),
    BrokenCase(
        name: "a cell reference that is not one",
        bytes: { workbook(sheet: sheet("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>")) },
        error: .brokenCell(part: "xl/worksheets/sheet1.xml", cell: "\"1A\"", problem: "is not a cell reference")),
    BrokenCase(
        name: "a workbook without worksheets",
        bytes: { workbook(sheet: sheet(""), workbookXML: "<workbook xmlns=\"\(mainNamespace)\"><sheets/></workbook>") },
        error: .noWorksheet),
]

@Test(arguments: brokenCases)
func brokenWorkbooksAreRefused(_ brokenCase: BrokenCase) throws {
    let data = try brokenCase.bytes()
    #expect(throws: brokenCase.error) { try Workbook.rows(ofFirstSheetIn: data) }
}

@Test func aPartThatIsNotInTheArchiveIsNamed() throws {
    let rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"
    var data = workbook(sheet: sheet(rows), sharedStrings: "<sst xmlns=\"\(mainNamespace)\"/>")
    // The shared strings part, renamed: the workbook's relationship to it points nowhere.
    let range = try #require(data.range(of: Data("xl/sharedStrings.xml".utf8)))
    data.replaceSubrange(range, with: Data("xl/sharedStringz.xml".utf8))
    if let central = data.range(of: Data("xl/sharedStrings.xml".utf8)) {
        data.replaceSubrange(central, with: Data("xl/sharedStringz.xml".utf8))
    }
    #expect(throws: WorkbookError.missingPart("xl/sharedStrings.xml")) { try Workbook.rows(ofFirstSheetIn: data) }
}

@Test func aZIPBombIsRefused() throws {
    // Zeros deflate about a thousand to one: a 257 MB part in a quarter of a megabyte.
    let zeros = Data(count: Workbook.partSizeLimit + 1)
    let bomb = ZIPContainer.archive(of: [
        (
            "_rels/.rels",
            Data(
                ("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"\(relationshipsNamespace)/officeDocument\" "
                    + "Target=\"xl/workbook.xml\"/></Relationships>").utf8)
        ),
        ("xl/workbook.xml", zeros),
    ])
    #expect(throws: WorkbookError.partTooLarge("xl/workbook.xml")) { try Workbook.rows(ofFirstSheetIn: bomb) }
}

@Test(arguments: [
    WorkbookError.passwordProtected, .oldExcelFormat, .notZIP, .damagedZIP, .noWorkbookPart, .noWorksheet,
    .missingPart("xl/sharedStrings.xml"), .damagedPart("xl/worksheets/sheet1.xml"),
    .partTooLarge("xl/worksheets/sheet1.xml"), .brokenXML(part: "xl/worksheets/sheet1.xml", line: 2, column: 25),
    .brokenCell(part: "xl/worksheets/sheet1.xml", cell: "A1", problem: "refers to shared string \"1\", which …"),
    .noTemporaryCopy(folder: "/tmp"),
])
func messagesSayWhatToDo(_ error: WorkbookError) {
    let message = error.description
    #expect(message.contains("; "))  // what happened; what to do
    #expect(!message.contains("Error") && !message.contains("error"))
    #expect(message.first?.isLowercase == true && message.last != ".")
}

/// The start of a worksheet part.
private let worksheetStart = "<worksheet xmlns=\"\(mainNamespace)\">"

@Test(arguments: [
    // A tag closed in the wrong place: libxml2 says so where the closing tag ends.
    (worksheetStart + "<sheetData><row r=\"1\">\n<c r=\"A1\"><v>1</v></row></sheetData></worksheet>", 2, 25),
    // An entity XML does not know, said where it ends.
    (
        worksheetStart + "<sheetData><row><c t=\"inlineStr\"><is><t>&bogus;</t></is></c></row></sheetData></worksheet>",
        1, 125
    ),
    // Stops short (cut off in the middle), said at its end, or where libxml2 notices.
    (worksheetStart + "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c>", 1, 122),
    (worksheetStart + "<sheetData>\n<row r=\"1\">\n", 2, 12),
    ("", 1, 1),
])
func brokenXMLIsRefusedWhereItBreaks(part: String, line: Int, column: Int) {
    #expect(throws: WorkbookError.brokenXML(part: "xl/worksheets/sheet1.xml", line: line, column: column)) {
        try Workbook.rows(ofFirstSheetIn: workbook(sheet: part))
    }
}

@Test func namespaceWarningsDoNotBreakAPart() throws {
    let data = workbook(
        sheet: "<worksheet xmlns=\"relative\" xmlns:u=\"\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
            + "</sheetData><x:extLst/></worksheet>")
    #expect(try Workbook.rows(ofFirstSheetIn: data) == [row(1, "1")])
}

/// `data` with the 32-bit little-endian field at `index` set to `value`.
private func patching(_ data: Data, at index: Int, to value: UInt32) -> Data {
    var patched = data
    for byte in 0..<4 { patched[index + byte] = UInt8(truncatingIfNeeded: value >> (8 * byte)) }
    return patched
}

// A damaged ZIP directory can point past the end of the file: refused, never a crash (ZIPFoundation's
// in-memory archive traps there, hence the temporary copy).
@Test(arguments: [UInt32(0x7FFF_FFF0), 0xFFFF_FFFE])
func aCentralDirectoryPastTheEndIsRefused(offset: UInt32) throws {
    let data = try fixture("libreoffice-mark-sheet.xlsx")
    let endRecord = try #require(data.range(of: Data([0x50, 0x4B, 0x05, 0x06]), options: .backwards))
    let damaged = patching(data, at: endRecord.lowerBound + 16, to: offset)
    #expect(throws: WorkbookError.damagedZIP) { try Workbook.rows(ofFirstSheetIn: damaged) }
}

@Test(arguments: [UInt32(0x7FFF_FFF0), 0xFFFF_FFFE])
func aSheetPastTheEndIsRefused(offset: UInt32) throws {
    let data = try fixture("libreoffice-mark-sheet.xlsx")
    // The sheet's entry in the central directory: its name is 46 bytes in, its local header's offset 42.
    let name = try #require(data.range(of: Data("xl/worksheets/sheet1.xml".utf8), options: .backwards))
    let damaged = patching(data, at: name.lowerBound - 46 + 42, to: offset)
    #expect(throws: WorkbookError.self) { try Workbook.rows(ofFirstSheetIn: damaged) }
}
