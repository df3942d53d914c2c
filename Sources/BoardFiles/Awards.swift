import Foundation
import Regulations

/// certificates.csv and transcripts.csv: what the Assessment and Awards team issues after the board.
extension BoardRun {
    public static let certificateColumns = [
        "student_id", "family_name", "given_names", "spr_code", "course_code", "occurrence", "academic_year",
        "certificate", "certificate_title", "certificate_title_cy", "course_title", "course_title_cy", "credits",
        "level", "board_date", "language", "status", "reason",
    ]
    public static let transcriptColumns = [
        "student_id", "family_name", "given_names", "spr_code", "course_code", "occurrence", "academic_year",
        "course_title", "course_title_cy", "awarding_body", "awarding_body_cy", "country", "date_of_issue", "credits",
        "ects", "level", "eqf_level", "type_of_assessment", "result", "grade", "agreed_mark", "language",
        "learning_outcomes", "quality_assurance",
    ]

    /// Certificates issued, and withheld with the reason, for outcomes that earn one (SPEC §2.4).
    func writeCertificates(into text: inout CSVText) {
        let results = replay.enrolments
        let listed = replay.listed
        text.append(Self.certificateColumns)
        var eligibilities = EligibilityMemo()
        // The course's fields, escaped once per course: enrolments come course by course.
        var course: Course?
        var courseFieldsWritten = false
        var courseFields: [UInt8] = []
        var withheldReason: [UInt8] = []
        for index in results.indices {
            // The course is taken from the result once per course, not copied for each enrolment.
            if course?.code != listed[results[index].listedAt].key.course {
                course = results[index].course
                courseFieldsWritten = false
            }
            let course = course!
            // The decision's fields are read in place: copying a decision retains each of its strings and lists.
            let outcome = results[index].decision.outcome
            guard let certificate = eligibilities.of(outcome, course: course).certificate else { continue }
            if !courseFieldsWritten {
                courseFieldsWritten = true
                let kind = Self.certificateKind(of: course.type)
                var fields = CSVText()
                fields.field(kind?.code ?? "")
                fields.field(kind?.english ?? "")
                fields.field(kind?.welsh ?? "")
                fields.field(course.title)
                fields.field(course.titleWelsh)
                fields.field(course.credits)
                fields.field(course.level)
                courseFields = fields.bytes
                withheldReason = CSVText.encoded(Eligibility.withheldBecause(course))
            }
            let withheld = certificate == .withheld
            learner(of: results, listed, at: index, into: &text)
            text.field(encoded: courseFields)
            text.field(results[index].decision.board)
            text.field(listed[results[index].listedAt].language.rawValue)
            text.field(withheld ? "withheld" : "issue")
            if withheld { text.field(encoded: withheldReason) } else { text.field("") }
            text.endLine()
        }
    }

    /// Transcripts, with the mandatory elements of a micro-credential certificate (UNIC standard, ENQA)
    /// that the data holds.
    func writeTranscripts(into text: inout CSVText) {
        let results = replay.enrolments
        let listed = replay.listed
        text.append(Self.transcriptColumns)
        var eligibilities = EligibilityMemo()
        let institution = config.institution
        let awardingBody =
            CSVText.encoded(institution.name) + [UInt8(ascii: ",")]
            + CSVText.encoded(institution.nameWelsh) + [UInt8(ascii: ",")] + CSVText.encoded(institution.country)
        // The course's fields, escaped once per course: enrolments come course by course.
        var course: Course?
        var courseFieldsWritten = false
        var titles: [UInt8] = []
        var creditsToAssessmentType: [UInt8] = []
        var learningOutcomesAndQuality: [UInt8] = []
        var assessment = ""
        for index in results.indices {
            // The course is taken from the result once per course, not copied for each enrolment.
            if course?.code != listed[results[index].listedAt].key.course {
                course = results[index].course
                courseFieldsWritten = false
            }
            let course = course!
            let outcome = results[index].decision.outcome
            guard eligibilities.of(outcome, course: course).transcript else { continue }
            if !courseFieldsWritten {
                courseFieldsWritten = true
                // Every enrolment on a course has the course's components, so its assessment reads the same.
                if course.type == .attendance {
                    assessment = "Attendance; not assessed"
                } else {
                    assessment.removeAll(keepingCapacity: true)
                    let components = results[index].components
                    for position in components.indices {
                        if !assessment.isEmpty { assessment += "; " }
                        assessment +=
                            "\(components[position].component.title) (\(components[position].component.weight)%)"
                    }
                }
                titles = CSVText.encoded(course.title) + [UInt8(ascii: ",")] + CSVText.encoded(course.titleWelsh)
                let credits = course.credits
                var fields = CSVText()
                fields.field(credits)
                fields.field(credits % 2 == 0 ? String(credits / 2) : "\(credits / 2).5")
                fields.field("\(course.type == .attendance ? "" : "CQFW/FHEQ ")\(course.level)")
                fields.field(Self.eqfLevel(ofCQFW: course.level))
                creditsToAssessmentType = fields.bytes
                learningOutcomesAndQuality =
                    CSVText.encoded(course.learningOutcomes) + [UInt8(ascii: ",")]
                    + CSVText.encoded(Self.qualityStatement(course))
            }
            let result: String =
                switch outcome {
                case .pass: "Pass"
                case .passResit: "Pass after resit"
                case .fail: "Fail"
                case .attended: "Attended (\(listed[results[index].listedAt].attendance ?? 0)% attendance)"
                default: outcome.rawValue
                }
            learner(of: results, listed, at: index, into: &text)
            text.field(encoded: titles)
            text.field(encoded: awardingBody)
            text.field(results[index].decision.board)
            text.field(encoded: creditsToAssessmentType)
            text.field(assessment)
            text.field(result)
            text.field(outcome.grade?.rawValue ?? "")
            text.field(results[index].decision.agreedMark)
            text.field(listed[results[index].listedAt].language.rawValue)
            text.field(encoded: learningOutcomesAndQuality)
            text.endLine()
        }
    }

