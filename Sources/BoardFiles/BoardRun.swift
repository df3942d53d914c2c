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
    public let register: RegisterLoad
    public var sheets: [MarkSheet] = []
    /// The board each sheet was presented to, by the path shown in findings; nil for misplaced sheets.
    public var boardOfSheet: [String: Day] = [:]
    public var replay = ReplayResult()
    /// Everything for exceptions.csv: sheet and row findings, register quality, marks overdue.
    public var exceptions: [Finding] = []
    public var reconciliation = Reconciliation()

    /// Reads the sheets of every board of the year up to `board` and replays them. Pure apart from reading.
    public init(config: BoardConfig, register: RegisterLoad, board: Day) {
        self.config = config
        self.year = config.year(ofBoard: board)!
        self.board = board
        self.register = register

        let folders = MarkFolders.scan(config, year: year, through: board)
        var presented: [Day: [MarkRow]] = [:]
        for (day, paths) in folders.sheets.sorted(by: { $0.key < $1.key }) {
            for path in paths {
                let sheet = MarkSheet.read(path, displayedAs: config.relative(path))
                presented[day, default: []] += sheet.rows
                boardOfSheet[sheet.display] = day
                sheets.append(sheet)
            }
        }
        for path in folders.misplaced {
            var sheet = MarkSheet.read(path, displayedAs: config.relative(path))
            sheet.rowsRejected = sheet.rowsRead
            sheet.rows = []
            sheet.findings = [
                Finding(
                    .error, .outsideBoardFolder, at: SourceLine(file: config.relative(path), line: 1),
                    "the sheet is not in a board folder (\(config.relative(config.marks))/<board date>/, one of \(config.allBoards.map(\.description).joined(separator: ", "))), so no board can take its \(sheet.rowsRead) row\(sheet.rowsRead == 1 ? "" : "s"); move it into the folder of the board it is for"
                )
            ]
            sheets.append(sheet)
        }
        replay = Replay.run(
            register: register.register, policy: config.policy, year: year, through: board, presented: presented)

        exceptions = register.quality + replay.findings + sheets.flatMap(\.findings)
        exceptions += folders.notCSV.map {
            Finding(
                .warning, .notCSV, at: SourceLine(file: config.relative($0), line: 0),
                "this file is not a .csv mark sheet and was not read; save it as CSV UTF-8 if it holds marks")
        }
        exceptions.sort(by: Finding.fileOrder)

        reconciliation.rowsRead = sheets.reduce(0) { $0 + $1.rowsRead }
        reconciliation.rowsCounted = replay.counted
        reconciliation.rowsSuperseded = replay.superseded
        reconciliation.rowsRejected = sheets.reduce(0) { $0 + $1.rowsRejected } + replay.rejected
    }

    /// Rows or files were rejected: the run is complete but exits 1.
    public var rejectedAnything: Bool {
        reconciliation.rowsRejected > 0 || sheets.contains { sheet in sheet.findings.contains { $0.severity == .error } }
    }

    /// `<reports>/<year>/<board>/`, `/` in the year code written as `-`.
    public func folder(under reports: String) -> String {
        reports + "/" + year.code.replacingOccurrences(of: "/", with: "-") + "/" + board.description
    }
}
