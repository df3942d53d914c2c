import CSV
import Testing

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
    func lineEndings(_ input: LineEndingCase) {
        let result = readCSV(bytes: input.bytes)
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
    func bomOnlyAtStart() {
        let result = readCSV(bytes: Array("a,b\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("x,y\n".utf8))
        #expect(result.fields == [["a", "b"], ["\u{FEFF}x", "y"]])
    }

    @Test("a quoted line break: the record is at its first line, the next record two lines on")
    func quotedLineBreaks() {
        let text = "a,b\n1,\"one\ntwo\nthree\"\n2,x\n3,\"\"\"quoted\"\"\n\"\n4,y\n"
        let result = readCSV(text)
        #expect(result.error == nil)
        #expect(result.lines == [1, 2, 5, 6, 8])
        #expect(result.fields[1] == ["1", "one\ntwo\nthree"])
        #expect(result.fields[3] == ["3", "\"quoted\"\n"])
    }

    @Test("a quoted CRLF line break is kept as it was written")
    func quotedCRLF() {
        let result = readCSV("a,b\r\n1,\"one\r\ntwo\"\r\n2,x\r\n")
        #expect(result.lines == [1, 2, 4])
        #expect(result.fields[1] == ["1", "one\r\ntwo"])
    }

    @Test("blank and whitespace-only lines are skipped but counted")
    func blankLines() {
        let result = readCSV("\n  \na,b\n\n1,x\n \t \n\r\n2,y\n\n\n")
        #expect(result.error == nil)
        #expect(result.lines == [3, 5, 8])
        #expect(result.fields == [["a", "b"], ["1", "x"], ["2", "y"]])
    }

    @Test("a lone CR ends a record and a line, as LF and CRLF do (SPEC §1.8)")
    func loneCR() {
        let result = readCSV("a,b\n1,x\r2,y\r\n3,z\r\r4,\"q\rr\"\r5,w")
        #expect(result.error == nil)
        #expect(result.fields == [["a", "b"], ["1", "x"], ["2", "y"], ["3", "z"], ["4", "q\rr"], ["5", "w"]])
        #expect(result.lines == [1, 2, 3, 4, 6, 8])
    }

    @Test("unquoted fields are trimmed of spaces and tabs; quoted spaces are kept")
    func trimming() {
        let result = readCSV("a,b,c\n  Siân  ,\t tab\t ,\"  kept  \"\n \"  lead\" , x y \n")
        #expect(result.fields == [["a", "b", "c"], ["Siân", "tab", "  kept  "], ["  lead", "x y"]])
    }

    @Test("an empty field and an empty quoted field are both empty; a record of separators is empty")
    func emptyFields() {
        let result = readCSV("a,b,c\n,\"\",\n,,\n")
        #expect(result.fields[1] == ["", "", ""])
        #expect(result.fields[2] == ["", "", ""])
        var empty: [Bool] = []
        try? CSVReader.forEachRecord(in: Array("a,b\n,\n1,\n".utf8)) { empty.append($0.isEmpty) }
        #expect(empty == [false, true, false])
    }

    @Test("the final record without a trailing newline is read at its line")
    func noTrailingNewline() {
        let result = readCSV("a,b\n1,x\n\n2,\"multi\nline\"")
        #expect(result.error == nil)
        #expect(result.lines == [1, 2, 4])
        #expect(result.fields.last == ["2", "multi\nline"])
    }

    @Test("no bytes, blank lines or a BOM alone hold no record", arguments: ["", "\n\n", "  \r\n", "\u{FEFF}"])
    func nothingToRead(_ text: String) {
        let result = readCSV(text)
        #expect(result.error == nil)
        #expect(result.records.isEmpty)
    }

    @Test("a structural break is reported once, at the line its record starts", arguments: BrokenCase.all)
    func structuralBreak(_ input: BrokenCase) {
        let result = readCSV(input.text)
        guard case .broken(let line, let unterminated) = result.error else {
            Issue.record("expected CSVError.broken, got \(String(describing: result.error))")
            return
        }
        #expect(line == input.line)
        #expect(unterminated == input.unterminated)
        #expect(result.lines == input.delivered)
    }

    @Test("an unterminated quote far into a long file is reported at its own line")
    func brokenFarIn() throws {
        let rows = (1...8000).map { "\($0),Name\($0)\n" }.joined()
        let result = readCSV("student_id,family_name\n" + rows + "8001,\"never closed\n8002,x\n")
        #expect(result.error == .broken(line: 8002, unterminatedQuote: true))
        #expect(result.records.count == 8001)
        #expect(result.lines.last == 8001)
    }

    @Test(
        "bytes that are not UTF-8 leave their field without text, and the record is still delivered",
        arguments: NotUTF8Case.all)
    func notUTF8(_ input: NotUTF8Case) throws {
        let bytes = Array("student_id,family_name\n1,Smith\n2,".utf8) + input.field + Array("\n3,Jones\n".utf8)
        let result = readCSV(bytes: bytes)
        #expect(result.error == nil)
        #expect(result.lines == [1, 2, 3, 4])
        #expect(result.records[2].fields == ["2", nil])
        let unquoted = input.field.first == 0x22 ? Array(input.field.dropFirst().dropLast()) : input.field
        #expect(result.records[2].bytes == [Array("2".utf8), unquoted], "the bytes are kept as written")
        var ascii: [Bool] = []
        var strings: [String] = []
        try CSVReader.forEachRecord(in: bytes) { record in
            ascii.append(record.isASCII)
            strings.append(record.string(1))
        }
        #expect(ascii == [true, true, false, true])
        #expect(strings[2] == String(decoding: unquoted, as: UTF8.self), "as text, a byte not UTF-8 is replaced")
        #expect(strings[2].contains("\u{FFFD}") && strings[3] == "Jones")
    }

    @Test(
        "text beyond ASCII is read as UTF-8",
        arguments: ["Siân", "Llŷr", "Gwenllïan ŵ ŷ â", "😀", "\u{FEFF}x", "a\u{301}"])
    func textBeyondASCII(_ text: String) {
        let result = readCSV("a,\(text)\n")
        #expect(result.fields == [["a", text]])
        #expect(result.records[0].bytes[1] == Array(text.utf8))
    }
}

/// Files long enough that a record's place must be counted, not assumed: every 7th row has a quoted
/// line break, every 1,000th a field too many, every 1,500th a name with a byte that is not UTF-8.
@Suite("CSV reader on long files")
struct CSVLongFileTests {
    static func file(rows count: Int, lineEnd: String) -> (bytes: [UInt8], lines: [Int], fields: [[String?]]) {
        var bytes = Array("student_id,family_name,comment\(lineEnd)".utf8)
        var lines = [1]
        var fields: [[String?]] = [["student_id", "family_name", "comment"]]
        var line = 2
        for number in 1...count {
            let name = number % 11 == 0 ? "Siân" : "Name\(number)"
            var record: [String?] = ["\(number)", name]
            bytes += Array("\(number),\(name)".utf8)
            if number % 1500 == 0 {
                bytes.append(0xE9)
                record[1] = nil
            }
            lines.append(line)
            if number % 7 == 0 {
                bytes += Array(",\"two\(lineEnd)lines, \"\"quoted\"\"\"".utf8)
                record.append("two\(lineEnd)lines, \"quoted\"")
                line += 1
            } else {
                bytes += Array(",plain".utf8)
                record.append("plain")
            }
            if number % 1000 == 0 {
                bytes += Array(",extra".utf8)
                record.append("extra")
            }
            bytes += Array(lineEnd.utf8)
            fields.append(record)
            line += 1
        }
        return (bytes, lines, fields)
    }

    @Test(arguments: ["\n", "\r\n"])
    func everyRecordIsAtItsLineWithItsFields(lineEnd: String) {
        let file = Self.file(rows: 20_000, lineEnd: lineEnd)
        let result = readCSV(bytes: file.bytes)
        #expect(result.error == nil)
        // Compared here, not inside #expect: a failure would print every record.
        let linesMatch = result.lines == file.lines
        let fieldsMatch = result.fields == file.fields
        #expect(linesMatch)
        #expect(fieldsMatch)
    }

    @Test func aFieldOfThreeHundredKilobytesIsReadWhole() {
        let long = String(repeating: "x", count: 300_000)
        let result = readCSV("a,b\n1,\"\(long)\nend\"\n2,y\n")
        #expect(result.lines == [1, 2, 4])
        #expect(result.records[1].fields[1]?.utf8.count == 300_004)
    }

    @Test(arguments: ["\n", "\r\n"])
    func countingFieldsIsTheBareFloorOfReading(lineEnd: String) {
        let file = Self.file(rows: 5_000, lineEnd: lineEnd)
        let counts = CSVReader.countFields(in: file.bytes)
        #expect(counts?.records == file.fields.count)
        #expect(counts?.fields == file.fields.reduce(0) { $0 + $1.count })
        #expect(CSVReader.countFields(in: Array("a,b\n1,\"never closed\n".utf8)) == nil)
        #expect(CSVReader.countFields(in: []).map { [$0.records, $0.fields] } == [0, 0])
    }
}
