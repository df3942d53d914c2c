import Foundation

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

/// The student as the enrolment names them.
public struct Learner: Sendable, Hashable {
    public var studentID: String
    /// The SITS SPR code (`12345678/1`); file names write its `/` as `-`.
    public var sprCode: String
    public var familyName: String
    public var givenNames: String
    public var language: Language

    public init(studentID: String, sprCode: String, familyName: String, givenNames: String, language: Language) {
        self.studentID = studentID
        self.sprCode = sprCode
        self.familyName = familyName
        self.givenNames = givenNames
        self.language = language
    }

    /// Given names then family name, as a certificate prints them.
    var fullName: String { [givenNames, familyName].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// A piece of assessment: its title and weight are the "type of assessment" of the UNIC list.
public struct Component: Sendable, Hashable {
    public var code: String
    public var title: String
    public var titleWelsh: String?
    public var weight: Int

    public init(code: String, title: String, titleWelsh: String? = nil, weight: Int) {
        self.code = code
        self.title = title
        self.titleWelsh = titleWelsh
        self.weight = weight
    }
}

/// One intended learning outcome, in English and, where the register has it, in Welsh.
public struct LearningOutcome: Sendable, Hashable {
    public var english: String
    public var welsh: String?

    public init(english: String, welsh: String? = nil) {
        self.english = english
        self.welsh = welsh
    }
}

/// A course of the University Register (SPEC §1.2) with what its documents print.
public struct Course: Sendable, Hashable {
    public var code: String
    public var title: String
    public var titleWelsh: String?
    public var type: CourseType
    public var credits: Int
    /// CQFW/FHEQ level 1–8.
    public var level: Int
    /// The pass mark that applied (nil for an attendance course).
    public var passMark: Int?
    public var components: [Component]
    public var learningOutcomes: [LearningOutcome]
    public var externalExaminer: String?
    public var professionalBody: String?

    public init(
        code: String, title: String, titleWelsh: String? = nil, type: CourseType, credits: Int, level: Int,
        passMark: Int? = nil, components: [Component] = [], learningOutcomes: [LearningOutcome] = [],
        externalExaminer: String? = nil, professionalBody: String? = nil
    ) {
        self.code = code
        self.title = title
        self.titleWelsh = titleWelsh
        self.type = type
        self.credits = credits
        self.level = level
        self.passMark = passMark
        self.components = components
        self.learningOutcomes = learningOutcomes
        self.externalExaminer = externalExaminer
        self.professionalBody = professionalBody
    }

    /// ECTS credits: half the CQFW credits (one ECTS credit is 20–30 notional hours, a CQFW credit 10).
    var ectsCredits: Double { Double(credits) / 2 }

    /// The EQF level of a CQFW/FHEQ level, as the UK's referencing to the EQF sets it: CQFW levels
    /// 4 and 5 both sit at EQF 5; levels 1–3 sit one EQF level higher; 6–8 at the same level.
    var eqfLevel: Int {
        switch level {
        case ...3: return level + 1
        case 4, 5: return 5
        default: return level
        }
    }

    /// The QF-EHEA cycle of the level, where it has one (level 4 has none).
    var cycle: Cycle? {
        switch level {
        case 5: return .short
        case 6: return .first
        case 7: return .second
        case 8: return .third
        default: return nil
        }
    }

    enum Cycle { case short, first, second, third }
}

/// One learner's result on one course as the Assessment Board confirmed it: what a transcript,
/// and where `certificate` is set a certificate, is issued from. The caller decides eligibility
/// (SPEC §2.4) and leaves withheld certificates out.
public struct ConfirmedResult: Sendable, Hashable {
    public var learner: Learner
    public var course: Course
    /// The SITS occurrence (`JAN`).
    public var occurrence: String
    /// The academic year of enrolment (`2025/26`).
    public var academicYear: String
    /// The board that confirmed the result: the date of issue and `validFrom`.
    public var boardDate: CalendarDay
    public var outcome: Outcome
    /// `P` or `F`; nil where the board gives none (ATTENDED).
    public var grade: String?
    public var agreedMark: Int?
    /// The certificate to issue beside the transcript, or nil for a transcript only.
    public var certificate: CertificateKind?
    /// For an attendance course: the attendance recorded, in percent, as recorded (`87.5`).
    public var attendancePercent: Decimal?

    public init(
        learner: Learner, course: Course, occurrence: String, academicYear: String, boardDate: CalendarDay,
        outcome: Outcome, grade: String? = nil, agreedMark: Int? = nil, certificate: CertificateKind? = nil,
        attendancePercent: Decimal? = nil
    ) {
        self.learner = learner
        self.course = course
        self.occurrence = occurrence
        self.academicYear = academicYear
        self.boardDate = boardDate
        self.outcome = outcome
        self.grade = grade
        self.agreedMark = agreedMark
        self.certificate = certificate
        self.attendancePercent = attendancePercent
    }

    /// Credits earned: the course's on a pass, none otherwise (SPEC §2.4).
    var creditsAwarded: Int { outcome.earnsCredits ? course.credits : 0 }

    /// `<SPR>-<COURSE>`, the stem of this result's file names: `/` in an SPR code becomes `-`.
    public var fileStem: String {
        "\(learner.sprCode.replacingOccurrences(of: "/", with: "-"))-\(course.code)"
    }
}
