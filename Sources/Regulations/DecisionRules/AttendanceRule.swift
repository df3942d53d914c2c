/// Certificate of Attendance courses are never presented to boards (Procedure §11.3): their one rule,
/// applied at every run instead of the six.
public enum AttendanceRule {
    public static let identifier = "attendance"
    public static let regulation =
        "Students on non-credit bearing short courses will not be presented to assessment boards: ATTENDED when attendance reaches the threshold, else NOT_ATTENDED; WITHDRAWN (STUDENT_WITHDREW) when the student withdrew before the board."

    public static func decide(_ enrolment: Enrolment, at board: Day, threshold: Int) -> Decision {
        if enrolment.withdrew(before: board) {
            return Decision(.withdrawn, .studentWithdrew, rule: identifier, board: board)
        }
        let attended = (enrolment.attendance ?? 0) >= Percent(integerLiteral: threshold)
        return Decision(attended ? .attended : .notAttended, rule: identifier, board: board)
    }
}
