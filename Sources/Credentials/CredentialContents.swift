import Regulations

/// What one confirmed result says as an Open Badges 3.0 credential. English is the language of the
/// JSON's sentences; names and titles carry the Welsh beside it, in the learner's order.
struct CredentialContents {
    let result: ConfirmedResult
    let issuer: Issuer
    let issuerID: String

    /// What the credential records: a certificate's course, a passed micro-credential, or anything
    /// else (a fail, a pass whose certificate was withheld) as the course its transcript records.
    enum Kind: Equatable {
        case certificate
        case microCredential
        case course

        /// OB 3.0 `achievementType`.
        var achievementType: String {
            switch self {
            case .certificate: return "Certificate"
            case .microCredential: return "MicroCredential"
            case .course: return "Course"
            }
        }
    }

    var kind: Kind {
        if result.certificate != nil { return .certificate }
        if result.course.type == .microCredential && result.outcome.grade == .pass { return .microCredential }
        return .course
    }

    var credential: OpenBadgeCredential {
        OpenBadgeCredential(
            context: OpenBadgeCredential.contexts,
            id: Identifiers.credential(result, issuer: issuer),
            type: OpenBadgeCredential.types,
            name: inLearnersOrder { name(in: $0) },
            description: inLearnersOrder { $0.procedure(of: result) },
            issuer: issuer.profile(id: issuerID),
            validFrom: result.decision.board.startOfDayUTC,
            validUntil: nil,
            credentialSubject: subject)
    }

    private var subject: OpenBadgeCredential.AchievementSubject {
        let learner = result.enrolment
        return OpenBadgeCredential.AchievementSubject(
            id: Identifiers.learner(learner, issuer: issuer),
            type: ["AchievementSubject"],
            identifier: [
                .init(type: "IdentityObject", identityType: "name", hashed: false, identityHash: learner.fullName),
                .init(
                    type: "IdentityObject", identityType: "sisSourcedId", hashed: false, identityHash: learner.sprCode),
            ],
            achievement: achievement,
            result: results.map(\.result),
            creditsEarned: Double(result.creditsAwarded),
            term: learner.key.academicYear)
    }

    private var achievementID: String { Identifiers.achievement(result, type: kind.achievementType, issuer: issuer) }

    private var achievement: OpenBadgeCredential.Achievement {
        let course = result.course
        let english = Wording.english
        var description = "\(english.courseType(course.type)) of \(issuer.name), \(issuer.country): "
        description += (course.credits > 0 ? "\(english.credits(of: course)); " : "") + "\(english.level(course))."
        if !course.externalExaminer.isEmpty { description += " External examiner: \(course.externalExaminer)." }
        if !course.professionalBody.isEmpty { description += " Endorsed by \(course.professionalBody)." }
        return OpenBadgeCredential.Achievement(
            id: achievementID,
            type: ["Achievement"],
            achievementType: kind.achievementType,
            name: [course.title, course.titleWelsh].filter { !$0.isEmpty }.joined(separator: " / "),
            description: description,
            criteria: .init(narrative: criteria),
            creditsAvailable: Double(course.credits),
            humanCode: course.code.description,
            alignment: alignments,
            resultDescription: results.map(\.description))
    }

    /// What earns the achievement, in Markdown: the learning outcomes and how they were assessed.
    private var criteria: String {
        let course = result.course
        var lines: [String] = []
        let outcomes = course.learningOutcomeList
        if !outcomes.isEmpty {
            lines.append("Learning outcomes:")
            lines += outcomes.enumerated().map { "\($0.offset + 1). \($0.element)" }
        }
        if !result.components.isEmpty {
            lines.append(
                "Assessment: " + result.components.map(Wording.english.component).joined(separator: ", ") + ".")
        }
        if let passMark = result.passMark { lines.append("Pass mark: \(passMark).") }
        if course.type == .attendance {
            lines.append("Attendance recorded at or above the University’s threshold for a Certificate of Attendance.")
        }
        return lines.joined(separator: "\n")
    }

