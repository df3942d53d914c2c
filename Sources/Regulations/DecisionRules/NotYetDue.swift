extension DecisionRules {
    /// Rule 3.
    public enum NotYetDue: DecisionRule {
        public static let identifier = "not-yet-due"
        public static let name = "Not yet due"
        public static let regulation =
            "Some component has no counted sit and is not yet due: IN_PROGRESS; at the year's last board there is no board left in the year (NO_BOARD_IN_YEAR)."

        public static func decide(_ context: BoardContext) -> Decision? {
            let waiting = context.missing { $0.due >= context.board }
            guard !waiting.isEmpty else { return nil }
            return context.isLastBoard
                ? Decision(
                    .withdrawn, .noBoardInYear, rule: identifier, board: context.board, attempt: context.attempt,
                    components: waiting)
                : Decision(
                    .inProgress, rule: identifier, board: context.board, attempt: context.attempt, components: waiting)
        }

        public static let examples: [BoardExample] = [
            .init("JAN-style deadline after the board", deadline: "2026-05-08", at: "2025-12-11", .inProgress),
            .init(
                "deadline after the last board", deadline: "2026-07-24", at: "2026-07-23", .withdrawn, .noBoardInYear),
            .init("due before the board: not this rule", at: "2025-12-11", .pending, .marksOverdue),
        ]
    }
}
