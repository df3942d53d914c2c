/// What a row check knows besides the row: the board it is presented at and the register.
public struct Presentation: Sendable {
    public var board: Day
    public var year: AcademicYear
    public var register: Register
    /// The sheets the rows were read from: a row names its sheet by its place here.
    public var sheets: [String]
    /// The state of each enrolment before this board, when earlier boards were replayed; nil for
    /// `board check`, which sees one sheet without the history of earlier boards.
    public var history: (@Sendable (EnrolmentKey) -> EnrolmentHistory)?
    /// The enrolment whose rows are screened, when the caller screens one enrolment's rows at a time
    /// (the replay does): the checks find it, and its course, without searching the register.
    var screened: ScreenedEnrolment?
    /// What earlier boards decided about the screened enrolment: its rows' checks read it directly,
    /// without asking `history` for it, and building its key, for each check of each row.
    var screenedHistory: EnrolmentHistory?

    public init(
        board: Day, year: AcademicYear, register: Register, sheets: [String],
        history: (@Sendable (EnrolmentKey) -> EnrolmentHistory)? = nil
    ) {
        self.board = board
        self.year = year
        self.register = register
        self.sheets = sheets
        self.history = history
    }

    /// Where the row was read, for its findings.
    public func source(of row: MarkRow) -> SourceLine { SourceLine(file: sheets[row.sheet], line: row.line) }
}

/// The one enrolment whose rows a presentation screens, and whether its course is presented to boards;
/// held by reference, as the checks read it for every row. It keeps what the checks ask, not the
/// enrolment: reading one out of it copied the enrolment, and retained its strings, for every row.
final class ScreenedEnrolment: Sendable {
    let key: EnrolmentKey
    /// The key's year as a row holds it, for comparing with every row.
    let year: YearCode?
    let status: EnrolmentStatus
    let statusDate: Day?
    let isPresentedToBoards: Bool
    /// Its course's components, the few a row's component is sought among.
    let components: [Code]

    /// `year`: the enrolment's year as a row holds it.
    init(_ enrolment: Enrolment, year: YearCode?, isPresentedToBoards: Bool, components: [Code]) {
        key = enrolment.key
        self.year = year
        status = enrolment.status
        statusDate = enrolment.statusDate
        self.isPresentedToBoards = isPresentedToBoards
        self.components = components
    }
}

// The checks ask about an enrolment and its course by these, never copying an `Enrolment` or a `Course`
// out of the register: a copy retains every one of their strings, for each of a million rows.
extension Presentation {
    /// Whether the row's enrolment is on the register.
    func isEnrolled(_ row: MarkRow) -> Bool {
        if let screened, row.isFor(screened.key, year: screened.year) { return true }
        return register.enrolments.place(of: row.enrolment) != nil
    }

    /// When the student of the row's enrolment withdrew, if they withdrew before this board.
    func withdrawalBeforeBoard(of row: MarkRow) -> Day? {
        if let screened, row.isFor(screened.key, year: screened.year) {
            return Enrolment.withdrawal(screened.status, on: screened.statusDate, before: board)
        }
        return register.enrolments[row.enrolment]?.withdrawal(before: board)
    }

    /// Whether the row's component is one of its course's; false when the course is not on the register.
    func isComponentOfCourse(_ row: MarkRow) -> Bool {
        if let screened, screened.key.course == row.course {
            return screened.components.contains(row.component)
        }
        return register.components[row.course]?.contains { $0.code == row.component } == true
    }

    /// Reads what earlier boards decided about the row's enrolment; nil without a replay of earlier boards.
    /// The history is lent to `read`, not returned: returning it retained and released it for each check
    /// of each row (3 % of a run).
    @inline(__always)
    func readHistory<Answer>(of row: MarkRow, _ read: (EnrolmentHistory) -> Answer?) -> Answer? {
        if let screenedHistory, let screened, row.isFor(screened.key, year: screened.year) {
            return read(screenedHistory)
        }
        guard let history else { return nil }
        return read(history(row.enrolment))
    }

    /// Whether the row's course is presented to boards; nil when the course is not on the register.
    func isPresentedToBoards(_ row: MarkRow) -> Bool? {
        if let screened, screened.key.course == row.course { return screened.isPresentedToBoards }
        return register.courses[row.course]?.isPresentedToBoards
    }
}

