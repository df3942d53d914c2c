import Foundation
import Regulations
import Testing

@testable import Ledger
@testable import Service

@Suite("board serve's pure parts: the lock, file names, the preview, the chase list, tokens")
struct CoreTests {
    static let start = Date(timeIntervalSince1970: 1_781_000_000)

    static func minutes(_ offsets: [Double]) -> [Date] { offsets.map { start.addingTimeInterval($0 * 60) } }

    @Test(
        "five failures within ten minutes lock until ten minutes after the fifth",
        arguments: [
            (failures: [0.0, 1, 2, 3], now: 4.0, locked: nil as Double?),
            (failures: [0, 1, 2, 3, 4], now: 5, locked: 14),
            (failures: [0, 1, 2, 3, 4], now: 14, locked: nil),
            (failures: [0, 3, 6, 9, 12], now: 13, locked: nil),
            (failures: [0, 3, 6, 9, 12, 13], now: 14, locked: 23),
            (failures: [0, 1, 2, 3, 4, 5], now: 6, locked: 15),
        ])
    func lock(failures: [Double], now: Double, locked: Double?) {
        let until = SignInLock.lockedUntil(
            failedAt: Self.minutes(failures), now: Self.start.addingTimeInterval(now * 60))
        #expect(until == locked.map { Self.start.addingTimeInterval($0 * 60) })
    }

    @Test("a submission's file is the next number of its sheet in the folder, whatever else is there")
    func fileNames() {
        let key = SheetKey(course: Code("MC4002")!, occurrence: Code("JAN")!)
        #expect(SubmissionName.next(key, among: []) == 1)
        #expect(SubmissionName.next(key, among: ["MC4002-JAN.csv", "MC4002-SEP-7.csv", "MC4002-JAN-2.csv"]) == 3)
        #expect(SubmissionName.next(key, among: ["MC4002-JAN-x.csv", "MC4002-JAN-10.csv", "MC4002-JAN-9.csv"]) == 11)
        #expect(SubmissionName.name(key, number: 3) == "MC4002-JAN-3.csv")
    }

    @Test("the preview: each row new, changed (with what it was) or unchanged against the last submission")
    func preview() {
        func row(_ student: String, _ entry: SitEntry, line: Int = 2) -> MarkRow {
            MarkRow(
                sheet: 0, line: line, student: Code(student)!, course: Code("MC4002")!, occurrence: Code("JAN")!,
                academicYear: "2025/26", component: Code("001")!, attempt: 1, entry: entry,
                submittedOn: Day("2026-01-10")!, language: .english)
        }
        let previous = [row("A1", .mark(50)), row("B2", .flag(.absent))]
        let preview = Preview.compare(
            [row("A1", .mark(55)), row("B2", .flag(.absent)), row("C3", .mark(70))], with: previous, blank: 2)
        #expect(preview.rows.map(\.change) == [.changed, .unchanged, .new])
        #expect(preview.rows[0].was == "mark 50, 2026-01-10")
        #expect(preview.blank == 2)
    }

    @Test("the chase list CSV: those who have not submitted first, with receipts after")
    func chaseList() {
        let owing = [
            (
                key: SheetKey(course: Code("CE3005")!, occurrence: Code("JAN")!), title: "Welsh for the Workplace",
                sits: 3
            ),
            (key: SheetKey(course: Code("MC4002")!, occurrence: Code("JAN")!), title: "=cmd", sits: 2),
        ]
        let receipt = Receipt(
            number: 7, board: "2026-07-23", course: "CE3005", occurrence: "JAN",
            file: "marks/2026-07-23/CE3005-JAN-1.csv", sha256: "ab", rows: 3, email: "a@example.ac.uk",
            at: "2026-07-01T10:00:00Z")
        let chase = ChaseList(owing: owing, receipts: [receipt])
        #expect(chase.submitted == 1 && chase.missing == 1)
        #expect(
            String(decoding: chase.csv, as: UTF8.self) == """
                course_code,title,occurrence,sits_owed,submitted,receipts,last_submitted_by,last_submitted_at
                MC4002,'=cmd,JAN,2,no,,,
                CE3005,Welsh for the Workplace,JAN,3,yes,7,a@example.ac.uk,2026-07-01T10:00:00Z

                """)
    }

    @Test("tokens: 256 bits, compared whole; passwords of 12 to 72 characters, typed twice alike")
    func tokensAndPasswords() {
        let token = Secrets.token()
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        #expect(token != Secrets.token())
        #expect(Secrets.same(token, token) && !Secrets.same(token, String(token.dropLast()) + "x"))
        #expect(!Secrets.same("", ""))
        #expect(PasswordRule.problem("twelve chars", repeated: "twelve chars") == nil)
        #expect(PasswordRule.problem("short", repeated: "short") == .passwordTooShort)
        #expect(
            PasswordRule.problem(String(repeating: "a", count: 73), repeated: String(repeating: "a", count: 73))
                == .passwordTooLong)
        #expect(PasswordRule.problem("twelve chars", repeated: "twelve charz") == .passwordsDiffer)
    }
}