    /// The first seven columns of certificates.csv and transcripts.csv, read in place: a copy of the
    /// result retained each of its strings and lists.
    private func learner(
        of results: [EnrolmentResult], _ listed: [Enrolment], at index: Int, into text: inout CSVText
    ) {
        let at = results[index].listedAt
        text.field(listed[at].key.student)
        text.field(listed[at].familyName)
        text.field(listed[at].givenNames)
        text.field(listed[at].sprCode)
        text.field(listed[at].key.course)
        text.field(listed[at].key.occurrence)
        text.field(listed[at].key.academicYear)
    }

    static func certificateKind(of type: CourseType) -> (code: String, english: String, welsh: String)? {
        switch type {
        case .continuingEducation:
            ("continuing-education", "Certificate of Continuing Education", "Tystysgrif Addysg Barhaus")
        case .professional: ("professional", "Professional Certificate", "Tystysgrif Broffesiynol")
        case .attendance: ("attendance", "Certificate of Attendance", "Tystysgrif Presenoldeb")
        case .microCredential: nil
        }
    }

    /// The European Qualifications Framework level of a CQFW/FHEQ level (levels 4 and 5 are both the
    /// EQF short cycle, level 5).
    static func eqfLevel(ofCQFW level: Int) -> String {
        switch level {
        case 1...3: String(level + 1)
        case 4, 5: "5"
        default: String(level)
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

    /// sits/SAS.csv, sits/SRA.csv, sits/SMR.csv and sits/withdrawals.csv, built in one pass.
    func writeSITS(into files: OutputFiles) throws {
        let tables = SITSTable.allCases
        var texts = try tables.map { table in
            // Room for the usual size, when kept, so the buffer is not copied as it grows.
            let bytesPerEnrolment =
                switch table {
                case .sas: 320
                case .sra: 48
                case .smr: 80
                case .withdrawals: 16
                }
            var text = CSVText(
                try files.open("sits/" + table.fileName, expecting: bytesPerEnrolment * replay.enrolments.count))
            text.append(table.columns)
            return text
        }
        var sink = SITSFiles(texts: texts)
        texts = []
        SITSRecord.write(replay.enrolments, of: replay.listed, policy: config.policy, into: &sink)
        for index in tables.indices { try files.close("sits/" + tables[index].fileName, &sink.texts[index].output) }
    }
}

/// The four SITS-style files of a run, written as `SITSRecord.write` hands over each field: no field
/// is made into text that is not text already, and an enrolment's leading fields are escaped once.
private struct SITSFiles: SITSRecordSink {
    /// In the order of `SITSTable.allCases`.
    var texts: [CSVText]
    private var table = 0
    /// The file of the line being written, moved out of `texts` from `begin` to `end`: its fields are
    /// written into it directly, not through the list for each field.
    private var line = CSVText()
    private var leading: [UInt8] = []

    init(texts: [CSVText]) { self.texts = texts }

    mutating func enrolment(spr: String, course: Code, occurrence: Code, academicYear: String) {
        leading.removeAll(keepingCapacity: true)
        CSVText.append(spr, to: &leading)
        leading.append(UInt8(ascii: ","))
        CSVText.append(course, to: &leading)
        leading.append(UInt8(ascii: ","))
        CSVText.append(occurrence, to: &leading)
        leading.append(UInt8(ascii: ","))
        CSVText.append(academicYear, to: &leading)
    }

    mutating func begin(_ table: SITSTable) {
        self.table = SITSTable.allCases.firstIndex(of: table)!
        swap(&line, &texts[self.table])
        line.field(encoded: leading)
    }

    mutating func text(_ value: String) { line.field(value) }
    mutating func literal(_ value: StaticString) { line.field(literal: value) }
    mutating func number(_ value: Int) { line.field(value) }
    mutating func code(_ value: Code) { line.field(value) }
    mutating func day(_ value: Day) { line.field(value) }

    mutating func end() {
        line.endLine()
        swap(&line, &texts[table])
    }
}
