extension RowRules {
    public enum SubmittedAfterBoard: RowRule {
        public static let identifier = FindingCode.submittedAfterBoard
        public static let regulation =
            "Work cannot be presented to a board before it exists: submitted_on must fall before the board."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            row.submittedOn < board.board ? nil : .submittedAfterBoard(row.submittedOn, board: board.board)
        }

        public static let examples: [RowExample] = [
            .passes("submitted the day before the board") { row, _ in row.submittedOn = Day("2025-12-10")! },
            .rejects("submitted on the board day") { row, _ in row.submittedOn = Day("2025-12-11")! },
            .rejects("submitted after the board") { row, _ in row.submittedOn = Day("2026-01-05")! },
        ]
    }
}
