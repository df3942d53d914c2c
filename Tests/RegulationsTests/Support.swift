import Foundation
import Testing

@testable import Regulations

/// The institution of SPEC §5 with student A as 22655425, for the screening tests: student A's first
/// sit of MC4002 SEP 2025/26 component 001, mark 70, submitted 2025-11-20, presented at the board of
/// 2025-12-11, read from one of many sheets. (The rules' own examples change `WorkedExample.row`.)
enum SpecFixture {
    static let studentA = code("22655425")
    static let mc4002 = code("MC4002")
    static let att101 = code("ATT101")
    static let sep = code("SEP")
    static let year = "2025/26"
    static let boards = ["2025-12-11", "2026-02-19", "2026-06-18", "2026-07-23"].map(day)
    static let firstBoard = day("2025-12-11")
    static let deadline = day("2025-11-28")

    static let academicYear = AcademicYear(
        code: year, starts: day("2025-08-01"), ends: day("2026-07-31"), boards: boards)

    static var register: Register {
        let courses = [
            mc4002: Course(
                code: mc4002, title: "Introduction to Data Analysis", titleWelsh: "Cyflwyniad i Ddadansoddi Data",
                type: .microCredential, credits: 20, level: 4),
            att101: Course(code: att101, title: "Welsh Language Taster", type: .attendance, credits: 0, level: 3),
        ]
        let components = [
            mc4002: [
                Component(course: mc4002, code: code("001"), title: "Portfolio", weight: 60),
                Component(course: mc4002, code: code("002"), title: "Reflective report", weight: 40),
            ]
        ]
        var deadlines: [Register.DeadlineKey: Day] = [:]
        for component in ["001", "002"] {
            deadlines[
                Register.DeadlineKey(course: mc4002, occurrence: sep, academicYear: year, component: code(component))] =
                deadline
        }
        var enrolments: [EnrolmentKey: Enrolment] = [:]
        for course in [mc4002, att101] {
            let key = EnrolmentKey(student: studentA, course: course, occurrence: sep, academicYear: year)
            enrolments[key] = Enrolment(
                key: key, familyName: "Roberts", givenNames: "Catrin", attendance: course == att101 ? 90 : nil,
                language: .welsh)
        }
        return Register(courses: courses, components: components, deadlines: deadlines, enrolments: enrolments)
    }

    /// Every sheet the tests' rows are read from: a row names its sheet by its place here.
    static let sheets = [
        "marks/2025-12-11/MC4002-SEP.csv", "a/marks/2025-12-11/MC4002-SEP.csv", "z/MC4002-SEP-amended.csv",
        "b/MC4002-SEP.csv", "marks/b.csv", "marks/Z.csv", "b.csv", "a.csv", "MC4002-SEP.csv",
        "MC4002-SEP-amended.csv", "late.csv", "sheet.csv",
    ]

    /// `board check`'s view: no history of earlier boards.
    static var presentation: Presentation {
        Presentation(board: firstBoard, year: academicYear, register: register, sheets: sheets)
    }

    /// Student A's row with optional changes; `file` (one of `sheets`) and `line` say where it was read.
    static func row(
        file: String = "marks/2025-12-11/MC4002-SEP.csv", line: Int = 2, student: String = "22655425",
        component: String = "001", attempt: Int = 1, entry: SitEntry = .mark(70), submittedOn: String = "2025-11-20"
    ) -> MarkRow {
        guard let sheet = sheets.firstIndex(of: file) else {
            preconditionFailure("fixture sheet \(file) is not listed")
        }
        return MarkRow(
            sheet: sheet, line: line, student: code(student), course: mc4002, occurrence: sep,
            academicYear: year, component: code(component), attempt: attempt, entry: entry,
            submittedOn: day(submittedOn))
    }

    /// `file:line` of the row, as its findings name it.
    static func source(of row: MarkRow) -> String { "\(sheets[row.sheet]):\(row.line)" }

    static var baseRow: MarkRow { row() }

    static func code(_ text: String) -> Code {
        guard let code = Code(text) else { preconditionFailure("fixture code \(text) is not valid") }
        return code
    }

    static func day(_ text: String) -> Day {
        guard let day = Day(text) else { preconditionFailure("fixture date \(text) is not valid") }
        return day
    }
}

/// A deterministic generator, so shuffled inputs are the same on every run and machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A mark sheet row given as text, column by column, for `MarkRow.parse`.
struct SheetRow {
    var fields: [MarkRow.Column: String] = [
        .studentID: "22655425", .courseCode: "MC4002", .occurrence: "SEP", .academicYear: "2025/26",
        .component: "001", .attempt: "1", .mark: "70", .flag: "", .submittedOn: "2025-11-20", .language: "",
        .comment: "",
    ]

    func with(_ changes: [MarkRow.Column: String]) -> SheetRow {
        var copy = self
        copy.fields.merge(changes) { _, new in new }
        return copy
    }

    /// sheet.csv's place among `SpecFixture.sheets`.
    static let sheet = SpecFixture.sheets.firstIndex(of: "sheet.csv")!

    /// Read from sheet.csv.
    func parsed(line: Int = 2) -> ParsedRow {
        MarkRow.parse({ fields[$0] ?? "" }, at: SourceLine(file: "sheet.csv", line: line), sheet: Self.sheet)
    }

    /// Read from sheet.csv, as a sit or the reasons it is rejected (a blank row: none).
    func parse(line: Int = 2) -> Result<MarkRow, RowProblems> {
        switch parsed(line: line) {
        case .sit(let row): .success(row)
        case .rejected(let problems): .failure(problems)
        case .blank: .failure(RowProblems(findings: []))
        }
    }
}

extension ExampleLocation {
    /// Where the example is written, for `#expect` and `#require`: a failing example is reported at its
    /// own line in its rule's file, as SwiftLint's examples are.
    var sourceLocation: SourceLocation {
        SourceLocation(fileID: fileID, filePath: filePath, line: line, column: column)
    }

    /// The lines of the rule's file from the example's own line on, as the checkout holds them.
    func lines(_ count: Int) throws -> [Substring] {
        let text = try String(contentsOfFile: filePath, encoding: .utf8)
        return Array(text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(line - 1).prefix(count))
    }
}
