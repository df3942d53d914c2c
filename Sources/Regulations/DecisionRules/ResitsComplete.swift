extension DecisionRules {
    /// Rule 6.
    public enum ResitsComplete: DecisionRule {
        public static let identifier = "resits-complete"
        public static let name = "All sits counted, attempt 2"
        public static let regulation =
            "The course mark is recomputed with the resit marks: a pass is PASS_RESIT, agreed at no more than the pass mark where the resit cap applies; a fail is FAIL (RESIT_FAILED), as there is no second resit."

        public static func decide(_ context: BoardContext) -> Decision? {
            guard context.allSitsCounted, context.attempt == 2 else { return nil }
            let mark = context.courseMark
            guard context.passes(mark) else {
                return Decision(
                    .fail, .resitFailed, rule: identifier, board: context.board, attempt: 2,
                    actualMark: mark.value, agreedMark: mark.value, courseMark: mark)
            }
            return Decision(
                .passResit, rule: identifier, board: context.board, attempt: 2, actualMark: mark.value,
                agreedMark: context.resitCap ? min(mark.value, context.passMark) : mark.value, courseMark: mark)
        }

        public static let examples: [BoardExample] = [
            .init(
                "B: resit 001=52, capped",
                ["2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", 52)]],
                at: "2026-02-19", .passResit, marks: (49, 40), decidedAt: "2026-02-19"),
            .init(
                "B without the cap", resitCap: false,
                ["2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", 52)]],
                at: "2026-02-19", .passResit, marks: (49, 49)),
            .init(
                "C: resit 001=20",
                ["2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", 20)]],
                at: "2026-02-19", .fail, .resitFailed, marks: (30, 30)),
            .init(
                "a late resit counts 0",
                [
                    "2025-12-11": [.first("001", 30), .first("002", 45)],
                    "2026-06-18": [.resit("001", 80, on: "2026-03-01")],
                ], at: "2026-06-18", .fail, .resitFailed, marks: (18, 18)),
            .init(
                "a concluded outcome stays at its board",
                ["2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", 52)]],
                at: "2026-07-23", .passResit, marks: (49, 40), decidedAt: "2026-02-19"),
        ]
    }
}
