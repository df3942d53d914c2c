import Foundation
import Regulations
import Testing

@testable import Input

/// A header written in a way SPEC §1 says matches `student_id, family_name, comment`.
struct HeaderSpellingCase: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let header: String
    /// The data row, in the header's own column order.
    let row: String

    static let all: [HeaderSpellingCase] = [
        HeaderSpellingCase(
            testDescription: "as the schema writes it", header: "student_id,family_name,comment", row: "1001,Roberts,hi"
        ),
        HeaderSpellingCase(
            testDescription: "upper case", header: "STUDENT_ID,Family_Name,COMMENT", row: "1001,Roberts,hi"),
        HeaderSpellingCase(
            testDescription: "spaces for underscores", header: "Student ID,Family Name,Comment", row: "1001,Roberts,hi"),
        HeaderSpellingCase(
            testDescription: "hyphens for underscores", header: "student-id,family-name,comment", row: "1001,Roberts,hi"
        ),
        HeaderSpellingCase(
            testDescription: "quoted with surrounding spaces", header: "\" Student ID \",\"\tfamily name\",comment",
            row: "1001,Roberts,hi"),
        HeaderSpellingCase(
            testDescription: "columns in another order", header: "Comment,Family Name,Student ID",
            row: "hi,Roberts,1001"),
        HeaderSpellingCase(
            testDescription: "optional column absent", header: "family_name,student_id", row: "Roberts,1001"),
    ]
}

@Suite("Table headers")
struct HeaderTests {
    @Test(
        "header names match case-insensitively, with spaces and hyphens as underscores, in any order",
        arguments: HeaderSpellingCase.all)
    func spellings(_ input: HeaderSpellingCase) throws {
        let table = try readTable("\(input.header)\n\(input.row)\n")
        #expect(table.findings.isEmpty)
        let row = try #require(table.rows.first)
        #expect(row.source.line == 2)
        #expect(row[personSchema.column("student_id")] == "1001")
        #expect(row[personSchema.column("family_name")] == "Roberts")
        #expect(row[personSchema.column("comment")] == (input.header.lowercased().contains("comment") ? "hi" : ""))
    }

    @Test(
        "normalise: trims, lower-cases, and turns spaces and hyphens into underscores",
        arguments: [
            Named("Student ID", ("Student ID", "student_id")), Named("submitted-on", ("submitted-on", "submitted_on")),
            Named("padded", ("  Course Code\t", "course_code")),
            Named("Welsh letters kept", ("Teitl Cymraeg ŵ", "teitl_cymraeg_ŵ")),
            Named("already normal, kept", ("component_2", "component_2")),
            Named("upper case alone", ("STUDENT_ID", "student_id")),
        ])
    func normalise(_ input: Named<(String, String)>) {
        #expect(Tables.normalise(input.value.0) == input.value.1)
    }

    @Test(
        "trimmed: spaces and tabs go from both ends, and nothing else",
        arguments: [
            Named("nothing to trim", ("55", "55")), Named("both ends", (" \t55 \t", "55")),
            Named("inner spaces kept", ("  Ap Rhys  ", "Ap Rhys")), Named("only blanks", (" \t ", "")),
            Named("empty", ("", "")), Named("Welsh letters at the ends", (" ŵyn ŷ ", "ŵyn ŷ")),
            Named("a line feed is not a blank", ("\n55\n", "\n55\n")),
        ])
    func trimmed(_ input: Named<(String, String)>) {
        #expect(input.value.0.trimmed() == input.value.1)
    }

    @Test("unknown columns give exactly one note naming them all; the rows are kept")
    func unknownColumns() throws {
        let table = try readTable("student_id,Shoe Size,family_name,notes\n1001,9,Roberts,x\n1002,8,Hughes,y\n")
        #expect(table.codesAndLines == [Pair(.unknownColumn, 1)])
        let note = try #require(table.findings.first)
        #expect(note.severity == .note)
        #expect(note.file == "people.csv")
        #expect(note.message == .unknownColumns(["Shoe Size", "notes"], table: personSchema.kind))
        #expect(!note.message.description.contains("student_id") && !note.message.description.contains("family_name"))
        #expect(table.rows.map(\.values) == [["1001", "Roberts", ""], ["1002", "Hughes", ""]])
        #expect(!table.rejectedWhole)
    }

    @Test("a missing required column rejects the file, naming the column and the headers found")
    func missingColumn() throws {
        let table = try readTable("Student ID,Surname,comment\n1001,Roberts,x\n1002,Hughes,y\n")
        #expect(table.codesAndLines == [Pair(.missingColumn, 1)])
        let error = try #require(table.findings.first)
        #expect(error.severity == .error)
        #expect(error.file == "people.csv")
        #expect(error.message.description.contains("family_name"))
        #expect(error.message.description.contains("Student ID, Surname, comment"))
        #expect(table.rejectedWhole)
        #expect(table.rows.isEmpty)
        #expect(table.rowsRejected == table.rowsRead)
    }

