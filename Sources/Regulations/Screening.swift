/// The rows presented at one board, sorted into those that count, duplicates superseded by an
/// earlier identical row, and those rejected, with a finding for each (SPEC §2.1).
public struct Screening: Sendable {
    /// The rows that count and the duplicates they supersede.
    public internal(set) var counted: [MarkRow] = []
    public internal(set) var superseded: [MarkRow] = []
    public var rejectedCount = 0
    public var findings: [Finding] = []

    public init() {}

    /// Screens parsed rows. Rows are taken in presentation order — files in byte order of their names,
    /// then line order — whatever order they arrive in, so which duplicate is kept does not depend on
    /// the caller.
    public static func screen(_ rows: [MarkRow], at presentation: Presentation) -> Screening {
        screen(
            inPresentationOrder: presentationOrder(of: rows, ranks: ranks(of: presentation.sheets)).map { rows[$0] },
            at: presentation)
    }

    /// Screens rows already in presentation order.
    static func screen(inPresentationOrder rows: [MarkRow], at presentation: Presentation) -> Screening {
        var screening = Screening()
        // The rows that pass every check: `rows` itself, shared, until one is rejected (almost always
        // none is; the replay screens each enrolment's few rows at each board).
        var passing = rows
        var rejectedAny = false
        for index in rows.indices {
            if let (code, reason) = RowRules.firstRejection(of: rows[index], at: presentation) {
                screening.reject(rows[index], code, reason, at: presentation)
                if !rejectedAny {
                    passing = Array(rows[..<index])
                    rejectedAny = true
                }
            } else if rejectedAny {
                passing.append(rows[index])
            }
        }
        // Conflicts and duplicates are sought only among rows that pass every other check.
        if eachForAnotherSit(passing) {
            screening.counted = passing
        } else {
            for group in groupedBySit(passing) {
                let first = group[0]
                if group.contains(where: { $0.entry != first.entry }) {
                    let entries = group.map { "\($0.entry) at \(fileName(presentation.sheets[$0.sheet])):\($0.line)" }
                    for row in group {
                        screening.reject(
                            row, .conflict,
                            "conflicting rows for component \(row.component) attempt \(row.attempt) (\(entries.joined(separator: "; "))): none is counted until one corrected row is submitted",
                            at: presentation)
                    }
                } else {
                    screening.counted.append(first)
                    for row in group.dropFirst() {
                        screening.superseded.append(row)
                        screening.findings.append(
                            Finding(
                                .warning, .duplicate, at: presentation.source(of: row),
                                student: row.student.description,
                                course: row.course.description, component: row.component.description,
                                "duplicate of \(fileName(presentation.sheets[first.sheet])):\(first.line) (same \(row.entry)); this row is superseded, the first is counted"
                            ))
                    }
                }
            }
        }
        screening.findings.sort(by: Finding.fileOrder)
        return screening
    }

    private mutating func reject(_ row: MarkRow, _ code: FindingCode, _ message: String, at presentation: Presentation)
    {
        rejectedCount += 1
        findings.append(
            Finding(
                .error, code, at: presentation.source(of: row), student: row.student.description,
                course: row.course.description,
                component: row.component.description, message))
    }

    /// Whether no two rows are for the same sit, when that is quickly known: the replay screens one
    /// enrolment's few rows at a time, which are almost always one per sit, and a pairwise search of them
    /// builds nothing. False for many rows, which are grouped instead.
    private static func eachForAnotherSit(_ rows: [MarkRow]) -> Bool {
        guard rows.count <= 16 else { return false }
        for index in rows.indices {
            for other in (index + 1)..<rows.count
            where rows[other].component == rows[index].component && rows[other].attempt == rows[index].attempt
                && rows[other].isForEnrolment(of: rows[index])
            {
                return false
            }
        }
        return true
    }

    private struct SitKey: Hashable {
        let enrolment: EnrolmentKey
        let component: Code
        let attempt: Int

        init(_ row: MarkRow) {
            enrolment = row.enrolment
            component = row.component
            attempt = row.attempt
        }
    }

    /// The rows for each sit (enrolment, component, attempt), in order of each sit's first row. The
    /// replay screens one enrolment's few rows at a time, where a search beats building a dictionary.
    private static func groupedBySit(_ rows: [MarkRow]) -> [[MarkRow]] {
        var keys: [SitKey] = []
        var groups: [[MarkRow]] = []
        if rows.count <= 16 {
            for row in rows {
                let key = SitKey(row)
                if let index = keys.firstIndex(of: key) {
                    groups[index].append(row)
                } else {
                    keys.append(key)
                    groups.append([row])
                }
            }
            return groups
        }
        var index: [SitKey: Int] = [:]
        for row in rows {
            let key = SitKey(row)
            if let place = index[key] {
                groups[place].append(row)
            } else {
                index[key] = groups.count
                groups.append([row])
            }
        }
        return groups
    }

    /// Each sheet's rank in presentation order (files in byte order of their names, then of their paths),
    /// by its place in `sheets`. Each name is taken from its path once, not at every comparison: a year
    /// has thousands of sheets.
    static func ranks(of sheets: [String]) -> [Int32] {
        let keyed = sheets.map { (name: Array(fileName($0).utf8), path: Array($0.utf8)) }
        let order = keyed.indices.sorted { lhs, rhs in
            keyed[lhs].name != keyed[rhs].name
                ? keyed[lhs].name.lexicographicallyPrecedes(keyed[rhs].name)
                : keyed[lhs].path.lexicographicallyPrecedes(keyed[rhs].path)
        }
        var ranks = [Int32](repeating: 0, count: sheets.count)
        for (rank, sheet) in order.enumerated() { ranks[sheet] = Int32(rank) }
        return ranks
    }

