extension RowRules {
    public enum StudentWithdrawn: RowRule {
        public static let identifier = FindingCode.studentWithdrawn
        public static let regulation = "A student who has withdrawn is not presented to later boards."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            guard let date = board.enrolment(of: row)?.withdrawal(before: board.board) else { return nil }
            return .studentWithdrawn(student: row.student, course: row.course, on: date)
        }

        public static let examples: [RowExample] = [
            .passes("an active student"),
            .passes("withdrew on the board day") { row, board in
                board.register.enrolments[row.enrolment]?.status = .withdrawn
                board.register.enrolments[row.enrolment]?.statusDate = board.board
            },
            .rejects("withdrew before the board") { row, board in
                board.register.enrolments[row.enrolment]?.status = .withdrawn
                board.register.enrolments[row.enrolment]?.statusDate = Day("2025-12-01")
            },
        ]
    }
}
