extension DecisionRules {
    /// Rule 4.
    public enum MarksMissing: DecisionRule {
        public static let identifier = "marks-missing"
        public static let name = "Marks missing"
        public static let regulation =
            "Marks must be presented and agreed at a board within the academic year of initial enrolment; failure to do so results in withdrawal (Procedure §4): PENDING (MARKS_OVERDUE), or WITHDRAWN (MARKS_NOT_AGREED_IN_YEAR) at the year's last board."

        public static func decide(_ context: BoardContext) -> Decision? {
            let overdue = context.missing { $0.due < context.board }
            guard !overdue.isEmpty else { return nil }
            return context.isLastBoard
                ? Decision(
                    .withdrawn, .marksNotAgreedInYear, rule: identifier, board: context.board,
                    attempt: context.attempt, components: overdue)
                : Decision(
                    .pending, .marksOverdue, rule: identifier, board: context.board, attempt: context.attempt,
                    components: overdue)
        }

        public static let examples: [BoardExample] = [
            .init(
                "E: 002 never arrives", ["2025-12-11": [.first("001", 65)]], at: "2026-02-19", .pending, .marksOverdue),
            .init(
                "E: 002 never arrives, at the last board", ["2025-12-11": [.first("001", 65)]], at: "2026-07-23",
                .withdrawn, .marksNotAgreedInYear),
            .init(
                "F: referred, the resit mark overdue",
                ["2025-12-11": [.first("001", 65, on: "2025-12-02"), .first("002", 50)]], at: "2026-02-19", .pending,
                .marksOverdue),
        ]
    }
}