/// What earlier boards decided about one enrolment, as far as the row checks need it.
///
/// A class: the row checks ask for it for every row, and a copy of a structure of four collections
/// retained each of them every time.
public final class EnrolmentHistory: Sendable {
    /// The outcome that concluded the enrolment, and the board that reached it.
    public let concluded: (outcome: String, board: Day)?
    /// Components whose first sit has been counted. Lists, not sets: a course has a handful of
    /// components, and a history is built for each enrolment at each board that has its rows.
    public let firstSitCounted: [Code]
    /// Components with a resit open at this board.
    public let resitOpen: [Code]
    /// The board that opened each component's resit or deferred sit: a list, searched, for a handful.
    public let openedAt: [(component: Code, board: Day)]

    public init(
        concluded: (outcome: String, board: Day)? = nil, firstSitCounted: [Code] = [], resitOpen: [Code] = [],
        openedAt: [(component: Code, board: Day)] = []
    ) {
        self.concluded = concluded
        self.firstSitCounted = firstSitCounted
        self.resitOpen = resitOpen
        self.openedAt = openedAt
    }
}

/// One check of SPEC §2.1, self-describing in the manner of a SwiftLint rule: a type with a stable
/// identifier, the sentence of the Procedure or SPEC it implements, and examples that are also its tests.
/// A type rather than a value holding a closure: each check is asked of every row, and a closure read
/// out of a list was retained and released around each call, ten million at 200,000 enrolments.
public protocol RowRule: Sendable {
    static var identifier: FindingCode { get }
    static var regulation: String { get }
    /// The reason the row is rejected, or nil when the rule lets it through.
    static func check(_ row: MarkRow, _ board: Presentation) -> String?
    static var examples: [RowExample] { get }
}

/// A case for a row rule: the worked-example row of student A (MC4002 SEP, component 001, attempt 1,
/// mark 70, submitted 2025-11-20, presented at 2025-12-11) with one change.
public struct RowExample: Sendable, CustomStringConvertible {
    public let description: String
    public let change: @Sendable (inout MarkRow, inout Presentation) -> Void
    public let rejected: Bool

    public static func passes(
        _ name: String, _ change: @escaping @Sendable (inout MarkRow, inout Presentation) -> Void = { _, _ in }
    ) -> RowExample {
        RowExample(description: name, change: change, rejected: false)
    }

    public static func rejects(
        _ name: String, _ change: @escaping @Sendable (inout MarkRow, inout Presentation) -> Void
    ) -> RowExample {
        RowExample(description: name, change: change, rejected: true)
    }
}

/// The row rules, in the order they apply: the first that fails rejects the row.
public enum RowRules {
    public static let all: [any RowRule.Type] = [
        OutsideEnrolmentYear.self, UnknownEnrolment.self, AttendanceCourse.self, UnknownComponent.self,
        SingleResit.self, SubmittedAfterBoard.self, StudentWithdrawn.self, AlreadyConcluded.self,
        ResitNotOpen.self, FirstSitAlreadyCounted.self, SubmittedBeforeOpened.self,
    ]

    /// The first check the row fails, and why; nil when it passes them all.
    static func firstRejection(of row: MarkRow, at presentation: Presentation) -> (FindingCode, String)? {
        // A plain loop by index: the row and the presentation are lent to each check.
        for index in all.indices {
            if let reason = all[index].check(row, presentation) { return (all[index].identifier, reason) }
        }
        return nil
    }
}

