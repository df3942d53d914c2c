extension RowRules {
    public enum OutsideEnrolmentYear: RowRule {
        public static let identifier = FindingCode.outsideEnrolmentYear
        public static let regulation =
            "Academic teams are required to provide marks/grades to be presented and agreed at a University Assessment Board within the academic year of initial enrolment (Procedure §4)."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            row.academicYear == board.year.code
                ? nil
                : .outsideEnrolmentYear(
                    rowYear: Quoted(row.academicYear), boardYear: board.year.code, board: board.board)
        }

        public static let examples: [RowExample] = [
            .passes("the board's own year"),
            .rejects("a mark for 2024/25 at a 2025/26 board") { row, _ in row.academicYear = "2024/25" },
            .rejects("a year written at length") { row, _ in row.academicYear = "academic year 2025 to 2026" },
        ]
    }
}
