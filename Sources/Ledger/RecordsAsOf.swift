import Input
import Regulations

/// The boards an export stands on for one academic year.
public struct ExportBasis: Sendable {
    public let academicYear: String
    /// The last board held on or before the as-of date: its agreed results are exported.
    public let agreedThrough: Day?
    /// The next board: the sheets already in its folder are exported as actual marks, not yet agreed.
    public let provisional: Day?
}

/// One academic year's records as of a date: the records of the last board held (agreed results), and
/// the sits counted from the sheets already presented to the next board, as actual marks not yet
/// agreed. The next board's decisions are not exported: it has not sat.
struct YearAsOf: Sendable {
    let basis: ExportBasis
    /// The run through the next board, or through the last board held when none is left.
    let run: BoardRun
    /// The replay through the last board held; nil before the year's first board.
    let agreed: ReplayResult?

    /// Reads the year's sheets once, for both replays, so that they cannot see different files. nil
    /// for a year with no board. `inspect` is given the run and the decisions at each board read (a
    /// replay of the sheets read), while they are at hand.
    init?(
        _ year: AcademicYear, asOf: Day, config: BoardConfig, register: RegisterLoad,
        inspect: (BoardRun, (Day) -> [EnrolmentResult]) throws -> Void = { _, _ in }
    ) throws {
        let held = year.boards.last { $0 <= asOf }
        let next = year.boards.first { $0 > asOf }
        basis = ExportBasis(academicYear: year.code, agreedThrough: held, provisional: next)
        guard let through = next ?? held else { return nil }
        var read = try SheetsRead.read(config, through: through)
        let run = BoardRun(config: config, register: register, board: through, read: &read)
        self.run = run
        let agreed = held.map { held in
            held == through ? run.replay : read.replay(through: held, config: config, register: register.register)
        }
        self.agreed = agreed
        try inspect(run) { board in
            board == through
                ? run.replay.enrolments
                : board == held
                    ? agreed!.enrolments
                    : read.replay(through: board, config: config, register: register.register).enrolments
        }
    }

    /// Calls `body` with each course occurrence's records, in the order of the replay. They are made on
    /// every core, a batch of occurrences at a time, so that only a batch's records are held at once.
    /// Both replays list the same enrolments, occurrence by occurrence.
    func forEachOccurrence(policy: Policy, _ body: (OccurrenceRecords) throws -> Void) rethrows {
        let results = run.replay.enrolments
        var ranges: [Range<Int>] = []
        var start = 0
        while start < results.count {
            let key = results[start].enrolment.key
            var end = start + 1
            while end < results.count && results[end].enrolment.key.course == key.course
                && results[end].enrolment.key.occurrence == key.occurrence
            {
                end += 1
            }
            ranges.append(start..<end)
            start = end
        }
        let batch = 64
        for first in stride(from: 0, to: ranges.count, by: batch) {
            let occurrences = parallelMap(Array(ranges[first..<min(first + batch, ranges.count)])) { range in
                Self.records(
                    agreed: agreed?.enrolments[range],
                    provisional: basis.provisional.map { (run.replay.enrolments[range], $0) }, policy: policy)
            }
            for occurrence in occurrences where !occurrence.records.isEmpty { try body(occurrence) }
        }
    }

