import CSV
import Ledger
import Regulations

/// The registry's chase list for a board (SPEC §8): every course and occurrence that owes the board
/// sits, with its receipts; those without one have not submitted.
public struct ChaseList: Sendable {
    public struct Row: Sendable {
        public let key: SheetKey
        /// The course's title, in English.
        public let title: String
        /// How many sits the sheet owes the board.
        public let sits: Int
        public let receipts: [Receipt]
    }

    public let rows: [Row]

    public init(owed: [OwedSheet], receipts: [Receipt]) {
        self.init(owing: owed.map { ($0.key, $0.course.title, $0.sits.count) }, receipts: receipts)
    }

    /// `owing`: each sheet that owes the board sits, with its course's title and how many.
    init(owing: [(key: SheetKey, title: String, sits: Int)], receipts: [Receipt]) {
        let byKey = Dictionary(grouping: receipts) { "\($0.course)-\($0.occurrence)" }
        rows = owing.map {
            Row(
                key: $0.key, title: $0.title, sits: $0.sits,
                receipts: byKey["\($0.key.course)-\($0.key.occurrence)"] ?? [])
        }
    }

    public var submitted: Int { rows.count { !$0.receipts.isEmpty } }
    public var missing: Int { rows.count { $0.receipts.isEmpty } }

    /// `chase-list.csv`: one row per course and occurrence owing sits, the missing first.
    public var csv: [UInt8] {
        var text = CSVText()
        text.line([
            "course_code", "title", "occurrence", "sits_owed", "submitted", "receipts", "last_submitted_by",
            "last_submitted_at",
        ])
        for row in rows.filter({ $0.receipts.isEmpty }) + rows.filter({ !$0.receipts.isEmpty }) {
            text.line([
                row.key.course.description, row.title, row.key.occurrence.description, String(row.sits),
                row.receipts.isEmpty ? "no" : "yes",
                row.receipts.map { String($0.number) }.joined(separator: " "), row.receipts.last?.email ?? "",
                row.receipts.last?.at ?? "",
            ])
        }
        return text.take()
    }
}
