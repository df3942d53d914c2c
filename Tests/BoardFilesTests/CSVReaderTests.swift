import Foundation
import Regulations
import Testing

@testable import BoardFiles

/// The same small table written in the ways SPEC §1 accepts: each must give identical records.
struct LineEndingCase: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let bytes: [UInt8]

    static let text = "student_id,family_name,comment\n1001,Roberts,fine\n1002,\"Hughes, Jr\",\"said \"\"hi\"\"\"\n"
    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    static var crlf: String { text.replacingOccurrences(of: "\n", with: "\r\n") }

    static let all: [LineEndingCase] = [
        LineEndingCase(testDescription: "LF", bytes: Array(text.utf8)),
        LineEndingCase(testDescription: "CRLF", bytes: Array(crlf.utf8)),
        LineEndingCase(testDescription: "LF with BOM", bytes: bom + Array(text.utf8)),
        LineEndingCase(testDescription: "CRLF with BOM", bytes: bom + Array(crlf.utf8)),
        LineEndingCase(testDescription: "LF, no final newline", bytes: Array(text.utf8.dropLast())),
        LineEndingCase(testDescription: "CRLF, no final newline", bytes: Array(crlf.utf8.dropLast(2))),
    ]
}

/// A file whose CSV structure breaks, and the line SPEC §1 says the single error is reported at.
struct BrokenCase: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let text: String
    let line: Int
    /// Records before the broken one (the header included), all of which are delivered.
    let delivered: [Int]
    let unterminated: Bool

    static let all: [BrokenCase] = [
        BrokenCase(
            testDescription: "unterminated quote",
            text: "student_id,family_name\n1,Smith\n2,\"Jones\n3,Evans\n4,Price\n",
            line: 3, delivered: [1, 2], unterminated: true),
        BrokenCase(
            testDescription: "unterminated quote on the last line, no newline",
            text: "student_id,family_name\n1,Smith\n2,Jones\n3,\"Evans", line: 4, delivered: [1, 2, 3],
            unterminated: true),
        BrokenCase(
            testDescription: "unterminated quote after a blank line",
            text: "student_id,family_name\n\n1,Smith\n\n2,\"Jones\n",
            line: 5, delivered: [1, 3], unterminated: true),
        BrokenCase(
            testDescription: "bare quote inside an unquoted field",
            text: "student_id,family_name\n1,Smith\n2,b\"c\n3,Evans\n",
            line: 3, delivered: [1, 2], unterminated: false),
        BrokenCase(
            testDescription: "text after a closing quote",
            text: "student_id,family_name\n1,Smith\n\"2\"b,Jones\n3,Evans\n",
            line: 3, delivered: [1, 2], unterminated: false),
        BrokenCase(
            testDescription: "text after a closing quote, CRLF",
            text: "student_id,family_name\r\n1,Smith\r\n2,\"Jones\"x\r\n3,Evans\r\n", line: 3, delivered: [1, 2],
            unterminated: false),
        // The break is on line 4, but the record it breaks started on line 3.
        BrokenCase(
            testDescription: "text after a quote closed on a later line",
            text: "student_id,family_name\n1,Smith\n2,\"Jones\nstill quoted\"x\n3,Evans\n", line: 3, delivered: [1, 2],
            unterminated: false),
        BrokenCase(
            testDescription: "bare quote in the header", text: "student_id,family\"name\n1,Smith\n", line: 1,
            delivered: [], unterminated: false),
    ]
}

