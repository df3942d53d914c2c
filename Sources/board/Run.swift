import ArgumentParser
import Foundation
import Input
import Ledger
import Outputs
import Regulations

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Decide every enrolment at a board and write the board's files.",
        discussion: """
            Replays the academic year's boards up to and including --board, each with the mark sheets \
            in its folder (marks/<board date>/), and writes decisions.csv, exceptions.csv, \
            certificates.csv, transcripts.csv, sits/, the board pack (board-report.html and a page per \
            course in courses/) and manifest.json into \
            <reports>/<year>/<board>/, complete or not at all.

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
        try reportingFailures {
            let config = try loadConfig(options)
            let reports = out.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? config.reports
            let (run, lock) = try replayHoldingLock(
                board, config: config, options: options, reports: reports, command: "run")
            defer { withExtendedLifetime(lock) {} }
            let folder = run.folder(under: reports)
            let environment = ProcessInfo.processInfo.environment
            let stopAfter = environment["BOARD_RUN_STOP_AFTER"].flatMap { Int($0) }
            do throws(OutputError) {
                try RunFiles.write(run, to: folder, sourceDateEpoch: environment["SOURCE_DATE_EPOCH"]) { step in
                    // `BOARD_RUN_STOP_AFTER=N` kills the run right after step N of writing its folder, as the
                    // tests do for every step.
                    if stopAfter == step.rawValue { kill(getpid(), SIGKILL) }
                }
            } catch {
                throw Failure.cannotWrite(
                    error,
                    consequence: error.afterReplacing
                        ? "The new board pack is in place."
                        : "Nothing was written; the previous board pack, if any, is untouched.")
            }
            printOutput(RunSummary.text(run, folder: folder, shown: shownFromHere))
            return run.rejectedAnything ? .rejected : .done
        }
    }
}

/// Replays the year's boards up to `board`, as `board run` decides them, holding the lock on the year's
/// board folders under `reports` (75 if another command holds it) for the caller to write while it lives.
func replayHoldingLock(
    _ board: Day, config: BoardConfig, options: ConfigOptions, reports: String, command: String
) throws -> (run: BoardRun, lock: OutputLock) {
    let year = config.year(ofBoard: board)
    // The whole register is checked, while the sheets are read: neither needs the other until the
    // replay. Only the board's year of enrolments is kept.
    let (load, reading) = try inParallel(
        { RegisterLoad.load(config, keeping: year.map { .academicYear($0.code) } ?? .all) },
        { [board] in
            year.map { _ in
                Result { () throws(UnreadableFolder) in try SheetsRead.read(config, through: board) }
            }
        })
    try requireSound(load, options)
    try requireBoard(board, in: config, configPath: options.config, command: command)
    var read: SheetsRead
    do throws(UnreadableFolder) { read = try reading!.get() } catch { throw Failure.marksUnreadable(error) }
    // The sealed boards' files as sealed, judged by the bytes just read, or nothing is written.
    let seals = try readSeals(config)
    try requireSealsHold(seals.book, boards: year!.boards.filter { $0 <= board }, config: config, sheets: read.sheets)
    // The seals the year's board folders already written record are the ledger's: a ledger put back
    // from before a seal, or lost, would take the sealed board for open.
    try requireSealsRecorded(seals.book, board: board, config: config, reports: reports)
    // One command at a time writes a year's board folders; a second is refused at once (75).
    let lockPath = config.runLockPath(board: board, reports: reports)
    let lock: OutputLock
    do {
        lock = try OutputLock.acquire(lockPath)
    } catch let held as LockHeld {
        throw Failure.locked(
            held,
            activity:
                "another board run or board credentials is writing into \((lockPath as NSString).deletingLastPathComponent)"
        )
    } catch let error as OutputError {
        throw Failure.cannotWrite(error, consequence: "Nothing was written.")
    }
    do throws(OutputError) {
        try OutputFolder.recoverStranded(in: (lockPath as NSString).deletingLastPathComponent)
    } catch {
        throw Failure.cannotWrite(error, consequence: "Nothing was written.")
    }
    var run = BoardRun(config: config, register: load, board: board, read: &read)
    guard run.reconciliation.balances else { throw Failure.unbalanced(year: run.year.code, run.reconciliation) }
    try addAmendments(to: &run, seals: seals, register: load.register, read: read)
    return (run, lock)
}
