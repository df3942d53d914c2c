extension RowRules {
    public enum UnknownEnrolment: RowRule {
        public static let identifier = FindingCode.unknownEnrolment
        public static let regulation =
            "Every mark belongs to an enrolment: student, course, occurrence and year of initial enrolment."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            board.enrolment(of: row) != nil
                ? nil
                : .unknownEnrolment(
                    student: row.student, course: row.course, occurrence: row.occurrence, year: row.academicYear)
        }

        public static let examples: [RowExample] = [
            .passes("an enrolled student"),
            .rejects("a student who is not enrolled") { row, _ in row.student = Code("99999999")! },
            .rejects("the wrong occurrence") { row, _ in row.occurrence = Code("JAN")! },
        ]
    }
}
