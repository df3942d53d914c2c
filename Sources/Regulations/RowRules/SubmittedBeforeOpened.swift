extension RowRules {
    public enum SubmittedBeforeOpened: RowRule {
        public static let identifier = FindingCode.submittedBeforeOpened
        public static let regulation =
            "A resit, or a deferred sit, submitted on or before the board that opened it is rejected: it is the work of the earlier sit."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            guard let opened = board.history?.openedAt.first(where: { $0.component == row.component })?.board,
                row.submittedOn <= opened
            else { return nil }
            return .submittedBeforeOpened(row.submittedOn, opened: opened, attempt: row.attempt)
        }

        public static let examples: [RowExample] = [
            .passes("a resit submitted after the referral") { row, board in
                row.attempt = 2
                row.submittedOn = Day("2026-02-10")!
                board.board = Day("2026-02-19")!
                board.history = EnrolmentHistory(
                    firstSitCounted: [Code("001")!], resitOpen: [Code("001")!],
                    openedAt: [(Code("001")!, Day("2025-12-11")!)])
            },
            .rejects("a resit dated before the referral") { row, board in
                row.attempt = 2
                row.submittedOn = Day("2025-12-01")!
                board.board = Day("2026-02-19")!
                board.history = EnrolmentHistory(
                    firstSitCounted: [Code("001")!], resitOpen: [Code("001")!],
                    openedAt: [(Code("001")!, Day("2025-12-11")!)])
            },
        ]
    }
}
