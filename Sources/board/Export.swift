import ArgumentParser
import Foundation
import Input
import Ledger
import Logging
import Outputs
import Regulations

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the SITS-style records that changed since the last export (run nightly).",
        discussion: """
            As of --as-of (default today): the agreed results of every board held on or before that \
            date, for each academic year, and the actual marks of the sheets already presented to the \
            next board (not yet agreed). Compared with the ledger ([outputs] ledger, default \
            <exports>/ledger.sqlite), only new, changed and vanished records are written, with an ACTION \
            column (INSERT, UPDATE, DELETE), into <exports>/<as-of>-<export id>/: SAS.csv, SRA.csv, \
            SMR.csv, withdrawals.csv and manifest.json. When nothing changed nothing is written.

            --dry-run prints what an export would send (counts by table and action, and the first \
            records of each) and writes nothing. An export as of a date before the last export's, or one \
            that would delete records SITS holds as agreed by a board (their keys no longer made: \
            [policy] ayr_code or an spr_code changed), is refused, saying how many records it would \
            take back, unless --rewind is given.

            Exit status: 0 done, or nothing changed; 1 exported, but rows or files were rejected; \
            64 usage; 65 the config or register is invalid, a sealed board's sheets changed, or a \
            back-dated export, or one deleting agreed records, without --rewind; 73 an output or the ledger could not be written, \
            nothing sent; 75 another export is running.
            """)

    @OptionGroup var options: ConfigOptions
    @OptionGroup var logging: LoggingOptions

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("Export as of this date (YYYY-MM-DD or DD/MM/YYYY); default today.", valueName: "DATE"))
    var asOf: Day?

    @ArgumentParser.Flag(name: .customLong("dry-run"), help: "Print what the export would send; write nothing.")
    var dryRun = false

    @ArgumentParser.Flag(
        help:
            "Export as of a date before the last export's, or delete records SITS holds as agreed, all the same.")
    var rewind = false

    func run() throws {
        try reportingFailures { try export() }
    }

    private func export() throws -> ExitStatus {
        let logger = logging.bootstrap(label: "board.export")
        let config = try loadConfig(options)
        let load = try loadRegister(config, options)
        let day = asOf ?? Day.today()
        let environment = ProcessInfo.processInfo.environment
        let outcome: NightlyExport.Outcome
        do {
            outcome =
                dryRun
                ? try NightlyExport.dryRun(config: config, register: load, asOf: day, logger: logger)
                : try NightlyExport.run(
                    config: config, register: load, asOf: day, rewind: rewind,
                    sourceDateEpoch: environment["SOURCE_DATE_EPOCH"],
                    stopAfter: environment["BOARD_EXPORT_STOP_AFTER"].flatMap { Int($0) }, logger: logger)
        } catch let broken as BrokenSeals {
            throw Failure.sealBroken(broken)
        } catch let refused as BackDatedExport {
            throw Failure.backDated(refused)
        } catch let behind as LedgerBehindExports {
            throw Failure.ledgerBehind(behind)
        } catch let unsealed as UnsealedAmendments {
            throw Failure.unsealedAmendments(unsealed)
        } catch let deleted as AgreedRecordsDeleted {
            throw Failure.agreedDeleted(deleted)
        } catch let held as LockHeld {
            throw Failure.locked(held, activity: "another export is running")
        } catch let error as OutputError {
            throw Failure.cannotWrite(error, consequence: "Nothing was sent; the next export will send it.")
        } catch let error as LedgerError {
            throw Failure.ledgerUnusable(error)
        } catch let error as UnreadableFolder {
            throw Failure.marksUnreadable(error)
        } catch let error as UnbalancedRun {
            throw Failure.unbalanced(year: error.run.year.code, error.run.reconciliation)
        }
        let since = outcome.previous.map { " since export \($0.id) (as of \($0.asOf))" } ?? ""
        if dryRun {
            printDryRun(outcome, since: since)
            return outcome.changeCount > 0 && outcome.rejectedAnything ? .rejected : .done
        }
        if let id = outcome.exportID, let folder = outcome.folder {
            let count = outcome.changeCount
            print(
                "Export \(id) as of \(day): \(count) change\(count == 1 ? "" : "s") (\(exportCounts(outcome.counts)))")
            print("Written to \(folder)/: \(SITSTable.allCases.map(\.fileName).joined(separator: ", ")), manifest.json")
        } else {
            print("Nothing changed as of \(day)\(since): no export written")
        }
        // A night with nothing to send is a success whatever the sheets hold: the rejections were
        // reported by the export that sent the records they touch.
        if outcome.exportID != nil && outcome.rejectedAnything {
            printError("board: rows or files were rejected; `board run --board DATE` lists them in exceptions.csv")
            return .rejected
        }
        return .done
    }

    /// What an export would send: counts, then the first lines of each table and action.
    private func printDryRun(_ outcome: NightlyExport.Outcome, since: String) {
        let count = outcome.changeCount
        print(
            count == 0
                ? "Dry run: nothing changed as of \(outcome.asOf)\(since); an export would write nothing"
                : "Dry run: an export as of \(outcome.asOf) would send \(count) change\(count == 1 ? "" : "s")\(since) (\(exportCounts(outcome.counts))); nothing was written"
        )
        // Refused whatever it would send.
        if let behind = outcome.ledgerBehind {
            print(
                "The ledger knows \(behind.known == 0 ? "no export" : "the exports up to \(behind.known)"), but the exports folder holds \(behind.folder): the ledger is an older copy, or a new one; the export is refused without --rewind"
            )
        }
        guard count > 0 else { return }
        if !outcome.unsealedAmendments.isEmpty {
            print(
                "\(plural(outcome.unsealedAmendments.count, "decision")) of sealed boards changed with no unsealing behind \(outcome.unsealedAmendments.count == 1 ? "it" : "them"); the export is refused without --rewind:"
            )
            for amendment in outcome.unsealedAmendments.prefix(NightlyExport.linesShown) {
                printOutput("  " + amendmentLine(amendment))
            }
        }
        if outcome.backDated, let last = outcome.previous {
            print(
                "As of \(outcome.asOf), before the as-of date of the last export, \(last.asOf): it would delete or change back \(outcome.takenBack) records that SITS holds, \(outcome.agreedTakenBack) of them agreed by a board; the export is refused without --rewind"
            )
        } else if outcome.agreedDeletedCount > 0 {
            print("It would delete \(agreedDeletedSummary(outcome)); the export is refused without --rewind:")
            for line in agreedDeletedLines(outcome) { printOutput(line) }
        }
        for table in SITSTable.allCases {
            for action in ExportAction.allCases {
                let total = outcome.counts[table]?[action] ?? 0
                guard total > 0, let lines = outcome.firstLines[table]?[action] else { continue }
                print(
                    "\(table.fileName), \(total) \(action.rawValue)\(total > lines.count ? ", the first \(lines.count)" : ""):"
                )
                for line in lines { printOutput("  " + line) }
            }
        }
    }
}

/// `--quiet` and `--verbose`: the level of the log lines written to stderr.
struct LoggingOptions: ParsableArguments {
    @ArgumentParser.Flag(name: .long, help: "Log warnings and errors only.")
    var quiet = false

    @ArgumentParser.Flag(name: .long, help: "Log every step (debug).")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    /// Sends swift-log to stderr at the chosen level (default info: a line per phase).
    func bootstrap(label: String) -> Logger {
        let level: Logger.Level = quiet ? .warning : verbose ? .debug : .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: label)
    }
}

extension Day {
    /// Today in the local calendar: the one place `board` reads the clock.
    static func today() -> Day { Day(inLocalCalendar: Date()) }
}
