import CSV
import Input
import Regulations

/// decisions.csv and exceptions.csv (SPEC §3).
enum DecisionFiles {
    static let decisionColumns = [
        "student_id", "family_name", "given_names", "course_code", "occurrence", "academic_year", "outcome", "reason",
        "attempt", "actual_mark", "agreed_mark", "grade", "credits_awarded", "resit_due", "decided_at", "certificate",
        "transcript",
    ]
    static let exceptionColumns = [
        "severity", "code", "file", "line", "student_id", "course_code", "component", "message",
    ]

    /// One row per enrolment of the year, in decisions.csv order.
    static func decisions(_ run: BoardRun) -> [UInt8] {
        var text = CSVText()
        text.line(decisionColumns)
        var eligibilities = Eligibilities()
        for result in run.replay.enrolments {
            let key = result.enrolment.key
            let decision = result.decision
            let eligibility = eligibilities.of(result)
            text.field(key.student.description)
            text.field(result.enrolment.familyName)
            text.field(result.enrolment.givenNames)
            text.field(key.course.description)
            text.field(key.occurrence.description)
            text.field(key.academicYear)
            text.field(decision.outcome.rawValue)
            text.field(decision.reason?.rawValue ?? "")
            text.field(decision.attempt)
            text.field(decision.usedMarks ? decision.actualMark : nil)
            text.field(decision.usedMarks ? decision.agreedMark : nil)
            text.field(decision.outcome.grade?.rawValue ?? "")
            text.field(eligibility.credits)
            text.field(decision.resitDue?.description ?? "")
            text.field(decision.board.description)
            text.field(eligibility.certificate?.rawValue ?? "")
            text.field(eligibility.transcript ? "yes" : "no")
            text.endLine()
        }
        return text.take()
    }

    /// Every rejected row, file-level error, warning and note, in file and line order, handed to `part`
    /// a megabyte at a time: a sheet of a million rejected rows is never held as one text.
    static func exceptions<Failure>(_ run: BoardRun, _ part: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        var text = CSVText()
        text.line(exceptionColumns)
        for finding in run.exceptions {
            if text.bytes.count >= 1 << 20 { try part(text.take()) }
            text.field(finding.severity.rawValue)
            text.field(finding.code.rawValue)
            text.field(finding.file)
            text.field(finding.line > 0 ? finding.line : nil)
            text.field(finding.student)
            text.field(finding.course)
            text.field(finding.component)
            text.field(finding.message.description)
            text.endLine()
        }
        try part(text.take())
    }
}
