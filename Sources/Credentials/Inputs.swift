import Foundation
import Regulations

/// The awarding body, as `[institution]` of `board.toml` names it, and the identifier its credentials
/// carry as `issuer.id`.
public struct Issuer: Sendable, Hashable {
    public var name: String
    public var nameWelsh: String
    /// The institution's code (`WREX`): part of every credential id.
    public var code: String
    public var country: String
    public var countryWelsh: String
    /// ISO 3166-1 alpha-2.
    public var countryCode: String
    /// The issuer's URI (`issuer.id`, the JWT `iss`): where the University publishes `issuer.json`,
    /// e.g. `https://www.wrexham.ac.uk/credentials/issuer.json`. Nil means the signing key's
    /// `did:key`: a DID that verifiers resolve offline to the key itself, with no web site to keep
    /// up, but one that changes with the key.
    public var id: String?
    /// The institution's home page, shown in the issuer profile.
    public var url: String?

    public init(
        name: String, nameWelsh: String, code: String, country: String = "United Kingdom (Wales)",
        countryWelsh: String = "Y Deyrnas Unedig (Cymru)", countryCode: String = "GB", id: String? = nil,
        url: String? = nil
    ) {
        self.name = name
        self.nameWelsh = nameWelsh
        self.code = code
        self.country = country
        self.countryWelsh = countryWelsh
        self.countryCode = countryCode
        self.id = id
        self.url = url
    }
}

/// One learner's result on one course as the Assessment Board confirmed it, in the regulations' own
/// values: what a transcript, and where `certificate` is set a certificate, is issued from. The caller
/// decides eligibility (SPEC §2.4) and leaves withheld certificates out.
public struct ConfirmedResult: Sendable {
    /// The learner as enrolled: names, student id, SPR code, language, occurrence, year, attendance.
    public var enrolment: Enrolment
    public var course: Course
    /// The course's assessment: its components' titles and weights are the "type of assessment" of
    /// the UNIC list.
    public var components: [Component]
    /// The pass mark that applied (the course's own or the policy's); nil for an attendance course.
    public var passMark: Int?
    /// The decision the board confirmed: its outcome, agreed mark and board (the date of issue and
    /// `validFrom`).
    public var decision: Decision
    /// The certificate to issue beside the transcript, or nil for a transcript only.
    public var certificate: Eligibility.Certificate?

    public init(
        enrolment: Enrolment, course: Course, components: [Component] = [], passMark: Int? = nil,
        decision: Decision, certificate: Eligibility.Certificate? = nil
    ) {
        self.enrolment = enrolment
        self.course = course
        self.components = components
        self.passMark = passMark
        self.decision = decision
        self.certificate = certificate
    }

    var outcome: Outcome { decision.outcome }

    /// Credits earned: the course's on a pass, none otherwise (SPEC §2.4).
    var creditsAwarded: Int { Eligibility.of(outcome, course: course).credits ?? 0 }

    /// For an attendance course, the attendance recorded, as the rule counts it (none recorded is 0).
    var attendance: Percent? { outcome == .attended ? enrolment.attendance ?? 0 : nil }

    /// `<SPR>-<COURSE>`, the stem of this result's file names: `/` in an SPR code becomes `-`.
    public var fileStem: String {
        "\(enrolment.sprCode.replacingOccurrences(of: "/", with: "-"))-\(course.code)"
    }
}

extension Enrolment {
    /// Given names then family name, as a certificate prints them.
    var fullName: String { [givenNames, familyName].filter { !$0.isEmpty }.joined(separator: " ") }
}

extension Course {
    /// `courses.csv` `learning_outcomes`: the outcomes separated by semicolons.
    var learningOutcomeList: [String] {
        learningOutcomes.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension Day {
    /// The start of this day in UTC: the moment a credential issued on it becomes valid.
    var startInUTC: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The XML Schema dateTime of this day's start in UTC, as VC `validFrom` takes it.
    var startOfDayUTC: String { "\(description)T00:00:00Z" }
}
