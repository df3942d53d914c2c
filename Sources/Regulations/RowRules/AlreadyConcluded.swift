extension RowRules {
    public enum AlreadyConcluded: RowRule {
        public static let identifier = FindingCode.alreadyConcluded
        public static let regulation =
            "PASS, PASS_RESIT, FAIL and WITHDRAWN conclude the enrolment; later rows for it are rejected."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            guard let concluded = board.history?.concluded else { return nil }
            return .alreadyConcluded(outcome: concluded.outcome, board: concluded.board)
        }

        public static let examples: [RowExample] = [
            .passes("an open enrolment") { _, board in board.history = EnrolmentHistory() },
            .rejects("after a PASS") { _, board in
                board.board = Day("2026-02-19")!
                board.history = EnrolmentHistory(concluded: (.pass, Day("2025-12-11")!))
            },
        ]
    }
}
