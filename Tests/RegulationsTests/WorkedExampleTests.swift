import Testing

@testable import Regulations

/// SPEC §5: students A–F of MC4002, decided at every board of 2025/26.
@Suite struct WorkedExampleTests {
    struct Expected: Sendable {
        let outcome: Outcome
        let reason: Reason?
        let attempt: Int
        let marks: (actual: Int, agreed: Int)?
        let decidedAt: String
        let resitDue: String?

        init(
            _ outcome: Outcome, _ reason: Reason? = nil, attempt: Int = 1, marks: (Int, Int)? = nil, decidedAt: String,
            resitDue: String? = nil
        ) {
            self.outcome = outcome
            self.reason = reason
            self.attempt = attempt
            self.marks = marks
            self.decidedAt = decidedAt
            self.resitDue = resitDue
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let student: String
        let board: String
        let expected: Expected
        var testDescription: String { "\(student) at \(board)" }
    }

    static func sit(
        _ student: String, _ board: String, _ line: Int, _ component: String, _ attempt: Int, _ entry: SitEntry,
        _ submitted: String
    ) -> MarkRow {
        MarkRow(
            sheet: sheets.firstIndex(of: "marks/\(board)/MC4002-SEP.csv")!, line: line, student: Code(student)!,
            course: WorkedExample.course, occurrence: WorkedExample.occurrence, academicYear: "2025/26",
            component: Code(component)!, attempt: attempt, entry: entry, submittedOn: Day(submitted)!)
    }

    /// The sheets of SPEC §5, one for each board.
    static let sheets = WorkedExample.year.boards.map { "marks/\($0)/MC4002-SEP.csv" }

    static let presented: [Day: [MarkRow]] = [
        Day("2025-12-11")!: [
            sit("A", "2025-12-11", 2, "001", 1, .mark(70), "2025-11-27"),
            sit("A", "2025-12-11", 3, "002", 1, .mark(55), "2025-11-27"),
            sit("B", "2025-12-11", 4, "001", 1, .mark(30), "2025-11-27"),
            sit("B", "2025-12-11", 5, "002", 1, .mark(45), "2025-11-27"),
            sit("C", "2025-12-11", 6, "001", 1, .mark(30), "2025-11-27"),
            sit("C", "2025-12-11", 7, "002", 1, .mark(45), "2025-11-27"),
            sit("D", "2025-12-11", 8, "001", 1, .flag(.deferral), "2025-11-27"),
            sit("D", "2025-12-11", 9, "002", 1, .mark(60), "2025-11-27"),
            sit("E", "2025-12-11", 10, "001", 1, .mark(65), "2025-11-27"),
            sit("F", "2025-12-11", 11, "001", 1, .mark(65), "2025-12-02"),
            sit("F", "2025-12-11", 12, "002", 1, .mark(50), "2025-11-27"),
        ],
        Day("2026-02-19")!: [
            sit("B", "2026-02-19", 2, "001", 2, .mark(52), "2026-02-10"),
            sit("C", "2026-02-19", 3, "001", 2, .mark(20), "2026-02-10"),
            sit("D", "2026-02-19", 4, "001", 1, .mark(58), "2026-02-10"),
        ],
    ]

    static var register: Register {
        var register = WorkedExample.register()
        for student in ["A", "B", "C", "D", "E", "F"] {
            let key = WorkedExample.key(for: Code(student)!, on: WorkedExample.course)
            register.enrolments[key] = Enrolment(key: key, familyName: "Student", givenNames: student)
        }
        return register
    }

    static let afterFirstBoard: [String: Expected] = [
        "A": Expected(.pass, marks: (64, 64), decidedAt: "2025-12-11"),
        "B": Expected(.refer, attempt: 2, marks: (36, 36), decidedAt: "2025-12-11", resitDue: "2026-02-18"),
        "C": Expected(.refer, attempt: 2, marks: (36, 36), decidedAt: "2025-12-11", resitDue: "2026-02-18"),
        "D": Expected(.deferred, decidedAt: "2025-12-11"),
        "E": Expected(.pending, .marksOverdue, decidedAt: "2025-12-11"),
        "F": Expected(.refer, attempt: 2, marks: (20, 20), decidedAt: "2025-12-11", resitDue: "2026-02-18"),
    ]

    static func afterSecondBoard(_ board: String) -> [String: Expected] {
        [
            "A": Expected(.pass, marks: (64, 64), decidedAt: "2025-12-11"),
            "B": Expected(.passResit, attempt: 2, marks: (49, 40), decidedAt: "2026-02-19"),
            "C": Expected(.fail, .resitFailed, attempt: 2, marks: (30, 30), decidedAt: "2026-02-19"),
            "D": Expected(.pass, marks: (59, 59), decidedAt: "2026-02-19"),
            "E": board == "2026-07-23"
                ? Expected(.withdrawn, .marksNotAgreedInYear, decidedAt: board)
                : Expected(.pending, .marksOverdue, decidedAt: board),
            "F": board == "2026-07-23"
                ? Expected(.withdrawn, .marksNotAgreedInYear, attempt: 2, decidedAt: board)
                : Expected(.pending, .marksOverdue, attempt: 2, decidedAt: board),
        ]
    }

    static let cases: [Case] =
        afterFirstBoard.map { Case(student: $0.key, board: "2025-12-11", expected: $0.value) }
        + ["2026-02-19", "2026-06-18", "2026-07-23"].flatMap { board in
            afterSecondBoard(board).map { Case(student: $0.key, board: board, expected: $0.value) }
        }

    @Test(arguments: cases.sorted { ($0.board, $0.student) < ($1.board, $1.student) })
    func decidesAsTheSpecSays(_ item: Case) throws {
        let result = Replay(
            register: Self.register, policy: WorkedExample.policy, year: WorkedExample.year,
            through: Day(item.board)!, sheets: Self.sheets, presented: Self.presented
        ).decideAll()
        let key = WorkedExample.key(for: Code(item.student)!, on: WorkedExample.course)
        let decision = try #require(result.enrolments.first { $0.enrolment.key == key }).decision
        let expected = item.expected
        #expect(decision.outcome == expected.outcome)
        #expect(decision.reason == expected.reason)
        #expect(decision.attempt == expected.attempt)
        #expect(decision.actualMark == expected.marks?.actual)
        #expect(decision.agreedMark == expected.marks?.agreed)
        #expect(decision.board == Day(expected.decidedAt)!)
        #expect(decision.resitDue == expected.resitDue.map { Day($0)! })
    }

    @Test func everyRowIsCountedAndOverdueMarksAreListed() {
        let result = Replay(
            register: Self.register, policy: WorkedExample.policy, year: WorkedExample.year,
            through: Day("2026-02-19")!, sheets: Self.sheets, presented: Self.presented
        ).decideAll()
        #expect(result.counted == 14)
        #expect(result.superseded == 0)
        #expect(result.rejected == 0)
        let overdue = result.findings.filter { $0.code == .marksOverdue }.map { "\($0.student) \($0.component)" }
        #expect(overdue.sorted() == ["E 002", "F 001"])
    }
}
