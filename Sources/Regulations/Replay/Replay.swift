/// One row presented at a board that counted for an enrolment, and what it did.
public struct PresentedSit: Sendable {
    public var row: MarkRow
    public var counting: Counting
}

/// What counting one row did to its component, kept as facts: the trail's sentence is written only
/// when someone reads it (`board explain`).
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

/// One enrolment of the year, decided at board B, with the trail of every board that led there. Made
/// once by the replay and then only read, by every file of the run: shared, not copied, as a value with
/// a dozen strings and lists would be at each read.
public final class EnrolmentResult: Sendable {
    public let enrolment: Enrolment
    public let course: Course
    public let components: [ComponentRecord]
    public let decision: Decision
    /// The last board at which a course decision used the component marks (rule 5 or 6): a sit counted
    /// at or before it is agreed.
    public let marksUsedAt: Day?
    /// What each board saw and decided, when the replay kept the trail (`board explain`); empty otherwise.
    public let steps: [BoardStep]

    init(
        enrolment: Enrolment, course: Course, components: [ComponentRecord], decision: Decision,
        marksUsedAt: Day? = nil, steps: [BoardStep]
    ) {
        self.enrolment = enrolment
        self.course = course
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
    /// Rejected and superseded rows and marks overdue at B, in the order they were found.
    public var findings = Findings()
    public var counted = 0
    public var superseded = 0
    public var rejected = 0

    public init() {}

    mutating func add(_ screening: Screening) {
        counted += screening.counted.count
        superseded += screening.superseded.count
        rejected += screening.rejectedCount
        findings += screening.findings
    }
}

/// The year's boards replayed, up to board B (SPEC §2). What happens to one enrolment at a board
/// depends only on its own rows and its own earlier boards (row checks, conflicts and duplicates are
/// per enrolment, and so are decisions), so each enrolment is replayed through every board on its own,
/// and any range of enrolments can be decided apart from the rest — the shell may decide ranges on
/// several cores — and the parts combined in order.
public struct Replay: Sendable {
    public let register: Register
    public let policy: Policy
    public let year: AcademicYear
    public let board: Day
    /// The sheets the rows were read from, which a row names by place.
    public let sheets: [String]
    /// The year's enrolments on registered courses, in decisions.csv order: an enrolment's place is
    /// its index here.
    public let enrolments: [Enrolment]
    /// The year's boards up to and including `board`, each with its rows grouped by enrolment.
    let boards: [BoardRows]
    /// Whether each result keeps its trail (what each board saw and decided): `board explain` shows it.
    let keepsTrail: Bool

    /// One board's rows in presentation order (files in byte order of their names, then lines), grouped
    /// by the place of their enrolment.
    public struct BoardRows: Sendable {
        let day: Day
        /// The board's rows as they were read.
        let presented: [MarkRow]
        /// `presented[order[start[place]..<start[place + 1]]]` are the rows of the enrolment at `place`,
        /// in presentation order.
        let order: [Int]
        let start: [Int]
        /// The places in `presented` of the rows for no enrolment of the year, in presentation order:
        /// every one of them is rejected. Places, not rows: a sheet of strangers is held once.
        let elsewhere: [Int]

        init(day: Day, presented: [MarkRow], placeOf: [EnrolmentKey: Int], count: Int, ranks: [Int]) {
            self.day = day
            self.presented = presented
            let inOrder = Screening.presentationOrder(of: presented, ranks: ranks)
            // A counting sort by place keeps each enrolment's rows in presentation order.
            var placeOfRow = [Int](repeating: -1, count: presented.count)
            var start = [Int](repeating: 0, count: count + 1)
            var elsewhere: [Int] = []
            for index in inOrder {
                if let place = placeOf[presented[index].enrolment] {
                    placeOfRow[index] = place
                    start[place + 1] += 1
                } else {
                    elsewhere.append(index)
                }
            }
            for place in 0..<count { start[place + 1] += start[place] }
            var next = start
            var order = [Int](repeating: 0, count: start[count])
            for index in inOrder where placeOfRow[index] >= 0 {
                order[next[placeOfRow[index]]] = index
                next[placeOfRow[index]] += 1
            }
            self.order = order
            self.start = start
            self.elsewhere = elsewhere
        }

        func rows(of place: Int) -> [MarkRow] { order[start[place]..<start[place + 1]].map { presented[$0] } }
    }

    /// Groups the rows of each board, one after another or several at once on other threads: the shell
    /// chooses; the core has no threads of its own.
    public typealias Mapping = @Sendable (_ days: [Day], _ group: @Sendable (Day) -> BoardRows) -> [BoardRows]

