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
    /// The unsealing that allowed the decision as it is now: the last one, of the board or of an earlier
    /// board of its year, before the seal that first recorded it so, or since the board's latest seal
    /// when no seal recorded it so. nil when none did: the register, the enrolments or board.toml changed
    /// under a sealed board.
    public var unsealing: Unsealing?
}

public enum Amendments {
    /// The amendments of every board of `year` up to `board` that was ever sealed: each board's
    /// decisions now (`decisions`, the replay of the sheets read up to it) against its first seal's,
    /// course occurrence by course occurrence. Only the occurrences whose digests differ are read from
    /// the ledger (`sealedDecisions`), for every version of the seal, to find which unsealing allowed
    /// each decision as it is now.
    public static func find<Failure: Error>(
        year: AcademicYear, through board: Day, book: SealBook, decisions: (Day) -> [EnrolmentResult],
        sealedDigests: (BoardSeal) throws(Failure) -> [SealedDecision.Occurrence: String],
        sealedDecisions: (BoardSeal, [SealedDecision.Occurrence]) throws(Failure) -> [SealedDecision]
    ) throws(Failure) -> [Amendment] {
        var amendments: [Amendment] = []
        for sealed in year.boards where sealed <= board {
            let versions = book.seals.filter { $0.board == sealed }
            guard let first = versions.first else { continue }
            let results = decisions(sealed)
            let now = SealedDecision.digests(of: results)
            let then = try sealedDigests(first)
            let differing = Set(now.keys).union(then.keys).filter { now[$0] != then[$0] }.sorted()
            guard !differing.isEmpty else { continue }
            let wanted = Set(differing)
            let current = results.lazy.map(SealedDecision.init).filter { wanted.contains($0.occurrenceKey) }
            var recorded: [[SealedDecision]] = []
            for version in versions { recorded.append(try sealedDecisions(version, differing)) }
            amendments += compare(
                versions: Array(zip(versions, recorded)), now: Array(current), board: sealed, book: book,
                boards: year.boards)
        }
        return amendments
    }

    /// The enrolments whose decisions now differ from the first seal's, by course, occurrence and
    /// student, each with the unsealing behind the change that made it what it is now.
    static func compare(
        versions: [(seal: BoardSeal, decisions: [SealedDecision])], now: [SealedDecision], board: Day, book: SealBook,
        boards: [Day]
    ) -> [Amendment] {
        struct Key: Hashable, Comparable {
            let course: String
            let occurrence: String
            let student: String
            static func < (lhs: Key, rhs: Key) -> Bool {
                (lhs.course, lhs.occurrence, lhs.student) < (rhs.course, rhs.occurrence, rhs.student)
            }
        }
        func keyed(_ decisions: [SealedDecision]) -> [Key: SealedDecision] {
            Dictionary(
                decisions.map { (Key(course: $0.course, occurrence: $0.occurrence, student: $0.student), $0) },
                uniquingKeysWith: { first, _ in first })
        }
        // The states of the board's decisions: each seal's, then now's.
        let states = versions.map { keyed($0.decisions) } + [keyed(now)]
        return Set(states[0].keys).union(states[states.count - 1].keys).sorted().compactMap { key in
            let values = states.map { $0[key] }
            guard values[0] != values[values.count - 1] else { return nil }
            // The state in which the decision first became what it is now, after the last change.
            var since = values.count - 1
            while since > 0 && values[since - 1] == values[since] { since -= 1 }
            let unsealing = book.unsealing(
                after: versions[since - 1].seal.id, before: since < versions.count ? versions[since].seal.id : nil,
                upTo: board, of: boards)
            return Amendment(
                board: board, student: key.student, course: key.course, occurrence: key.occurrence, sealed: values[0],
                now: values[values.count - 1], unsealing: unsealing)
        }
    }
}
