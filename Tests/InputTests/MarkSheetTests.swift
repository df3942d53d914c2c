import Foundation
import Regulations
import Testing

@testable import Input

/// Mark sheets in the form SPEC §1.7 gives, for the fixture register (students A and B on MC4002 SEP).
enum Sheet {
    static let header =
        "student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on,language,comment"

    /// One row; every argument defaults to student A's first sit of 001, mark 70, on time.
    static func row(
        student: String = "22655425", course: String = "MC4002", component: String = "001", attempt: String = "1",
        mark: String = "70", flag: String = "", submitted: String = "2025-11-20", language: String = "",
        comment: String = ""
    ) -> String {
        "\(student),\(course),SEP,2025/26,\(component),\(attempt),\(mark),\(flag),\(submitted),\(language),\(comment)"
    }

    static func text(_ rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }
}

/// A row at line 3 of a sheet (line 2 is a sound row), and what reading it must give.
struct MarkFieldCase: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let row: String
    /// The row's entry and date when it is accepted.
    let accepted: (entry: SitEntry, submitted: String)?
    /// The codes reported at line 3 when it is rejected, in the order the row's fields are checked.
    let rejected: [FindingCode]

    static func accepts(_ name: String, _ row: String, _ entry: SitEntry, submitted: String = "2025-11-20")
        -> MarkFieldCase
    {
        MarkFieldCase(testDescription: name, row: row, accepted: (entry, submitted), rejected: [])
    }

    static func rejects(_ name: String, _ row: String, _ codes: FindingCode...) -> MarkFieldCase {
        MarkFieldCase(testDescription: name, row: row, accepted: nil, rejected: codes)
    }

    static let all: [MarkFieldCase] = [
        .accepts("a whole mark", Sheet.row(mark: "67"), .mark(67)),
        .accepts("67.0 is 67", Sheet.row(mark: "67.0"), .mark(67)),
        .accepts("67.00 is 67", Sheet.row(mark: "67.00"), .mark(67)),
        .accepts("100.0 is 100", Sheet.row(mark: "100.0"), .mark(100)),
        .accepts("0 is a mark", Sheet.row(mark: "0"), .mark(0)),
        .accepts("an unquoted mark with spaces (trimmed by libcsv)", Sheet.row(mark: " 55 "), .mark(55)),
        .rejects(
            "a quoted mark keeps its spaces (SPEC §1: only unquoted fields are trimmed)", Sheet.row(mark: "\" 55 \""),
            .badMark),
        .rejects("67.5 is not whole", Sheet.row(mark: "67.5"), .markNotWhole),
        .rejects("67.05 is not whole", Sheet.row(mark: "67.05"), .markNotWhole),
        .rejects("67.000 has too many decimals", Sheet.row(mark: "67.000"), .badMark),
        .rejects("101 is out of range", Sheet.row(mark: "101"), .markOutOfRange),
        .rejects("abc is not a mark", Sheet.row(mark: "abc"), .badMark),
        .rejects("-5 is not a mark", Sheet.row(mark: "-5"), .badMark),
        .rejects("67. is not a mark", Sheet.row(mark: "67."), .badMark),
        .rejects("1000 is not a mark", Sheet.row(mark: "1000"), .badMark),
        .rejects("- counts as blank: no mark, no flag", Sheet.row(mark: "-"), .markMissing),
        .rejects("no mark and no flag", Sheet.row(mark: ""), .markMissing),
        .accepts("- with a flag is a flagged sit", Sheet.row(mark: "-", flag: "NS"), .flag(.nonSubmission)),
        .accepts("flag AB", Sheet.row(mark: "", flag: "AB"), .flag(.absent)),
        .accepts("flag def, lower case", Sheet.row(mark: "", flag: "def"), .flag(.deferral)),
        .accepts("flag Ns, mixed case", Sheet.row(mark: "", flag: "Ns"), .flag(.nonSubmission)),
        .rejects("an unknown flag", Sheet.row(mark: "", flag: "MC"), .badFlag),
        .rejects("a mark with a flag", Sheet.row(mark: "55", flag: "AB"), .markWithFlag),
        .accepts("the UK date form", Sheet.row(submitted: "28/11/2025"), .mark(70), submitted: "2025-11-28"),
        .rejects("month 13", Sheet.row(submitted: "2025-13-01"), .badDate),
        .rejects("a dotted date", Sheet.row(submitted: "28.11.2025"), .badDate),
        .rejects("30 February", Sheet.row(submitted: "2025-02-30"), .badDate),
        .rejects("a date without leading zeros", Sheet.row(submitted: "2025-2-3"), .badDate),
        .rejects("an American date", Sheet.row(submitted: "11/28/2025"), .badDate),
        .rejects("a course code with a space", Sheet.row(course: "MC 4002"), .badCode),
        .rejects("a student id of 13 characters", Sheet.row(student: "1234567890123"), .badCode),
        .rejects("an empty student id", Sheet.row(student: ""), .missingValue),
        .rejects("an empty component", Sheet.row(component: ""), .missingValue),
        .rejects("an empty attempt", Sheet.row(attempt: ""), .missingValue),
        .rejects("an attempt that is not a number", Sheet.row(attempt: "one"), .badAttempt),
        .rejects("an empty submitted_on", Sheet.row(submitted: ""), .missingValue),
        .rejects("an unknown language", Sheet.row(language: "fr"), .badLanguage),
        .rejects(
            "every problem of a row is reported", Sheet.row(course: "", mark: "67.5", submitted: "2025-13-01"),
            .missingValue, .markNotWhole, .badDate),
    ]
}

