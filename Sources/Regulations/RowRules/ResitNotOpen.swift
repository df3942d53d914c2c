extension RowRules {
    public enum ResitNotOpen: RowRule {
        public static let identifier = FindingCode.resitNotOpen
        public static let regulation = "A resit (attempt 2) is presented only for a component the board referred."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            guard row.attempt == 2, let history = board.history, !history.resitOpen.contains(row.component) else {
                return nil
            }
            return .resitNotOpen(row.component)
        }

        public static let examples: [RowExample] = [
            .passes("a referred component") { row, board in
                row.attempt = 2
                board.history = EnrolmentHistory(firstSitCounted: [Code("001")!], resitOpen: [Code("001")!])
            },
            .rejects("a component that was passed") { row, board in
                row.attempt = 2
                board.history = EnrolmentHistory(firstSitCounted: [Code("001")!])
            },
        ]
    }
}
