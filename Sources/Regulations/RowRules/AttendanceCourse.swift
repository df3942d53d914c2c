extension RowRules {
    public enum AttendanceCourse: RowRule {
        public static let identifier = FindingCode.attendanceCourse
        public static let regulation =
            "Students on non-credit bearing short courses will not be presented to assessment boards (Procedure §11.3)."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            board.register.courses[row.course]?.isPresentedToBoards == false ? .attendanceCourse(row.course) : nil
        }

        public static let examples: [RowExample] = [
            .passes("a credit-bearing course"),
            .rejects("an attendance course") { row, _ in
                row.course = Code("ATT101")!
                row.component = Code("001")!
            },
        ]
    }
}
