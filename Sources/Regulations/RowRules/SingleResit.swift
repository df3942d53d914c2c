extension RowRules {
    public enum SingleResit: RowRule {
        public static let identifier = FindingCode.attemptNotAllowed
        public static let regulation =
            "Students studying for credit-bearing short courses or micro-credentials will be allowed a single resit opportunity to be completed in advance of the next board (Procedure §4)."

        public static func check(_ row: MarkRow, _: Presentation) -> Message? {
            (1...2).contains(row.attempt) ? nil : .attemptNotAllowed(row.attempt)
        }

        public static let examples: [RowExample] = [
            .passes("the first sit"),
            .passes("the resit") { row, _ in row.attempt = 2 },
            .rejects("a third attempt") { row, _ in row.attempt = 3 },
            .rejects("attempt 0") { row, _ in row.attempt = 0 },
        ]
    }
}
