extension DecisionRules {
    /// Rule 1.
    public enum StudentWithdrawal: DecisionRule {
        public static let identifier = "student-withdrawal"
        public static let name = "Student withdrawal"
        public static let regulation =
            "A student whose status_date is before the board is WITHDRAWN (STUDENT_WITHDREW): no academic credit or certification."

        public static func decide(_ context: BoardContext) -> Decision? {
            guard context.enrolment.withdrew(before: context.board) else { return nil }
            return Decision(
                .withdrawn, .studentWithdrew, rule: identifier, board: context.board, attempt: context.attempt)
        }

        public static let examples: [BoardExample] = [
            .init(
                "withdrew before the first board", withdrawn: "2025-12-01", at: "2025-12-11", .withdrawn,
                .studentWithdrew),
            .init(
                "withdrew on the board day: still decided", withdrawn: "2025-12-11",
                ["2025-12-11": [.first("001", 70), .first("002", 55)]], at: "2025-12-11", .pass, marks: (64, 64)),
            .init(
                "withdrew between boards after a referral", withdrawn: "2026-01-10",
                ["2025-12-11": [.first("001", 30), .first("002", 45)]], at: "2026-02-19", .withdrawn, .studentWithdrew,
                decidedAt: "2026-02-19"),
        ]
    }
}