@Suite("Mark sheets")
struct MarkSheetTests {
    static let display = "marks/2025-12-11/MC4002-SEP.csv"

    func read(_ text: String) throws -> MarkSheet {
        try withTemporaryFolder { folder in
            MarkSheet.read(try folder.write(Self.display, text), displayedAs: Self.display, place: 0)
        }
    }

    @Test("each field is parsed, or the row is rejected at its line", arguments: MarkFieldCase.all)
    func fields(_ input: MarkFieldCase) throws {
        let sheet = try read(Sheet.text([Sheet.row(), input.row, Sheet.row(student: "25649144")]))
        #expect(sheet.rowsRead == 3)
        if let accepted = input.accepted {
            #expect(sheet.findings.isEmpty, "findings: \(sheet.findings.map(\.compilerStyle))")
            #expect(sheet.rowsRejected == 0)
            #expect(sheet.rows.map(\.line) == [2, 3, 4])
            let row = try #require(sheet.rows.first { $0.line == 3 })
            #expect(row.entry == accepted.entry)
            #expect(row.submittedOn == Day(accepted.submitted))
        } else {
            #expect(sheet.findings.map { Pair($0.code, $0.line) } == input.rejected.map { Pair($0, 3) })
            #expect(sheet.findings.allSatisfy { $0.severity == .error && $0.file == Self.display })
            #expect(sheet.rowsRejected == 1, "the row is rejected once, whatever the number of its problems")
            #expect(sheet.rows.map(\.line) == [2, 4])
        }
    }

    @Test("a comment may hold commas, quotes and line breaks; the next row's line accounts for it")
    func multiLineComment() throws {
        let sheet = try read(
            Sheet.text([
                Sheet.row(comment: "\"Late, with \"\"good\"\" reason\nsee email\""),
                Sheet.row(student: "25649144", mark: "67.5"),
            ]))
        #expect(sheet.rows.map(\.line) == [2], "the comment's comma and quotes stay in its field")
        #expect(sheet.findings.map { Pair($0.code, $0.line) } == [Pair(.markNotWhole, 4)])
    }

    @Test("codes are compared case-insensitively and written upper-case")
    func codesUpperCase() throws {
        let sheet = try read(Sheet.text([Sheet.row(course: "mc4002", component: "001")]))
        #expect(sheet.rows.first?.course == Code("MC4002"))
        #expect(sheet.rows.first?.course.description == "MC4002")
    }

    /// The manifest records each sheet's digest: of its bytes as they were read, BOM and all, whether
    /// or not its CSV holds together.
    @Test(
        "a sheet's digest is of the bytes read",
        arguments: [(1, false, false), (3_000, false, false), (3_000, true, false), (3_000, false, true)])
    func digestOfTheBytesRead(rows: Int, bom: Bool, broken: Bool) throws {
        var text = Sheet.text(Array(repeating: Sheet.row(comment: "a comment to make the row longer"), count: rows))
        if broken { text += "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-20,,\"unterminated\n" + text }
        let bytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
        try withTemporaryFolder { folder in
            let path = try folder.write(Self.display, bytes: bytes)
            let sheet = MarkSheet.read(path, displayedAs: Self.display, place: 0)
            #expect(sheet.sha256 == sha256(of: bytes))
            #expect(sheet.rows.count == (broken ? 0 : rows))
            #expect(sheet.rowsRead == (broken ? rows + 1 : rows))
        }
    }

