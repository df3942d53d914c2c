extension DecisionRules {
    /// Rule 2.
    public enum Deferred: DecisionRule {
        public static let identifier = "deferral"
        public static let name = "Deferred sit"
        public static let regulation =
            "A deferred sit (DEF, mitigating circumstances accepted) is re-taken as the same attempt before the next board; at the year's last board there is nothing to defer to (DEFERRAL_BEYOND_YEAR)."

        public static func decide(_ context: BoardContext) -> Decision? {
            guard !context.deferredHere.isEmpty else { return nil }
            return context.isLastBoard
                ? Decision(
                    .withdrawn, .deferralBeyondYear, rule: identifier, board: context.board, attempt: context.attempt,
                    components: context.deferredHere)
                : Decision(
                    .deferred, rule: identifier, board: context.board, attempt: context.attempt,
                    components: context.deferredHere)
        }

        public static let examples: [BoardExample] = [
            .init(
                "D: 001 deferred at the first board", ["2025-12-11": [.first("001", .deferral), .first("002", 60)]],
                at: "2025-12-11", .deferred),
            .init(
                "D: the deferred first sit re-taken, uncapped",
                ["2025-12-11": [.first("001", .deferral), .first("002", 60)], "2026-02-19": [.first("001", 58)]],
                at: "2026-02-19", .pass, marks: (59, 59)),
            .init(
                "deferred at the year's last board", deadline: "2026-07-10",
                ["2026-07-23": [.first("001", .deferral), .first("002", 60)]],
                at: "2026-07-23", .withdrawn, .deferralBeyondYear),
            .init(
                "a deferred resit stays capped",
                [
                    "2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", .deferral)],
                    "2026-06-18": [.resit("001", 70)],
                ], at: "2026-06-18", .passResit, marks: (60, 40)),
        ]
    }
}
