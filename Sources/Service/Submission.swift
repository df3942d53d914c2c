import Foundation
import Input
import Regulations

/// A sheet uploaded for one course and occurrence at a board, checked, waiting to be confirmed.
public struct SheetUpload: Sendable {
    /// A random name (256 bits): the upload's address, never a file name.
    public let id: String
    public let account: Int64
    public let board: Day
    public let key: SheetKey
    /// The file a confirmation writes unchanged: the bytes as sent, or a workbook's rows as CSV.
    public let bytes: [UInt8]
    /// The name the person's computer gave the file: shown to them, never used as a path.
    public let shownName: String
    public let check: SubmissionCheck
    public let preview: Preview
    public let uploadedAt: Date
}

/// What `board check` says of an uploaded sheet, with the rows of other courses refused unread.
public struct SubmissionCheck: Sendable {
    public var report: CheckReport
    /// The rows of the sheet's own course and occurrence that parsed, in line order.
    public var rows: [MarkRow]

    /// The sheet may be confirmed: the check found no error.
    public var canConfirm: Bool { report.errors == 0 && report.rowsRead > 0 }

    /// Checks `sheet`, uploaded as the sheet of `key`, at `board`, as `board check --board` would — but
    /// rows of a course not on the account are refused (`NOT_YOUR_COURSE`) and rows of another of the
    /// account's sheets (`NOT_THIS_SHEET`) before any is looked up, so that no message reveals anything
    /// of another course's students.
    public static func check(
        _ sheet: MarkSheet, as key: SheetKey, board: Day, courses: Set<Code>, config: BoardConfig, register: Register
    ) -> SubmissionCheck {
        var own = sheet
        own.rows = sheet.rows.filter { $0.course == key.course && $0.occurrence == key.occurrence }
        let others = sheet.rows.filter { !($0.course == key.course && $0.occurrence == key.occurrence) }
        own.rowsRejected += others.count
        own.findings += others.map { row in
            let message: Message =
                courses.contains(row.course)
                ? .notThisSheet(
                    course: row.course, occurrence: row.occurrence, sheetCourse: key.course,
                    sheetOccurrence: key.occurrence)
                : .notYourCourse(row.course)
            return Finding(message, at: SourceLine(file: sheet.display, line: row.line), course: row.course.description)
        }
        let report = SheetCheck.check([own], board: board, config: config, register: register)
        return SubmissionCheck(report: report, rows: own.rows.sorted { $0.line < $1.line })
    }
}

/// What a submission changes, against the same team's last submission of the sheet to the board
/// (SPEC §8): each row new, changed or unchanged, and the blank rows.
public struct Preview: Sendable {
    public enum Change: String, Sendable {
        case new, changed, unchanged
    }

    public struct Row: Sendable {
        public let row: MarkRow
        public let change: Change
        /// What the last submission said of the sit, when it said something else.
        public let was: String?
    }

    public var rows: [Row] = []
    public var blank = 0

    public func count(_ change: Change) -> Int { rows.count { $0.change == change } }

    /// Each row of `rows` against the row of the same student, component and attempt in `previous`.
    public static func compare(_ rows: [MarkRow], with previous: [MarkRow], blank: Int) -> Preview {
        var before: [SitKey: MarkRow] = [:]
        for row in previous { before[SitKey(row)] = row }
        return Preview(
            rows: rows.map { row in
                guard let old = before[SitKey(row)] else { return Row(row: row, change: .new, was: nil) }
                let same =
                    old.entry == row.entry && old.submittedOn == row.submittedOn && old.language == row.language
                return same
                    ? Row(row: row, change: .unchanged, was: nil) : Row(row: row, change: .changed, was: describe(old))
            }, blank: blank)
    }

    /// `mark 67, 2026-02-10` or `flag DEF, 2026-02-10`, with `cy` for work submitted in Welsh.
    public static func describe(_ row: MarkRow) -> String {
        "\(row.entry), \(row.submittedOn)" + (row.language == .welsh ? ", cy" : "")
    }

    private struct SitKey: Hashable {
        let student: Code
        let component: Code
        let attempt: Int

        init(_ row: MarkRow) {
            student = row.student
            component = row.component
            attempt = row.attempt
        }
    }
}

/// The file a confirmed submission is written to: `<COURSE>-<OCCURRENCE>-<n>.csv`, `n` the next number
/// free in the board's folder. Nothing of the name comes from the person who uploaded it.
public enum SubmissionName {
    public static func name(_ key: SheetKey, number: Int) -> String { "\(key.course)-\(key.occurrence)-\(number).csv" }

    /// One more than the highest `n` of the sheet's files among `names` (the board folder's files).
    public static func next(_ key: SheetKey, among names: [String]) -> Int {
        let prefix = "\(key.course)-\(key.occurrence)-"
        let numbers = names.compactMap { name -> Int? in
            guard name.hasPrefix(prefix), name.hasSuffix(".csv") else { return nil }
            return Int(name.dropFirst(prefix.count).dropLast(4))
        }
        return (numbers.max() ?? 0) + 1
    }
}
