import CSV
import Ledger
import Regulations

/// The registry's chase list for a board (SPEC §8): every course and occurrence that owes the board
/// sits, with its receipts; those without one have not submitted.
public struct ChaseList: Sendable {
    public struct Row: Sendable {
        public let sheet: OwedSheet
        public let receipts: [Receipt]
    }

    public let rows: [Row]

    public init(owed: [OwedSheet], receipts: [Receipt]) {
        let byKey = Dictionary(grouping: receipts) { "\($0.course)-\($0.occurrence)" }
        rows = owed.map { Row(sheet: $0, receipts: byKey["\($0.key.course)-\($0.key.occurrence)"] ?? []) }
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
                row.sheet.key.course.description, row.sheet.title, row.sheet.key.occurrence.description,
                String(row.sheet.sits), row.receipts.isEmpty ? "no" : "yes",
                row.receipts.map { String($0.number) }.joined(separator: " "), row.receipts.last?.email ?? "",
                row.receipts.last?.at ?? "",
            ])
        }
        return text.take()
    }
}
