import Foundation
import Regulations

/// rows read = rows counted + rows superseded + rows rejected, over every board replayed.
public struct Reconciliation: Sendable, Codable, Equatable {
    public var rowsRead = 0
    public var rowsCounted = 0
    public var rowsSuperseded = 0
    public var rowsRejected = 0

    public var balances: Bool { rowsRead == rowsCounted + rowsSuperseded + rowsRejected }

    public var sentence: String {
        "\(rowsRead) rows read = \(rowsCounted) counted + \(rowsSuperseded) superseded + \(rowsRejected) rejected"
    }

    enum CodingKeys: String, CodingKey {
        case rowsRead = "rows_read"
        case rowsCounted = "rows_counted"
        case rowsSuperseded = "rows_superseded"
        case rowsRejected = "rows_rejected"
    }
}

/// One board's run: the sheets read, the replay of the year up to the board, and every finding.
public struct BoardRun: Sendable {
    public let config: BoardConfig
    public let year: AcademicYear
    public let board: Day
    public private(set) var register: RegisterLoad
    public var sheets: [MarkSheet] = []
    /// The board each sheet was presented to, by the path shown in findings; nil for misplaced sheets.
    public var boardOfSheet: [String: Day] = [:]
    /// The parsed rows presented to each board, in sheet order: the one copy of them the run keeps
    /// (a sheet keeps only its counts and findings).
    public var presented: [Day: [MarkRow]] = [:]
    public var replay = ReplayResult()
    /// Everything for exceptions.csv: sheet and row findings, register quality, marks overdue.
    public var exceptions: [Finding] = []
    public var reconciliation = Reconciliation()

    /// Reads the sheets of every board of the year up to `board` and replays them. Pure apart from reading.
    /// Each result keeps its trail (what each board saw and decided) only when asked (`board explain`).
    public init(config: BoardConfig, register: RegisterLoad, board: Day, keepingTrail: Bool = false) {
        self.init(
            config: config, register: register, board: board, read: SheetsRead.read(config, through: board),
            keepingTrail: keepingTrail)
    }

    /// Replays sheets already read (the benchmark times reading and deciding apart), with the year's
    /// enrolments put in order already when given (`board run` does it while the sheets are read).
    public init(
        config: BoardConfig, register: RegisterLoad, board: Day, read: SheetsRead,
        enrolments: ReplayPlan.YearEnrolments? = nil, keepingTrail: Bool = false
    ) {
        self.config = config
        self.year = config.year(ofBoard: board)!
        self.board = board
        self.register = register
        sheets = read.sheets
        boardOfSheet = read.boardOfSheet
        presented = read.presented
        let folders = read.folders
        replay = ReplayPlan(
            register: register.register, policy: config.policy, year: year, through: board,
            sheets: sheetNames, presented: presented, enrolments: enrolments, keepingTrail: keepingTrail,
            perform: ReplayPlan.onAllCores
        ).decideOnAllCores()

        // The replay's findings come in file order: the others are sorted apart and merged in, not all
        // sorted again together on one core. Register quality first, as if sorted all joined.
        var others: [Finding] = []
        others.reserveCapacity(sheets.reduce(0) { $0 + $1.findings.count } + folders.notCSV.count)
        for index in sheets.indices { others += sheets[index].findings }
        others += folders.notCSV.map {
            Finding(
                .warning, .notCSV, at: SourceLine(file: config.relative($0), line: 0),
                "this file is not a .csv mark sheet and was not read; if it holds marks, save it as CSV UTF-8 with a name ending in .csv (lower case)"
            )
        }
        others.sortInFileOrder()
        var quality = register.quality
        quality.sortInFileOrder()
        exceptions = [Finding].mergedInFileOrder([quality, replay.findings, others])

        reconciliation.rowsRead = sheets.reduce(0) { $0 + $1.rowsRead }
        reconciliation.rowsCounted = replay.counted
        reconciliation.rowsSuperseded = replay.superseded
        reconciliation.rowsRejected = sheets.reduce(0) { $0 + $1.rowsRejected } + replay.rejected
    }

    /// The sheets' names as findings show them, in the order of `sheets`: a row names its sheet by its
    /// place here.
    public var sheetNames: [String] { sheets.map(\.display) }

    /// Lets go of what the outputs do not read once the replay is done — the rows read and the table
    /// that finds an enrolment by its key, a third of a large run's memory — before the largest files
    /// are built. The enrolments themselves stay: the results refer to them (`ReplayResult.listed`).
    public mutating func releaseInputs() {
        presented = [:]
        register.register.enrolments = [:]
    }

    /// Rows or files were rejected: the run is complete but exits 1.
    public var rejectedAnything: Bool {
        reconciliation.rowsRejected > 0
            || sheets.contains { sheet in sheet.findings.contains { $0.severity == .error } }
    }

    /// `<reports>/<year>/<board>/`.
    public func folder(under reports: String) -> String { reports + "/" + year.folderName + "/" + board.description }
}

extension AcademicYear {
    /// The year's folder under the reports: its code with `/` written as `-` (`2025-26`).
    public var folderName: String { code.replacingOccurrences(of: "/", with: "-") }
}

/// The sheets of a run, read: every sheet in presentation order, and the parsed rows presented to each board.
public struct SheetsRead: Sendable {
    public var folders: MarkFolders
    public var sheets: [MarkSheet] = []
    public var boardOfSheet: [String: Day] = [:]
    public var presented: [Day: [MarkRow]] = [:]

