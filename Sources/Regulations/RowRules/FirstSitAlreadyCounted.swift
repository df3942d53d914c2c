extension RowRules {
    public enum FirstSitAlreadyCounted: RowRule {
        public static let identifier = FindingCode.firstSitAlreadyCounted
        public static let regulation =
            "Each component has one first sit; once counted, a new attempt-1 row cannot replace it."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            guard row.attempt == 1, board.history?.firstSitCounted.contains(row.component) == true else { return nil }
            return .firstSitAlreadyCounted(row.component)
        }

        public static let examples: [RowExample] = [
            .passes("a first sit not yet counted") { _, board in board.history = EnrolmentHistory() },
            .rejects("a second first sit") { _, board in
                board.history = EnrolmentHistory(firstSitCounted: [Code("001")!])
            },
        ]
    }
}
