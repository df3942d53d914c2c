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
    public var enrolment: Enrolment
    public var course: Course
    public var components: [ComponentRecord]
    public var decision: Decision
    public var steps: [BoardStep]
}

/// Everything a run decides: the pure core's answer to (register, calendar, rows per board).
public struct ReplayResult: Sendable {
    /// In decisions.csv order: course, occurrence, student.
    public var enrolments: [EnrolmentResult] = []
    /// Rejected and superseded rows, and marks overdue at B.
    public var findings: [Finding] = []
    public var counted = 0
    public var superseded = 0
    public var rejected = 0

    public init() {}
}

public enum Replay {
    /// Decides every enrolment of `year` at `board` by replaying the year's boards in order up to and
    /// including it, each with the rows presented to it (SPEC §2). Boards after `board` are not read.
    public static func run(
        register: Register, policy: Policy, year: AcademicYear, through board: Day,
        presented: [Day: [MarkRow]]
    ) -> ReplayResult {
        precondition(year.boards.contains(board), "a run is for one of the year's boards")
        var result = ReplayResult()
        var states: [EnrolmentKey: EnrolmentState] = [:]
        for (key, enrolment) in register.enrolments where key.academicYear == year.code {
            guard let course = register.courses[key.course], course.isPresentedToBoards else { continue }
            let components = (register.components[course.code] ?? []).map { component in
                ComponentRecord(
                    component: component,
                    due: register.deadline(for: key, component: component.code) ?? year.ends)
            }
            states[key] = EnrolmentState(enrolment: enrolment, course: course, components: components)
        }

        for day in year.boards where day <= board {
            // Only enrolments with rows at this board are asked about, so only theirs are built.
            let rows = presented[day] ?? []
            var snapshot: [EnrolmentKey: EnrolmentHistory] = [:]
            for row in rows where snapshot[row.enrolment] == nil {
                if let state = states[row.enrolment] { snapshot[row.enrolment] = state.history }
            }
            let histories = snapshot
            let presentation = Presentation(
                board: day, year: year, register: register,
                history: { key in histories[key] ?? EnrolmentHistory() })
            let screening = Screening.screen(rows, at: presentation)
            result.counted += screening.counted.count
            result.superseded += screening.superseded.count
            result.rejected += screening.rejectedCount
            result.findings += screening.findings

            var deferredHere: [EnrolmentKey: [Code]] = [:]
            var presentedHere: [EnrolmentKey: [PresentedSit]] = [:]
            for row in screening.counted {
                // The state is changed where it lies in the dictionary, never copied out and back.
                guard let slot = states.index(forKey: row.enrolment),
                    let index = states.values[slot].components.firstIndex(where: { $0.component.code == row.component })
                else { continue }  // the row checks guarantee both; a row never goes missing silently
                let passMark = policy.passMark(for: states.values[slot].course)
                let counting = states.values[slot].components[index].count(
                    row, at: day, in: year, passMark: passMark)
                if case .flag(.deferral) = row.entry { deferredHere[row.enrolment, default: []].append(row.component) }
                presentedHere[row.enrolment, default: []].append(PresentedSit(row: row, counting: counting))
            }

            // Walked by index, not `states.indices`: that view holds the dictionary, so the first change
            // would copy all of it.
            var slot = states.startIndex
            while slot != states.endIndex {
                let key = states.keys[slot]
                states.values[slot].decide(
                    at: day, year: year, policy: policy, presented: presentedHere[key] ?? [],
                    deferredHere: deferredHere[key] ?? [])
                slot = states.index(after: slot)
            }
        }

        // Only this year's enrolments are sorted: the register holds every year's.
        for key in register.enrolments.keys.filter({ $0.academicYear == year.code }).sorted() {
            let enrolment = register.enrolments[key]!
            guard let course = register.courses[key.course] else { continue }
            if let state = states[key] {
                let decision = state.concluded ?? state.latest!  // every board up to B decided it
                result.enrolments.append(
                    EnrolmentResult(
                        enrolment: enrolment, course: course, components: state.components, decision: decision,
                        steps: state.steps))
                if decision.board == board {
                    result.findings += state.components.filter { $0.current == nil && $0.due < board }.map {
                        overdue($0, of: enrolment, at: board, last: year.lastBoard == board)
                    }
                }
            } else {
                let decision = AttendanceRule.decide(enrolment, at: board, threshold: policy.attendanceThreshold)
                result.enrolments.append(
                    EnrolmentResult(
                        enrolment: enrolment, course: course, components: [], decision: decision,
                        steps: [BoardStep(board: board, decision: decision)]))
            }
        }
        result.findings.sort(by: Finding.fileOrder)
        return result
    }

    private static func overdue(_ record: ComponentRecord, of enrolment: Enrolment, at board: Day, last: Bool)
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
    let enrolment: Enrolment
    let course: Course
    var components: [ComponentRecord]
    var concluded: Decision?
    var latest: Decision?
    var steps: [BoardStep] = []

    var history: EnrolmentHistory {
        EnrolmentHistory(
            concluded: concluded.map { ($0.outcome.rawValue, $0.board) },
            firstSitCounted: Set(components.filter { $0.firstSit != nil }.map(\.component.code)),
            resitOpen: Set(components.filter { $0.attempt == 2 && $0.resit == nil }.map(\.component.code)),
            openedAt: Dictionary(
                components.compactMap { record in record.openedAt.map { (record.component.code, $0) } },
                uniquingKeysWith: { first, _ in first }))
    }

    /// Records what board `day` saw and, unless already concluded, what it decided.
    mutating func decide(
        at day: Day, year: AcademicYear, policy: Policy, presented: [PresentedSit], deferredHere: [Code]
    ) {
        var step = BoardStep(board: day, presented: presented)
        if concluded == nil {
            let context = BoardContext(
                board: day, year: year, course: course, enrolment: enrolment, passMark: policy.passMark(for: course),
                resitCap: policy.resitCapApplies(to: course), components: components, deferredHere: deferredHere)
            let decision = DecisionRule.all.lazy.compactMap { $0.decide(context) }.first!
            apply(decision, next: context.nextBoard)
            step.decision = decision
        }
        steps.append(step)
    }

    mutating func apply(_ decision: Decision, next: Day?) {
        latest = decision
        if decision.outcome.concludes { concluded = decision }
        guard decision.outcome == .refer, let next else { return }
        for index in components.indices where decision.components.contains(components[index].component.code) {
            components[index].attempt = 2
            components[index].due = next.previous
            components[index].openedAt = decision.board
            components[index].deferredAt = nil
        }
    }
}

extension ComponentRecord {
    /// Counts one row for the current attempt (SPEC §2.2) and says what it did, for the trail.
    mutating func count(_ row: MarkRow, at board: Day, in year: AcademicYear, passMark: Int) -> Counting {
        let sit: Sit
        switch row.entry {
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
                attempt: attempt, mark: 0, grade: flag == .absent ? .absent : .nonSubmission, row: row, board: board)
        case .mark(let mark) where row.submittedOn > due:
            sit = Sit(attempt: attempt, mark: 0, grade: .late, submittedMark: mark, row: row, board: board)
        case .mark(let mark):
            sit = Sit(attempt: attempt, mark: mark, grade: mark >= passMark ? .pass : .fail, row: row, board: board)
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
