/// What an outcome earns (SPEC §2.4): credit, a transcript and a certificate.
public struct Eligibility: Sendable, Equatable {
    /// nil while the outcome is open.
    public var credits: Int?
    public var transcript: Bool
    public var certificate: Certificate?

    public enum Certificate: String, Sendable {
        case continuingEducation = "continuing-education"
        case professional = "professional"
        case attendance = "attendance"
        case withheld = "withheld"
    }

    public static let regulation =
        "Students undertaking a micro-credential will receive a transcript only; a short course may lead to a Certificate of Attendance, of Continuing Education or a Professional Certificate (Procedure §4, §7.1, §12). Failure to have marks agreed within the year results in withdrawal, and no academic credit or certification will be awarded."

    /// A certificate is withheld when its course breaks the structural norms of Procedure §7.1.
    public static func of(_ outcome: Outcome, course: Course) -> Eligibility {
        switch outcome {
        case .pass, .passResit:
            let certificate: Certificate? =
                switch course.type {
                case .microCredential: nil
                case .continuingEducation: .continuingEducation
                case .professional: .professional
                case .attendance: .attendance
                }
            return Eligibility(
                credits: course.credits, transcript: true,
                certificate: certificate.map { breaksNorms(course) ? .withheld : $0 })
        case .fail:
            return Eligibility(credits: 0, transcript: true, certificate: nil)
        case .withdrawn, .notAttended:
            return Eligibility(credits: 0, transcript: false, certificate: nil)
        case .attended:
            return Eligibility(credits: 0, transcript: true, certificate: breaksNorms(course) ? .withheld : .attendance)
        case .refer, .deferred, .pending, .inProgress:
            return Eligibility(credits: nil, transcript: false, certificate: nil)
        }
    }

    /// The errors of the structural norms (warnings, such as a missing examiner, do not withhold).
    public static func breaksNorms(_ course: Course) -> Bool {
        RegisterQuality.norms(of: course).contains { $0.severity == .error }
    }

    /// Why a certificate is withheld, for the board pack and certificates list.
    public static func withheldBecause(_ course: Course) -> String {
        RegisterQuality.norms(of: course).filter { $0.severity == .error }.map(\.message.description)
            .joined(separator: "; ")
    }
}
