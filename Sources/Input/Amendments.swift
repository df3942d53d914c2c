import Crypto
import Regulations

/// One enrolment's decision at a board as a seal records it (SPEC §7): outcome, reason, agreed mark,
/// grade and the board that decided, each as decisions.csv writes it (blank where it has none).
public struct SealedDecision: Sendable, Equatable {
    /// A course occurrence, whose decisions a seal digests together.
    public struct Occurrence: Hashable, Sendable, Comparable {
        public var course: String
        public var occurrence: String

        public init(course: String, occurrence: String) {
            self.course = course
            self.occurrence = occurrence
        }

        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.course, lhs.occurrence) < (rhs.course, rhs.occurrence)
        }
    }

    public var student: String
    public var course: String
    public var occurrence: String
    public var outcome: String
    public var reason: String
    public var agreedMark: String
    public var grade: String
    public var decidedAt: String

    public init(
        student: String, course: String, occurrence: String, outcome: String, reason: String, agreedMark: String,
        grade: String, decidedAt: String
    ) {
        self.student = student
        self.course = course
        self.occurrence = occurrence
        self.outcome = outcome
        self.reason = reason
        self.agreedMark = agreedMark
        self.grade = grade
        self.decidedAt = decidedAt
    }

    /// The decision of a replayed enrolment, as decisions.csv writes it.
    public init(_ result: EnrolmentResult) {
        let key = result.enrolment.key
        let decision = result.decision
        self.init(
            student: key.student.description, course: key.course.description, occurrence: key.occurrence.description,
            outcome: decision.outcome.rawValue, reason: decision.reason?.rawValue ?? "",
            agreedMark: (decision.usedMarks ? decision.agreedMark : nil).map(String.init) ?? "",
            grade: decision.outcome.grade?.rawValue ?? "", decidedAt: decision.board.description)
    }

    public var occurrenceKey: Occurrence { Occurrence(course: course, occurrence: occurrence) }

    /// Decisions of one board, course occurrence by course occurrence (in decisions.csv order), each
    /// occurrence's as the SHA-256 of its decisions: equal digests, equal decisions.
    public static func digests(of results: [EnrolmentResult]) -> [Occurrence: String] {
        var digests: [Occurrence: String] = [:]
        var hash = SHA256()
        var current: Occurrence?
        for result in results {
            let decision = SealedDecision(result)
            if decision.occurrenceKey != current {
                if let current { digests[current] = hexadecimal(hash.finalize()) }
                current = decision.occurrenceKey
                hash = SHA256()
            }
            hash.update(data: Array(decision.line.utf8))
        }
        if let current { digests[current] = hexadecimal(hash.finalize()) }
        return digests
    }

    /// What a digest covers: the student and the decision's fields (codes hold no comma).
    var line: String { [student, outcome, reason, agreedMark, grade, decidedAt].joined(separator: ",") + "\n" }
}

/// A decision of a sealed board that is not what its first seal recorded (SPEC §7): listed in every
/// later pack and in `amendments.csv`, with the unsealing that allowed it.
public struct Amendment: Sendable, Equatable {
    public var board: Day
    public var student: String
    public var course: String
    public var occurrence: String
    /// As the first seal recorded it; nil for an enrolment it did not hold (enrolled since).
    public var sealed: SealedDecision?
    /// As the board decides it now; nil for an enrolment no longer in the year's enrolments.
    public var now: SealedDecision?
    /// nil when no unsealing allowed it: the register, the enrolments or board.toml changed.
    public var unsealing: Unsealing?
}

public enum Amendments {
    /// The amendments of every board of the run's year up to its board that was ever sealed: each
    /// board's decisions now (the run's own at its board, a replay of the sheets already read at an
    /// earlier one) against its first seal's, course occurrence by course occurrence. Only the
    /// occurrences whose digests differ are read from the ledger (`sealedDecisions`).
    public static func find<Failure: Error>(
        _ run: BoardRun, register: Register, read: SheetsRead, book: SealBook,
        sealedDigests: (BoardSeal) throws(Failure) -> [SealedDecision.Occurrence: String],
        sealedDecisions: (BoardSeal, [SealedDecision.Occurrence]) throws(Failure) -> [SealedDecision]
    ) throws(Failure) -> [Amendment] {
        var amendments: [Amendment] = []
        for board in run.year.boards where board <= run.board {
            guard let first = book.first(board) else { continue }
            let results =
                board == run.board
                ? run.replay.enrolments
                : read.replay(through: board, config: run.config, register: register).enrolments
            let now = SealedDecision.digests(of: results)
            let then = try sealedDigests(first)
            let differing = Set(now.keys).union(then.keys).filter { now[$0] != then[$0] }.sorted()
            guard !differing.isEmpty else { continue }
            let wanted = Set(differing)
            let current = results.lazy.map(SealedDecision.init).filter { wanted.contains($0.occurrenceKey) }
            amendments += compare(
                sealed: try sealedDecisions(first, differing), now: Array(current), board: board,
                unsealing: book.unsealingBehind(board, boards: run.year.boards))
        }
        return amendments
    }

    /// The enrolments whose decisions differ, by course, occurrence and student.
    static func compare(sealed: [SealedDecision], now: [SealedDecision], board: Day, unsealing: Unsealing?)
        -> [Amendment]
    {
        struct Key: Hashable, Comparable {
            let course: String
            let occurrence: String
            let student: String
            static func < (lhs: Key, rhs: Key) -> Bool {
                (lhs.course, lhs.occurrence, lhs.student) < (rhs.course, rhs.occurrence, rhs.student)
            }
        }
        func key(_ decision: SealedDecision) -> Key {
            Key(course: decision.course, occurrence: decision.occurrence, student: decision.student)
        }
        let then = Dictionary(sealed.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let current = Dictionary(now.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        return Set(then.keys).union(current.keys).sorted().compactMap { key in
            guard then[key] != current[key] else { return nil }
            return Amendment(
                board: board, student: key.student, course: key.course, occurrence: key.occurrence, sealed: then[key],
                now: current[key], unsealing: unsealing)
        }
    }
}
