extension DecisionRules {
    /// Rule 5.
    public enum FirstSitsComplete: DecisionRule {
        public static let identifier = "first-sits-complete"
        public static let name = "All sits counted, attempt 1"
        public static let regulation =
            "Students will be allowed a single resit opportunity to be completed in advance of the next board (Procedure §4): a pass is PASS; a fail is REFER for the components below the pass mark or their qualifying mark, or FAIL (NO_RESIT_IN_YEAR) at the year's last board."

        public static func decide(_ context: BoardContext) -> Decision? {
            guard context.allSitsCounted, context.attempt == 1 else { return nil }
            let mark = context.courseMark
            if context.passes(mark) {
                return Decision(
                    .pass, rule: identifier, board: context.board, attempt: 1, actualMark: mark.value,
                    agreedMark: mark.value, courseMark: mark)
            }
            guard let next = context.nextBoard else {
                return Decision(
                    .fail, .noResitInYear, rule: identifier, board: context.board, attempt: 1,
                    actualMark: mark.value, agreedMark: mark.value, courseMark: mark)
            }
            return Decision(
                .refer, rule: identifier, board: context.board, attempt: 2, actualMark: mark.value,
                agreedMark: mark.value, resitDue: next.previous, courseMark: mark, components: context.failing)
        }

        public static let examples: [BoardExample] = [
            .init(
                "A: 001=70, 002=55", ["2025-12-11": [.first("001", 70), .first("002", 55)]], at: "2025-12-11", .pass,
                marks: (64, 64)),
            .init(
                "B at the first board", ["2025-12-11": [.first("001", 30), .first("002", 45)]], at: "2025-12-11",
                .refer, marks: (36, 36)),
            .init(
                "F: late work counts 0", ["2025-12-11": [.first("001", 65, on: "2025-12-02"), .first("002", 50)]],
                at: "2025-12-11", .refer, marks: (20, 20)),
            .init(
                "39.8 rounds up to the pass mark",
                ["2025-12-11": [.first("001", 37), .first("002", 44)]], at: "2025-12-11", .pass, marks: (40, 40)),
            .init(
                "below a qualifying mark", qualifying: ["002": 40],
                ["2025-12-11": [.first("001", 90), .first("002", 35)]], at: "2025-12-11", .refer, marks: (68, 68)),
            .init(
                "NS and AB count 0", ["2025-12-11": [.first("001", .nonSubmission), .first("002", .absent)]],
                at: "2025-12-11", .refer, marks: (0, 0)),
            .init(
                "failed at the year's last board", deadline: "2026-07-10",
                ["2026-07-23": [.first("001", 30), .first("002", 45)]],
                at: "2026-07-23", .fail, .noResitInYear, marks: (36, 36)),
        ]
    }
}
