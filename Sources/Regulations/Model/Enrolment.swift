public enum Language: String, Sendable {
    case english = "en"
    case welsh = "cy"
}

public enum EnrolmentStatus: String, Sendable {
    case active
    case withdrawn
}

/// The key of an enrolment: one student on one run of a course in the year of initial enrolment.
public struct EnrolmentKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let student: Code
    public let course: Code
    public let occurrence: Code
    public let academicYear: String

    public init(student: Code, course: Code, occurrence: Code, academicYear: String) {
        self.student = student
        self.course = course
        self.occurrence = occurrence
        self.academicYear = academicYear
    }

    /// Student and course alone tell almost every enrolment apart: hashing half the key halves the cost
    /// of the lookups a run makes for every row. Equality still compares all four.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(student)
        hasher.combine(course)
    }

    /// decisions.csv order: course, occurrence, student.
    public static func < (lhs: EnrolmentKey, rhs: EnrolmentKey) -> Bool {
        if lhs.course != rhs.course { return lhs.course < rhs.course }
        if lhs.occurrence != rhs.occurrence { return lhs.occurrence < rhs.occurrence }
        if lhs.student != rhs.student { return lhs.student < rhs.student }
        return lhs.academicYear < rhs.academicYear
    }

    public var description: String { "\(student) on \(course) \(occurrence) \(academicYear)" }
}

public struct Enrolment: Sendable {
    public var key: EnrolmentKey
    public var familyName: String
    public var givenNames: String
    public var status: EnrolmentStatus
    public var statusDate: Day?
    /// Percent attendance (attendance courses); nil when not recorded.
    public var attendance: Percent?
    public var language: Language
    public var sprCode: String
    public var source: SourceLine

    public init(
        key: EnrolmentKey, familyName: String, givenNames: String, status: EnrolmentStatus = .active,
        statusDate: Day? = nil, attendance: Percent? = nil, language: Language = .english,
        sprCode: String? = nil, source: SourceLine = SourceLine(file: "enrolments.csv", line: 0)
    ) {
        self.key = key
        self.familyName = familyName
        self.givenNames = givenNames
        self.status = status
        self.statusDate = statusDate
        self.attendance = attendance
        self.language = language
        self.sprCode = sprCode ?? "\(key.student)/1"
        self.source = source
    }

    /// The day the student withdrew, when that was before board `board` (a withdrawal on the board day
    /// itself is not "before": that board still decides the student).
    public func withdrawal(before board: Day) -> Day? {
        guard status == .withdrawn, let statusDate, statusDate < board else { return nil }
        return statusDate
    }

    public func withdrew(before board: Day) -> Bool { withdrawal(before: board) != nil }
}
