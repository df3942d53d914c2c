import Testing

@testable import Regulations

@Suite("Screening: conflicts, duplicates and reconciliation (SPEC §2.1)")
struct ScreeningTests {
    typealias W = SpecFixture

    func sources(_ rows: [MarkRow]) -> [String] { rows.map(W.source) }

    func reconciles(_ screening: Screening, _ input: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(
            screening.counted.count + screening.superseded.count + screening.rejectedCount == input,
            "rows read must equal counted + superseded + rejected", sourceLocation: sourceLocation)
    }

    @Test func differentMarksConflictAndNoneIsCounted() {
        let rows = [W.row(line: 2, entry: .mark(52)), W.row(line: 3, entry: .mark(58))]
        let screening = Screening.screen(rows, at: W.presentation)
        #expect(screening.counted.isEmpty)
        #expect(screening.rejectedCount == 2)
        #expect(screening.findings.map(\.code) == [.conflict, .conflict])
        #expect(screening.findings.map(\.line) == [2, 3])
        #expect(screening.findings.allSatisfy { $0.severity == .error })
        #expect(
            screening.findings.allSatisfy {
                $0.message.description.contains("MC4002-SEP.csv:2")
                    && $0.message.description.contains("MC4002-SEP.csv:3")
            })
        reconciles(screening, 2)
    }

    @Test func aMarkAndAFlagConflict() {
        let rows = [W.row(line: 2, entry: .mark(0)), W.row(line: 5, entry: .flag(.nonSubmission))]
        let screening = Screening.screen(rows, at: W.presentation)
        #expect(screening.counted.isEmpty)
        #expect(screening.findings.map(\.code) == [.conflict, .conflict])
        reconciles(screening, 2)
    }

    @Test func differentFlagsConflict() {
        let rows = [W.row(line: 2, entry: .flag(.absent)), W.row(line: 3, entry: .flag(.deferral))]
        let screening = Screening.screen(rows, at: W.presentation)
        #expect(screening.rejectedCount == 2)
        reconciles(screening, 2)
    }

    @Test func equalParsedMarksAreDuplicatesNotConflicts() throws {
        // "67" and "67.0" parse to the same mark; other fields (here submitted_on) may differ.
        let first = try SheetRow().with([.mark: "67"]).parse(line: 2).get()
        let second = try SheetRow().with([.mark: "67.0", .submittedOn: "21/11/2025", .comment: "again"]).parse(line: 3)
            .get()
        let screening = Screening.screen([first, second], at: W.presentation)
        #expect(screening.counted.map(\.line) == [2])
        #expect(screening.superseded.map(\.line) == [3])
        #expect(screening.rejectedCount == 0)
        #expect(screening.findings.map(\.code) == [.duplicate])
        #expect(screening.findings.first?.severity == .warning)
        #expect(screening.findings.first?.line == 3)
        #expect(screening.findings.first?.message.description.contains("sheet.csv:2") == true)
        reconciles(screening, 2)
    }

    @Test func threeRowsWithOneDifferentAllConflict() {
        let rows = [
            W.row(line: 2, entry: .mark(67)), W.row(line: 3, entry: .mark(67)), W.row(line: 4, entry: .mark(70)),
        ]
        let screening = Screening.screen(rows, at: W.presentation)
        #expect(screening.counted.isEmpty && screening.superseded.isEmpty)
        #expect(screening.rejectedCount == 3)
        reconciles(screening, 3)
    }

    @Test func differentComponentsOrAttemptsOrStudentsAreNotCompared() {
        var other = W.register
        let studentB = W.code("25649144")
        let key = EnrolmentKey(student: studentB, course: W.mc4002, occurrence: W.sep, academicYear: W.year)
        other.enrolments[key] = Enrolment(key: key, familyName: "Hughes", givenNames: "Owain")
        let presentation = Presentation(board: W.firstBoard, year: W.academicYear, register: other, sheets: W.sheets)
        let rows = [
            W.row(line: 2, component: "001", entry: .mark(70)),
            W.row(line: 3, component: "002", entry: .mark(55)),
            W.row(line: 4, component: "001", attempt: 2, entry: .mark(40)),
            W.row(line: 5, student: "25649144", component: "001", entry: .mark(30)),
        ]
        let screening = Screening.screen(rows, at: presentation)
        #expect(screening.counted.count == 4)
        #expect(screening.findings.isEmpty)
    }

    @Test func theKeptDuplicateIsFirstInFileNameThenLineOrder() {
        // File names in byte order: "MC4002-SEP-amended.csv" < "MC4002-SEP.csv" ('-' < '.'), whatever
        // folder or order the rows come in.
        let rows = [
            W.row(file: "a/marks/2025-12-11/MC4002-SEP.csv", line: 2),
            W.row(file: "z/MC4002-SEP-amended.csv", line: 9),
            W.row(file: "z/MC4002-SEP-amended.csv", line: 4),
            W.row(file: "b/MC4002-SEP.csv", line: 1),
        ]
        for order in [rows, rows.reversed(), [rows[2], rows[0], rows[3], rows[1]]] {
            let screening = Screening.screen(order, at: W.presentation)
            #expect(sources(screening.counted) == ["z/MC4002-SEP-amended.csv:4"])
            #expect(screening.superseded.count == 3)
            #expect(
                screening.findings.allSatisfy {
                    $0.code == .duplicate && $0.message.description.contains("MC4002-SEP-amended.csv:4")
                })
            reconciles(screening, 4)
        }
    }

    @Test func fileNamesCompareByBytesNotLocale() {
        // Upper-case letters sort before lower-case ones in byte order.
        let rows = [W.row(file: "marks/b.csv", line: 2), W.row(file: "marks/Z.csv", line: 3)]
        let screening = Screening.screen(rows, at: W.presentation)
        #expect(sources(screening.counted) == ["marks/Z.csv:3"])
    }

    @Test func rowsFailingAnotherCheckAreNotComparedForConflicts() {
        // The second row is submitted on the board day: rejected for that, so the first counts alone.
        let rows = [
            W.row(line: 2, entry: .mark(52)),
            W.row(line: 3, entry: .mark(58), submittedOn: "2025-12-11"),
            W.row(line: 4, entry: .mark(52), submittedOn: "2025-12-12"),
        ]
        let screening = Screening.screen(rows, at: W.presentation)
        #expect(sources(screening.counted) == ["marks/2025-12-11/MC4002-SEP.csv:2"])
        #expect(screening.findings.map(\.code) == [.submittedAfterBoard, .submittedAfterBoard])
        #expect(screening.findings.map(\.line) == [3, 4])
        #expect(screening.superseded.isEmpty)
        reconciles(screening, 3)
    }

    @Test func theFirstFailingRuleIsReported() {
        // Not enrolled (99999999) and submitted after the board: the enrolment rule comes first.
        let rows = [W.row(student: "99999999", submittedOn: "2026-01-05")]
        let screening = Screening.screen(rows, at: W.presentation)
        #expect(screening.findings.map(\.code) == [.unknownEnrolment])
        #expect(screening.rejectedCount == 1)
    }

    @Test func findingsAreInFileThenLineOrder() {
        let rows = [
            W.row(file: "b.csv", line: 9, attempt: 3),
            W.row(file: "a.csv", line: 5, submittedOn: "2025-12-11"),
            W.row(file: "b.csv", line: 2, component: "003"),
            W.row(file: "a.csv", line: 3, student: "99999999"),
        ]
        let screening = Screening.screen(rows, at: W.presentation)
        #expect(screening.findings.map { "\($0.file):\($0.line)" } == ["a.csv:3", "a.csv:5", "b.csv:2", "b.csv:9"])
        #expect(
            screening.findings.map(\.code) == [
                .unknownEnrolment, .submittedAfterBoard, .unknownComponent, .attemptNotAllowed,
            ])
    }

    /// A mixed batch: counted, duplicates, conflicts and rejections of several kinds.
    var mixedBatch: [MarkRow] {
        var rows: [MarkRow] = []
        var line = 1
        func add(
            _ file: String, _ student: String, _ component: String, _ entry: SitEntry,
            _ submitted: String = "2025-11-20", attempt: Int = 1
        ) {
            line += 1
            rows.append(
                W.row(
                    file: file, line: line, student: student, component: component, attempt: attempt, entry: entry,
                    submittedOn: submitted))
        }
        add("MC4002-SEP.csv", "22655425", "001", .mark(70))
        add("MC4002-SEP.csv", "22655425", "002", .mark(55))
        add("MC4002-SEP.csv", "25649144", "001", .mark(30))
        add("MC4002-SEP.csv", "25649144", "002", .mark(45))
        add("MC4002-SEP.csv", "25022038", "001", .mark(30))
        add("MC4002-SEP.csv", "22881156", "001", .flag(.deferral))
        add("MC4002-SEP.csv", "22881156", "002", .mark(60))
        add("MC4002-SEP.csv", "25489122", "001", .mark(65))
        add("MC4002-SEP.csv", "24360906", "001", .mark(65), "2025-12-02")
        add("MC4002-SEP.csv", "24360906", "002", .mark(50))
        add("MC4002-SEP.csv", "99999999", "001", .mark(50))
        add("MC4002-SEP.csv", "22655425", "003", .mark(50))
        add("MC4002-SEP-amended.csv", "22655425", "001", .mark(70))
        add("MC4002-SEP-amended.csv", "25022038", "001", .mark(35))
        add("MC4002-SEP-amended.csv", "25489122", "001", .mark(65), "2025-12-11")
        add("MC4002-SEP-amended.csv", "25649144", "001", .mark(30), attempt: 3)
        add("late.csv", "22655425", "002", .mark(55))
        add("late.csv", "25649144", "002", .mark(45))
        add("late.csv", "22881156", "001", .flag(.deferral))
        return rows
    }

    var mixedPresentation: Presentation {
        var register = W.register
        for id in ["25649144", "25022038", "22881156", "25489122", "24360906"] {
            let key = EnrolmentKey(student: W.code(id), course: W.mc4002, occurrence: W.sep, academicYear: W.year)
            register.enrolments[key] = Enrolment(key: key, familyName: "F\(id)", givenNames: "G")
        }
        return Presentation(board: W.firstBoard, year: W.academicYear, register: register, sheets: W.sheets)
    }

    @Test func reconciliationOfAMixedBatch() {
        let rows = mixedBatch
        let screening = Screening.screen(rows, at: mixedPresentation)
        reconciles(screening, rows.count)
        // 25022038/001 conflicts (30 vs 35); 99999999, component 003, the board-day row and attempt 3 are
        // rejected; four rows duplicate earlier ones.
        #expect(screening.rejectedCount == 6)
        #expect(screening.superseded.count == 4)
        #expect(screening.counted.count == 9)
        #expect(screening.findings.filter { $0.severity == .error }.count == screening.rejectedCount)
        #expect(screening.findings.filter { $0.code == .duplicate }.count == screening.superseded.count)
    }

    @Test(arguments: [1, 2, 3, 42, 2025, 0xDEAD_BEEF] as [UInt64])
    func shufflingTheInputChangesNothing(_ seed: UInt64) {
        let rows = mixedBatch
        let reference = Screening.screen(rows, at: mixedPresentation)
        var generator = SplitMix64(seed: seed)
        let shuffled = rows.shuffled(using: &generator)
        let screening = Screening.screen(shuffled, at: mixedPresentation)
        #expect(sources(screening.counted) == sources(reference.counted))
        #expect(sources(screening.superseded) == sources(reference.superseded))
        #expect(screening.rejectedCount == reference.rejectedCount)
        #expect(screening.findings == reference.findings)
    }

    /// Exceptions are listed in file order: by file name as bytes, then line, then severity (errors first);
    /// findings equal in all three keep the order they came in.
    @Test(arguments: 1...5)
    func inFileOrderIsByFileBytesLineAndSeverityTiesKept(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let files = [
            "marks/2025-12-11/b.csv", "marks/2025-12-11/a.csv", "marks/2025-12-11/ä.csv", "marks/2025-12-11/z.csv",
            "enrolments.csv", "marks/2025-12-11/a.csv.bak", "Z.csv", "",
        ]
        let messages: [Message] = [.notAMark("x"), .notASheet, .unknownColumns(["x"], table: "t")]
        let findings = (0..<400).map { number in
            Finding(
                messages[Int(random.next() % 3)],
                at: SourceLine(file: files[Int(random.next() % UInt64(files.count))], line: Int(random.next() % 12)),
                student: "finding \(number)")
        }
        let rank: [Severity: Int] = [.error: 0, .warning: 1, .note: 2]
        let expected = findings.enumerated().sorted { lhs, rhs in
            let left = (Array(lhs.element.file.utf8), lhs.element.line, rank[lhs.element.severity]!, lhs.offset)
            let right = (Array(rhs.element.file.utf8), rhs.element.line, rank[rhs.element.severity]!, rhs.offset)
            if left.0 != right.0 { return left.0.lexicographicallyPrecedes(right.0) }
            return (left.1, left.2, left.3) < (right.1, right.2, right.3)
        }.map(\.element)
        #expect(findings.inFileOrder() == expected)
        #expect(expected.inFileOrder() == expected)
        // Lists already in file order, joined and put in order, interleave as one list would.
        let half = findings.count / 2
        let halves = Array(findings[..<half]).inFileOrder() + Array(findings[half...]).inFileOrder()
        #expect(halves.inFileOrder() == expected)
        // As a run holds them: packed, two sheets' lists joined, each with its own numbering of files.
        var held = Findings(findings[..<half])
        held += Findings(findings[half...])
        held.sortInFileOrder()
        #expect(Array(held) == expected)
    }
}

