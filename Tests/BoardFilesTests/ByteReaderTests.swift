import Foundation
import Regulations
import Testing

@testable import BoardFiles

/// The files the reader of bytes is compared on: every shape of the CSV reader's tests, and files long
/// enough to cross the reader's batches (4,096 records) and read blocks (64 KiB).
enum ByteReaderInput {
    static let header = "student_id,family_name,comment\n"

    /// `count` rows; every 7th has a quoted line break, every 1,000th a field too many, every 1,500th a
    /// byte that is not UTF-8, every 11th a Welsh name.
    static func rows(_ count: Int, lineEnd: String = "\n") -> [UInt8] {
        var bytes: [UInt8] = []
        for number in 1...count {
            let name = number % 11 == 0 ? "Siân" : "Name\(number)"
            var row = "\(number),\(name),"
            row += number % 7 == 0 ? "\"two\(lineEnd)lines, \"\"quoted\"\"\"" : "plain"
            if number % 1000 == 0 { row += ",extra" }
            bytes += Array(row.utf8)
            if number % 1500 == 0 { bytes += [0xE9] }
            bytes += Array(lineEnd.utf8)
        }
        return bytes
    }

    static let readerCases: [Named<[UInt8]>] =
        LineEndingCase.all.map { Named($0.testDescription, $0.bytes) }
        + BrokenCase.all.map { Named($0.testDescription, Array($0.text.utf8)) }
        + NotUTF8Case.all.map { input -> Named<[UInt8]> in
            let before: [UInt8] = Array("student_id,family_name\n1,Smith\n2,".utf8)
            let after: [UInt8] = Array("\n3,Jones\n".utf8)
            return Named("not UTF-8: \(input.testDescription)", before + input.field + after)
        }

    static let shapes: [Named<[UInt8]>] = [
        Named("quoted line breaks", Array("a,b\n1,\"one\ntwo\nthree\"\n2,x\n3,\"\"\"quoted\"\"\n\"\n4,y\n".utf8)),
        Named("blank and whitespace lines", Array("\n  \na,b\n\n1,x\n \t \n\r\n2,y\n\n\n".utf8)),
        Named("trimmed and quoted spaces", Array("a,b,c\n  Siân  ,\t tab\t ,\"  kept  \"\n \"  lead\" , x y \n".utf8)),
        Named("a lone CR ends a record, not a line", Array("a,b\n1,x\r2,y\n3,z\n".utf8)),
        Named("a break after a lone CR on the same line", Array("a,b\n1,x\r2,b\"c\n3,z\n".utf8)),
        Named("a BOM after the start", Array("a,b\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("x,y\n".utf8)),
        Named("a header that is not UTF-8", Array("student_id,fam".utf8) + [0xE9] + Array("\n1,Smith\n".utf8)),
        Named("no bytes at all", []),
        Named("header only, no newline", Array("student_id,family_name".utf8)),
    ]

    static let long: [Named<[UInt8]>] = {
        let header: [UInt8] = Array(Self.header.utf8)
        let crlfHeader: [UInt8] = Array(Self.header.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let longField: [UInt8] = Array(repeating: UInt8(ascii: "x"), count: 300_000)
        return [
            Named("20,000 rows across batches", header + rows(20_000)),
            Named("20,000 rows, CRLF", crlfHeader + rows(20_000, lineEnd: "\r\n")),
            Named(
                "an unterminated quote after 20,000 rows",
                header + rows(20_000) + Array("20001,\"never closed\n20002,x,y\n".utf8)),
            Named("a bare quote after 9,000 rows", header + rows(9_000) + Array("9001,b\"c,x\n9002,x,y\n".utf8)),
            Named(
                "a field of 300 KB",
                header + rows(10) + Array("11,\"".utf8) + longField + Array("\nend\",x\n12,y,z\n".utf8)),
        ]
    }()

    static let all = readerCases + shapes + long
}

func readCSVBytes(path: String) -> CSVReadResult {
    var result = CSVReadResult()
    do {
        try LibCSV.readBytes(path: path) { result.records.append($0.strings) }
    } catch let error as CSVReadError {
        result.error = error
    } catch {
        Issue.record("LibCSV.readBytes threw an unexpected error: \(error)")
    }
    return result
}

/// A table read by `Tables.stream` as its caller must: the rows it handed over are dropped when the
/// file turns out to be rejected whole.
func streamTable(path: String, schema: TableSchema = personSchema) -> (table: TableFile, rows: [(Int, [String])]) {
    var rows: [(Int, [String])] = []
    let table = Tables.stream(path, displayedAs: "people.csv", schema: schema) { row in
        rows.append((row.line, schema.all.indices.map { String(decoding: row[$0], as: UTF8.self) }))
    }
    return (table, table.rejectedWhole ? [] : rows)
}

@Suite("CSV reader of bytes")
struct ByteReaderTests {
    /// `read` parses the whole file first on the calling thread; `readBytes` by default runs libcsv on
    /// another thread, handing batches through a ring: both must give the same records at the same lines.
    @Test(
        "records parsed ahead on another thread are those parsed first: lines, fields, break",
        arguments: ByteReaderInput.all)
    func sameRecords(_ input: Named<[UInt8]>) throws {
        try withTemporaryFolder { folder in
            let path = try folder.write("input.csv", bytes: input.value)
            let strings = readCSV(path: path)
            let bytes = readCSVBytes(path: path)
            #expect(bytes.lines == strings.lines)
            #expect(bytes.fields == strings.fields)
            #expect(String(describing: bytes.error) == String(describing: strings.error))
        }
    }

    @Test("stream, parsing ahead, gives the rows, counts and findings of Tables.read", arguments: ByteReaderInput.all)
    func sameTable(_ input: Named<[UInt8]>) throws {
        try withTemporaryFolder { folder in
            let path = try folder.write("people.csv", bytes: input.value)
            let read = Tables.read(path, displayedAs: "people.csv", schema: personSchema)
            let (streamed, rows) = streamTable(path: path)
            #expect(rows.map(\.0) == read.rows.map(\.source.line))
            #expect(rows.map(\.1) == read.rows.map(\.values))
            #expect(streamed.findings == read.findings)
            #expect(streamed.rowsRead == read.rowsRead)
            #expect(streamed.rowsRejected == read.rowsRejected)
            #expect(streamed.rejectedWhole == read.rejectedWhole)
        }
    }

    @Test("a file that cannot be opened is unreadable to both")
    func missingFile() throws {
        try withTemporaryFolder { folder in
            let path = folder.path + "/absent.csv"
            #expect(String(describing: readCSVBytes(path: path).error) == String(describing: readCSV(path: path).error))
            #expect(streamTable(path: path).table.findings.map(\.code) == [.fileUnreadable])
        }
    }

    @Test(
        "the csv-spectrum files read the same as bytes", .tags(.spectrum),
        .enabled(if: SharedTestData.spectrumIsAvailable, "../shared/testdata/csv-spectrum is not beside this checkout"),
        arguments: SpectrumCase.all)
    func spectrum(_ spectrum: SpectrumCase) throws {
        let strings = readCSV(path: spectrum.csvPath)
        let bytes = readCSVBytes(path: spectrum.csvPath)
        #expect(bytes.lines == strings.lines)
        #expect(bytes.fields == strings.fields)
        #expect(bytes.error == nil && strings.error == nil)
    }
}
