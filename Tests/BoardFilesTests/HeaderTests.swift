import Regulations
import Testing

@testable import BoardFiles

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

    @Test("unknown columns give exactly one note naming them all; the rows are kept")
    func unknownColumns() throws {
        let table = try readTable("student_id,Shoe Size,family_name,notes\n1001,9,Roberts,x\n1002,8,Hughes,y\n")
        #expect(table.codesAndLines == [Pair(.unknownColumn, 1)])
        let note = try #require(table.findings.first)
        #expect(note.severity == .note)
        #expect(note.file == "people.csv")
        #expect(note.message.contains("\"Shoe Size\"") && note.message.contains("\"notes\""))
        #expect(!note.message.contains("student_id") && !note.message.contains("family_name"))
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
        #expect(error.message.contains("family_name"))
        #expect(error.message.contains("Student ID, Surname, comment"))
        #expect(table.rejectedWhole)
        #expect(table.rows.isEmpty)
        #expect(table.rowsRejected == table.rowsRead)
    }

    @Test("every missing required column is named, each in its own error at line 1")
    func twoMissingColumns() throws {
        let table = try readTable("comment\nhello\n")
        #expect(table.codesAndLines == [Pair(.missingColumn, 1), Pair(.missingColumn, 1)])
        #expect(table.findings[0].message.contains("student_id"))
        #expect(table.findings[1].message.contains("family_name"))
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
        #expect(table.findings.first?.message.contains("student_id") == true)
        #expect(table.rejectedWhole)
        #expect(table.rows.isEmpty)
    }
}