@Suite("Late first sits: the warning board check gives (SPEC §2.2)")
struct LateSubmissionWarningTests {
    typealias W = SpecFixture

    @Test func aMarkAfterTheDeadlineIsWarnedAtTheFirstBoardAfterIt() throws {
        let row = W.row(submittedOn: "2025-12-02")
        let finding = try #require(W.presentation.lateSubmissionWarning(for: row))
        #expect(finding.severity == .warning)
        #expect(finding.code == .lateSubmission)
        #expect(finding.line == row.line)
        #expect(
            finding.message.description.contains("2025-12-02") && finding.message.description.contains("2025-11-28"))
    }

    @Test(arguments: ["2025-11-28", "2025-11-20", "28/11/2025"])
    func onOrBeforeTheDeadlineIsNotLate(_ submitted: String) {
        #expect(W.presentation.lateSubmissionWarning(for: W.row(submittedOn: submitted)) == nil)
    }

    @Test func flagsAndResitsAreNotWarned() {
        #expect(
            W.presentation.lateSubmissionWarning(for: W.row(entry: .flag(.nonSubmission), submittedOn: "2025-12-02"))
                == nil)
        #expect(W.presentation.lateSubmissionWarning(for: W.row(attempt: 2, submittedOn: "2025-12-02")) == nil)
    }

    @Test func aFirstSitAtALaterBoardIsNotWarned() {
        // At 2026-02-19 a first sit is usually a deferred sit, whose due date only the replay knows.
        var presentation = W.presentation
        presentation.board = W.day("2026-02-19")
        #expect(presentation.lateSubmissionWarning(for: W.row(submittedOn: "2026-01-10")) == nil)
    }
}
