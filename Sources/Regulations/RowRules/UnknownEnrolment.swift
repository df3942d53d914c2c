extension RowRules {
    public enum UnknownEnrolment: RowRule {
        public static let identifier = FindingCode.unknownEnrolment
        public static let regulation =
            "Every mark belongs to an enrolment: student, course, occurrence and year of initial enrolment."

        public static func check(_ row: MarkRow, _ board: Presentation) -> Message? {
            guard board.enrolment(of: row) == nil else { return nil }
            if let enrolled = withZerosRestored(row, in: board.register) {
                return .unknownEnrolmentZerosDropped(
                    student: row.student, enrolled: enrolled, course: row.course, occurrence: row.occurrence)
            }
            return .unknownEnrolment(
                student: row.student, course: row.course, occurrence: row.occurrence, year: row.academicYear)
        }

        /// The student id enrolled on the row's course and occurrence that is the row's with leading zeros
        /// added (Excel drops them from an id it takes for a number), the fewest first; never used in
        /// place of the row's, only named (SPEC §1.8).
        static func withZerosRestored(_ row: MarkRow, in register: Register) -> Code? {
            var id = row.student.description
            while id.utf8.count < 12 {
                id = "0" + id
                let key = EnrolmentKey(
                    student: Code(id)!, course: row.course, occurrence: row.occurrence, academicYear: row.academicYear)
                if register.enrolments[key] != nil { return key.student }
            }
            return nil
        }

        public static let examples: [RowExample] = [
            .passes("an enrolled student"),
            .rejects("a student who is not enrolled") { row, _ in row.student = Code("99999999")! },
            .rejects("the wrong occurrence") { row, _ in row.occurrence = Code("JAN")! },
            .rejects("an id whose leading zeros Excel removed") { row, board in
                let enrolled = WorkedExample.key(for: Code("00123")!, on: WorkedExample.course)
                board.register.enrolments[enrolled] = Enrolment(key: enrolled, familyName: "Evans", givenNames: "Iolo")
                row.student = Code("123")!
            },
        ]
    }
}
