import Foundation
import Regulations
import Testing

@testable import Input

/// SPEC §1.8, row by row, on sheets as LibreOffice and Excel write them (`Fixtures/`, made by
/// `Fixtures/make-fixtures.sh` from `source-mark-sheet.csv`): each checked at the board of 2025-12-11
/// against the register of `RegisterFixture`, with Gwenllïan Griffiths, student 00123456, enrolled on
/// MC4002 SEP beside Catrin Roberts and Owain Hughes.
@Suite("Sheets as Excel and LibreOffice write them (SPEC §1.8)")
struct SheetsAsWrittenTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let institution = RegisterFixture().with([
        .append("00123456,Griffiths,Gwenllïan,MC4002,SEP,2025/26,active,,,cy,", to: .enrolments)
    ])

    struct Checked {
        let report: CheckReport
        let sheet: MarkSheet
        var located: [Located] { report.findings.map(Located.init) }
    }

    /// Checks the fixture as a sheet of the board of 2025-12-11, under its own name or `name`.
    /// `bytes`: these in place of the fixture's.
    static func check(_ fixture: String, as name: String? = nil, bytes: [UInt8]? = nil) throws -> Checked {
        try withTemporaryFolder { folder in
            let config = try BoardConfig.load(from: try institution.write(into: folder))
            let shown = "marks/2025-12-11/" + (name ?? fixture)
            let bytes = try bytes ?? Array(Data(contentsOf: fixtures.appendingPathComponent(fixture)))
            let path = try folder.write(shown, bytes: bytes)
            let (sheets, notSheets, load) = SheetCheck.readWithRegister([(path, shown)], config: config)
            try #require(load.fatal.isEmpty && notSheets.isEmpty)
            let report = SheetCheck.check(sheets, board: nil, config: config, register: load.register)
            expectReconciled(report)
            return Checked(report: report, sheet: sheets[0])
        }
    }

    static func at(_ line: Int, _ code: FindingCode, _ severity: Severity = .error, in fixture: String) -> Located {
        Located("marks/2025-12-11/" + fixture, line, code, severity)
    }

    // MARK: What Excel did, and how it is read

    @Test("saved as Windows-1252: decoded, with one warning for the file")
    func windows1252() throws {
        let name = "libreoffice-windows-1252.csv"
        let checked = try Self.check(name)
        #expect(checked.located == [Self.at(1, .encodingWindows1252, .warning, in: name)])
        #expect(checked.report.rowsRead == 6 && checked.report.counted == 6)
        // The bytes Latin-1 and Windows-1252 read differently (0x92 ’, 0x96 –) are read as Windows-1252.
        let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent(name)))
        guard case .windows1252(let decoded) = CSVBytes.classify(bytes) else {
            Issue.record("not taken for Windows-1252")
            return
        }
        let text = String(decoding: decoded, as: UTF8.self)
        #expect(text.contains("Rhagorol – defnydd") && text.contains("Résumé’s") && text.contains("Gwenllïan"))
    }

    @Test("the leading zeros of component codes dropped: 1 is read as 001, with a warning on each row")
    func componentCodesPadded() throws {
        let name = "libreoffice-numbers-detected.csv"
        let checked = try Self.check(name)
        #expect(
            checked.located.filter { $0.code == .componentCodePadded }
                == (2...7).map { Self.at($0, .componentCodePadded, .warning, in: name) })
        let padded = try #require(checked.report.findings.first { $0.code == .componentCodePadded })
        #expect(
            padded.message == .componentCodePadded(written: Code("1")!, readAs: Code("001")!, course: Code("MC4002")!))
        #expect(checked.report.counted == 4)
    }

    @Test("a student id whose leading zeros were dropped is not corrected, but the enrolled id is named")
    func studentIDZerosDropped() throws {
        let name = "libreoffice-numbers-detected.csv"
        let checked = try Self.check(name)
        #expect(
            checked.located.filter { $0.severity == .error } == [6, 7].map { Self.at($0, .unknownEnrolment, in: name) })
        let error = try #require(checked.report.findings.first { $0.severity == .error })
        #expect(
            error.message
                == .unknownEnrolmentZerosDropped(
                    student: Code("123456")!, enrolled: Code("00123456")!, course: Code("MC4002")!,
                    occurrence: Code("SEP")!))
        #expect(error.message.description.contains("format the student_id column as Text"))
        #expect(checked.report.rejected == 2)
    }

    @Test("empty cells left at the end of rows, the header's too, are nothing; text beyond the header is FIELD_COUNT")
    func trailingEmptyFields() throws {
        let name = "libreoffice-note-beyond-header.csv"
        let checked = try Self.check(name)
        #expect(checked.located == [Self.at(4, .fieldCount, in: name)])
        #expect(checked.report.findings[0].message == .textBeyondHeader(field: 17, header: 13))
        #expect(checked.report.counted == 5 && checked.report.rejected == 1)
    }

    @Test("rows of nothing but commas are blank lines: skipped, not counted, each line still counted")
    func commaOnlyRows() throws {
        let checked = try Self.check("libreoffice-empty-rows.csv")
        #expect(checked.located.isEmpty)
        #expect(checked.report.rowsRead == 6 && checked.report.counted == 6)
        #expect(checked.sheet.rows.map(\.line) == [2, 3, 6, 7, 9, 10])
    }

    @Test("dates written D/M/YYYY, with one- or two-digit day and month")
    func ukDates() throws {
        let checked = try Self.check("script-excel-uk-dates.csv")
        #expect(checked.located.isEmpty)
        #expect(checked.sheet.rows.map(\.submittedOn.description).suffix(2) == ["2025-11-05", "2025-09-07"])
    }

    @Test("lines ended by CR alone: every line counted, a quoted line break too")
    func carriageReturns() throws {
        let checked = try Self.check("script-excel-mac-cr.csv")
        #expect(checked.located.isEmpty)
        #expect(checked.sheet.rows.map(\.line) == [2, 3, 4, 5, 7, 8])
    }

    // MARK: What is refused

    @Test("valid UTF-8 mixed with other bytes: NOT_UTF8 names the column; bytes in an ignored column reject nothing")
    func mixedEncodings() throws {
        let name = "script-mixed-utf8-cp1252.csv"
        let checked = try Self.check(name)
        #expect(checked.located == [Self.at(1, .unknownColumn, .note, in: name), Self.at(3, .notUTF8, in: name)])
        #expect(checked.report.findings[1].message == .notUTF8(column: "comment"))
        #expect(checked.report.counted == 5 && checked.report.rejected == 1)
    }

    @Test("UTF-16 (Unicode Text): refused whole, no rows read")
    func utf16() throws {
        let name = "libreoffice-utf16.csv"
        let checked = try Self.check(name)
        #expect(checked.located == [Self.at(1, .encodingUTF16, in: name)])
        #expect(checked.report.findings[0].message.description.contains("Unicode Text"))
        #expect(checked.report.rowsRead == 0)
    }

    @Test("a workbook saved with a .csv name: refused whole, no rows read")
    func workbookNamedCSV() throws {
        let name = "libreoffice-xlsx-named-csv.csv"
        let checked = try Self.check(name)
        #expect(checked.located == [Self.at(1, .notCSVWorkbook, in: name)])
        #expect(checked.report.findings[0].message.description.contains("name it .xlsx"))
        #expect(checked.report.rowsRead == 0)
    }

    @Test("semicolons between the columns: one error, the rows read and rejected")
    func wrongSeparator() throws {
        let name = "libreoffice-semicolons.csv"
        let checked = try Self.check(name)
        #expect(checked.located == [Self.at(1, .wrongSeparator, in: name)])
        #expect(checked.report.rowsRead == 6 && checked.report.rejected == 6)
    }

    @Test("tabs between the columns: one error")
    func tabSeparator() throws {
        let text = try String(
            contentsOf: Self.fixtures.appendingPathComponent("libreoffice-semicolons.csv"), encoding: .utf8)
        let table = try readTable(text.replacingOccurrences(of: ";", with: "\t"), schema: Schemas.markSheet)
        #expect(table.codesAndLines == [Pair(.wrongSeparator, 1)])
        #expect(table.findings[0].message == .wrongSeparator("tabs"))
    }

    @Test("a header and no rows: EMPTY_SHEET, a warning")
    func headerOnly() throws {
        let name = "libreoffice-header-only.csv"
        let checked = try Self.check(name)
        #expect(checked.located == [Self.at(1, .emptySheet, .warning, in: name)])
        #expect(checked.report.errors == 0)
    }

    @Test("a sheet sorted on the name columns alone: the rows whose names are not their student's are NAME_MISMATCH")
    func sortedOnOneColumn() throws {
        let source = try String(
            contentsOf: Self.fixtures.appendingPathComponent("source-mark-sheet.csv"), encoding: .utf8)
        // Excel sorted family_name and given_names only: Griffiths moved up to Roberts's rows.
        var lines = source.split(separator: "\n").map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: "Roberts,Catrin", with: "Griffiths,Gwenllïan")
        lines[5] = lines[5].replacingOccurrences(of: "Griffiths,Gwenllïan", with: "roberts,CATRIN")
        let checked = try withTemporaryFolder { folder in
            let config = try BoardConfig.load(from: try Self.institution.write(into: folder))
            let path = try folder.write("marks/2025-12-11/sorted.csv", lines.joined(separator: "\n") + "\n")
            let (sheets, _, load) = SheetCheck.readWithRegister([(path, "sorted.csv")], config: config)
            return SheetCheck.check(sheets, board: nil, config: config, register: load.register)
        }
        #expect(
            checked.findings.map(Located.init) == [
                Located("sorted.csv", 2, .nameMismatch), Located("sorted.csv", 6, .nameMismatch),
            ])
        #expect(
            checked.findings[0].message
                == .nameMismatch(
                    column: "family_name", written: "Griffiths", enrolled: "Roberts", student: Code("22655425")!))
        #expect(checked.counted == 4 && checked.rejected == 2)
    }

    // MARK: Workbooks

    @Test("a workbook with numbers and dates detected: the line is the row, dates read as dates")
    func workbookDetected() throws {
        let name = "libreoffice-numbers-detected.xlsx"
        let checked = try Self.check(name)
        #expect(
            checked.located.filter { $0.severity == .error } == [6, 7].map { Self.at($0, .unknownEnrolment, in: name) })
        #expect(checked.located.count { $0.code == .componentCodePadded } == 6)
        #expect(checked.sheet.rows.map(\.submittedOn.description).first == "2025-11-26")
    }

    @Test("a workbook of text cells reads as typed")
    func workbookText() throws {
        let checked = try Self.check("libreoffice-text-cells.xlsx")
        #expect(checked.located.isEmpty)
        #expect(checked.report.counted == 6)
    }

    @Test("a workbook whose name ends .XLSX is a workbook; a damaged one is BROKEN_WORKBOOK")
    func workbookNames() throws {
        let checked = try Self.check("libreoffice-text-cells.xlsx", as: "MARKS.XLSX")
        #expect(checked.report.counted == 6)
        let broken = try Self.check("script-excel-uk-dates.csv", as: "broken.xlsx")
        #expect(broken.located == [Self.at(1, .brokenWorkbook, in: "broken.xlsx")])
        #expect(broken.report.rowsRead == 0)
    }

    @Test(
        "a workbook kept as CSV, as the submission service keeps one, reads as the workbook: rows, findings, lines",
        arguments: ["libreoffice-numbers-detected.xlsx", "libreoffice-text-cells.xlsx"])
    func workbookAsCSV(_ name: String) throws {
        let workbook = try Self.check(name)
        let csv = try #require(WorkbookCSV.convert(Array(Data(contentsOf: Self.fixtures.appendingPathComponent(name)))))
        let kept = try Self.check(name, as: "kept.csv", bytes: csv)
        // The same findings on the same lines, whatever the file is called.
        let unnamed = { (checked: Checked) in checked.located.map { Located("", $0.line, $0.code, $0.severity) } }
        #expect(unnamed(kept) == unnamed(workbook))
        let described = { (checked: Checked) in
            checked.sheet.rows.map { "\($0.line) \($0.student) \($0.component) \($0.entry) \($0.submittedOn)" }
        }
        #expect(described(kept) == described(workbook))
        #expect(kept.report.counted == workbook.report.counted && kept.report.rowsRead == workbook.report.rowsRead)
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))
    }
}

