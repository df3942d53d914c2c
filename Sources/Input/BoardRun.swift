import Foundation
import Regulations

/// rows read = rows counted + rows superseded + rows rejected + rows blank, over every board replayed
/// (SPEC §3). A blank row is a sit with no result yet; a record of nothing but empty fields is no row.
public struct Reconciliation: Sendable, Codable, Equatable {
    public var rowsRead = 0
    public var rowsCounted = 0
    public var rowsSuperseded = 0
    public var rowsRejected = 0
    public var rowsBlank = 0

    public init() {}

    public var balances: Bool { rowsRead == rowsCounted + rowsSuperseded + rowsRejected + rowsBlank }

    public var sentence: String {
        "\(rowsRead) rows read = \(rowsCounted) counted + \(rowsSuperseded) superseded + \(rowsRejected) rejected + \(rowsBlank) blank"
    }

    enum CodingKeys: String, CodingKey {
        case rowsRead = "rows_read"
        case rowsCounted = "rows_counted"
        case rowsSuperseded = "rows_superseded"
        case rowsRejected = "rows_rejected"
        case rowsBlank = "rows_blank"
    }
}

/// The sheets of a run, read: every sheet in presentation order, and the parsed rows presented to each board.
public struct SheetsRead: Sendable {
    public var folders: MarkFolders
    /// Each sheet with its rows taken out into `presented`.
    public var sheets: [MarkSheet] = []
    /// The board each sheet was presented to, by the path shown in findings; misplaced sheets have none.
    public var boardOfSheet: [String: Day] = [:]
    public var presented: [Day: [MarkRow]] = [:]

    /// Reads every sheet of the year of `board` up to it, and the misplaced ones, on every core.
    public static func read(_ config: BoardConfig, through board: Day) throws(UnreadableFolder) -> SheetsRead {
        let year = config.year(ofBoard: board)!
        var read = SheetsRead(folders: try MarkFolders.scan(config, year: year, through: board))
        let jobs: [(path: String, day: Day?)] =
            read.folders.sheets.sorted(by: { $0.key < $1.key }).flatMap { day, paths in paths.map { ($0, day) } }
            + read.folders.misplaced.map { ($0, nil) }
        let sheets = MarkSheet.readAll(jobs.map { ($0.path, config.relative($0.path)) })
        for (job, parsed) in zip(jobs, sheets) {
            var sheet = parsed
            if let day = job.day {
                read.boardOfSheet[sheet.display] = day
                read.presented[day, default: []] += sheet.rows
            } else {
                sheet.rowsRejected = sheet.rowsRead
                sheet.rowsBlank = 0
                sheet.findings.append(
                    Finding(
                        .outsideBoardFolder(
                            marks: config.relative(config.marks), boards: config.allBoards, rows: sheet.rowsRead),
                        at: SourceLine(file: sheet.display, line: 1)))
            }
            sheet.rows = []
            read.sheets.append(sheet)
        }
        return read
    }

    /// The year's decisions as at `board`, one of the boards read, from the rows presented up to it.
    public func replay(through board: Day, config: BoardConfig, register: Register) -> ReplayResult {
        Replay(
            register: register, policy: config.policy, year: config.year(ofBoard: board)!, through: board,
            sheets: sheets.map(\.display), presented: presented.filter { $0.key <= board }, keepingTrail: false
        ).decideOnAllCores()
    }
}

/// One board's run: the sheets read, the replay of the year up to the board, and every finding.
public struct BoardRun: Sendable {
    public let config: BoardConfig
    public let year: AcademicYear
    public let board: Day
    /// The register as loaded; its enrolments are let go once the replay has decided them (each result
    /// holds its own).
    public private(set) var register: RegisterLoad
    /// The sheets read, their findings moved into `exceptions`.
    public let sheets: [MarkSheet]
    /// The board each sheet was presented to, by the path shown in findings.
    public let boardOfSheet: [String: Day]
    /// The year replayed up to `board`, its findings moved into `exceptions`.
    public let replay: ReplayResult
    /// Everything for exceptions.csv, in file order: register quality, sheet and row findings, marks overdue.
    public let exceptions: Findings
    public let reconciliation: Reconciliation
    /// Boards replayed to which no sheet was presented: their folder is missing, or holds no sheet.
    public let missingBoards: [Day]
    public let emptyBoards: [Day]
    /// The decisions of sealed boards of the year up to `board` that changed since they were first
    /// sealed (SPEC §7), found by the shell from the ledger's seals.
    public var amendments: [Amendment] = []
    /// The ledger's seals and unsealings, which the pack shows for the year's boards up to `board`.
    public var seals = SealBook()

