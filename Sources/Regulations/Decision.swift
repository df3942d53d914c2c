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
    // Attempts (1, 2) and marks (0-100) are held in a byte each, and the day first so that the bytes
    // follow it without padding: a run keeps two sits for each of ten million components.
    public var board: Day
    private var storedAttempt: UInt8
    private var storedMark: UInt8
    private var storedSubmittedMark: UInt8?
    public var grade: Grade
    /// The language the work was submitted in (the pack counts Welsh-medium submissions). The row
    /// itself stays with the trail, so a run that keeps no trail lets its million rows go.
    public var language: Language

    public var attempt: Int {
        get { Int(storedAttempt) }
        set { storedAttempt = UInt8(newValue) }
    }

    public var mark: Int {
        get { Int(storedMark) }
        set { storedMark = UInt8(newValue) }
    }

    /// The mark as submitted, when a late submission counts as 0.
    public var submittedMark: Int? {
        get { storedSubmittedMark.map(Int.init) }
        set { storedSubmittedMark = newValue.map(UInt8.init) }
    }

    init(attempt: Int, mark: Int, grade: Grade, submittedMark: Int? = nil, language: Language, board: Day) {
        storedAttempt = UInt8(attempt)
        storedMark = UInt8(mark)
        storedSubmittedMark = submittedMark.map(UInt8.init)
        self.grade = grade
        self.language = language
        self.board = board
    }
}

/// A course of the register, held once by reference for all the results of its enrolments.
final class SharedCourse: Sendable {
    let course: Course

    init(_ course: Course) { self.course = course }
}

/// A component of the register, held once by reference for all the enrolments on its course.
final class SharedComponent: Sendable {
    let component: Component

    init(_ component: Component) { self.component = component }
}

extension [ComponentRecord] {
    /// The codes of the components `include` picks, in order, their records read in place. Counted
    /// first, so the list is made once at its size: grown a code at a time, as `compactMap` grows it, it
    /// was made up to three times, and the replay asks at every board of every enrolment.
    func codes(where include: (ComponentRecord) -> Bool) -> [Code] {
        var count = 0
        for index in indices where include(self[index]) { count += 1 }
        guard count > 0 else { return [] }
        var codes: [Code] = []
        codes.reserveCapacity(count)
        for index in indices where include(self[index]) { codes.append(self[index].component.code) }
        return codes
    }
}

/// The state of one component of an enrolment as the boards are replayed.
public struct ComponentRecord: Sendable {
    /// Shared by every enrolment on the course, not copied into each of them.
    private var shared: SharedComponent
    public var component: Component {
        get { shared.component }
        set { shared = SharedComponent(newValue) }
    }
    /// The deadline for the first sit; the day before the next board for a resit or deferred sit.
    public var due: Day
    // A byte, placed after the day: a run keeps a record for each of ten million components.
    private var storedAttempt: UInt8 = 1
    public var firstSit: Sit?
    public var resit: Sit?
    /// The board that opened the current resit or deferred sit: work submitted on or before it is refused.
    public var openedAt: Day?
    /// The board at which the current sit was deferred, when it is deferred.
    public var deferredAt: Day?

    public init(component: Component, due: Day) {
        self.init(SharedComponent(component), due: due)
    }

    init(_ component: SharedComponent, due: Day) {
        shared = component
        self.due = due
    }

    /// 1, then 2 once the board refers the component.
    public var attempt: Int {
        get { Int(storedAttempt) }
        set { storedAttempt = UInt8(newValue) }
    }

    /// The counted sit of the current attempt.
    public var current: Sit? { attempt == 1 ? firstSit : resit }
}

/// A decision at one board about one enrolment.
public struct Decision: Sendable {
    // Stored largest first, and the attempt and marks as small integers: a run keeps a decision, and
    // often two, for each of millions of enrolments.
    /// The regulation that decided (a DecisionRule identifier).
    public var rule: String
    /// The course mark, when one was computed.
    public var courseMark: CourseMark?
    /// Components to resit (REFER), or whose sit is missing or deferred.
    public var components: [Code]
    public var board: Day
    public var resitDue: Day?
    public var outcome: Outcome
    public var reason: Reason?
    private var storedAttempt: Int16?
    private var storedActualMark: Int16?
    private var storedAgreedMark: Int16?

    /// 1, or 2 from the REFER on; nil for attendance courses.
    public var attempt: Int? {
        get { storedAttempt.map(Int.init) }
        set { storedAttempt = newValue.map { Int16(clamping: $0) } }
    }

    public var actualMark: Int? {
        get { storedActualMark.map(Int.init) }
        set { storedActualMark = newValue.map { Int16(clamping: $0) } }
    }

    public var agreedMark: Int? {
        get { storedAgreedMark.map(Int.init) }
        set { storedAgreedMark = newValue.map { Int16(clamping: $0) } }
    }

    /// The course-mark arithmetic, when a mark was computed.
    public var arithmetic: String? { courseMark?.arithmetic }

    public init(
        _ outcome: Outcome, _ reason: Reason? = nil, rule: String, board: Day, attempt: Int? = nil,
        actualMark: Int? = nil, agreedMark: Int? = nil, resitDue: Day? = nil, courseMark: CourseMark? = nil,
        components: [Code] = []
    ) {
        self.outcome = outcome
        self.reason = reason
        self.rule = rule
        self.board = board
        storedAttempt = attempt.map { Int16(clamping: $0) }
        storedActualMark = actualMark.map { Int16(clamping: $0) }
        storedAgreedMark = agreedMark.map { Int16(clamping: $0) }
        self.resitDue = resitDue
        self.courseMark = courseMark
        self.components = components
    }
}