/// ZIPFoundation 0.9.20 spins for ever on a deflated part whose stream runs past the end of the file; the
/// workbook is read within a time limit, and refused as damaged when it has not been read by then.
@Suite("A workbook that would hang the reader")
struct WorkbookTimeLimitTests {
    @Test(arguments: ["script-zip-endless-deflate.xlsx", "libfuzzer-timeout-mark-sheet.xlsx"])
    func aWorkbookNotReadWithinTheLimitIsStoppedAndBroken(_ name: String) throws {
        let bytes = try Data(contentsOf: SheetsAsWrittenTests.fixtures.appendingPathComponent("Hangs/" + name))
        let started = Date()
        let result = WorkbookRows.read(Array(bytes), within: 1)
        #expect(Date().timeIntervalSince(started) < 10)
        guard case .failure(let error) = result else {
            Issue.record("read within the limit: \(result)")
            return
        }
        switch error {
        case .notReadInTime(seconds: 1):
            #expect(error.description.contains("could not be unpacked within 1 second: part of it is damaged"))
        default:
            // The fuzzer's find is slow, not endless: within the second, as a quiet machine may unpack it, its
            // XML is refused as damaged. Refused either way, in bounded time.
            #expect(name.hasPrefix("libfuzzer") && error.description.contains("the workbook is damaged"), "\(error)")
        }
    }
}

