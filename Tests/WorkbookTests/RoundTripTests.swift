import Foundation
import Testing

@testable import Workbook

// The contract: what `write` writes, `rows` reads back exactly; and LibreOffice reads it as text.

private let header = ["student_id", "family_name", "component", "mark", "submitted_on", "comment"]

/// Values that Excel, XML or a careless writer would change.
private let awkwardRows = [
    ["00123456", "O'Brien & <Co>", "001", "", "2026-01-05", "=1+1"],
    ["00000001", "Siân ŵ ŷ", "002", "67", "5/1/2026", "\"quoted\", with a comma"],
    ["12345678", "e\u{301}", "003", "67.50", "", "line one\r\nline two\nline three\rend"],
    ["", "", "", "", "", ""],  // an empty row: not read back
    ["1E+20", "é", "TRUE", "#N/A", "  spaced  ", "_x0041_ is not A; tab\there"],
    ["🎓", "]]>", "&amp;", "-0", "1,5", "'leading apostrophe"],
]

/// Rows as `rows(ofFirstSheetIn:)` gives them back: numbered from 2 after the header, empty ones left out,
/// trailing empty cells dropped; compared by their bytes, since Swift's `==` on strings takes `é` and
/// `e` + combining acute for the same text.
private func expectedRows(_ rows: [[String]]) -> [[[UInt8]]] {
    ([header] + rows).compactMap { cells in
        let kept = cells.prefix(through: cells.lastIndex { !$0.isEmpty } ?? -1)
        return kept.isEmpty ? nil : kept.map { Array($0.utf8) }
    }
}

private func bytes(_ rows: [WorksheetRow]) -> [[[UInt8]]] {
    rows.map { $0.cells.map { Array($0.utf8) } }
}

@Test func whatIsWrittenReadsBackExactly() throws {
    let data = Workbook.write(header: header, rows: awkwardRows, textColumns: [0, 2, 4], sheetName: "MC4002-A")
    let rows = try Workbook.rows(ofFirstSheetIn: data)
    #expect(bytes(rows) == expectedRows(awkwardRows))
    #expect(rows.map(\.number) == [1, 2, 3, 4, 6, 7])
}

@Test func charactersXMLCannotHoldAreLeftOut() throws {
    let data = Workbook.write(
        header: ["a\u{0}b", "c"], rows: [["\u{1}\u{8}x\u{B}\u{C}y\u{1F}\u{FFFE}\u{FFFF}z", "\u{7}"]], textColumns: [],
        sheetName: "S")
    #expect(try Workbook.rows(ofFirstSheetIn: data) == [row(1, "ab", "c"), row(2, "xyz")])
}

@Test func theSameInputGivesTheSameBytes() {
    let first = Workbook.write(header: header, rows: awkwardRows, textColumns: [0, 2], sheetName: "Marks")
    let second = Workbook.write(header: header, rows: awkwardRows, textColumns: [0, 2], sheetName: "Marks")
    #expect(first == second)
    // Every ZIP header carries the same date, 1 January 1980 at midnight (MS-DOS date 0x0021, time 0).
    let localHeaders = first.ranges(of: Data([0x50, 0x4B, 0x03, 0x04]))
    #expect(localHeaders.count == 7)
    for range in localHeaders {
        #expect(first[range.lowerBound + 10..<range.lowerBound + 14] == Data([0, 0, 0x21, 0]))
    }
}

@Test func everyCellIsTextTheHeaderBoldAndFrozen() throws {
    let data = Workbook.write(header: ["id", "mark"], rows: [["001", ""]], textColumns: [0], sheetName: "Marks")
    let container = try ZIPContainer(data)
    let sheet = String(decoding: try container.part("xl/worksheets/sheet1.xml"), as: UTF8.self)
    let styles = String(decoding: try container.part("xl/styles.xml"), as: UTF8.self)
    // Header cells use style 2 (bold text), data cells style 1 (text, number format 49 = "@").
    #expect(sheet.contains(#"<c r="A1" s="2" t="s">"#) && sheet.contains(#"<c r="B1" s="2" t="s">"#))
    #expect(sheet.contains(#"<c r="A2" s="1" t="s">"#) && !sheet.contains(#"r="B2""#))
    #expect(styles.contains(#"<xf numFmtId="49" fontId="0""#) && styles.contains(#"<xf numFmtId="49" fontId="1""#))
    #expect(styles.contains("<font><b/>"))
    #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
    // The text column stays text where it is empty; the mark column does not.
    #expect(sheet.contains(#"<col min="1" max="1" width="10" customWidth="1" style="1"/>"#))
    #expect(sheet.contains(#"<col min="2" max="2" width="10" customWidth="1"/>"#))
}

@Test(arguments: [
    ("MC4002-A-2026-02-19", "MC4002-A-2026-02-19"), ("Marks [draft]: 1/2?", "Marks draft 12"),
    ("'quoted'", "quoted"), ("", "Sheet1"), ("[]", "Sheet1"),
    ("A sheet name longer than thirty-one characters", "A sheet name longer than thirty"),
    ("Marciau – Siân & Ŵyn <2026>", "Marciau – Siân & Ŵyn <2026>"),
])
func sheetNamesAreOnesExcelAccepts(name: String, written: String) throws {
    let data = Workbook.write(header: ["a"], rows: [], textColumns: [], sheetName: name)
    let workbookXML = String(decoding: try ZIPContainer(data).part("xl/workbook.xml"), as: UTF8.self)
    let escaped = written.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "'", with: "&apos;")
    #expect(workbookXML.contains("<sheet name=\"\(escaped)\" sheetId=\"1\""))
}

/// LibreOffice's `soffice`, where it is installed.
private let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/opt/homebrew/bin/soffice"].first {
    FileManager.default.isExecutableFile(atPath: $0)
}

@Test(
    .enabled(if: soffice != nil, "LibreOffice (soffice) is not installed"),
    .timeLimit(.minutes(1)))
func libreOfficeReadsTheCellsAsText() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let rows = [
        ["00123456", "Price", "001", "", "2026-01-05", "=1+1"], ["00000001", "Siân ŵ ŷ", "002", "67", "5/1/2026", ""],
    ]
    let sheet = folder.appendingPathComponent("template.xlsx")
    try Workbook.write(header: header, rows: rows, textColumns: [0, 2, 4], sheetName: "Marks").write(to: sheet)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(soffice))
    // A profile of its own, so that a LibreOffice already running elsewhere does not take the job.
    process.arguments = [
        "-env:UserInstallation=\(folder.appendingPathComponent("profile").absoluteString)", "--headless",
        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", folder.path, sheet.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)

    let csv = try String(contentsOf: folder.appendingPathComponent("template.csv"), encoding: .utf8)
    #expect(
        csv.split(separator: "\n").map(String.init) == [
            "student_id,family_name,component,mark,submitted_on,comment",
            "00123456,Price,001,,2026-01-05,=1+1",
            "00000001,Siân ŵ ŷ,002,67,5/1/2026,",
        ])
}
