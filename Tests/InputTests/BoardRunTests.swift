import Foundation
import Regulations
import Testing

@testable import Input

// How a run replays the year: on all cores, with or without the trail, the answer is the
// one the plain sequential replay gives.

/// A deterministic generator, so that a failing seed can be replayed.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct BoardRunReplayTests {
    static let boards = ["2025-12-11", "2026-02-19", "2026-06-18", "2026-07-23"]

    /// What a result decided, in a form two runs can be compared by; with the trail's boards and outcomes
    /// when `trail`.
    private func decided(_ result: ReplayResult, trail: Bool = true) -> [String] {
        result.enrolments.map { enrolment in
            let key = enrolment.enrolment.key
            let decision = enrolment.decision
            let sits = enrolment.components.map { record in
                "\(record.component.code):\(record.firstSit.map { "\($0.mark)\($0.grade.rawValue)" } ?? "-")/\(record.resit.map { "\($0.mark)\($0.grade.rawValue)" } ?? "-")"
            }
            return
                "\(key) \(decision.outcome.rawValue) \(decision.reason?.rawValue ?? "") \(decision.board) \(decision.agreedMark.map(String.init) ?? "") \(sits.joined(separator: " ")) \(enrolment.marksUsedAt?.description ?? "-") \(trail ? enrolment.steps.map { "\($0.board)=\($0.decision?.outcome.rawValue ?? "")" } : [])"
        } + ["\(result.counted) \(result.superseded) \(result.rejected)"]
    }

    @Test(arguments: boards)
    func allCoresAndNoTrailDecideAsTheSequentialReplay(board: String) throws {
        let config = try BoardConfig.load(from: sampleDataFolder + "/board.toml")
        let load = RegisterLoad.load(config)
        let day = try #require(Day(board))
        let run = try BoardRun(config: config, register: load, board: day)
        let withTrail = try BoardRun(config: config, register: load, board: day, keepingTrail: true)
        let read = try SheetsRead.read(config, through: day)
        let sequential = Replay(
            register: load.register, policy: config.policy, year: run.year, through: day,
            sheets: read.sheets.map(\.display), presented: read.presented
        ).decideAll()
        #expect(decided(run.replay, trail: false) == decided(sequential, trail: false))
        #expect(decided(withTrail.replay) == decided(sequential))
        // Only explain's run keeps the trail.
        #expect(run.replay.enrolments.allSatisfy { $0.steps.isEmpty })
        #expect(
            withTrail.replay.enrolments.map { $0.steps.map(\.presented.count) }
                == sequential.enrolments.map { $0.steps.map(\.presented.count) })
        #expect(sequential.counted > 0)
        // The replay's findings, the sheets' and the register's are the run's exceptions, moved there.
        let notSheets = read.folders.notSheets.map {
            Finding(.notASheet, at: SourceLine(file: config.relative($0), line: 0))
        }
        #expect(
            run.exceptions.map(\.compilerStyle)
                == (load.quality + sequential.findings + read.sheets.flatMap(\.findings) + notSheets).inFileOrder().map(
                    \.compilerStyle))
        #expect(run.replay.findings.isEmpty && run.sheets.allSatisfy { $0.findings.isEmpty })
        // A run lets go of the register's enrolments once they are decided; each result holds its own.
        #expect(run.register.register.enrolments.isEmpty && !load.register.enrolments.isEmpty)
        #expect(run.replay.enrolments.count == sequential.enrolments.count)
    }

    /// Rows read = counted + superseded + rejected, and exceptions.csv holds the findings in file order.
    @Test(arguments: boards)
    func aRunReconcilesAndListsItsExceptionsInFileOrder(board: String) throws {
        let config = try BoardConfig.load(from: sampleDataFolder + "/board.toml")
        let run = try BoardRun(config: config, register: RegisterLoad.load(config), board: try #require(Day(board)))
        #expect(run.reconciliation.balances, "\(run.reconciliation.sentence)")
        #expect(Array(run.exceptions) == Array(run.exceptions).inFileOrder())
        #expect(run.rejectedAnything, "SampleData holds deliberate mistakes")
    }
}

