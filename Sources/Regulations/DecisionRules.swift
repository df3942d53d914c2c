/// What a decision rule sees of one enrolment at one board.
public struct BoardContext: Sendable {
    public var board: Day
    public var year: AcademicYear
    public var enrolment: Enrolment
    public var passMark: Int
    public var resitCap: Bool
    public var components: [ComponentRecord]
    /// Components whose sit was deferred at this board.
    public var deferredHere: [Code]

    public var nextBoard: Day? { year.board(after: board) }
    public var isLastBoard: Bool { nextBoard == nil }
    /// 2 once the board has referred any component, else 1.
    public var attempt: Int { components.contains { $0.attempt == 2 } ? 2 : 1 }
    /// Every component has a counted sit for its current attempt.
    public var allSitsCounted: Bool { components.allSatisfy { $0.current != nil } }

    /// The codes of the components with no counted sit that `include` picks, their records not copied:
    /// the rules ask at every board of every enrolment, and almost always find none.
    func missing(where include: (ComponentRecord) -> Bool) -> [Code] {
        components.codes { $0.current == nil && include($0) }
    }
}

/// One rule of SPEC §2.3, self-describing in the manner of a SwiftLint rule: a stable identifier,
/// the sentence of the Procedure or SPEC it implements, and examples that are also its tests. At each
/// board, for an enrolment not yet concluded, the first rule that applies decides.
public struct DecisionRule: Sendable {
    public let identifier: String
    public let name: String
    public let regulation: String
    public let decide: @Sendable (BoardContext) -> Decision?
    public let examples: [BoardExample]
}

/// The course mark M = Σ(weight × mark) / 100, rounded half up, in integers (SPEC §2.3).
public struct CourseMark: Sendable, Equatable {
    public let value: Int
    /// Each component's weight then mark, kept as numbers in one list: the sentence is written only when
    /// someone reads it, and a run keeps a course mark for each of millions of enrolments.
    let weightsAndMarks: [Int32]

    public init(_ parts: [(weight: Int, mark: Int)]) {
        self.init(parts.count) { parts[$0] }
    }

    init(_ components: [ComponentRecord]) {
        self.init(components.count) { (components[$0].component.weight, components[$0].current?.mark ?? 0) }
    }

    /// The mark of `count` parts, each given by its place.
    private init(_ count: Int, part: (Int) -> (weight: Int, mark: Int)) {
        var weightsAndMarks: [Int32] = []
        weightsAndMarks.reserveCapacity(2 * count)
        var total = 0
        for index in 0..<count {
            let (weight, mark) = part(index)
            weightsAndMarks.append(Int32(clamping: weight))
            weightsAndMarks.append(Int32(clamping: mark))
            total += weight * mark
        }
        self.weightsAndMarks = weightsAndMarks
        value = (total + 50) / 100
    }

    /// `60% × 70 + 40% × 55 = 64.00 → 64`.
    public var arithmetic: String {
        let parts = stride(from: 0, to: weightsAndMarks.count, by: 2).map {
            (weight: Int(weightsAndMarks[$0]), mark: Int(weightsAndMarks[$0 + 1]))
        }
        let total = parts.reduce(0) { $0 + $1.weight * $1.mark }
        let hundredths = total % 100
        let terms = parts.map { "\($0.weight)% × \($0.mark)" }.joined(separator: " + ")
        return "\(terms) = \(total / 100).\(hundredths < 10 ? "0" : "")\(hundredths) → \(value)"
    }
}

extension BoardContext {
    /// The codes of the components that stop the course passing: below the pass mark or their qualifying
    /// mark.
    var failing: [Code] {
        components.codes { record in
            let mark = record.current?.mark ?? 0
            return mark < passMark || mark < (record.component.qualifyingMark ?? 0)
        }
    }

    func passes(_ mark: CourseMark) -> Bool {
        mark.value >= passMark
            && components.allSatisfy { ($0.current?.mark ?? 0) >= ($0.component.qualifyingMark ?? 0) }
    }
}

extension Decision {
    /// Reached from the course mark, every sit counted (rule 5 or 6): the decision used the component marks.
    /// Inlined, so that a writer reading results through a buffer asks it in place: called across modules,
    /// it took a copy of the whole decision (its strings and lists retained) for each of a year's results.
    @inlinable public var usedMarks: Bool {
        rule == DecisionRule.firstSitsComplete.identifier || rule == DecisionRule.resitsComplete.identifier
    }
}

extension DecisionRule {
    public static let all: [DecisionRule] = [
        studentWithdrawal, deferred, notYetDue, marksMissing, firstSitsComplete, resitsComplete,
    ]

    /// The decision of the first rule that applies; the last two rules between them cover every case.
    static func first(_ context: BoardContext) -> Decision {
        // A plain loop by index: the context is lent to each rule, and no rule is copied out of the list
        // (with its examples) to be asked.
        for index in all.indices {
            if let decision = all[index].decide(context) { return decision }
        }
        preconditionFailure("no decision rule applied at \(context.board)")
    }

