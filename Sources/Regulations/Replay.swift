/// One row presented at a board that counted for an enrolment, and what it did.
public struct PresentedSit: Sendable {
    public var row: MarkRow
    public var counting: Counting
}

/// What counting one row did to its component, kept as facts: the trail's sentence is written only
/// when someone reads it (`board explain`), never for each of a million rows.
public enum Counting: Sendable {
    /// Deferred (mitigating circumstances): the attempt is re-taken, due the day before the next board.
    case deferred(attempt: Int, due: Day)
    /// Deferred at the year's last board, which leaves no board to defer to.
    case deferredAtLastBoard
    /// Counted as late: mark 0, grade L; the mark as submitted and the due date it missed.
    case late(attempt: Int, submittedMark: Int, due: Day)
    /// Counted with a grade for no work (absent or non-submission), mark 0.
    case noWork(attempt: Int, grade: Grade)
    /// Counted with its mark and grade against the pass mark.
    case marked(attempt: Int, mark: Int, grade: Grade, passMark: Int)
}

/// What one board saw and decided about one enrolment.
public struct BoardStep: Sendable {
    public var board: Day
    public var presented: [PresentedSit] = []
    /// nil when the enrolment was already concluded at an earlier board.
    public var decision: Decision?
}

/// One enrolment of the year, decided at board B, with the trail of every board that led there.
public struct EnrolmentResult: Sendable {
    /// Where the enrolment is in `ReplayResult.listed`: a result refers to the register's enrolment
    /// rather than keeping a copy, which at two million results was 288 MB written into fresh memory.
    public var listedAt: Int { Int(storedListedAt) }
    private let storedListedAt: Int32
    /// Held once for all the course's enrolments: a copy in each of two million results was a third
    /// of a gigabyte.
    private let sharedCourse: SharedCourse
    public var course: Course { sharedCourse.course }
    public var components: [ComponentRecord]
    public var decision: Decision
    /// The last board at which a course decision used the component marks (rule 5 or 6): a sit counted
    /// at or before it is agreed.
    public var marksUsedAt: Day?
    /// What each board saw and decided, when the replay kept the trail (`board explain`); empty otherwise.
    public var steps: [BoardStep]

    init(
        listedAt: Int, course: SharedCourse, components: [ComponentRecord], decision: Decision,
        marksUsedAt: Day? = nil, steps: [BoardStep]
    ) {
        storedListedAt = Int32(listedAt)
        sharedCourse = course
        self.components = components
        self.decision = decision
        self.marksUsedAt = marksUsedAt
        self.steps = steps
    }
}

/// Everything a run decides: the pure core's answer to (register, calendar, rows per board).
public struct ReplayResult: Sendable {
    /// In decisions.csv order: course, occurrence, student.
    public var enrolments: [EnrolmentResult] = []
    /// The register's enrolments, which each result refers to by its `listedAt`.
    public var listed: [Enrolment] = []
    /// Rejected and superseded rows, and marks overdue at B, in file order (`Finding.fileOrder`, ties in
    /// the order they were found): a run merges them into its exceptions without sorting them again.
    public var findings: [Finding] = []
    public var counted = 0
    public var superseded = 0
    public var rejected = 0

    public init() {}

    /// The enrolment of the result at `index` in `enrolments`.
    public func enrolment(at index: Int) -> Enrolment { listed[enrolments[index].listedAt] }
}

public enum Replay {
    /// Decides every enrolment of `year` at `board` by replaying the year's boards in order up to and
    /// including it, each with the rows presented to it (SPEC §2). Boards after `board` are not read.
    public static func run(
        register: Register, policy: Policy, year: AcademicYear, through board: Day, sheets: [String],
        presented: [Day: [MarkRow]]
    ) -> ReplayResult {
        let plan = ReplayPlan(
            register: register, policy: policy, year: year, through: board, sheets: sheets,
            presented: presented)
        return plan.decideAll(inRanges: 1, perform: ReplayPlan.oneAfterAnother)
    }

    static func overdue(_ record: ComponentRecord, of enrolment: Enrolment, at board: Day, last: Bool)
        -> Finding
    {
        let sit = record.attempt == 2 ? "resit" : record.openedAt != nil ? "deferred sit" : "mark"
        return Finding(
            .warning, .marksOverdue, at: enrolment.source, student: enrolment.key.student.description,
            course: enrolment.key.course.description, component: record.component.code.description,
            "no \(sit) for component \(record.component.code) (\(record.component.title), due \(record.due)) has been presented to a board"
                + (last
                    ? "; marks were not agreed within the academic year, so the student is withdrawn"
                    : "; the course leader must submit it to the next board"))
    }
}

/// The replay's running state for one credit-bearing enrolment.
struct EnrolmentState {
    /// What the decision rules see, kept from board to board (only the board, the components and the
    /// deferrals change), so the enrolment and year are not copied for every board. Of the course it
    /// holds only what the rules ask: its pass mark and whether the resit cap applies.
    private(set) var context: BoardContext
    /// The last board's decision; once it concludes the enrolment no board decides again, so it is also
    /// the concluding one.
    var latest: Decision?
    var isConcluded: Bool { latest?.outcome.concludes == true }
    var marksUsedAt: Day?
    /// Kept only when `keepsTrail`: a year's steps were half of a run's results.
    let keepsTrail: Bool
    var steps: [BoardStep] = []

    var enrolment: Enrolment { context.enrolment }
    var components: [ComponentRecord] {
        get { context.components }
        _modify { yield &context.components }
    }