    /// `presented`: the rows presented to each board, read from `sheets`. Boards after `board` are not
    /// read. Each board's rows are grouped by one transform of `mapping`.
    public init(
        register: Register, policy: Policy, year: AcademicYear, through board: Day, sheets: [String],
        presented: [Day: [MarkRow]], keepingTrail: Bool = true,
        mapping: Mapping = { days, group in days.map(group) }
    ) {
        precondition(year.boards.contains(board), "a run is for one of the year's boards")
        self.register = register
        self.policy = policy
        self.year = year
        self.board = board
        self.sheets = sheets
        keepsTrail = keepingTrail
        // An enrolment on a course the register lacks is not decided (the register check refuses it).
        enrolments = register.enrolments.keys.filter {
            $0.academicYear == year.code && register.courses[$0.course] != nil
        }.sorted().map { register.enrolments[$0]! }
        let placeOf = Dictionary(uniqueKeysWithValues: enrolments.enumerated().map { ($1.key, $0) })
        let ranks = Screening.ranks(of: sheets)
        boards = mapping(year.boards.filter { $0 <= board }) { day in
            BoardRows(day: day, presented: presented[day] ?? [], placeOf: placeOf, count: placeOf.count, ranks: ranks)
        }
    }

    /// Every enrolment decided, on this thread.
    public func decideAll() -> ReplayResult { combine([decide(enrolments.indices)]) }

    /// The parts of `decide`, in place order, combined into the whole result; the rows for no enrolment
    /// of the year are screened (and rejected) here.
    public func combine(_ parts: [ReplayResult]) -> ReplayResult {
        var result = ReplayResult()
        for part in parts {
            result.enrolments += part.enrolments
            result.findings += part.findings
            result.counted += part.counted
            result.superseded += part.superseded
            result.rejected += part.rejected
        }
        for board in boards where !board.elsewhere.isEmpty {
            let presentation = Presentation(
                board: board.day, year: year, register: register, sheets: sheets, history: EnrolmentHistory())
            result.add(
                Screening.screen(
                    inPresentationOrder: board.elsewhere.lazy.map { board.presented[$0] }, at: presentation))
        }
        return result
    }

    /// Replays the enrolments at `places` through every board: their results in place order, with the
    /// counts and findings of their rows.
    public func decide(_ places: Range<Int>) -> ReplayResult {
        var part = ReplayResult()
        part.enrolments.reserveCapacity(places.count)
        // One presentation for the range, its board, history and enrolment changed as the replay goes.
        var presentation = Presentation(board: board, year: year, register: register, sheets: sheets)
        // Enrolments come occurrence by occurrence: a course's components and their deadlines are looked
        // up once for each occurrence.
        var occurrence: (course: Course, code: Code, components: [Component], dues: [Day])?
        for place in places {
            let enrolment = enrolments[place]
            if occurrence?.course.code != enrolment.key.course || occurrence?.code != enrolment.key.occurrence {
                let course = register.courses[enrolment.key.course]!
                let components = register.components[course.code] ?? []
                occurrence = (
                    course, enrolment.key.occurrence, components,
                    components.map { register.deadline(for: enrolment.key, component: $0.code) ?? year.ends }
                )
            }
            let course = occurrence!.course
            var state =
                course.isPresentedToBoards
                ? EnrolmentState(
                    enrolment, of: course, components: occurrence!.components, dues: occurrence!.dues, year: year,
                    policy: policy) : nil
            presentation.screened = enrolment
            for board in boards {
                let rows = board.rows(of: place)
                var presentedHere: [PresentedSit] = []
                var deferredHere: [Code] = []
                if !rows.isEmpty {
                    presentation.board = board.day
                    presentation.history = state?.history ?? EnrolmentHistory()
                    let screening = Screening.screen(inPresentationOrder: rows, at: presentation)
                    part.add(screening)
                    for row in screening.counted {
                        // The row checks guarantee the component exists; a row never goes missing silently.
                        guard let index = state?.components.firstIndex(where: { $0.component.code == row.component })
                        else { continue }
                        let counting = state!.components[index].count(
                            row.entry, submittedOn: row.submittedOn, language: row.language, at: board.day,
                            in: year, passMark: state!.passMark)
                        if case .flag(.deferral) = row.entry { deferredHere.append(row.component) }
                        if keepsTrail { presentedHere.append(PresentedSit(row: row, counting: counting)) }
                    }
                }
                state?.decide(at: board.day, presented: keepsTrail ? presentedHere : nil, deferredHere: deferredHere)
            }
            let result: EnrolmentResult
            if let state {
                result = state.result(course: course)
                // Marks are chased for the enrolments B decided, but not from a student who withdrew:
                // no one can follow the advice to submit their work.
                if result.decision.board == board, result.decision.reason != .studentWithdrew {
                    part.findings += result.components.filter { $0.current == nil && $0.due < board }.map {
                        Self.overdue($0, of: enrolment, at: board, last: year.lastBoard == board)
                    }
                }
            } else {
                let decision = AttendanceRule.decide(enrolment, at: board, threshold: policy.attendanceThreshold)
                result = EnrolmentResult(
                    enrolment: enrolment, course: course, components: [], decision: decision,
                    steps: keepsTrail ? [BoardStep(board: board, decision: decision)] : [])
            }
            part.enrolments.append(result)
        }
        return part
    }

