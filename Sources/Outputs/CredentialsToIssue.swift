import Credentials
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
        public let enrolment: Enrolment
        public let reason: String
    }

    /// Every result of the run that earns a transcript, as the eligibility of `certificates.csv` and
    /// `transcripts.csv` says: the same decisions, the same documents.
    public init(_ run: BoardRun) {
        issuer = Self.issuer(run.config)
        var results: [ConfirmedResult] = []
        var withheld: [WithheldCertificate] = []
        var eligibilities = Eligibilities()
        var perCourse = PerCourse<(passMark: Int?, withheldBecause: String)>()
        for result in run.replay.enrolments {
            let eligibility = eligibilities.of(result)
            guard eligibility.transcript else { continue }
            let course = perCourse.value(for: result.course) { course in
                (
                    course.type == .attendance ? nil : run.config.policy.passMark(for: course),
                    Eligibility.withheldBecause(course)
                )
            }
            if eligibility.certificate == .withheld {
                withheld.append(WithheldCertificate(enrolment: result.enrolment, reason: course.withheldBecause))
            }
            // The decision the board confirmed: its board is the date of issue, whichever later board the
            // credentials are issued at, so issuing again gives the same credential.
            results.append(
                ConfirmedResult(
                    enrolment: result.enrolment, course: result.course,
                    // Every enrolment on a course has the same components.
                    components: result.components.map(\.component), passMark: course.passMark,
                    decision: result.decision,
                    certificate: eligibility.certificate == .withheld ? nil : eligibility.certificate))
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
}