    /// The indices of `rows` in presentation order, given each sheet's rank (`ranks(of:)`): sorting a
    /// million rows compares integers.
    static func presentationOrder(of rows: [MarkRow], ranks: [Int32]) -> [Int] {
        // Rows are read in place by index: taking each one out copied it.
        var keyed: [(rank: Int32, line: Int32, index: Int32)] = []
        keyed.reserveCapacity(rows.count)
        for index in rows.indices {
            keyed.append((ranks[rows[index].sheet], Int32(rows[index].line), Int32(index)))
        }
        // Sorted in place: a sorted copy was another few hundred megabytes of fresh memory at ten million rows.
        keyed.sort { ($0.rank, $0.line, $0.index) < ($1.rank, $1.line, $1.index) }
        return keyed.map { Int($0.index) }
    }
}

/// Whether `lhs`'s UTF-8 bytes come before `rhs`'s, compared as bytes in place: through the strings'
/// `utf8` views each byte was read through an index, for every comparison of two files' names.
func bytesPrecede(_ lhs: String, _ rhs: String) -> Bool {
    let compared = lhs.utf8.withContiguousStorageIfAvailable { left in
        rhs.utf8.withContiguousStorageIfAvailable { right in left.lexicographicallyPrecedes(right) }
    }
    return (compared ?? nil) ?? lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
}

/// The last component of a path, without touching the file system.
func fileName(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
}

extension Finding {
    /// Reports read in file order, then line order, then severity.
    public static func fileOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.file != rhs.file { return bytesPrecede(lhs.file, rhs.file) }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        return lhs.severity < rhs.severity
    }
}

extension [Finding] {
    /// `lists`, each already in file order, joined into file order as sorting them joined
    /// (`sortInFileOrder`) orders them: of findings equal in that order, an earlier list's come first.
    /// One pass, each finding compared with the few lists' next: a run's tens of thousands of replay
    /// findings, sorted as they were decided, were sorted again with the few others on one core.
    public static func mergedInFileOrder(_ lists: [[Finding]]) -> [Finding] {
        var merged: [Finding] = []
        merged.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        var next = [Int](repeating: 0, count: lists.count)
        while true {
            var earliest: Int?
            for list in lists.indices where next[list] < lists[list].count {
                // Strictly before: on a tie the earlier list keeps its place.
                if let found = earliest,
                    !Finding.fileOrder(lists[list][next[list]], lists[found][next[found]])
                {
                    continue
                }
                earliest = list
            }
            guard let list = earliest else { return merged }
            merged.append(lists[list][next[list]])
            next[list] += 1
        }
    }

    /// Sorts as `sort(by: Finding.fileOrder)` does, findings equal in that order keeping theirs, but with
    /// each file's name compared once rather than at every comparison, and each finding moved once: a
    /// large run reports tens of thousands.
    public mutating func sortInFileOrder() {
        // Each finding is read in place, by index: iterating copied it, and retained its strings. A file's
        // findings mostly come together, so its name is hashed only when it differs from the one before.
        var ranks: [String: Int] = [:]
        var last: String?
        for index in indices where self[index].file != last {
            last = self[index].file
            ranks[self[index].file] = 0
        }
        for (rank, file) in ranks.keys.sorted(by: bytesPrecede).enumerated() {
            ranks[file] = rank
        }
        var ranked: (file: String, rank: Int)?
        let keys = indices.map { index in
            if self[index].file != ranked?.file { ranked = (self[index].file, ranks[self[index].file]!) }
            return (file: ranked!.rank, line: self[index].line, severity: self[index].severity)
        }
        let order = indices.sorted { lhs, rhs in
            let (left, right) = (keys[lhs], keys[rhs])
            if left.file != right.file { return left.file < right.file }
            if left.line != right.line { return left.line < right.line }
            if left.severity != right.severity { return left.severity < right.severity }
            return lhs < rhs
        }
        // Each finding moved into its place along the cycles of the order, not copied: a copy retained
        // each of its strings, for tens of thousands of findings while every other core waited.
        var placed = [Bool](repeating: false, count: count)
        withUnsafeMutableBufferPointer { findings in
            for start in findings.indices where !placed[start] {
                var current = start
                placed[current] = true
                while order[current] != start {
                    findings.swapAt(current, order[current])
                    current = order[current]
                    placed[current] = true
                }
            }
        }
    }
}

extension Presentation {
    /// A first-sit mark submitted after the component's deadline counts as a late non-submission
    /// (SPEC §2.2). `board check` warns so the course leader can confirm the date before submitting.
    /// Only at the first board after the deadline: at a later board a first sit is usually a deferred
    /// sit, whose due date only the replay of earlier boards knows.
    public func lateSubmissionWarning(for row: MarkRow) -> Finding? {
        guard row.attempt == 1, case .mark(let mark) = row.entry,
            let deadline = register.deadline(for: row.enrolment, component: row.component),
            row.submittedOn > deadline, year.board(after: deadline) == board
        else { return nil }
        return Finding(
            .warning, .lateSubmission, at: source(of: row), student: row.student.description,
            course: row.course.description, component: row.component.description,
            "submitted on \(row.submittedOn), after the deadline of \(deadline): the mark \(mark) will count as a late non-submission (mark 0, grade L); check the date, or record mitigating circumstances as DEF"
        )
    }
}