    @Test("every missing required column is named, each in its own error at line 1")
    func twoMissingColumns() throws {
        let table = try readTable("comment\nhello\n")
        #expect(table.codesAndLines == [Pair(.missingColumn, 1), Pair(.missingColumn, 1)])
        #expect(table.findings[0].message.description.contains("student_id"))
        #expect(table.findings[1].message.description.contains("family_name"))
    }

    @Test("the header line is where the header is, after leading blank lines")
    func headerAfterBlankLines() throws {
        let table = try readTable("\n\nstudent_id\n1001\n")
        #expect(table.codesAndLines == [Pair(.missingColumn, 3)])
    }

    @Test("a column written twice, in any spelling, is a DUPLICATE_COLUMN error and rejects the file")
    func duplicateColumn() throws {
        let table = try readTable("student_id,family_name,Student ID\n1001,Roberts,1002\n")
        #expect(table.codesAndLines == [Pair(.duplicateColumn, 1)])
        #expect(table.findings.first?.message == .duplicateColumn("student_id"))
        #expect(table.rejectedWhole)
        #expect(table.rows.isEmpty)
    }
}

/// A table whose CSV breaks, and the line of the record the break is in (the CSV reader's own tests
/// cover every kind of break).
struct BrokenTableCase: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let text: String
    let line: Int
    /// Data records read: those before the broken one, and the broken one (none when the header broke).
    let read: Int
    let unterminated: Bool

    static let all: [BrokenTableCase] = [
        BrokenTableCase(
            testDescription: "unterminated quote", text: "student_id,family_name\n1,Smith\n2,\"Jones\n3,Evans\n",
            line: 3, read: 2, unterminated: true),
        BrokenTableCase(
            testDescription: "bare quote inside an unquoted field",
            text: "student_id,family_name\n1,Smith\n2,b\"c\n3,Evans\n", line: 3, read: 2, unterminated: false),
        BrokenTableCase(
            testDescription: "text after a quote closed on a later line",
            text: "student_id,family_name\n1,Smith\n2,\"Jones\nstill quoted\"x\n3,Evans\n", line: 3, read: 2,
            unterminated: false),
        BrokenTableCase(
            testDescription: "bare quote in the header", text: "student_id,family\"name\n1,Smith\n", line: 1, read: 0,
            unterminated: false),
    ]
}

@Suite("Tables: records read as rows of a schema")
struct TableReadTests {
    @Test("a BOM before the header does not hide the first column")
    func bomBeforeHeader() throws {
        let table = try readTable(bytes: [0xEF, 0xBB, 0xBF] + Array("Student ID,family_name\n1001,Roberts\n".utf8))
        #expect(table.findings.isEmpty)
        #expect(table.rows.map(\.values) == [["1001", "Roberts", ""]])
    }

    @Test("blank and whitespace-only lines are skipped but counted")
    func blankLines() throws {
        let table = try readTable("student_id,family_name\n\n1,Smith\n   \n2,Jones\n")
        #expect(table.findings.isEmpty)
        #expect(table.rows.map(\.source.line) == [3, 5])
        #expect(table.rowsRead == 2)
    }

    @Test("the final record without a trailing newline is read at its line")
    func noTrailingNewline() throws {
        let table = try readTable("student_id,family_name\n1,Smith\n2,Jones")
        #expect(table.rows.map(\.source.line) == [2, 3])
        #expect(table.rows.last?.values == ["2", "Jones", ""])
    }