    /// One course occurrence's records: the agreed records of its enrolments (the first of a key kept),
    /// then their provisional marks at the next board, each replacing the placeholder of a sit not yet
    /// taken (a referral's open resit, a deferred sit) or a new record (the last of a key kept): a
    /// counted sit is never presented again.
    static func records(
        agreed: ArraySlice<EnrolmentResult>?, provisional: (results: ArraySlice<EnrolmentResult>, board: Day)?,
        policy: Policy
    ) -> OccurrenceRecords {
        var candidates: [(record: ExportRecord, provisional: Bool)] = []
        for result in agreed ?? [] {
            guard let records = SITSRecords(of: result, policy: policy) else { continue }
            for record in records.sas { candidates.append((ExportRecord(record), false)) }
            for record in records.sra { candidates.append((ExportRecord(record), false)) }
            candidates.append((ExportRecord(records.smr), false))
            if let withdrawal = records.withdrawal { candidates.append((ExportRecord(withdrawal), false)) }
        }
        if let provisional {
            for result in provisional.results {
                for record in provisionalRecords(of: result, presentedAt: provisional.board, policy: policy) {
                    candidates.append((record, true))
                }
            }
        }
        // In files order, the records of one key in the order they came.
        let order = candidates.indices.sorted { lhs, rhs in
            let (left, right) = (candidates[lhs].record.sortKey, candidates[rhs].record.sortKey)
            return left == right ? lhs < rhs : left.lexicographicallyPrecedes(right)
        }
        var records: [ExportRecord] = []
        var duplicates: [RecordID] = []
        var start = 0
        while start < order.count {
            let sortKey = candidates[order[start]].record.sortKey
            var end = start + 1
            while end < order.count && candidates[order[end]].record.sortKey == sortKey { end += 1 }
            let same = order[start..<end]
            if let last = same.last(where: { candidates[$0].provisional }) {
                records.append(candidates[last].record)
            } else {
                records.append(candidates[same.first!].record)
            }
            duplicates += same.dropFirst().filter { !candidates[$0].provisional }.map { _ in RecordID(sortKey: sortKey)
            }
            start = end
        }
        let occurrence = records.first.map { CourseOccurrence(ofKey: $0.id.key) }
        return OccurrenceRecords(
            occurrence: occurrence, records: records, digest: digest(ofSorted: records), duplicates: duplicates)
    }

    /// The SAS and SRA records of the sits counted (or deferred) at `board`, as actual marks only:
    /// `*_AGRM` and `*_AGRG` blank, `*_PRCS` `I` (not yet agreed), `*_PROC` `SAS` (assessment under
    /// way), or `DEF` for a deferral the board has not yet accepted.
    static func provisionalRecords(of result: EnrolmentResult, presentedAt board: Day, policy: Policy)
        -> [ExportRecord]
    {
        guard let records = SITSRecords(of: result, policy: policy) else { return [] }
        // Whether each component's first sit or resit was presented at the board, and deferred there.
        var firstSits: [String: Bool] = [:]
        var resits: [String: Bool] = [:]
        for record in result.components {
            let code = record.component.code.description
            if record.firstSit?.board == board { firstSits[code] = false }
            if record.resit?.board == board { resits[code] = false }
            if record.deferredAt == board {
                if record.attempt == 1 { firstSits[code] = true } else { resits[code] = true }
            }
        }
        func provisional(_ marks: SITSSitMarks, deferred: Bool) -> SITSSitMarks {
            var marks = marks
            marks.agreedMark = ""
            marks.agreedGrade = ""
            marks.processStatus = "I"
            marks.process = deferred ? "DEF" : "SAS"
            return marks
        }
        var provisionalRecords: [ExportRecord] = []
        for var record in records.sas {
            guard let deferred = firstSits[record.component] else { continue }
            record.marks = provisional(record.marks, deferred: deferred)
            provisionalRecords.append(ExportRecord(record))
        }
        for var record in records.sra {
            guard let deferred = resits[record.component] else { continue }
            record.marks = provisional(record.marks, deferred: deferred)
            provisionalRecords.append(ExportRecord(record))
        }
        return provisionalRecords
    }
}

/// One course occurrence's records as of the date, in files order, with their digest.
struct OccurrenceRecords: Sendable {
    /// nil when there is no record.
    let occurrence: CourseOccurrence?
    let records: [ExportRecord]
    let digest: String?
    /// Keys that another enrolment of the occurrence already gave (two enrolments sharing an SPR code):
    /// the first is kept.
    let duplicates: [RecordID]
}