    @Test("every row names its sheet by the place it was given, and the sheet is shown as named")
    func aRowNamesItsSheetByPlace() throws {
        try withTemporaryFolder { folder in
            let path = try folder.write(Self.display, Sheet.text([Sheet.row(), Sheet.row(component: "002")]))
            let sheet = MarkSheet.read(path, displayedAs: "shown.csv", place: 7)
            #expect(sheet.rows.map(\.sheet) == [7, 7])
            #expect(sheet.path == path && sheet.display == "shown.csv")
            let missing = MarkSheet.read(folder.path + "/absent.csv", displayedAs: "absent.csv", place: 0)
            #expect(missing.findings.map(\.code) == [.fileUnreadable] && missing.sha256 == nil)
        }
    }

    @Test("an academic year of any length is read as written; the run's rules judge it")
    func anyAcademicYear() throws {
        let long = "academic year 2025/26, extended to 2026/27"
        let sheet = try read(Sheet.text([Sheet.row().replacingOccurrences(of: "2025/26", with: "\"\(long)\"")]))
        #expect(sheet.findings.isEmpty)
        #expect(sheet.rows.map(\.academicYear) == [long])
    }

    @Test("SampleData's MC4002 sheet: F's comment spans lines 11-12 and the rows after it keep their lines")
    func sampleDataSheet() throws {
        let path = sampleDataFolder + "/marks/2025-12-11/MC4002-SEP.csv"
        let sheet = MarkSheet.read(path, displayedAs: "MC4002-SEP.csv", place: 0)
        #expect(sheet.findings.filter { $0.severity == .error }.isEmpty)
        let lines = sheet.rows.map(\.line)
        #expect(lines.contains(11) && !lines.contains(12) && lines.contains(13))
    }
}

// MARK: - Checking sheets as presented at a board

/// Counts that `board check` reports must reconcile (SPEC §3): nothing is lost silently.
func expectReconciled(_ report: CheckReport, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(
        report.rowsRead == report.counted + report.superseded + report.rejected,
        "rows read \(report.rowsRead) = counted \(report.counted) + superseded \(report.superseded) + rejected \(report.rejected)",
        sourceLocation: sourceLocation)
}

@Suite("Checking mark sheets")
struct SheetCheckTests {
    /// Writes the fixture register and the sheets (paths relative to the config's folder), and checks them
    /// as `board check` does: the sheets read with the register, which keeps only the students they name.
    func check(_ sheets: [(name: String, text: String)], board: String? = nil) throws -> CheckReport {
        try withTemporaryFolder { folder in
            let config = try BoardConfig.load(from: try RegisterFixture().write(into: folder))
            let paths = try sheets.map { sheet in (path: try folder.write(sheet.name, sheet.text), display: sheet.name)
            }
            let (read, _, load) = SheetCheck.readWithRegister(paths, config: config)
            try #require(load.fatal.isEmpty)
            let named = Set(read.flatMap { $0.rows.map(\.student) })
            #expect(Set(load.register.enrolments.keys.map(\.student)) == named.intersection(Self.enrolled))
            return SheetCheck.check(read, board: board.flatMap { Day($0) }, config: config, register: load.register)
        }
    }

    /// The students of the fixture's enrolment list.
    static let enrolled = Set(["22655425", "25649144", "30000001", "30000002"].map { Code($0)! })

    @Test("a sheet in its board's folder is checked, every row counted")
    func soundSheet() throws {
        let report = try check([
            (
                "marks/2025-12-11/MC4002-SEP.csv",
                Sheet.text([
                    Sheet.row(), Sheet.row(component: "002", mark: "55"),
                    Sheet.row(student: "25649144", mark: "-", flag: "DEF"),
                    Sheet.row(student: "25649144", component: "002", mark: "45.00"),
                ])
            )
        ])
        #expect(report.findings.isEmpty, "findings: \(report.findings.map(\.compilerStyle))")
        #expect(report.rowsRead == 4 && report.counted == 4)
        expectReconciled(report)
    }