/// A field whose bytes are not UTF-8, written at line 3 of a three-row table.
struct NotUTF8Case: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let field: [UInt8]

    static let all: [NotUTF8Case] = [
        NotUTF8Case(testDescription: "0xFF byte", field: [0x41, 0xFF, 0x42]),
        NotUTF8Case(testDescription: "Latin-1 é (0xE9)", field: Array("Ren".utf8) + [0xE9]),
        NotUTF8Case(testDescription: "Latin-1 é inside quotes", field: [0x22] + Array("Ren".utf8) + [0xE9, 0x22]),
        NotUTF8Case(testDescription: "truncated two-byte sequence", field: Array("Si".utf8) + [0xC3]),
        NotUTF8Case(testDescription: "overlong encoding of '/'", field: [0xC0, 0xAF]),
        NotUTF8Case(testDescription: "UTF-16 surrogate encoded as UTF-8", field: [0xED, 0xA0, 0x80]),
    ]
}

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("LF, CRLF, BOM and a missing final newline give identical records", arguments: LineEndingCase.all)
    func lineEndings(_ input: LineEndingCase) throws {
        let result = try readCSV(bytes: input.bytes)
        #expect(result.error == nil)
        #expect(result.lines == [1, 2, 3])
        #expect(
            result.fields == [
                ["student_id", "family_name", "comment"],
                ["1001", "Roberts", "fine"],
                ["1002", "Hughes, Jr", "said \"hi\""],
            ])
    }

    @Test("a BOM is dropped only at the very start of the file")
    func bomOnlyAtStart() throws {
        let result = try readCSV(bytes: Array("a,b\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("x,y\n".utf8))
        #expect(result.fields == [["a", "b"], ["\u{FEFF}x", "y"]])
    }

    @Test("a BOM before the header does not hide the first column")
    func bomBeforeHeader() throws {
        let table = try readTable(bytes: [0xEF, 0xBB, 0xBF] + Array("Student ID,family_name\n1001,Roberts\n".utf8))
        #expect(table.findings.isEmpty)
        #expect(table.rows.map(\.values) == [["1001", "Roberts", ""]])
    }

    @Test("a quoted line break: the record is at its first line, the next record two lines on")
    func quotedLineBreaks() throws {
        let text = "a,b\n1,\"one\ntwo\nthree\"\n2,x\n3,\"\"\"quoted\"\"\n\"\n4,y\n"
        let result = try readCSV(text)
        #expect(result.error == nil)
        #expect(result.lines == [1, 2, 5, 6, 8])
        #expect(result.fields[1] == ["1", "one\ntwo\nthree"])
        #expect(result.fields[3] == ["3", "\"quoted\"\n"])
    }

    @Test("a quoted CRLF line break is kept as it was written")
    func quotedCRLF() throws {
        let result = try readCSV("a,b\r\n1,\"one\r\ntwo\"\r\n2,x\r\n")
        #expect(result.lines == [1, 2, 4])
        #expect(result.fields[1] == ["1", "one\r\ntwo"])
    }

    @Test("blank and whitespace-only lines are skipped but counted")
    func blankLines() throws {
        let text = "\n  \na,b\n\n1,x\n \t \n\r\n2,y\n\n\n"
        let result = try readCSV(text)
        #expect(result.error == nil)
        #expect(result.lines == [3, 5, 8])
        #expect(result.fields == [["a", "b"], ["1", "x"], ["2", "y"]])

        let table = try readTable("student_id,family_name\n\n1,Smith\n   \n2,Jones\n")
        #expect(table.findings.isEmpty)
        #expect(table.rows.map(\.source.line) == [3, 5])
        #expect(table.rowsRead == 2)
    }

    @Test("unquoted fields are trimmed of spaces and tabs; quoted spaces are kept")
    func trimming() throws {
        let result = try readCSV("a,b,c\n  Siân  ,\t tab\t ,\"  kept  \"\n \"  lead\" , x y \n")
        #expect(result.fields == [["a", "b", "c"], ["Siân", "tab", "  kept  "], ["  lead", "x y"]])
    }

    @Test("an empty field and an empty quoted field are both empty strings")
    func emptyFields() throws {
        let result = try readCSV("a,b,c\n,\"\",\n")
        #expect(result.fields[1] == ["", "", ""])
    }

    @Test("the final record without a trailing newline is read at its line")
    func noTrailingNewline() throws {
        let result = try readCSV("a,b\n1,x\n\n2,\"multi\nline\"")
        #expect(result.error == nil)
        #expect(result.lines == [1, 2, 4])
        #expect(result.fields.last == ["2", "multi\nline"])

        let table = try readTable("student_id,family_name\n1,Smith\n2,Jones")
        #expect(table.rows.map(\.source.line) == [2, 3])
        #expect(table.rows.last?.values == ["2", "Jones", ""])
    }

    @Test("a structural break is reported once, at the line its record starts", arguments: BrokenCase.all)
    func structuralBreak(_ input: BrokenCase) throws {
        let result = try readCSV(input.text)
        guard case .broken(let line, let unterminated) = result.error else {
            Issue.record("expected CSVReadError.broken, got \(String(describing: result.error))")
            return
        }
        #expect(line == input.line)
        #expect(unterminated == input.unterminated)
        #expect(result.lines == input.delivered)
    }

    @Test(
        "a broken file is rejected whole: the records before it and the broken one count as rejected",
        arguments: BrokenCase.all)
    func brokenFileRejectedWhole(_ input: BrokenCase) throws {
        let table = try readTable(input.text)
        #expect(table.codesAndLines == [Pair(.csvBroken, input.line)])
        #expect(table.findings.allSatisfy { $0.severity == .error && $0.file == "people.csv" })
        #expect(table.rejectedWhole)
        #expect(table.rows.isEmpty)
        // Data records before the break, plus the broken record itself (none when the header broke).
        let expectedRead = input.line == 1 ? 0 : input.delivered.count
        #expect(table.rowsRead == expectedRead)
        #expect(table.rowsRejected == expectedRead)
    }

    @Test("an unterminated quote names the missing closing quote; other breaks name the stray quote")
    func brokenMessages() throws {
        let unterminated = try readTable("student_id,family_name\n1,\"Smith\n")
        #expect(unterminated.findings.first?.message.contains("never closed") == true)
        let stray = try readTable("student_id,family_name\n1,Sm\"ith\n")
        #expect(stray.findings.first?.message.contains("two quotes") == true)
    }

    @Test("a record with too many or too few fields is rejected alone, at its line")
    func fieldCount() throws {
        let table = try readTable(
            "student_id,family_name,comment\n1,Smith,ok\n2,Jones,a,b\n3,Evans,\"x\ny\"\n4,Price\n5,Lloyd,\n")
        #expect(table.codesAndLines == [Pair(.fieldCount, 3), Pair(.fieldCount, 6)])
        #expect(table.findings[0].message.contains("4 fields") && table.findings[0].message.contains("header has 3"))
        #expect(table.findings[1].message.contains("2 fields"))
        #expect(table.rows.map(\.source.line) == [2, 4, 7])
        #expect(table.rowsRead == 5)
        #expect(table.rowsRejected == 2)
        #expect(!table.rejectedWhole)
    }

    @Test("bytes that are not UTF-8 reject their row alone, at its line", arguments: NotUTF8Case.all)
    func notUTF8(_ input: NotUTF8Case) throws {
        let bytes =
            Array("student_id,family_name\n1,Smith\n2,".utf8) + input.field + Array("\n3,Jones\n".utf8)
        let result = try readCSV(bytes: bytes)
        #expect(result.error == nil)
        #expect(result.lines == [1, 2, 3, 4])
        #expect(result.records[2].fields == ["2", nil])

        let table = try readTable(bytes: bytes)
        #expect(table.codesAndLines == [Pair(.notUTF8, 3)])
        #expect(table.findings.first?.message.contains("field 2") == true)
        #expect(table.rows.map(\.source.line) == [2, 4])
        #expect(table.rowsRead == 3 && table.rowsRejected == 1)
    }

    @Test("a header that is not UTF-8 rejects the file at line 1")
    func headerNotUTF8() throws {
        let table = try readTable(bytes: Array("student_id,fam".utf8) + [0xE9] + Array("\n1,Smith\n".utf8))
        #expect(table.codesAndLines == [Pair(.notUTF8, 1)])
        #expect(table.rejectedWhole && table.rows.isEmpty)
    }

    @Test(
        "an empty file is an error with no rows",
        arguments: [
            Named("no bytes at all", ""), Named("blank lines only", "\n\n"),
            Named("whitespace and CRLF only", "  \r\n"), Named("BOM only", "\u{FEFF}"),
        ])
    func emptyFile(_ input: Named<String>) throws {
        let table = try readTable(input.value)
        #expect(table.codesAndLines == [Pair(.emptyFile, 1)])
        #expect(table.findings.first?.severity == .error)
        #expect(table.rows.isEmpty && table.rowsRead == 0 && table.rowsRejected == 0)
        #expect(table.rejectedWhole)
    }

    @Test(
        "a header-only file has no rows and no finding",
        arguments: [
            Named("with a final newline", "student_id,family_name\n"),
            Named("without a final newline", "student_id,family_name"),
            Named("followed by blank lines", "student_id,family_name\r\n\r\n  \r\n"),
        ])
    func headerOnly(_ input: Named<String>) throws {
        let table = try readTable(input.value)
        #expect(table.findings.isEmpty)
        #expect(table.rows.isEmpty && table.rowsRead == 0 && table.rowsRejected == 0)
        #expect(!table.rejectedWhole)
    }

    @Test("a missing file is unreadable, not a crash")
    func missingFile() throws {
        try withTemporaryFolder { folder in
            let table = Tables.read(folder.path + "/absent.csv", displayedAs: "absent.csv", schema: personSchema)
            #expect(table.findings.map(\.code) == [.fileUnreadable])
            #expect(table.rejectedWhole)
        }
    }
}

// MARK: - Files larger than one read block

/// Where the 64 KiB read-block boundary falls inside a record that spans two physical lines.
struct BlockBoundaryCase: CustomTestStringConvertible, Sendable {
    let testDescription: String
    /// The spanning record, which starts two or more lines into the file.
    let record: String
    let fields: [String]
    /// How many bytes of `record` lie in the first block.
    let split: Int

    static let spanning = "999,Spanning,\"first half\nsecond half\"\n"
    static let spanningFields = ["999", "Spanning", "first half\nsecond half"]
    /// The byte offset of the first `text` in `record`.
    static func offset(of text: String, in record: String = spanning) -> Int {
        record.utf8.distance(from: record.startIndex, to: record.range(of: text)!.lowerBound)
    }

    static let all: [BlockBoundaryCase] = [
        BlockBoundaryCase(
            testDescription: "boundary at the start of the record", record: spanning, fields: spanningFields, split: 0),
        BlockBoundaryCase(
            testDescription: "boundary just before the opening quote", record: spanning, fields: spanningFields,
            split: offset(of: "\"first")),
        BlockBoundaryCase(
            testDescription: "boundary inside the quoted field", record: spanning, fields: spanningFields,
            split: offset(of: "\"first") + 4),
        BlockBoundaryCase(
            testDescription: "boundary on the quoted line break", record: spanning, fields: spanningFields,
            split: offset(of: "\nsecond")),
        BlockBoundaryCase(
            testDescription: "boundary just after the quoted line break", record: spanning, fields: spanningFields,
            split: offset(of: "\nsecond") + 1),
        BlockBoundaryCase(
            testDescription: "boundary on the record's own line end", record: spanning, fields: spanningFields,
            split: spanning.utf8.count - 1),
        BlockBoundaryCase(
            testDescription: "boundary inside a two-byte UTF-8 character", record: "999,Siân,\"ab\ncd\"\n",
            fields: ["999", "Siân", "ab\ncd"], split: offset(of: "ân", in: "999,Siân,\"ab\ncd\"\n") + 1),
    ]
}

@Suite("CSV reader across read blocks")
struct CSVBlockTests {
    @Test(
        "a record spanning the 64 KiB block boundary keeps its fields and line numbers",
        arguments: BlockBoundaryCase.all)
    func spanningRecord(_ input: BlockBoundaryCase) throws {
        let header = "student_id,family_name,comment\n"
        let recordStart = LibCSV.blockSize - input.split
        // Filler rows of 100 bytes, then one of 100-199 bytes, so the spanning record starts exactly there.
        var filler: [String] = []
        var length = header.utf8.count
        func row(_ size: Int) -> String {
            let start = "\(filler.count + 1),Filler,"
            return start + String(repeating: "x", count: size - start.utf8.count - 1) + "\n"
        }
        while recordStart - length >= 200 {
            filler.append(row(100))
            length += 100
        }
        filler.append(row(recordStart - length))
        let after = "1001,After,one\n\n1002,After,\"two\"\n1003,Last,three"
        let text = header + filler.joined() + input.record + after
        try #require(Array(text.utf8).count > LibCSV.blockSize)
        try #require((header + filler.joined()).utf8.count == recordStart)

        let result = try readCSV(text)
        #expect(result.error == nil)
        let spanningLine = filler.count + 2
        #expect(
            result.lines == Array(1...(filler.count + 1)) + [
                spanningLine, spanningLine + 2, spanningLine + 4, spanningLine + 5,
            ])
        #expect(result.records.count == filler.count + 5)
        #expect(result.records.dropFirst().allSatisfy { $0.fields.count == 3 })
        #expect(result.records[filler.count + 1].fields == input.fields)
        #expect(result.records.last?.fields == ["1003", "Last", "three"])
    }

    @Test("an unterminated quote far past the first block is reported at its own line")
    func brokenInALaterBlock() throws {
        let rows = (1...8000).map { "\($0),Name\($0)\n" }.joined()
        let text = "student_id,family_name\n" + rows + "8001,\"never closed\n8002,x\n"
        try #require(text.utf8.count > LibCSV.blockSize)
        let table = try readTable(text)
        #expect(table.codesAndLines == [Pair(.csvBroken, 8002)])
        #expect(table.rowsRead == 8001 && table.rowsRejected == 8001)
        #expect(table.rows.isEmpty)
    }
}