    /// The frameworks the course sits in: its CQFW/FHEQ and EQF levels, and its ECTS credits.
    private var alignments: [OpenBadgeCredential.Alignment] {
        let course = result.course
        let eqf = Frameworks.eqfLevel(ofCQFW: course.level)
        var alignments: [OpenBadgeCredential.Alignment] = [
            .init(
                type: ["Alignment"], targetName: "CQFW/FHEQ level \(course.level)",
                targetUrl: "https://www.gov.wales/credit-and-qualifications-framework-cqfw",
                targetFramework: "Credit and Qualifications Framework for Wales (CQFW)", targetCode: "\(course.level)"),
            .init(
                type: ["Alignment"], targetName: "EQF level \(eqf)",
                targetUrl: "https://europass.europa.eu/en/europass-digital-tools/european-qualifications-framework",
                targetFramework: "European Qualifications Framework (EQF)", targetCode: "\(eqf)"),
        ]
        if course.credits > 0 {
            let ects = Frameworks.ects(ofCQFW: course.credits)
            alignments.append(
                .init(
                    type: ["Alignment"], targetName: "\(ects) ECTS credits",
                    targetUrl:
                        "https://education.ec.europa.eu/education-levels/higher-education/inclusive-and-connected-higher-education/european-credit-transfer-and-accumulation-system",
                    targetFramework: "European Credit Transfer and Accumulation System (ECTS)", targetCode: ects))
        }
        return alignments
    }

    /// Each result the board confirmed, with the description of what it can be.
    private var results: [(description: OpenBadgeCredential.ResultDescription, result: OpenBadgeCredential.Result)] {
        func pair(
            _ key: String, name: String, resultType: String, allowed: [String]? = nil, required: String? = nil,
            range: ClosedRange<Int>? = nil, status: String? = nil, value: String
        ) -> (OpenBadgeCredential.ResultDescription, OpenBadgeCredential.Result) {
            let id = Identifiers.resultDescription(key, of: achievementID)
            return (
                .init(
                    id: id, type: ["ResultDescription"], name: name, resultType: resultType, allowedValue: allowed,
                    requiredValue: required, valueMin: range.map { "\($0.lowerBound)" },
                    valueMax: range.map { "\($0.upperBound)" }),
                .init(type: ["Result"], resultDescription: id, status: status, value: value)
            )
        }
        let outcome = result.outcome
        var results = [
            pair(
                "outcome", name: "Result confirmed by the Assessment Board", resultType: "Status",
                allowed: outcome == .attended ? ["ATTENDED"] : ["FAIL", "PASS_RESIT", "PASS"],
                status: outcome == .fail ? "Failed" : "Completed", value: outcome.rawValue)
        ]
        if let grade = outcome.grade {
            results.append(
                pair("grade", name: "Grade", resultType: "LetterGrade", allowed: ["F", "P"], value: grade.rawValue))
        }
        if let mark = result.decision.agreedMark {
            results.append(
                pair(
                    "mark", name: "Agreed mark", resultType: "Percent", required: result.passMark.map { "\($0)" },
                    range: 0...100, value: "\(mark)"))
        }
        if let attendance = result.attendance {
            results.append(
                pair("attendance", name: "Attendance", resultType: "Percent", range: 0...100, value: "\(attendance)"))
        }
        return results
    }

    /// The credential's name in one language: the certificate, micro-credential or transcript, and the title.
    private func name(in wording: Wording) -> String {
        let what = kind == .course ? wording.transcriptShort : wording.award(result.course.type)
        return "\(what): \(wording.title(result.course))"
    }

    /// A phrase in both languages, the learner's first.
    private func inLearnersOrder(_ phrase: (Wording) -> String) -> String {
        let order = result.enrolment.language == .welsh ? [Wording.welsh, .english] : [.english, .welsh]
        return order.map(phrase).joined(separator: " / ")
    }
}

extension Issuer {
    /// `issuer`, as every credential and `issuer.json` carry it: the Welsh name is its description.
    func profile(id: String) -> OpenBadgeCredential.Profile {
        OpenBadgeCredential.Profile(
            id: id, type: ["Profile"], name: name, description: nameWelsh, url: url,
            address: .init(type: ["Address"], addressCountry: country, addressCountryCode: countryCode),
            otherIdentifier: [.init(type: "IdentifierEntry", identifier: code, identifierType: "identifier")])
    }
}