@Suite("Long values and wide headers make short messages")
struct ShortMessagesTests {
    @Test("a header of a thousand columns, a required one missing, lists twenty and counts the rest")
    func wideHeader() throws {
        let header = (1...1000).map { "column \($0)" }.joined(separator: ",")
        let table = try readTable(header + "\n" + String(repeating: ",", count: 999) + "x\n")
        #expect(table.codesAndLines == [Pair(.missingColumn, 1), Pair(.missingColumn, 1)])
        let message = table.findings[0].message.description
        #expect(message.contains("column 20 and 980 more"), "\(message)")
        #expect(message.utf8.count < 1000)
    }

    @Test("a 5 MB mark is quoted as 40 characters and its length")
    func longField() throws {
        let mark = String(repeating: "9", count: 5_000_000)
        let sheet =
            "student_id,course_code,occurrence,academic_year,component,attempt,mark,submitted_on\n"
            + "22655425,MC4002,SEP,2025/26,001,1,\(mark),2025-11-20\n"
        let read = MarkSheet.read(bytes: Array(sheet.utf8), name: "a.csv", displayedAs: "a.csv", place: 0)
        #expect(read.findings.count == 1)
        let message = try #require(read.findings.first).message.description
        #expect(
            message.contains("\"" + String(repeating: "9", count: 40) + "…\" (5000000 bytes)"), "\(message.prefix(200))"
        )
        #expect(message.utf8.count < 300)
    }
}