    /// `dues`: each component's deadline for the first sit, in the order of `components`.
    init(
        _ enrolment: Enrolment, of course: Course, components: [SharedComponent], dues: [Day], year: AcademicYear,
        policy: Policy, keepingTrail: Bool
    ) {
        keepsTrail = keepingTrail
        context = BoardContext(
            board: year.boards[0], year: year, enrolment: enrolment,
            passMark: policy.passMark(for: course), resitCap: policy.resitCapApplies(to: course),
            components: components.indices.map { ComponentRecord(components[$0], due: dues[$0]) }, deferredHere: [])
    }

    /// Each component's deadline for the first sit on the enrolment's occurrence; the end of the year
    /// when none is set.
    static func dues(
        of enrolment: EnrolmentKey, components: [SharedComponent], in register: Register, year: AcademicYear
    ) -> [Day] {
        components.map { register.deadline(for: enrolment, component: $0.component.code) ?? year.ends }
    }

    /// What earlier boards decided; nil when nothing is decided yet, as for most enrolments at their
    /// first board (the caller has one empty history for them all).
    var history: EnrolmentHistory? {
        if !isConcluded
            && components.allSatisfy({
                $0.firstSit == nil && $0.openedAt == nil && !($0.attempt == 2 && $0.resit == nil)
            })
        {
            return nil
        }
        return EnrolmentHistory(
            concluded: isConcluded ? latest.map { ($0.outcome.rawValue, $0.board) } : nil,
            firstSitCounted: components.codes { $0.firstSit != nil },
            resitOpen: components.codes { $0.attempt == 2 && $0.resit == nil },
            openedAt: components.compactMap { record in record.openedAt.map { (record.component.code, $0) } })
    }

    /// Records what board `day` saw and, unless already concluded, what it decided.
    mutating func decide(at day: Day, presented: [PresentedSit], deferredHere: [Code]) {
        let decides = !isConcluded
        if decides {
            context.board = day
            context.deferredHere = deferredHere
            apply(DecisionRule.first(context), next: context.nextBoard)
            if latest!.usedMarks { marksUsedAt = day }
        }
        // The step is made only for a trail that is kept: a run made and dropped one at every board.
        if keepsTrail { steps.append(BoardStep(board: day, presented: presented, decision: decides ? latest : nil)) }
    }

    /// What the run keeps of the enrolment, its components and decision moved there, not copied.
    consuming func result(listedAt: Int, course: SharedCourse) -> EnrolmentResult {
        // Every board up to B decided it, or one before it concluded it.
        EnrolmentResult(
            listedAt: listedAt, course: course, components: context.components, decision: latest.take()!,
            marksUsedAt: marksUsedAt, steps: steps)
    }

    /// The decision becomes the latest, moved there, not copied with its lists.
    mutating func apply(_ decision: consuming Decision, next: Day?) {
        if decision.outcome == .refer, let next {
            for index in components.indices where decision.components.contains(components[index].component.code) {
                components[index].attempt = 2
                components[index].due = next.previous
                components[index].openedAt = decision.board
                components[index].deferredAt = nil
            }
        }
        latest = decision
    }
}

extension ComponentRecord {
    /// Counts one row's entry for the current attempt (SPEC §2.2) and says what it did, for the trail.
    /// Given the row's fields, not the row: the caller lends them from its list without copying the row.
    mutating func count(
        _ entry: SitEntry, submittedOn: Day, language: Language, at board: Day, in year: AcademicYear, passMark: Int
    ) -> Counting {
        let sit: Sit
        switch entry {
        case .flag(.deferral):
            deferredAt = board
            openedAt = board
            if let next = year.board(after: board) {
                due = next.previous
                return .deferred(attempt: attempt, due: due)
            }
            return .deferredAtLastBoard
        case .flag(let flag):
            sit = Sit(
                attempt: attempt, mark: 0, grade: flag == .absent ? .absent : .nonSubmission, language: language,
                board: board)
        case .mark(let mark) where submittedOn > due:
            sit = Sit(attempt: attempt, mark: 0, grade: .late, submittedMark: mark, language: language, board: board)
        case .mark(let mark):
            sit = Sit(
                attempt: attempt, mark: mark, grade: mark >= passMark ? .pass : .fail, language: language,
                board: board)
        }
        deferredAt = nil
        if attempt == 1 { firstSit = sit } else { resit = sit }
        switch sit.grade {
        case .late: return .late(attempt: attempt, submittedMark: sit.submittedMark!, due: due)
        case .nonSubmission, .absent: return .noWork(attempt: attempt, grade: sit.grade)
        default: return .marked(attempt: attempt, mark: sit.mark, grade: sit.grade, passMark: passMark)
        }
    }
}

/// Certificate of Attendance courses are never presented to boards (Procedure §11.3).
public enum AttendanceRule {
    public static let regulation =
        "Students on non-credit bearing short courses will not be presented to assessment boards: ATTENDED when attendance reaches the threshold, else NOT_ATTENDED; WITHDRAWN (STUDENT_WITHDREW) when the student withdrew before the board."

    public static func decide(_ enrolment: Enrolment, at board: Day, threshold: Int) -> Decision {
        if enrolment.withdrew(before: board) {
            return Decision(.withdrawn, .studentWithdrew, rule: "attendance", board: board)
        }
        let attended = (enrolment.attendance ?? 0) >= Percent(integerLiteral: threshold)
        return Decision(attended ? .attended : .notAttended, rule: "attendance", board: board)
    }
}
