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
    public var certificatesCSV: [UInt8] {
        var text = CSVText()
        text.append(Self.certificateColumns)
        for result in replay.enrolments {
            let eligibility = Eligibility.of(result.decision.outcome, course: result.course)
            guard let certificate = eligibility.certificate else { continue }
            let withheld = certificate == .withheld
            let kind = Self.certificateKind(of: result.course.type)
            text.append(
                learner(result) + [
                    kind?.code ?? "", kind?.english ?? "", kind?.welsh ?? "", result.course.title,
                    result.course.titleWelsh, String(result.course.credits), String(result.course.level),
                    result.decision.board.description, result.enrolment.language.rawValue,
                    withheld ? "withheld" : "issue", withheld ? Eligibility.withheldBecause(result.course) : "",
                ])
        }
        return text.bytes
    }

    /// Transcripts, with the mandatory elements of a micro-credential certificate (UNIC standard, ENQA)
    /// that the data holds.
    public var transcriptsCSV: [UInt8] {
        var text = CSVText()
        text.append(Self.transcriptColumns)
        let institution = config.institution
        for result in replay.enrolments {
            let decision = result.decision
            guard Eligibility.of(decision.outcome, course: result.course).transcript else { continue }
            let course = result.course
            let credits = course.credits
            let assessment =
                course.type == .attendance
                ? "Attendance; not assessed"
                : result.components.map { "\($0.component.title) (\($0.component.weight)%)" }.joined(separator: "; ")
            let outcome: String =
                switch decision.outcome {
                case .pass: "Pass"
                case .passResit: "Pass after resit"
                case .fail: "Fail"
                case .attended: "Attended (\(result.enrolment.attendance ?? 0)% attendance)"
                default: decision.outcome.rawValue
                }
            text.append(
                learner(result) + [
                    course.title, course.titleWelsh, institution.name, institution.nameWelsh, institution.country,
                    decision.board.description, String(credits),
                    credits % 2 == 0 ? String(credits / 2) : "\(credits / 2).5",
                    "\(course.type == .attendance ? "" : "CQFW/FHEQ ")\(course.level)",
                    Self.eqfLevel(ofCQFW: course.level),
                    assessment, outcome, decision.outcome.grade?.rawValue ?? "",
                    decision.agreedMark.map(String.init) ?? "",
                    result.enrolment.language.rawValue, course.learningOutcomes, Self.qualityStatement(course),
                ])
        }
        return text.bytes
    }

    private func learner(_ result: EnrolmentResult) -> [String] {
        let key = result.enrolment.key
        return [
            key.student.description, result.enrolment.familyName, result.enrolment.givenNames, result.enrolment.sprCode,
            key.course.description, key.occurrence.description, key.academicYear,
        ]
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

    /// sits/SAS.csv, sits/SRA.csv, sits/SMR.csv and sits/withdrawals.csv.
    public var sitsFiles: [(name: String, bytes: [UInt8])] {
        let records = SITSRecord.records(for: replay.enrolments, policy: config.policy)
        var texts = SITSTable.allCases.map { table in
            var text = CSVText()
            text.append(table.columns)
            return text
        }
        let position = Dictionary(uniqueKeysWithValues: SITSTable.allCases.enumerated().map { ($1, $0) })
        for record in records { texts[position[record.table]!].append(record.values) }
        return zip(SITSTable.allCases, texts).map { ("sits/" + $0.fileName, $1.bytes) }
    }
}
