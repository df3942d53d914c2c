/// The rows presented at one board, sorted into those that count, duplicates superseded by an
/// earlier identical row, and those rejected, with a finding for each (SPEC §2.1).
public struct Screening: Sendable {
    /// The rows that count and the duplicates they supersede.
    public internal(set) var counted: [MarkRow] = []
    public internal(set) var superseded: [MarkRow] = []
    public internal(set) var rejectedCount = 0
    public internal(set) var findings = Findings()

    /// Screens parsed rows of any enrolments (`board check`'s sheets). Rows are taken in presentation
    /// order — files in byte order of their names, then line order — whatever order they arrive in, so
    /// which duplicate is kept does not depend on the caller. Conflicts and duplicates are between rows
    /// of one enrolment, so each enrolment's rows are screened on their own, as the replay does.
    public static func screen(_ rows: [MarkRow], at presentation: Presentation) -> Screening {
        // Each enrolment's rows as their places in `rows`, not copies: a sheet of strangers is one
        // enrolment a row.
        var enrolments: [[Int]] = []
        var place: [EnrolmentKey: Int] = [:]
        for index in presentationOrder(of: rows, ranks: ranks(of: presentation.sheets)) {
            if let enrolment = place[rows[index].enrolment] {
                enrolments[enrolment].append(index)
            } else {
                place[rows[index].enrolment] = enrolments.count
                enrolments.append([index])
            }
        }
        var screening = Screening()
        for places in enrolments {
            let part = screen(inPresentationOrder: places.lazy.map { rows[$0] }, at: presentation)
            screening.counted += part.counted
            screening.superseded += part.superseded
            screening.rejectedCount += part.rejectedCount
            screening.findings += part.findings
        }
        screening.findings.sortInFileOrder()
        return screening
    }

    /// Screens rows already in presentation order.
    static func screen(inPresentationOrder rows: some Sequence<MarkRow>, at presentation: Presentation) -> Screening {
        var screening = Screening()
        var passing: [MarkRow] = []
        for var row in rows {
            if let restored = RowRules.ComponentCodePadded.restored(
                row.component, of: row.course, in: presentation.register)
            {
                screening.findings.append(
                    finding(
                        .componentCodePadded(written: row.component, readAs: restored, course: row.course), for: row,
                        at: presentation))
                row.component = restored
            }
            if let message = RowRules.firstRejection(of: row, at: presentation) {
                screening.reject(row, message, at: presentation)
            } else {
                passing.append(row)
            }
        }
        // Conflicts and duplicates are sought only among rows that pass every other check.
        for group in groupedBySit(passing) {
            let first = group[0]
            if group.contains(where: { $0.entry != first.entry }) {
                // Each row names the first few of the group and counts the rest: a message that named every
                // other row would grow with the square of a large group.
                let named = group.prefix(Self.conflictsNamed).map {
                    "\($0.entry) at \(fileName(presentation.sheets[$0.sheet])):\($0.line)"
                }
                let message = Message.conflict(
                    component: first.component, attempt: first.attempt, rows: named, more: group.count - named.count)
                for row in group { screening.reject(row, message, at: presentation) }
            } else {
                screening.counted.append(first)
                for row in group.dropFirst() {
                    screening.superseded.append(row)
                    screening.findings.append(
                        finding(
                            .duplicate(
                                of: fileName(presentation.sheets[first.sheet]), line: first.line, entry: row.entry),
                            for: row, at: presentation))
                }
            }
        }
        screening.findings.sortInFileOrder()
        return screening
    }

    /// How many of a group of conflicting rows each of their messages names.
    static let conflictsNamed = 4

    private mutating func reject(_ row: MarkRow, _ message: Message, at presentation: Presentation) {
        rejectedCount += 1
        findings.append(Self.finding(message, for: row, at: presentation))
    }

    static func finding(_ message: Message, for row: MarkRow, at presentation: Presentation) -> Finding {
        Finding(
            message, at: presentation.source(of: row), student: row.student.description,
            course: row.course.description, component: row.component.description)
    }

    /// The rows for each sit (enrolment, component, attempt), in order of each sit's first row: sought
    /// one by one, as the rows screened together are almost always one enrolment's few.
    private static func groupedBySit(_ rows: [MarkRow]) -> [[MarkRow]] {
        var groups: [[MarkRow]] = []
        for row in rows {
            if let index = groups.firstIndex(where: { $0[0].isSameSit(as: row) }) {
                groups[index].append(row)
            } else {
                groups.append([row])
            }
        }
        return groups
    }

    /// Each sheet's rank in presentation order (files in byte order of their names, then of their
    /// paths), by its place in `sheets`.
    static func ranks(of sheets: [String]) -> [Int] {
        let order = sheets.indices.sorted { lhs, rhs in
            let (left, right) = (fileName(sheets[lhs]), fileName(sheets[rhs]))
            return left != right
                ? left.utf8.lexicographicallyPrecedes(right.utf8)
                : sheets[lhs].utf8.lexicographicallyPrecedes(sheets[rhs].utf8)
        }
        var ranks = [Int](repeating: 0, count: sheets.count)
        for (rank, sheet) in order.enumerated() { ranks[sheet] = rank }
        return ranks
    }

    /// The places of `rows` in presentation order, given each sheet's rank (`ranks(of:)`).
    static func presentationOrder(of rows: [MarkRow], ranks: [Int]) -> [Int] {
        rows.indices.sorted { (ranks[rows[$0].sheet], rows[$0].line, $0) < (ranks[rows[$1].sheet], rows[$1].line, $1) }
    }
}

extension MarkRow {
    /// Whether two rows are for the same sit: one enrolment, component and attempt.
    func isSameSit(as other: MarkRow) -> Bool {
        component == other.component && attempt == other.attempt && student == other.student
            && course == other.course && occurrence == other.occurrence && academicYear == other.academicYear
    }
}

/// The last component of a path, without touching the file system.
func fileName(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
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
        return Screening.finding(
            .lateSubmission(submitted: row.submittedOn, deadline: deadline, mark: mark), for: row, at: self)
    }
}