    public static let studentWithdrawal = DecisionRule(
        identifier: "student-withdrawal", name: "Student withdrawal",
        regulation:
            "A student whose status_date is before the board is WITHDRAWN (STUDENT_WITHDREW): no academic credit or certification.",
        decide: { context in
            guard context.enrolment.withdrew(before: context.board) else { return nil }
            return Decision(
                .withdrawn, .studentWithdrew, rule: "student-withdrawal", board: context.board, attempt: context.attempt
            )
        },
        examples: [
            .init(
                "withdrew before the first board", withdrawn: "2025-12-01", at: "2025-12-11", .withdrawn,
                .studentWithdrew),
            .init(
                "withdrew on the board day: still decided", withdrawn: "2025-12-11",
                ["2025-12-11": [.first("001", 70), .first("002", 55)]], at: "2025-12-11", .pass, marks: (64, 64)),
            .init(
                "withdrew between boards after a referral", withdrawn: "2026-01-10",
                ["2025-12-11": [.first("001", 30), .first("002", 45)]], at: "2026-02-19", .withdrawn, .studentWithdrew,
                decidedAt: "2026-02-19"),
        ])

    public static let deferred = DecisionRule(
        identifier: "deferral", name: "Deferred sit",
        regulation:
            "A deferred sit (DEF, mitigating circumstances accepted) is re-taken as the same attempt before the next board; at the year's last board there is nothing to defer to (DEFERRAL_BEYOND_YEAR).",
        decide: { context in
            guard !context.deferredHere.isEmpty else { return nil }
            return context.isLastBoard
                ? Decision(
                    .withdrawn, .deferralBeyondYear, rule: "deferral", board: context.board, attempt: context.attempt,
                    components: context.deferredHere)
                : Decision(
                    .deferred, rule: "deferral", board: context.board, attempt: context.attempt,
                    components: context.deferredHere)
        },
        examples: [
            .init(
                "D: 001 deferred at the first board", ["2025-12-11": [.first("001", .deferral), .first("002", 60)]],
                at: "2025-12-11", .deferred),
            .init(
                "D: the deferred first sit re-taken, uncapped",
                ["2025-12-11": [.first("001", .deferral), .first("002", 60)], "2026-02-19": [.first("001", 58)]],
                at: "2026-02-19", .pass, marks: (59, 59)),
            .init(
                "deferred at the year's last board", deadline: "2026-07-10",
                ["2026-07-23": [.first("001", .deferral), .first("002", 60)]],
                at: "2026-07-23", .withdrawn, .deferralBeyondYear),
            .init(
                "a deferred resit stays capped",
                [
                    "2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", .deferral)],
                    "2026-06-18": [.resit("001", 70)],
                ], at: "2026-06-18", .passResit, marks: (60, 40)),
        ])

    public static let notYetDue = DecisionRule(
        identifier: "not-yet-due", name: "Not yet due",
        regulation:
            "Some component has no counted sit and is not yet due: IN_PROGRESS; at the year's last board there is no board left in the year (NO_BOARD_IN_YEAR).",
        decide: { context in
            let waiting = context.missing { $0.due >= context.board }
            guard !waiting.isEmpty else { return nil }
            return context.isLastBoard
                ? Decision(
                    .withdrawn, .noBoardInYear, rule: "not-yet-due", board: context.board, attempt: context.attempt,
                    components: waiting)
                : Decision(
                    .inProgress, rule: "not-yet-due", board: context.board, attempt: context.attempt,
                    components: waiting)
        },
        examples: [
            .init("JAN-style deadline after the board", deadline: "2026-05-08", at: "2025-12-11", .inProgress),
            .init(
                "deadline after the last board", deadline: "2026-07-24", at: "2026-07-23", .withdrawn, .noBoardInYear),
            .init("due before the board", at: "2025-12-11", .pending, .marksOverdue),
        ])

    public static let marksMissing = DecisionRule(
        identifier: "marks-missing", name: "Marks missing",
        regulation:
            "Marks must be presented and agreed at a board within the academic year of initial enrolment; failure to do so results in withdrawal (Procedure §4): PENDING (MARKS_OVERDUE), or WITHDRAWN (MARKS_NOT_AGREED_IN_YEAR) at the year's last board.",
        decide: { context in
            let overdue = context.missing { $0.due < context.board }
            guard !overdue.isEmpty else { return nil }
            return context.isLastBoard
                ? Decision(
                    .withdrawn, .marksNotAgreedInYear, rule: "marks-missing", board: context.board,
                    attempt: context.attempt, components: overdue)
                : Decision(
                    .pending, .marksOverdue, rule: "marks-missing", board: context.board, attempt: context.attempt,
                    components: overdue)
        },
        examples: [
            .init(
                "E: 002 never arrives", ["2025-12-11": [.first("001", 65)]], at: "2026-02-19", .pending, .marksOverdue),
            .init(
                "E: 002 never arrives, at the last board", ["2025-12-11": [.first("001", 65)]], at: "2026-07-23",
                .withdrawn, .marksNotAgreedInYear),
            .init(
                "F: referred, the resit mark overdue",
                ["2025-12-11": [.first("001", 65, on: "2025-12-02"), .first("002", 50)]], at: "2026-02-19", .pending,
                .marksOverdue),
        ])

    public static let firstSitsComplete = DecisionRule(
        identifier: "first-sits-complete", name: "All sits counted, attempt 1",
        regulation:
            "Students will be allowed a single resit opportunity to be completed in advance of the next board (Procedure §4): a pass is PASS; a fail is REFER for the components below the pass mark or their qualifying mark, or FAIL (NO_RESIT_IN_YEAR) at the year's last board.",
        decide: { context in
            guard context.allSitsCounted, context.attempt == 1 else { return nil }
            let mark = CourseMark(context.components)
            if context.passes(mark) {
                return Decision(
                    .pass, rule: "first-sits-complete", board: context.board, attempt: 1, actualMark: mark.value,
                    agreedMark: mark.value, courseMark: mark)
            }
            guard let next = context.nextBoard else {
                return Decision(
                    .fail, .noResitInYear, rule: "first-sits-complete", board: context.board, attempt: 1,
                    actualMark: mark.value, agreedMark: mark.value, courseMark: mark)
            }
            return Decision(
                .refer, rule: "first-sits-complete", board: context.board, attempt: 2, actualMark: mark.value,
                agreedMark: mark.value, resitDue: next.previous, courseMark: mark,
                components: context.failing)
        },
        examples: [
            .init(
                "A: 001=70, 002=55", ["2025-12-11": [.first("001", 70), .first("002", 55)]], at: "2025-12-11", .pass,
                marks: (64, 64)),
            .init(
                "B at the first board", ["2025-12-11": [.first("001", 30), .first("002", 45)]], at: "2025-12-11",
                .refer, marks: (36, 36)),
            .init(
                "F: late work counts 0", ["2025-12-11": [.first("001", 65, on: "2025-12-02"), .first("002", 50)]],
                at: "2025-12-11", .refer, marks: (20, 20)),
            .init(
                "39.8 rounds up to the pass mark",
                ["2025-12-11": [.first("001", 37), .first("002", 44)]], at: "2025-12-11", .pass, marks: (40, 40)),
            .init(
                "below a qualifying mark", qualifying: ["002": 40],
                ["2025-12-11": [.first("001", 90), .first("002", 35)]], at: "2025-12-11", .refer, marks: (68, 68)),
            .init(
                "NS and AB count 0", ["2025-12-11": [.first("001", .nonSubmission), .first("002", .absent)]],
                at: "2025-12-11", .refer, marks: (0, 0)),
            .init(
                "failed at the year's last board", deadline: "2026-07-10",
                ["2026-07-23": [.first("001", 30), .first("002", 45)]],
                at: "2026-07-23", .fail, .noResitInYear, marks: (36, 36)),
        ])

    public static let resitsComplete = DecisionRule(
        identifier: "resits-complete", name: "All sits counted, attempt 2",
        regulation:
            "The course mark is recomputed with the resit marks: a pass is PASS_RESIT, agreed at no more than the pass mark where the resit cap applies; a fail is FAIL (RESIT_FAILED), as there is no second resit.",
        decide: { context in
            guard context.allSitsCounted, context.attempt == 2 else { return nil }
            let mark = CourseMark(context.components)
            guard context.passes(mark) else {
                return Decision(
                    .fail, .resitFailed, rule: "resits-complete", board: context.board, attempt: 2,
                    actualMark: mark.value, agreedMark: mark.value, courseMark: mark)
            }
            return Decision(
                .passResit, rule: "resits-complete", board: context.board, attempt: 2, actualMark: mark.value,
                agreedMark: context.resitCap ? min(mark.value, context.passMark) : mark.value,
                courseMark: mark)
        },
        examples: [
            .init(
                "B: resit 001=52, capped",
                ["2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", 52)]],
                at: "2026-02-19", .passResit, marks: (49, 40), decidedAt: "2026-02-19"),
            .init(
                "B without the cap", resitCap: false,
                ["2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", 52)]],
                at: "2026-02-19", .passResit, marks: (49, 49)),
            .init(
                "C: resit 001=20",
                ["2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", 20)]],
                at: "2026-02-19", .fail, .resitFailed, marks: (30, 30)),
            .init(
                "a late resit counts 0",
                [
                    "2025-12-11": [.first("001", 30), .first("002", 45)],
                    "2026-06-18": [.resit("001", 80, on: "2026-03-01")],
                ], at: "2026-06-18", .fail, .resitFailed, marks: (18, 18)),
            .init(
                "a concluded outcome stays at its board",
                ["2025-12-11": [.first("001", 30), .first("002", 45)], "2026-02-19": [.resit("001", 52)]],
                at: "2026-07-23", .passResit, marks: (49, 40), decidedAt: "2026-02-19"),
        ])
}