    /// Reads every sheet of the year of `board` up to it, and the misplaced ones. Sheets are
    /// independent files, so they are parsed on all cores; the results keep the order of the folders.
    public static func read(_ config: BoardConfig, through board: Day) -> SheetsRead {
        let year = config.year(ofBoard: board)!
        var read = SheetsRead(folders: MarkFolders.scan(config, year: year, through: board))
        let jobs: [(path: String, day: Day?)] =
            read.folders.sheets.sorted(by: { $0.key < $1.key }).flatMap { day, paths in paths.map { ($0, day) } }
            + read.folders.misplaced.map { ($0, nil) }
        // Each sheet's rows join its board's list, and its digest is taken, on the thread that read it.
        let boardsRows = RowsInSheetOrder(days: jobs.map(\.day), estimatedFrom: jobs.map(\.path))
        // Each sheet digested as it is parsed; one that could not be read to its end is read again for its
        // digest, and reported if it cannot be, as the manifest is written.
        let sheets = MarkSheet.readAll(jobs.map { ($0.path, config.relative($0.path)) }, digesting: true) {
            index, parsedSheet in
            var sheet = parsedSheet
            boardsRows.add(sheet.rows, ofSheet: index)
            sheet.rows = []
            return sheet
        }
        read.presented = boardsRows.rows
        for (job, parsed) in zip(jobs, sheets) {
            var sheet = parsed
            if let day = job.day {
                read.boardOfSheet[sheet.display] = day
            } else {
                sheet.rowsRejected = sheet.rowsRead
                sheet.findings = [
                    Finding(
                        .error, .outsideBoardFolder, at: SourceLine(file: sheet.display, line: 1),
                        "the sheet is not in a board folder (\(config.relative(config.marks))/<board date>/, one of \(config.allBoards.map(\.description).joined(separator: ", "))), so no board can take its \(sheet.rowsRead) row\(sheet.rowsRead == 1 ? "" : "s"); move it into the folder of the board it is for"
                    )
                ]
            }
            read.sheets.append(sheet)
        }
        return read
    }
}

/// The size of the file at `path` in bytes; nil when it cannot be found. `stat` itself: FileManager's
/// attributes of thousands of sheets took a hundredth of a run.
func fileSize(_ path: String) -> Int? {
    var status = stat()
    return stat(path, &status) == 0 ? Int(status.st_size) : nil
}

/// Each board's rows, appended sheet by sheet in the order of the sheets as the reading threads finish
/// them (a sheet that finishes early waits for those before it). A sheet's own list is let go as soon as
/// it is appended: a run never holds its rows twice, which at ten million rows was a gigabyte.
///
/// A reading thread never waits for another's appending: it leaves its sheet and goes back to reading,
/// and whichever thread is appending takes the sheet too. Appending writes into fresh memory, slow on a
/// virtual machine, and a reader that waited for it (as each did, under one lock, until the twelfth
/// pass) left its core idle hundreds of times a run.
private final class RowsInSheetOrder: @unchecked Sendable {
    /// Held only to leave or take a sheet.
    private let left = NSLock()
    private var waiting: [Int: [MarkRow]] = [:]
    /// Held by the one thread appending; `next` and `rows` are its.
    private let appending = NSLock()
    private var next = 0
    private let days: [Day?]
    /// Read only once every sheet was added.
    private(set) var rows: [Day: [MarkRow]] = [:]

    /// `days`: each sheet's board, nil for a sheet outside a board folder, whose rows no board takes.
    /// Each board's list is sized from its sheets' bytes (a mark row takes forty or more), so it is not
    /// copied as it grows: what is reserved and not used is never touched.
    init(days: [Day?], estimatedFrom paths: [String]) {
        self.days = days
        var bytes: [Day: Int] = [:]
        for (day, path) in zip(days, paths) {
            guard let day else { continue }
            bytes[day, default: 0] += fileSize(path) ?? 0
        }
        for (day, total) in bytes { rows[day, default: []].reserveCapacity(total / 40) }
    }

    func add(_ sheetRows: [MarkRow], ofSheet index: Int) {
        left.withLock { waiting[index] = sheetRows }
        // A thread that finds another appending leaves it the sheet: that one looks again for the next
        // sheet after it stops appending, so no sheet is left behind.
        while appending.try() {
            while let ready = left.withLock({ waiting.removeValue(forKey: next) }) {
                if let day = days[next] { rows[day, default: []] += ready }
                next += 1
            }
            let after = next
            appending.unlock()
            guard left.withLock({ waiting[after] != nil }) else { return }
        }
    }
}

/// `SheetsRead.read` under way on other threads, so that `board run` loads the register meanwhile:
/// neither needs the other until the replay, and loading the register leaves a core mostly idle.
public final class SheetsReading: Sendable {
    private let reading: Background<SheetsRead>

    public init(_ config: BoardConfig, through board: Day) {
        reading = Background { SheetsRead.read(config, through: board) }
    }

    /// The sheets, once read.
    public func result() -> SheetsRead {
        // Reading reports every problem as a finding of its sheet; it throws nothing.
        try! reading.result()
    }
}

extension ReplayPlan {
    /// Decides the enrolments in ranges on all cores (each enrolment's replay is independent of the
    /// others') and combines the parts in order, so the result is the one `Replay.run` gives. Many small
    /// ranges, because enrolments differ in the work they take: with eight a core, the last range's core
    /// decided alone for a twentieth of a second while the other waited.
    public func decideOnAllCores() -> ReplayResult {
        decideAll(inRanges: ProcessInfo.processInfo.activeProcessorCount * 32, perform: Self.onAllCores)
    }

    /// Jobs on every core at once.
    public static let onAllCores: Perform = { DispatchQueue.concurrentPerform(iterations: $0, execute: $1) }
}