extension RowRules {
    public enum OutsideEnrolmentYear: RowRule {
        public static let identifier = FindingCode.outsideEnrolmentYear
        public static let regulation =
            "Academic teams are required to provide marks/grades to be presented and agreed at a University Assessment Board within the academic year of initial enrolment (Procedure §4)."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            row.academicYear == board.year.rowCode
                ? nil
                : "academic_year \(row.academicYear) is not the year of this board (\(board.year.code), board \(board.board)): marks are only presented within the academic year of initial enrolment"
        }
        public static let examples: [RowExample] = [
            .passes("the board's own year"),
            .rejects("a mark for 2024/25 at a 2025/26 board") { row, _ in row.academicYear = YearCode("2024/25")! },
        ]
    }

    public enum UnknownEnrolment: RowRule {
        public static let identifier = FindingCode.unknownEnrolment
        public static let regulation =
            "Every mark belongs to an enrolment: student, course, occurrence and year of initial enrolment."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            board.isEnrolled(row)
                ? nil
                : "student \(row.student) is not enrolled on \(row.course) occurrence \(row.occurrence) in \(row.academicYear); check the student id, course and occurrence against the enrolment list"
        }
        public static let examples: [RowExample] = [
            .passes("an enrolled student"),
            .rejects("a student who is not enrolled") { row, _ in row.student = Code("99999999")! },
            .rejects("the wrong occurrence") { row, _ in row.occurrence = Code("JAN")! },
        ]
    }

    public enum AttendanceCourse: RowRule {
        public static let identifier = FindingCode.attendanceCourse
        public static let regulation =
            "Students on non-credit bearing short courses will not be presented to assessment boards (Procedure §11.3)."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            board.isPresentedToBoards(row) == false
                ? "\(row.course) is a Certificate of Attendance course: non-credit courses are not presented to boards, so this row is not needed (record attendance in the enrolment list)"
                : nil
        }
        public static let examples: [RowExample] = [
            .passes("a credit-bearing course"),
            .rejects("an attendance course") { row, _ in
                row.course = Code("ATT101")!
                row.component = Code("001")!
            },
        ]
    }

    public enum UnknownComponent: RowRule {
        public static let identifier = FindingCode.unknownComponent
        public static let regulation = "A mark is for one of the course's assessments (components.csv)."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            board.isComponentOfCourse(row)
                ? nil
                : "component \(row.component) is not a component of \(row.course) (it has \(board.register.components[row.course, default: []].map(\.code.description).joined(separator: ", "))); check the component code"
        }
        public static let examples: [RowExample] = [
            .passes("component 002"),
            .rejects("component 003 of a two-component course") { row, _ in row.component = Code("003")! },
        ]
    }

    public enum SingleResit: RowRule {
        public static let identifier = FindingCode.attemptNotAllowed
        public static let regulation =
            "Students studying for credit-bearing short courses or micro-credentials will be allowed a single resit opportunity to be completed in advance of the next board (Procedure §4)."
        public static func check(_ row: MarkRow, _: Presentation) -> String? {
            (1...2).contains(row.attempt)
                ? nil
                : "attempt \(row.attempt) is not allowed: write 1 for the first sit or 2 for the single resit; there is no second resit"
        }
        public static let examples: [RowExample] = [
            .passes("the first sit"),
            .passes("the resit") { row, _ in row.attempt = 2 },
            .rejects("a third attempt") { row, _ in row.attempt = 3 },
            .rejects("attempt 0") { row, _ in row.attempt = 0 },
        ]
    }

    public enum SubmittedAfterBoard: RowRule {
        public static let identifier = FindingCode.submittedAfterBoard
        public static let regulation =
            "Work cannot be presented to a board before it exists: submitted_on must fall before the board."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            row.submittedOn < board.board
                ? nil
                : "submitted_on \(row.submittedOn) is on or after the board of \(board.board): work submitted then belongs to the next board's sheet, or the date is wrong"
        }
        public static let examples: [RowExample] = [
            .passes("submitted the day before the board") { row, _ in row.submittedOn = Day("2025-12-10")! },
            .rejects("submitted on the board day") { row, _ in row.submittedOn = Day("2025-12-11")! },
            .rejects("submitted after the board") { row, _ in row.submittedOn = Day("2026-01-05")! },
        ]
    }

    public enum StudentWithdrawn: RowRule {
        public static let identifier = FindingCode.studentWithdrawn
        public static let regulation = "A student who has withdrawn is not presented to later boards."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            guard let date = board.withdrawalBeforeBoard(of: row) else { return nil }
            return
                "student \(row.student) withdrew from \(row.course) on \(date), before this board; the mark cannot be presented"
        }
        public static let examples: [RowExample] = [
            .passes("an active student"),
            .passes("withdrew on the board day") { row, board in
                board.register.enrolments[row.enrolment]?.status = .withdrawn
                board.register.enrolments[row.enrolment]?.statusDate = board.board
            },
            .rejects("withdrew before the board") { row, board in
                board.register.enrolments[row.enrolment]?.status = .withdrawn
                board.register.enrolments[row.enrolment]?.statusDate = Day("2025-12-01")
            },
        ]
    }

    public enum AlreadyConcluded: RowRule {
        public static let identifier = FindingCode.alreadyConcluded
        public static let regulation =
            "PASS, PASS_RESIT, FAIL and WITHDRAWN conclude the enrolment; later rows for it are rejected."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            guard let concluded = board.readHistory(of: row, { $0.concluded }) else { return nil }
            return
                "the enrolment was already concluded (\(concluded.outcome) at the board of \(concluded.board)); later marks cannot change it"
        }
        public static let examples: [RowExample] = [
            .passes("an open enrolment") { _, board in board.history = { _ in EnrolmentHistory() } },
            .rejects("after a PASS") { _, board in
                board.board = Day("2026-02-19")!
                board.history = { _ in EnrolmentHistory(concluded: ("PASS", Day("2025-12-11")!)) }
            },
        ]
    }

    public enum ResitNotOpen: RowRule {
        public static let identifier = FindingCode.resitNotOpen
        public static let regulation = "A resit (attempt 2) is presented only for a component the board referred."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            guard row.attempt == 2, board.readHistory(of: row, { $0.resitOpen.contains(row.component) }) == false
            else { return nil }
            return
                "no resit is open for component \(row.component): an earlier board did not refer it, or its resit is already counted; if this is a first sit write attempt 1"
        }
        public static let examples: [RowExample] = [
            .passes("a referred component") { row, board in
                row.attempt = 2
                board.history = { _ in EnrolmentHistory(firstSitCounted: [Code("001")!], resitOpen: [Code("001")!]) }
            },
            .rejects("a component that was passed") { row, board in
                row.attempt = 2
                board.history = { _ in EnrolmentHistory(firstSitCounted: [Code("001")!]) }
            },
        ]
    }

    public enum FirstSitAlreadyCounted: RowRule {
        public static let identifier = FindingCode.firstSitAlreadyCounted
        public static let regulation =
            "Each component has one first sit; once counted, a new attempt-1 row cannot replace it."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            guard row.attempt == 1, board.readHistory(of: row, { $0.firstSitCounted.contains(row.component) }) == true
            else { return nil }
            return
                "the first sit of component \(row.component) was already counted at an earlier board; a resit is attempt 2"
        }
        public static let examples: [RowExample] = [
            .passes("a first sit not yet counted") { _, board in board.history = { _ in EnrolmentHistory() } },
            .rejects("a second first sit") { _, board in
                board.history = { _ in EnrolmentHistory(firstSitCounted: [Code("001")!]) }
            },
        ]
    }

    public enum SubmittedBeforeOpened: RowRule {
        public static let identifier = FindingCode.submittedBeforeOpened
        public static let regulation =
            "A resit, or a deferred sit, submitted on or before the board that opened it is rejected: it is the work of the earlier sit."
        public static func check(_ row: MarkRow, _ board: Presentation) -> String? {
            guard
                let opened = board.readHistory(
                    of: row, { $0.openedAt.first(where: { $0.component == row.component })?.board }),
                row.submittedOn <= opened
            else { return nil }
            return
                "submitted on \(row.submittedOn), on or before the board of \(opened) that opened this \(row.attempt == 2 ? "resit" : "deferred sit"); the new sit must be submitted after that board"
        }
        public static let examples: [RowExample] = [
            .passes("a resit submitted after the referral") { row, board in
                row.attempt = 2
                row.submittedOn = Day("2026-02-10")!
                board.board = Day("2026-02-19")!
                board.history = { _ in
                    EnrolmentHistory(
                        firstSitCounted: [Code("001")!], resitOpen: [Code("001")!],
                        openedAt: [(Code("001")!, Day("2025-12-11")!)])
                }
            },
            .rejects("a resit dated before the referral") { row, board in
                row.attempt = 2
                row.submittedOn = Day("2025-12-01")!
                board.board = Day("2026-02-19")!
                board.history = { _ in
                    EnrolmentHistory(
                        firstSitCounted: [Code("001")!], resitOpen: [Code("001")!],
                        openedAt: [(Code("001")!, Day("2025-12-11")!)])
                }
            },
        ]
    }
}
