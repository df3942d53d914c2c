/// One check of SPEC §2.1, self-describing in the manner of a SwiftLint rule: a stable identifier, the
/// sentence of the Procedure or SPEC it implements, and examples that are also its tests.
public protocol RowRule: Sendable {
    static var identifier: FindingCode { get }
    static var regulation: String { get }
    /// Why the row is rejected, or nil when the rule lets it through.
    static func check(_ row: MarkRow, _ board: Presentation) -> Message?
    static var examples: [RowExample] { get }
}

/// The row rules, in the order they apply: the first that fails rejects the row.
public enum RowRules {
    public static let all: [any RowRule.Type] = [
        OutsideEnrolmentYear.self, UnknownEnrolment.self, AttendanceCourse.self, NameMismatch.self,
        UnknownComponent.self,
        SingleResit.self, SubmittedAfterBoard.self, StudentWithdrawn.self, AlreadyConcluded.self,
        ResitNotOpen.self, FirstSitAlreadyCounted.self, SubmittedBeforeOpened.self,
    ]

    /// Why the first rule the row fails rejects it; nil when it passes them all.
    static func firstRejection(of row: MarkRow, at presentation: Presentation) -> Message? {
        for rule in all {
            if let message = rule.check(row, presentation) { return message }
        }
        return nil
    }
}

/// A case for a row rule: the worked-example row of SPEC §5 (student A, MC4002 SEP, component 001,
/// attempt 1, mark 70, submitted 2025-11-20, presented at 2025-12-11) with one change.
public struct RowExample: Sendable, CustomStringConvertible {
    public let description: String
    public let change: @Sendable (inout MarkRow, inout Presentation) -> Void
    public let rejected: Bool
    public let location: ExampleLocation

    public static func passes(
        _ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column, _ change: @escaping @Sendable (inout MarkRow, inout Presentation) -> Void = { _, _ in }
    ) -> RowExample {
        RowExample(
            description: name, change: change, rejected: false,
            location: ExampleLocation(fileID: fileID, filePath: filePath, line: line, column: column))
    }

    public static func rejects(
        _ name: String, fileID: String = #fileID, filePath: String = #filePath, line: Int = #line,
        column: Int = #column, _ change: @escaping @Sendable (inout MarkRow, inout Presentation) -> Void
    ) -> RowExample {
        RowExample(
            description: name, change: change, rejected: true,
            location: ExampleLocation(fileID: fileID, filePath: filePath, line: line, column: column))
    }
}

/// What a row check knows besides the row: the board it is presented at, the register, and what
/// earlier boards decided.
public struct Presentation: Sendable {
    public var board: Day
    public var year: AcademicYear
    public var register: Register
    /// The sheets the rows were read from: a row names its sheet by its place here.
    public var sheets: [String]
    /// What earlier boards decided about the enrolment whose rows are screened (the replay screens one
    /// enrolment's rows at a time); nil for `board check`, which sees sheets without that history.
    public var history: EnrolmentHistory?
    /// The enrolment whose rows are screened, when the replay names it: its rows are matched to it
    /// without a search of the register for each row.
    public var screened: Enrolment?

    public init(
        board: Day, year: AcademicYear, register: Register, sheets: [String], history: EnrolmentHistory? = nil,
        screened: Enrolment? = nil
    ) {
        self.board = board
        self.year = year
        self.register = register
        self.sheets = sheets
        self.history = history
        self.screened = screened
    }

    /// Where the row was read, for its findings.
    public func source(of row: MarkRow) -> SourceLine { SourceLine(file: sheets[row.sheet], line: row.line) }

    /// The registered enrolment the row is for; nil when there is none.
    public func enrolment(of row: MarkRow) -> Enrolment? {
        if let screened, row.student == screened.key.student, row.course == screened.key.course,
            row.occurrence == screened.key.occurrence, row.academicYear == screened.key.academicYear
        {
            return screened
        }
        return register.enrolments[row.enrolment]
    }
}

/// What earlier boards decided about one enrolment, as far as the row checks need it.
public struct EnrolmentHistory: Sendable {
    /// The outcome that concluded the enrolment, and the board that reached it.
    public var concluded: (outcome: Outcome, board: Day)?
    /// Components whose first sit has been counted.
    public var firstSitCounted: [Code]
    /// Components with a resit open at this board.
    public var resitOpen: [Code]
    /// The board that opened each component's resit or deferred sit.
    public var openedAt: [(component: Code, board: Day)]

    public init(
        concluded: (outcome: Outcome, board: Day)? = nil, firstSitCounted: [Code] = [], resitOpen: [Code] = [],
        openedAt: [(component: Code, board: Day)] = []
    ) {
        self.concluded = concluded
        self.firstSitCounted = firstSitCounted
        self.resitOpen = resitOpen
        self.openedAt = openedAt
    }
}
