import ArgumentParser
import BoardFiles
import Foundation
import Regulations

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide every enrolment at a board and write the board's files.",
        discussion: """
            Replays the academic year's boards up to and including --board, each with the mark sheets \
            in its folder (marks/<board date>/), and writes decisions.csv, exceptions.csv and \
            manifest.json into <reports>/<year>/<board>/, complete or not at all.

            Exit status: 0 done with no errors; 1 done, but rows or files were rejected (see \
            exceptions.csv); 64 usage; 65 the config or register is invalid, nothing written; 73 an \
            output could not be written, nothing partial left; 75 another run is writing the \
            year's board packs.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(
        help: ArgumentHelp(
            "The board to decide (YYYY-MM-DD or DD/MM/YYYY), one of the boards in board.toml.", valueName: "DATE"))
    var board: Day

    @Option(help: ArgumentHelp("Write under this folder instead of [outputs] reports.", valueName: "DIR"))
    var out: String?

    func run() throws {
        let config = try loadConfig(options)
        // The whole register is checked; only the board's year of enrolments is kept.
        let year = config.year(ofBoard: board)
        // The sheets are read while the register loads.
        let reading = year.map { _ in SheetsReading(config, through: board) }
        // Each register file digested as it is parsed, for the manifest.
        let load = try loadRegister(
            config, options, digesting: true, keeping: year.map { .academicYear($0.code) } ?? .all)
        try requireBoard(board, in: config, configPath: options.config, command: "run")
        let reports = out.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? config.reports
        // One run at a time writes a year's board packs; a second is refused at once (75).
        let lockPath = config.runLockPath(board: board, reports: reports)
        let lock: OutputLock
        do {
            lock = try OutputLock.acquire(lockPath)
        } catch let held as LockHeld {
            throw lockRefused(
                held, "another board run is writing into \((lockPath as NSString).deletingLastPathComponent)")
        } catch let error as OutputError {
            printError("board: cannot write \(error.path): \(error.reason). Nothing was written.")
            throw Exit.cannotWrite
        }
        defer { withExtendedLifetime(lock) {} }
        // `requireBoard` has refused a board of no year, so the sheets are being read; what the replay
        // needs of the register alone is made here meanwhile.
        let enrolments = ReplayPlan.YearEnrolments(register: load.register, year: year!)
        var run = BoardRun(
            config: config, register: consume load, board: board, read: reading!.result(), enrolments: enrolments)
        run.releaseInputs()
        guard run.reconciliation.balances else {
            printError(
                "board: internal error: the rows do not reconcile (\(run.reconciliation.sentence)); nothing was written. Please report this with the inputs."
            )
            throw ExitCode(70)
        }
        let folder = run.folder(under: reports)
        let summary: String
        do {
            let written = run
            summary = try RunSummary.text(written, folder: folder) {
                try written.writeOutputs(
                    to: folder, sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
            }
        } catch let error as OutputError {
            printError(
                "board: cannot write \(error.path): \(error.reason). Nothing was written; the previous board pack, if any, is untouched."
            )
            throw ExitCode(73)
        }
        print(summary)
        // The process ends here, with the run still held: the system takes back its memory at once, where
        // letting two million results go one by one took seconds. The lock goes with the process.
        Foundation.exit(run.rejectedAnything ? Exit.rejected.rawValue : ExitCode.success.rawValue)
    }
}

/// `--board` must be one of the configured boards.
func requireBoard(_ board: Day, in config: BoardConfig, configPath: String, command: String) throws {
    guard config.year(ofBoard: board) != nil else {
        throw usageError(
            "--board \(board) is not a board date in \(configPath); the boards are \(config.allBoards.map(\.description).joined(separator: ", "))",
            command: command)
    }
}
