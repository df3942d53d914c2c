import Credentials
import Foundation
import Input
import Regulations

/// What `board credentials` issues at a board (SPEC §9): a confirmed result for every transcript that
/// `transcripts.csv` lists, carrying the certificate where `certificates.csv` lists one to issue. The
/// certificates withheld are kept apart, to be listed and not issued; their transcripts are issued.
public struct CredentialsToIssue: Sendable {
    /// The awarding body, from `[institution]` and `[credentials]`.
    public let issuer: Issuer
    /// In `decisions.csv` order: course, occurrence, student.
    public let results: [ConfirmedResult]
    public let withheld: [WithheldCertificate]

    /// A certificate that the course's structural norms withhold (SPEC §2.4).
    public struct WithheldCertificate: Sendable {
        public let learner: Learner
        public let courseCode: String
        public let occurrence: String
        public let reason: String
    }

    /// Every result of the run that earns a transcript, as the eligibility of `certificates.csv` and
    /// `transcripts.csv` says: the same decisions, the same documents.
    public init(_ run: BoardRun) {
        issuer = Self.issuer(run.config)
        var results: [ConfirmedResult] = []
        var withheld: [WithheldCertificate] = []
        var eligibilities = Eligibilities()
        var perCourse = PerCourse<(course: Credentials.Course, withheldBecause: String)>()
        for result in run.replay.enrolments {
            let eligibility = eligibilities.of(result)
            guard eligibility.transcript, let outcome = Self.outcome(result.decision.outcome) else { continue }
            let course = perCourse.value(for: result.course) { course in
                (
                    Self.course(course, components: result.components, policy: run.config.policy),
                    Eligibility.withheldBecause(course)
                )
            }
            let enrolment = result.enrolment
            let learner = Learner(
                studentID: enrolment.key.student.description, sprCode: enrolment.sprCode,
                familyName: enrolment.familyName, givenNames: enrolment.givenNames,
                language: enrolment.language == .welsh ? .welsh : .english)
            if eligibility.certificate == .withheld {
                withheld.append(
                    WithheldCertificate(
                        learner: learner, courseCode: course.course.code,
                        occurrence: enrolment.key.occurrence.description,
                        reason: course.withheldBecause))
            }
            results.append(
                ConfirmedResult(
                    learner: learner, course: course.course, occurrence: enrolment.key.occurrence.description,
                    academicYear: enrolment.key.academicYear,
                    // The board that confirmed the result: its date is the date of issue, whichever later
                    // board the credentials are issued at, so issuing again gives the same credential.
                    boardDate: CalendarDay(result.decision.board.description)!,
                    outcome: outcome, grade: result.decision.outcome.grade?.rawValue,
                    agreedMark: result.decision.agreedMark, certificate: Self.certificate(eligibility.certificate),
                    attendancePercent: outcome == .attended ? Self.attendance(enrolment.attendance) : nil))
        }
        self.results = results
        self.withheld = withheld
    }

    /// The issuer `[institution]` names, under the id and web site `[credentials]` gives. Without a
    /// country, the Issuer's own (United Kingdom, Wales) stands.
    static func issuer(_ config: BoardConfig) -> Issuer {
        let institution = config.institution
        var issuer = Issuer(
            name: institution.name, nameWelsh: institution.nameWelsh.isEmpty ? institution.name : institution.nameWelsh,
            code: institution.code.description, id: config.credentials.issuerID, url: config.credentials.issuerURL)
        if !institution.country.isEmpty {
            issuer.country = institution.country
            issuer.countryWelsh = institution.countryWelsh ?? institution.country
        }
        if let code = institution.countryCode { issuer.countryCode = code }
        return issuer
    }

    /// The course as its documents print it. Every enrolment on a course has the same components.
    static func course(_ course: Regulations.Course, components: [ComponentRecord], policy: Policy)
        -> Credentials.Course
    {
        Credentials.Course(
            code: course.code.description, title: course.title,
            titleWelsh: course.titleWelsh.isEmpty ? nil : course.titleWelsh,
            type: Credentials.CourseType(rawValue: course.type.rawValue)!, credits: course.credits,
            level: course.level, passMark: course.type == .attendance ? nil : policy.passMark(for: course),
            components: components.map {
                Credentials.Component(
                    code: $0.component.code.description, title: $0.component.title, weight: $0.component.weight)
            },
            learningOutcomes: learningOutcomes(course.learningOutcomes).map { LearningOutcome(english: $0) },
            externalExaminer: course.externalExaminer.isEmpty ? nil : course.externalExaminer,
            professionalBody: course.professionalBody.isEmpty ? nil : course.professionalBody)
    }

    /// `courses.csv` `learning_outcomes`: the outcomes separated by semicolons.
    static func learningOutcomes(_ text: String) -> [String] {
        text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Attendance as recorded, decimals included (`87.5`); none recorded counts as 0, as the rule counts it.
    static func attendance(_ recorded: Percent?) -> Decimal { Decimal((recorded ?? 0).hundredths) / 100 }

    /// The outcomes that earn a transcript; nil for the others.
    static func outcome(_ outcome: Regulations.Outcome) -> Credentials.Outcome? {
        switch outcome {
        case .pass: .pass
        case .passResit: .passAfterResit
        case .fail: .fail
        case .attended: .attended
        case .refer, .deferred, .pending, .inProgress, .withdrawn, .notAttended: nil
        }
    }

    /// The certificate to issue; nil for none, or one withheld.
    static func certificate(_ certificate: Eligibility.Certificate?) -> CertificateKind? {
        switch certificate {
        case .continuingEducation: .continuingEducation
        case .professional: .professional
        case .attendance: .attendance
        case .withheld, nil: nil
        }
    }
}