    @Test(
        "a broken file is rejected whole: the records before it and the broken one count as rejected",
        arguments: BrokenTableCase.all)
    func brokenFileRejectedWhole(_ input: BrokenTableCase) throws {
        let table = try readTable(input.text)
        #expect(table.codesAndLines == [Pair(.csvBroken, input.line)])
        #expect(
            table.findings.map(\.message) == [input.unterminated ? .csvUnterminatedQuote : .csvBrokenStructure])
        #expect(table.findings.allSatisfy { $0.severity == .error && $0.file == "people.csv" })
        #expect(table.rejectedWhole)
        #expect(table.rows.isEmpty, "the rows handed over before the break are dropped")
        #expect(table.handed.count == max(0, input.read - 1))
        #expect(table.rowsRead == input.read)
        #expect(table.rowsRejected == input.read)
    }

    @Test("an unterminated quote names the missing closing quote; other breaks name the stray quote")
    func brokenMessages() throws {
        let unterminated = try readTable("student_id,family_name\n1,\"Smith\n")
        #expect(unterminated.findings.first?.message.description.contains("never closed") == true)
        let stray = try readTable("student_id,family_name\n1,Sm\"ith\n")
        #expect(stray.findings.first?.message.description.contains("two quotes") == true)
    }

    @Test("an unterminated quote far into a long table is reported at its own line")
    func brokenFarIn() throws {
        let rows = (1...8000).map { "\($0),Name\($0)\n" }.joined()
        let table = try readTable("student_id,family_name\n" + rows + "8001,\"never closed\n8002,x\n")
        #expect(table.codesAndLines == [Pair(.csvBroken, 8002)])
        #expect(table.rowsRead == 8001 && table.rowsRejected == 8001)
        #expect(table.rows.isEmpty)
    }

    @Test("a record with too many or too few fields is rejected alone, at its line")
    func fieldCount() throws {
        let table = try readTable(
            "student_id,family_name,comment\n1,Smith,ok\n2,Jones,a,b\n3,Evans,\"x\ny\"\n4,Price\n5,Lloyd,\n")
        #expect(table.codesAndLines == [Pair(.fieldCount, 3), Pair(.fieldCount, 6)])
        #expect(table.findings[0].message == .textBeyondHeader(field: 4, header: 3))
        #expect(table.findings[1].message == .fewerFields(2, header: 3))
        #expect(table.rows.map(\.source.line) == [2, 4, 7])
        #expect(table.rowsRead == 5)
        #expect(table.rowsRejected == 2)
        #expect(!table.rejectedWhole)
    }

    @Test(
        "in a file that is UTF-8 elsewhere, bytes that are not reject their row alone, at its line",
        arguments: [[0x41, 0xFF, 0x42], Array("Ren".utf8) + [0xE9], [0x22] + Array("Ren".utf8) + [0xE9, 0x22]]
            as [[UInt8]])
    func notUTF8(_ field: [UInt8]) throws {
        let table = try readTable(
            bytes: Array("student_id,family_name\n1,Siân\n2,".utf8) + field + Array("\n3,Jones\n".utf8))
        #expect(table.codesAndLines == [Pair(.notUTF8, 3)])
        #expect(table.findings.first?.message == .notUTF8(column: "family_name"))
        #expect(table.findings.first?.message.description.contains("column \"family_name\"") == true)
        #expect(table.rows.map(\.source.line) == [2, 4])
        #expect(table.rowsRead == 3 && table.rowsRejected == 1)
    }

    @Test("a header that is not UTF-8 rejects the file at line 1")
    func headerNotUTF8() throws {
        let table = try readTable(bytes: Array("student_id,fam".utf8) + [0xE9] + Array("\n1,Siân\n".utf8))
        #expect(table.codesAndLines == [Pair(.notUTF8, 1)])
        #expect(table.findings.first?.message == .headerNotUTF8)
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

    @Test("a missing file, or a folder named as a file, is unreadable, not a crash")
    func unreadableFile() throws {
        try withTemporaryFolder { folder in
            let missing = readTable(path: folder.path + "/absent.csv", displayedAs: "absent.csv")
            #expect(missing.codesAndLines == [Pair(.fileUnreadable, 0)])
            #expect(missing.rejectedWhole && missing.file.sha256 == nil)
            try FileManager.default.createDirectory(atPath: folder.path + "/a.csv", withIntermediateDirectories: true)
            let notAFile = readTable(path: folder.path + "/a.csv", displayedAs: "a.csv")
            #expect(notAFile.findings.map(\.message) == [.fileUnreadable(reason: "it is not a regular file")])
        }
    }

    @Test("a table of more rows than its kind allows is refused whole, at the first row too many")
    func tooManyRows() throws {
        var schema = personSchema
        schema.rowLimit = 3
        let table = try readTable("student_id,family_name\n1,A\n2,B\n\n3,C\n4,D\n5,E\n", schema: schema)
        #expect(table.codesAndLines == [Pair(.tooManyRows, 6)])
        #expect(table.findings.first?.message == .tooManyRows(limit: 3, table: personSchema.kind))
        #expect(table.rejectedWhole && table.rows.isEmpty)
        #expect(table.rowsRead == 5 && table.rowsRejected == 5)
        let full = try readTable("student_id,family_name\n1,A\n2,B\n3,C\n", schema: schema)
        #expect(full.findings.isEmpty && full.rows.count == 3)
        #expect(Schemas.markSheet.rowLimit == 1_000_000)
    }

    @Test("the digest is of the bytes read, whether or not the CSV holds together")
    func digest() throws {
        for text in ["student_id,family_name\n1,Smith\n", "student_id,family_name\n1,\"Smith\n", ""] {
            let table = try readTable(text)
            #expect(table.file.sha256 == sha256(of: Array(text.utf8)))
        }
        #expect(sha256(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
