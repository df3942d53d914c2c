import CSV
import Input
import Regulations

/// certificates.csv and transcripts.csv: what the Assessment and Awards team issues after the board.
enum AwardFiles {
    static let certificateColumns = [
        "student_id", "family_name", "given_names", "spr_code", "course_code", "occurrence", "academic_year",
        "certificate", "certificate_title", "certificate_title_cy", "course_title", "course_title_cy", "credits",
        "level", "board_date", "language", "status", "reason",
    ]
    static let transcriptColumns = [
        "student_id", "family_name", "given_names", "spr_code", "course_code", "occurrence", "academic_year",
        "course_title", "course_title_cy", "awarding_body", "awarding_body_cy", "country", "date_of_issue", "credits",
        "ects", "level", "eqf_level", "type_of_assessment", "result", "grade", "agreed_mark", "language",
        "learning_outcomes", "quality_assurance",
    ]

    /// Certificates issued, and withheld with the reason, for outcomes that earn one (SPEC §2.4).
    static func certificates(_ run: BoardRun) -> [UInt8] {
        var text = CSVText()
        text.line(certificateColumns)
        var eligibilities = Eligibilities()
        var perCourse = PerCourse<(fields: [String], withheldBecause: String)>()
        for result in run.replay.enrolments {
            guard let certificate = eligibilities.of(result).certificate else { continue }
            let course = perCourse.value(for: result.course) { course in
                let title = course.type.certificateTitle
                return (
                    [
                        title == nil ? "" : course.type.rawValue, title?.english ?? "", title?.welsh ?? "",
                        course.title, course.titleWelsh, String(course.credits), String(course.level),
                    ], Eligibility.withheldBecause(course)
                )
            }
            let withheld = certificate == .withheld
            learner(result, into: &text)
            for field in course.fields { text.field(field) }
            text.field(result.decision.board.description)
            text.field(result.enrolment.language.rawValue)
            text.field(withheld ? "withheld" : "issue")
            text.field(withheld ? course.withheldBecause : "")
            text.endLine()
        }
        return text.take()
    }

    /// Transcripts, with the mandatory elements of a micro-credential certificate (UNIC standard, ENQA)
    /// that the data holds.
    static func transcripts(_ run: BoardRun) -> [UInt8] {
        var text = CSVText()
        text.line(transcriptColumns)
        var eligibilities = Eligibilities()
        let institution = run.config.institution
        var perCourse = PerCourse<(titles: [String], credits: [String], outcomes: [String])>()
        for result in run.replay.enrolments {
            guard eligibilities.of(result).transcript else { continue }
            let course = perCourse.value(for: result.course) { course in
                (
                    [course.title, course.titleWelsh, institution.name, institution.nameWelsh, institution.country],
                    [
                        String(course.credits), Frameworks.ects(ofCQFW: course.credits),
                        "\(course.type == .attendance ? "" : "CQFW/FHEQ ")\(course.level)",
                        String(Frameworks.eqfLevel(ofCQFW: course.level)),
                        typeOfAssessment(result),
                    ],
                    [course.learningOutcomes, qualityStatement(course)]
                )
            }
            learner(result, into: &text)
            for field in course.titles { text.field(field) }
            text.field(result.decision.board.description)
            for field in course.credits { text.field(field) }
            text.field(resultText(result))
            text.field(result.decision.outcome.grade?.rawValue ?? "")
            text.field(result.decision.agreedMark)
            text.field(result.enrolment.language.rawValue)
            for field in course.outcomes { text.field(field) }
            text.endLine()
        }
        return text.take()
    }

    /// The first seven columns of both files.
    private static func learner(_ result: EnrolmentResult, into text: inout CSVText) {
        let enrolment = result.enrolment
        text.field(enrolment.key.student.description)
        text.field(enrolment.familyName)
        text.field(enrolment.givenNames)
        text.field(enrolment.sprCode)
        text.field(enrolment.key.course.description)
        text.field(enrolment.key.occurrence.description)
        text.field(enrolment.key.academicYear)
    }

    /// The course's components and weights; every enrolment on a course has the same.
    static func typeOfAssessment(_ result: EnrolmentResult) -> String {
        guard result.course.type != .attendance else { return "Attendance; not assessed" }
        return result.components.map { "\($0.component.title) (\($0.component.weight)%)" }.joined(separator: "; ")
    }

    static func resultText(_ result: EnrolmentResult) -> String {
        switch result.decision.outcome {
        case .pass: "Pass"
        case .passResit: "Pass after resit"
        case .fail: "Fail"
        case .attended: "Attended (\(result.enrolment.attendance ?? 0)% attendance)"
        default: result.decision.outcome.rawValue
        }
    }

    static func qualityStatement(_ course: Course) -> String {
        guard course.type != .attendance else {
            return
                "A non-credit short course of the University; attendance is recorded by the University and not presented to an assessment board."
        }
        var statement =
            "Approved under the University's Short Courses and Micro-credentials Procedure and quality assured in the same way as its degree programmes; results confirmed by a University Assessment Board."
        if !course.externalExaminer.isEmpty { statement += " External examiner: \(course.externalExaminer)." }
        if !course.professionalBody.isEmpty { statement += " Endorsed by \(course.professionalBody)." }
        return statement
    }
}

/// What a file writes the same for every enrolment on a course, worked out once per course: results
/// come course by course, and a large year has hundreds of thousands.
struct PerCourse<Value> {
    private var last: (course: Code, value: Value)?

    mutating func value(for course: Course, _ make: (Course) -> Value) -> Value {
        if let last, last.course == course.code { return last.value }
        let value = make(course)
        last = (course.code, value)
        return value
    }
}
