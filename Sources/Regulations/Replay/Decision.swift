/// Outcomes of SPEC §2.3. PASS, PASS_RESIT, FAIL and WITHDRAWN conclude an enrolment.
public enum Outcome: String, Sendable, CaseIterable {
    case pass = "PASS"
    case passResit = "PASS_RESIT"
    case fail = "FAIL"
    case refer = "REFER"
    case deferred = "DEFER"
    case pending = "PENDING"
    case inProgress = "IN_PROGRESS"
    case withdrawn = "WITHDRAWN"
    case attended = "ATTENDED"
    case notAttended = "NOT_ATTENDED"

    public var concludes: Bool { [.pass, .passResit, .fail, .withdrawn].contains(self) }

    /// The grade written beside the outcome; nil when the outcome has none.
    public var grade: Grade? {
        switch self {
        case .pass, .passResit: .pass
        case .fail: .fail
        case .refer: .referred
        case .deferred: .deferred
        case .withdrawn: .withdrawn
        case .pending, .inProgress, .attended, .notAttended: nil
        }
    }
}

/// Why an outcome was reached, where the outcome alone does not say.
public enum Reason: String, Sendable, CaseIterable {
    case studentWithdrew = "STUDENT_WITHDREW"
    case deferralBeyondYear = "DEFERRAL_BEYOND_YEAR"
    case noBoardInYear = "NO_BOARD_IN_YEAR"
    case marksNotAgreedInYear = "MARKS_NOT_AGREED_IN_YEAR"
    case marksOverdue = "MARKS_OVERDUE"
    case noResitInYear = "NO_RESIT_IN_YEAR"
    case resitFailed = "RESIT_FAILED"
}

/// SITS-style grades: of a sit, and of a course outcome.
public enum Grade: String, Sendable, CaseIterable {
    case pass = "P"
    case fail = "F"
    case nonSubmission = "NS"
    case absent = "AB"
    case late = "L"
    case deferred = "M"
    case referred = "R"
    case withdrawn = "W"
}

/// One counted sit of a component.
public struct Sit: Sendable {
    public var attempt: Int
    public var mark: Int
    public var grade: Grade
    /// The mark as submitted, when a late submission counts as 0.
    public var submittedMark: Int?
    /// The language the work was submitted in (the pack counts Welsh-medium submissions).
    public var language: Language
    /// The board that counted it.
    public var board: Day
}

/// The state of one component of an enrolment as the boards are replayed.
public struct ComponentRecord: Sendable {
    public var component: Component
    /// The deadline for the first sit; the day before the next board for a resit or deferred sit.
    public var due: Day
    /// 1, then 2 once a board refers the component.
    public var attempt = 1
    public var firstSit: Sit?
    public var resit: Sit?
    /// The board that opened the current resit or deferred sit: work submitted on or before it is refused.
    public var openedAt: Day?
    /// The board at which the current sit was deferred, when it is deferred.
    public var deferredAt: Day?

    public init(component: Component, due: Day) {
        self.component = component
        self.due = due
    }

    /// The counted sit of the current attempt.
    public var current: Sit? { attempt == 1 ? firstSit : resit }
}

/// A decision at one board about one enrolment.
public struct Decision: Sendable {
    public var outcome: Outcome
    public var reason: Reason?
    /// The regulation that decided (a decision rule's identifier, or `attendance`).
    public var rule: String
    public var board: Day
    /// 1, or 2 from the REFER on; nil for attendance courses.
    public var attempt: Int?
    public var actualMark: Int?
    public var agreedMark: Int?
    public var resitDue: Day?
    /// The course mark, when one was computed.
    public var courseMark: CourseMark?
    /// Components to resit (REFER), or whose sit is missing or deferred.
    public var components: [Code]

    public init(
        _ outcome: Outcome, _ reason: Reason? = nil, rule: String, board: Day, attempt: Int? = nil,
        actualMark: Int? = nil, agreedMark: Int? = nil, resitDue: Day? = nil, courseMark: CourseMark? = nil,
        components: [Code] = []
    ) {
        self.outcome = outcome
        self.reason = reason
        self.rule = rule
        self.board = board
        self.attempt = attempt
        self.actualMark = actualMark
        self.agreedMark = agreedMark
        self.resitDue = resitDue
        self.courseMark = courseMark
        self.components = components
    }

    /// Reached from the course mark, every sit counted (rule 5 or 6): the decision used the component marks.
    public var usedMarks: Bool { courseMark != nil }

    /// The course-mark arithmetic, when a mark was computed.
    public var arithmetic: String? { courseMark?.arithmetic }
}

/// The course mark M = Σ(weight × mark) / 100, rounded half up, in integers (SPEC §2.3).
public struct CourseMark: Sendable, Equatable {
    public let value: Int
    public let parts: [Part]

    public struct Part: Sendable, Equatable {
        public let weight: Int
        public let mark: Int
    }

    public init(_ parts: [(weight: Int, mark: Int)]) {
        self.parts = parts.map { Part(weight: $0.weight, mark: $0.mark) }
        value = (parts.reduce(0) { $0 + $1.weight * $1.mark } + 50) / 100
    }

    /// `60% × 70 + 40% × 55 = 64.00 → 64`.
    public var arithmetic: String {
        let total = parts.reduce(0) { $0 + $1.weight * $1.mark }
        let hundredths = total % 100
        let terms = parts.map { "\($0.weight)% × \($0.mark)" }.joined(separator: " + ")
        return "\(terms) = \(total / 100).\(hundredths < 10 ? "0" : "")\(hundredths) → \(value)"
    }
}