@Suite struct SheetsReadTests {
    /// The sheets are read on all cores and finish in any order; each board's rows are still those of its
    /// sheets one after another, in the order of the sheets, as reading them one by one gives.
    @Test(arguments: BoardRunReplayTests.boards)
    func eachBoardsRowsAreItsSheetsInTheirOrder(board: String) throws {
        let config = try BoardConfig.load(from: sampleDataFolder + "/board.toml")
        let read = try SheetsRead.read(config, through: try #require(Day(board)))
        let expected = try rowsOfEachBoardOneSheetAfterAnother(read)
        #expect(expected.values.contains { $0.count > 1 }, "the sample should have boards of several rows")
        #expect(read.presented.mapValues { $0.map { located($0, in: read) } } == expected)
    }

    /// Hundreds of sheets, so that the reading threads finish them out of order, many times over.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func manySheetsAreTakenInTheirOrder(seed: UInt64) throws {
        try withTemporaryFolder { folder in
            let (config, _) = try RegisterFixture().load(in: folder)
            var random = SeededRandom(seed: seed)
            for board in ["2025-12-11", "2026-02-19"] {
                for number in 0..<150 {
                    let rows = (0..<Int(random.next() % 40)).map { Sheet.row(mark: "\($0 % 101)") }
                    try folder.write("marks/\(board)/sheet-\(number).csv", Sheet.text(rows))
                }
            }
            let read = try SheetsRead.read(config, through: try #require(Day("2026-02-19")))
            #expect(read.sheets.count == 300)
            let expected = try rowsOfEachBoardOneSheetAfterAnother(read)
            #expect(read.presented.mapValues { $0.map { located($0, in: read) } } == expected)
        }
    }

    private func located(_ row: MarkRow, in read: SheetsRead) -> String {
        "\(read.sheets[row.sheet].display):\(row.line)"
    }

    /// Each board's rows as reading its sheets one by one, in their order, gives them.
    private func rowsOfEachBoardOneSheetAfterAnother(_ read: SheetsRead) throws -> [Day: [String]] {
        var expected: [Day: [String]] = [:]
        for (place, sheet) in read.sheets.enumerated() {
            guard let day = read.boardOfSheet[sheet.display] else { continue }
            let rows = MarkSheet.read(sheet.path, displayedAs: sheet.display, place: place).rows
            expected[day, default: []] += rows.map { located($0, in: read) }
        }
        return expected
    }
}

/// A board's sheets are taken in byte order of their names, whatever order the folder lists them in: the
/// order of the manifest's inputs, and of the sheets a run reads.
@Test func aBoardsSheetsAreInByteOrderOfTheirNames() throws {
    try withTemporaryFolder { folder in
        let (config, _) = try RegisterFixture().load(in: folder)
        let names = ["b.csv", "B.csv", "a-1.csv", "a.csv", "ŵ.csv", "w.csv", "Z.csv", "a_1.csv"]
        for name in names { try folder.write("marks/2025-12-11/" + name, "student_id\n") }
        let board = try #require(Day("2025-12-11"))
        let year = try #require(config.year(ofBoard: board))
        let paths = try #require(try MarkFolders.scan(config, year: year, through: board).sheets[board])
        #expect(
            paths.map { ($0 as NSString).lastPathComponent }
                == ["B.csv", "Z.csv", "a-1.csv", "a.csv", "a_1.csv", "b.csv", "w.csv", "ŵ.csv"])
    }
}

/// A board replayed to which no sheet was presented is said in words; a marks folder that cannot be
/// listed stops the run, since read as empty it would withdraw every student whose marks it holds.
@Test func boardsWithoutSheetsAreNamedAndAnUnlistableMarksFolderStopsTheRun() throws {
    try withTemporaryFolder { folder in
        let (config, _) = try RegisterFixture().load(in: folder)
        let year = try #require(config.academicYears.first)
        let board = try #require(Day("2026-06-18"))
        #expect(throws: UnreadableFolder.self) { try MarkFolders.scan(config, year: year, through: board) }
        try folder.write("marks/2025-12-11/a.csv", "student_id\n")
        try FileManager.default.createDirectory(
            atPath: folder.path + "/marks/2026-02-19", withIntermediateDirectories: true)
        let folders = try MarkFolders.scan(config, year: year, through: board)
        #expect(folders.missingBoards == [board])
        #expect(folders.emptyBoards == [Day("2026-02-19")!])
        #expect(folders.sheets.keys.sorted() == [Day("2025-12-11")!])
    }
}
