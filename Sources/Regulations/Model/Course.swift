/// The four kinds of provision of Procedure §7.1.
public enum CourseType: String, CaseIterable, Sendable {
    case microCredential = "micro-credential"
    case continuingEducation = "continuing-education"
    case professional = "professional"
    case attendance = "attendance"

    /// Structural norms (Procedure §7.1): the credits a course of this type may carry.
    public var creditBand: ClosedRange<Int> {
        switch self {
        case .continuingEducation: 10...60
        case .professional: 40...60
        case .attendance: 0...0
        case .microCredential: 20...60
        }
    }

    /// A short course is named by the certificate it leads to (Procedure §4).
    public var name: String { certificateTitle?.english ?? "Named Micro-credential" }

    /// The certificate a course of this type leads to, in English and in Welsh, as `certificates.csv`
    /// lists it and the certificate prints it; nil for a micro-credential, which earns a transcript only.
    public var certificateTitle: (english: String, welsh: String)? {
        switch self {
        case .microCredential: nil
        case .continuingEducation: ("Certificate of Continuing Education", "Tystysgrif Addysg Barhaus")
        case .professional: ("Professional Certificate", "Tystysgrif Broffesiynol")
        case .attendance: ("Certificate of Attendance", "Tystysgrif Presenoldeb")
        }
    }
}

/// One course on the University Register for Short Courses and Micro-credentials. An entry of the
/// register, shared by every enrolment on it and never changed: held by reference, not copied into each.
public final class Course: Sendable {
    public let code: Code
    public let title: String
    public let titleWelsh: String
    public let type: CourseType
    public let credits: Int
    public let level: Int
    public let passMark: Int?
    public let resitCap: Bool?
    public let professionalBody: String
    public let externalExaminer: String
    public let learningOutcomes: String
    public let source: SourceLine

    public init(
        code: Code, title: String, titleWelsh: String = "", type: CourseType, credits: Int, level: Int,
        passMark: Int? = nil, resitCap: Bool? = nil, professionalBody: String = "",
        externalExaminer: String = "", learningOutcomes: String = "",
        source: SourceLine = SourceLine(file: "courses.csv", line: 0)
    ) {
        self.code = code
        self.title = title
        self.titleWelsh = titleWelsh
        self.type = type
        self.credits = credits
        self.level = level
        self.passMark = passMark
        self.resitCap = resitCap
        self.professionalBody = professionalBody
        self.externalExaminer = externalExaminer
        self.learningOutcomes = learningOutcomes
        self.source = source
    }

    /// Non-credit courses are not presented to boards (Procedure §11.3).
    public var isPresentedToBoards: Bool { type != .attendance }

    /// The same course with another resit cap (a module aligned to an award follows its regulations).
    public func with(resitCap: Bool?) -> Course {
        Course(
            code: code, title: title, titleWelsh: titleWelsh, type: type, credits: credits, level: level,
            passMark: passMark, resitCap: resitCap, professionalBody: professionalBody,
            externalExaminer: externalExaminer, learningOutcomes: learningOutcomes, source: source)
    }
}

/// One assessment of a course (SITS MAB_SEQ): an entry of the register, shared by every enrolment on
/// the course and never changed.
public final class Component: Sendable {
    public let course: Code
    public let code: Code
    public let title: String
    public let weight: Int
    public let qualifyingMark: Int?

    public init(course: Code, code: Code, title: String, weight: Int, qualifyingMark: Int? = nil) {
        self.course = course
        self.code = code
        self.title = title
        self.weight = weight
        self.qualifyingMark = qualifyingMark
    }

    /// The same component with another qualifying mark.
    public func with(qualifyingMark: Int?) -> Component {
        Component(course: course, code: code, title: title, weight: weight, qualifyingMark: qualifyingMark)
    }
}