    @Test(
        "a sheet outside a board folder is rejected at line 1 when no board is given",
        arguments: [
            Named("not in marks/", "elsewhere/MC4002-SEP.csv"),
            Named("a date that is not a board", "marks/2025-12-12/MC4002-SEP.csv"),
            Named("a folder that is not a date", "marks/december/MC4002-SEP.csv"),
        ])
    func outsideBoardFolder(_ input: Named<String>) throws {
        let report = try check([(input.value, Sheet.text([Sheet.row(), Sheet.row(component: "002")]))])
        #expect(report.findings.map { Located($0) } == [Located(input.value, 1, .outsideBoardFolder)])
        #expect(report.findings.first?.message.description.contains("2025-12-11") == true, "lists the board dates")
        #expect(report.rowsRead == 2 && report.rejected == 2 && report.counted == 0)
        expectReconciled(report)
    }

    @Test("a sheet outside a board folder is checked when the board is named")
    func boardNamed() throws {
        let report = try check(
            [("elsewhere/MC4002-SEP.csv", Sheet.text([Sheet.row(), Sheet.row(component: "002")]))], board: "2025-12-11")
        #expect(report.findings.isEmpty)
        #expect(report.counted == 2)
        expectReconciled(report)
    }

    @Test("rows that disagree across two files are all rejected as a conflict")
    func conflictAcrossFiles() throws {
        let report = try check([
            ("marks/2025-12-11/a.csv", Sheet.text([Sheet.row(mark: "70"), Sheet.row(component: "002", mark: "55")])),
            ("marks/2025-12-11/b.csv", Sheet.text([Sheet.row(student: "25649144"), Sheet.row(mark: "65")])),
        ])
        #expect(
            report.findings.map { Located($0) } == [
                Located("marks/2025-12-11/a.csv", 2, .conflict), Located("marks/2025-12-11/b.csv", 3, .conflict),
            ])
        #expect(
            report.findings.allSatisfy {
                $0.message.description.contains("a.csv:2") && $0.message.description.contains("b.csv:3")
            })
        #expect(report.rowsRead == 4 && report.counted == 2 && report.rejected == 2 && report.superseded == 0)
        expectReconciled(report)
    }

    @Test("a row for another academic year, however long the year, is rejected by the rule of that name")
    func anotherAcademicYear() throws {
        let long = "2025/26 (extended to 2026/27)"
        let report = try check([
            (
                "marks/2025-12-11/a.csv",
                Sheet.text([
                    Sheet.row(), Sheet.row(component: "002").replacingOccurrences(of: "2025/26", with: "2024/25"),
                    Sheet.row(student: "25649144").replacingOccurrences(of: "2025/26", with: "\"\(long)\""),
                ])
            )
        ])
        #expect(
            report.findings.map { Pair($0.code, $0.line) } == [
                Pair(.outsideEnrolmentYear, 3), Pair(.outsideEnrolmentYear, 4),
            ])
        #expect(report.findings.last?.message.description.contains(long) == true)
        #expect(report.counted == 1 && report.rejected == 2)
        expectReconciled(report)
    }

    @Test("a mark and a flag for the same sit conflict")
    func conflictMarkAndFlag() throws {
        let report = try check([
            ("marks/2025-12-11/a.csv", Sheet.text([Sheet.row(mark: "70"), Sheet.row(mark: "", flag: "ns")]))
        ])
        #expect(report.findings.map { Pair($0.code, $0.line) } == [Pair(.conflict, 2), Pair(.conflict, 3)])
        #expect(report.rejected == 2 && report.counted == 0)
        expectReconciled(report)
    }

    @Test("a duplicate is superseded with a warning naming the kept line; the first in file-name order is kept")
    func duplicate() throws {
        // b.csv is passed first; a.csv still comes first in byte order of the names, so its row is kept.
        let report = try check([
            (
                "marks/2025-12-11/b.csv",
                Sheet.text([Sheet.row(student: "25649144"), Sheet.row(mark: "70.00", comment: "again")])
            ),
            ("marks/2025-12-11/a.csv", Sheet.text([Sheet.row(component: "002"), Sheet.row(mark: "70")])),
        ])
        #expect(report.findings.map { Located($0) } == [Located("marks/2025-12-11/b.csv", 3, .duplicate, .warning)])
        #expect(report.findings.first?.message.description.contains("a.csv:3") == true)
        #expect(report.rowsRead == 4 && report.counted == 3 && report.superseded == 1 && report.rejected == 0)
        expectReconciled(report)
    }

    @Test("duplicates and conflicts are sought only among rows that pass every other check")
    func duplicateOfRejectedRow() throws {
        // Line 2 is for a board-day submission and is rejected; line 3 is then the only row for the sit.
        let report = try check([
            (
                "marks/2025-12-11/a.csv",
                Sheet.text([Sheet.row(mark: "65", submitted: "2025-12-11"), Sheet.row(mark: "70")])
            )
        ])
        #expect(report.findings.map { Pair($0.code, $0.line) } == [Pair(.submittedAfterBoard, 2)])
        #expect(report.counted == 1 && report.rejected == 1)
        expectReconciled(report)
    }

    @Test("a sheet whose CSV breaks is rejected whole: rows read before the break report nothing of their own")
    func brokenSheetHidesEarlierRowProblems() throws {
        let report = try check([
            (
                "marks/2025-12-11/a.csv",
                Sheet.text([Sheet.row(mark: "67.5"), Sheet.row(), Sheet.row(student: "25649144", mark: "\"unclosed")])
            )
        ])
        #expect(report.findings.map { Located($0) } == [Located("marks/2025-12-11/a.csv", 4, .csvBroken)])
        #expect(report.rowsRead == 3 && report.rejected == 3 && report.counted == 0)
        expectReconciled(report)
    }

    @Test("every kind of rejection in one check still reconciles, each at its file and line")
    func mixedReconciliation() throws {
        let report = try check([
            (
                "marks/2025-12-11/a.csv",
                Sheet.text([
                    Sheet.row(),  // 2 counted
                    Sheet.row(mark: "67.5"),  // 3 MARK_NOT_WHOLE
                    Sheet.row(component: "002") + ",extra",  // 4 FIELD_COUNT
                    Sheet.row(student: "99999999"),  // 5 UNKNOWN_ENROLMENT
                    Sheet.row(component: "003"),  // 6 UNKNOWN_COMPONENT
                    Sheet.row(student: "25649144", attempt: "3"),  // 7 ATTEMPT_NOT_ALLOWED
                    Sheet.row(student: "25649144", component: "002", mark: "40"),  // 8 conflicts with c.csv:2
                ])
            ),
            ("marks/2025-12-11/b.csv", Sheet.text([Sheet.row(), Sheet.row(student: "25649144", mark: "\"unclosed")])),
            (
                "marks/2025-12-11/c.csv",
                Sheet.text([Sheet.row(student: "25649144", component: "002", mark: "41"), Sheet.row(mark: "70.0")])
            ),
            ("marks/2025-12-11/d.csv", Sheet.text([])),
            ("marks/2025-12-11/e.csv", "student_id,mark\n"),
        ])
        #expect(
            report.findings.filter { $0.severity == .error }.map { Located($0) } == [
                Located("marks/2025-12-11/a.csv", 3, .markNotWhole),
                Located("marks/2025-12-11/a.csv", 4, .fieldCount),
                Located("marks/2025-12-11/a.csv", 5, .unknownEnrolment),
                Located("marks/2025-12-11/a.csv", 6, .unknownComponent),
                Located("marks/2025-12-11/a.csv", 7, .attemptNotAllowed),
                Located("marks/2025-12-11/a.csv", 8, .conflict),
                Located("marks/2025-12-11/b.csv", 3, .csvBroken),
                Located("marks/2025-12-11/c.csv", 2, .conflict),
            ]
                + ["course_code", "occurrence", "academic_year", "component", "attempt", "submitted_on"].map { _ in
                    Located("marks/2025-12-11/e.csv", 1, .missingColumn)
                })
        #expect(
            report.findings.filter { $0.severity == .warning }.map { Located($0) } == [
                Located("marks/2025-12-11/c.csv", 3, .duplicate, .warning),
                Located("marks/2025-12-11/d.csv", 1, .emptySheet, .warning),
            ])
        // a.csv 7 rows, b.csv 2 (both rejected with the broken file), c.csv 2, d.csv and e.csv none.
        #expect(report.rowsRead == 11)
        #expect(report.counted == 1 && report.superseded == 1)
        expectReconciled(report)
    }
}