    /// Reads the sheets of every board of the year up to `board` and replays them. Each result keeps its
    /// trail (what each board saw and decided) only when asked (`board explain`).
    public init(config: BoardConfig, register: RegisterLoad, board: Day, keepingTrail: Bool = false)
        throws(UnreadableFolder)
    {
        var read = try SheetsRead.read(config, through: board)
        self.init(config: config, register: register, board: board, read: &read, keepingTrail: keepingTrail)
    }

    /// Replays sheets already read (the benchmark times reading and deciding apart). The findings of the
    /// sheets and of the replay are moved into `exceptions`, not copied, so that a sheet of a million
    /// rejected rows is held once; `read` keeps its rows, for the replays of sealed boards.
    public init(
        config: BoardConfig, register: RegisterLoad, board: Day, read: inout SheetsRead, keepingTrail: Bool = false
    ) {
        self.config = config
        year = config.year(ofBoard: board)!
        self.board = board
        boardOfSheet = read.boardOfSheet
        missingBoards = read.folders.missingBoards
        emptyBoards = read.folders.emptyBoards
        var replay = Replay(
            register: register.register, policy: config.policy, year: year, through: board,
            sheets: read.sheets.map(\.display), presented: read.presented, keepingTrail: keepingTrail,
            mapping: Replay.onAllCores
        ).decideOnAllCores()

        var reconciliation = Reconciliation()
        reconciliation.rowsRead = read.sheets.reduce(0) { $0 + $1.rowsRead }
        reconciliation.rowsCounted = replay.counted
        reconciliation.rowsSuperseded = replay.superseded
        reconciliation.rowsRejected = read.sheets.reduce(0) { $0 + $1.rowsRejected } + replay.rejected
        reconciliation.rowsBlank = read.sheets.reduce(0) { $0 + $1.rowsBlank }
        self.reconciliation = reconciliation
        rejectedAnything =
            reconciliation.rowsRejected > 0
            || read.sheets.contains { $0.findings.count(of: .error) > 0 }

        var exceptions = Findings(register.quality)
        exceptions.reserveCapacity(
            exceptions.count + replay.findings.count + read.sheets.reduce(0) { $0 + $1.findings.count }
                + read.folders.notSheets.count)
        exceptions += replay.findings
        replay.findings = []
        for index in read.sheets.indices {
            exceptions += read.sheets[index].findings
            read.sheets[index].findings = []
        }
        exceptions += read.folders.notSheets.map {
            Finding(.notASheet, at: SourceLine(file: config.relative($0), line: 0))
        }
        exceptions.sortInFileOrder()
        self.exceptions = exceptions
        self.replay = replay
        sheets = read.sheets
        self.register = register
        self.register.register.enrolments = [:]
    }

    /// Rows or files were rejected: the run is complete but exits 1.
    public let rejectedAnything: Bool

    /// `<reports>/<year>/<board>/`.
    public func folder(under reports: String) -> String { config.reportFolder(of: board, under: reports) }
}

extension Replay {
    /// Every transform at once, on every core.
    public static let onAllCores: Mapping = { days, group in parallelMap(days, group) }

    /// The enrolments decided in ranges on every core (each enrolment's replay is independent of the
    /// others'), the parts combined in order. Many small ranges, because enrolments differ in the work
    /// they take.
    public func decideOnAllCores() -> ReplayResult {
        let count = enrolments.count
        let parts = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount * 16))
        let ranges = (0..<parts).map { count * $0 / parts..<count * ($0 + 1) / parts }
        return combine(parallelMap(ranges) { decide($0) })
    }
}