    static func overdue(_ record: ComponentRecord, of enrolment: Enrolment, at board: Day, last: Bool) -> Finding {
        let sit = record.attempt == 2 ? "resit" : record.openedAt != nil ? "deferred sit" : "mark"
        return Finding(
            .marksOverdue(
                sit: sit, component: record.component.code, title: record.component.title, due: record.due,
                lastBoard: last),
            at: enrolment.source, student: enrolment.key.student.description,
            course: enrolment.key.course.description, component: record.component.code.description)
    }
}

/// The replay's running state for one credit-bearing enrolment.
struct EnrolmentState {
    let enrolment: Enrolment
    let year: AcademicYear
    let passMark: Int
    let resitCap: Bool
    /// Each component's sits and due date, as the boards so far left them.
    var components: [ComponentRecord]
    /// The last board's decision; once it concludes the enrolment no board decides again, so it is also
    /// the concluding one.
    var latest: Decision?
    var marksUsedAt: Day?
    var steps: [BoardStep] = []

    var isConcluded: Bool { latest?.outcome.concludes == true }

    /// `dues`: each component's due date for the first sit, in the order of the course's components.
    init(
        _ enrolment: Enrolment, of course: Course, components: [Component], dues: [Day], year: AcademicYear,
        policy: Policy
    ) {
        self.enrolment = enrolment
        self.year = year
        passMark = policy.passMark(for: course)
        resitCap = policy.resitCapApplies(to: course)
        self.components = zip(components, dues).map { ComponentRecord(component: $0, due: $1) }
    }

    /// What earlier boards decided, as the row checks need it.
    var history: EnrolmentHistory {
        EnrolmentHistory(
            concluded: isConcluded ? latest.map { ($0.outcome, $0.board) } : nil,
            firstSitCounted: components.filter { $0.firstSit != nil }.map(\.component.code),
            resitOpen: components.filter { $0.attempt == 2 && $0.resit == nil }.map(\.component.code),
            openedAt: components.compactMap { record in record.openedAt.map { (record.component.code, $0) } })
    }

    /// Records what board `day` decided, unless the enrolment is already concluded, and, when the trail
    /// is kept, what it saw.
    mutating func decide(at day: Day, presented: [PresentedSit]?, deferredHere: [Code]) {
        let decides = !isConcluded
        if decides {
            let decision = DecisionRules.first(
                BoardContext(
                    board: day, year: year, enrolment: enrolment, passMark: passMark, resitCap: resitCap,
                    components: components, deferredHere: deferredHere))
            if decision.outcome == .refer, let next = year.board(after: day) {
                for index in components.indices where decision.components.contains(components[index].component.code) {
                    components[index].attempt = 2
                    components[index].due = next.previous
                    components[index].openedAt = decision.board
                    components[index].deferredAt = nil
                }
            }
            if decision.usedMarks { marksUsedAt = day }
            latest = decision
        }
        if let presented { steps.append(BoardStep(board: day, presented: presented, decision: decides ? latest : nil)) }
    }

    /// What the run keeps of the enrolment: every board up to B decided it, or one before it concluded it.
    func result(course: Course) -> EnrolmentResult {
        EnrolmentResult(
            enrolment: enrolment, course: course, components: components, decision: latest!,
            marksUsedAt: marksUsedAt, steps: steps)
    }
}

extension ComponentRecord {
    /// Counts one row's entry for the current attempt (SPEC §2.2) and says what it did, for the trail.
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
                attempt: attempt, mark: mark, grade: mark >= passMark ? .pass : .fail, language: language, board: board)
        }
        deferredAt = nil
        if attempt == 1 { firstSit = sit } else { resit = sit }
        switch sit.grade {
        case .late: return .late(attempt: attempt, submittedMark: mark(of: entry), due: due)
        case .nonSubmission, .absent: return .noWork(attempt: attempt, grade: sit.grade)
        default: return .marked(attempt: attempt, mark: sit.mark, grade: sit.grade, passMark: passMark)
        }
    }

    private func mark(of entry: SitEntry) -> Int {
        if case .mark(let mark) = entry { return mark }
        return 0
    }
}
