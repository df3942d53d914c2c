import Testing

@testable import Regulations

@Suite("Findings: held packed, read back as they were given")
struct FindingsTests {
    static let sheet = SourceLine(file: "marks/2025-12-11/MC4002-SEP.csv", line: 7)

    /// Findings with the values that are hardest to pack: empty, long (cut), not ASCII, the largest and
    /// the smallest numbers, lists longer than a message names.
    static let findings: [Finding] = [
        Finding(.notAMark("7O"), at: sheet, student: "22655425", course: "MC4002", component: "001"),
        Finding(.notAMark(""), at: SourceLine(file: "", line: 0)),
        Finding(
            .notAMark(Quoted(String(repeating: "ŵ", count: 500))), at: sheet, student: String(repeating: "x", count: 99)
        ),
        Finding(.fewerFields(Int.min, header: Int.max), at: SourceLine(file: "Ä b.csv", line: Int.max)),
        Finding(.unknownColumns(QuotedList((0..<30).map { "column \($0)" }), table: "mark sheet"), at: sheet),
        Finding(
            .conflict(
                component: Code("001")!, attempt: 2, rows: ["mark 67 at a.csv:2", "flag NS at b.csv:9"], more: 3),
            at: sheet, student: "A", course: "MC4002", component: "001"),
        Finding(.notANumber("attempt", value: "-1", range: -5...(-1)), at: sheet),
        Finding(.duplicate(of: "a.csv", line: 2, entry: .flag(.deferral)), at: sheet),
        Finding(.alreadyConcluded(outcome: .withdrawn, board: Day("9999-12-31")!), at: sheet),
        Finding(.creditsOutsideNorm(Code("PC1")!, credits: 0, type: .professional), at: sheet),
    ]

    @Test(arguments: findings)
    func aFindingHeldIsTheFindingGiven(_ finding: Finding) {
        let held: Findings = [finding]
        #expect(held.count == 1)
        #expect(held[0] == finding)
        #expect(held.file(at: 0) == finding.file)
        #expect(held.count(of: finding.severity) == 1)
    }

    /// Lists read apart (each sheet's, with its own numbering of files) and joined are the list of all.
    @Test func listsJoinedAreOneList() {
        var joined = Findings(Self.findings[..<4])
        joined += Findings(Self.findings[4...].reversed())
        joined += Self.findings.prefix(2)
        #expect(Array(joined) == Array(Self.findings[..<4]) + Self.findings[4...].reversed() + Self.findings.prefix(2))
        #expect(joined.count(of: .error) == Array(joined).count { $0.severity == .error })
    }

    /// A rejected row's finding takes tens of bytes, not the 176 of a `Finding` and the strings it holds:
    /// a sheet of a million rejected rows is held in tens of megabytes.
    @Test func aRejectedRowsFindingTakesTensOfBytes() {
        var held = Findings()
        for line in 2...10_001 {
            held.append(
                Finding(
                    .notAMark(Quoted("6\(line % 97)x")), at: SourceLine(file: Self.sheet.file, line: line),
                    student: String(22_650_000 + line), course: "MC4002", component: "001"))
        }
        #expect(held.bytesHeld / held.count <= 64, "\(held.bytesHeld / held.count) bytes a finding")
    }
}
