import ArgumentParser
import Foundation
import Input
import Ledger
import Outputs
import Regulations

/// `board seal`: the board has met; its files and decisions are recorded in the ledger, and every
/// command that reads its sheets refuses a change to them until it is unsealed (SPEC §7).
struct SealBoard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seal",
        abstract: "Seal a board that has met: record its sheets and decisions, so that they cannot change in silence.",
        discussion: """
            Records in the ledger ([outputs] ledger, default <exports>/ledger.sqlite) every file of \
            marks/<board>/ (name, size, SHA-256, rows) and the decisions at the board (per enrolment of \
            its year: outcome, reason, agreed mark, grade, decided at), with who (--by, else your login \
            name) and when, in one transaction. From then on check, run, explain, export and credentials \
            refuse to read the board's sheets if a file was changed, added or removed: restore it, or \
            'board unseal'. Refused for a board after today, and while an earlier board of the same year \
            is not sealed. Sealing a sealed board whose files are unchanged does nothing.

            Exit status: 0 sealed, or sealed already; 64 usage; 65 the config or register is invalid, \
            the board cannot be sealed (not yet met, an earlier board not sealed) or its files changed \
            since it was sealed; 73 the ledger could not be written, nothing sealed.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("The board to seal (YYYY-MM-DD or DD/MM/YYYY).", valueName: "DATE"))
    var board: Day

    @Option(help: ArgumentHelp("Who seals it; default your login name.", valueName: "NAME"))
    var by: String?

    func validate() throws {
        if let by, by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by names no one") }
    }

    func run() throws {
        try reportingFailures {
            let config = try loadConfig(options)
            try requireBoard(board, in: config, configPath: options.config, command: "seal")
            let year = config.year(ofBoard: board)!
            let load = try loadRegister(config, options, keeping: .academicYear(year.code))
            // `BOARD_SEAL_STOP_AFTER=N` kills the command right after step N of sealing, as the tests do for
            // every step.
            let stopAfter = ProcessInfo.processInfo.environment["BOARD_SEAL_STOP_AFTER"].flatMap { Int($0) }
            let reached = { (step: Sealing.Step) in if stopAfter == step.rawValue { kill(getpid(), SIGKILL) } }
            let folder = (config.ledger as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            } catch {
                throw Failure.cannotWrite(
                    OutputError(path: folder, reason: "cannot create the ledger's folder: \(systemReason(error))"),
                    consequence: "Nothing was sealed.")
            }
            let outcome: Sealing.Outcome
            do {
                let ledger = try Ledger(path: config.ledger)
                reached(.opened)
                outcome = try Sealing.seal(
                    board, config: config, register: load, by: by ?? loginName(), today: Day.today(), ledger: ledger,
                    reached: reached)
            } catch let error as LedgerError {
                throw Failure.ledgerCannotRecord(error, what: "Nothing was sealed.")
            } catch {
                throw sealingFailure(error)
            }
            switch outcome {
            case .sealed(let seal, let rows):
                printOutput(
                    "Sealed the board of \(board) (\(year.code)), version \(seal.version), by \(seal.by) at \(seal.at): \(plural(seal.files.count, "file")) (\(plural(rows, "row"))) and \(plural(seal.decisions, "decision")), in \(config.relative(config.ledger))"
                )
            case .alreadySealed(let seal):
                printOutput(
                    "The board of \(board) is sealed already (version \(seal.version), by \(seal.by) at \(seal.at)), and its files are as sealed: nothing to do"
                )
            }
            return .done
        }
    }
}

/// `board unseal`: a sealed board's sheets may change again, for a reason on record.
struct UnsealBoard: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unseal",
        abstract: "Unseal a sealed board so that its sheets may be corrected, recording who, when and why.",
        discussion: """
            Records in the ledger who (--by, else your login name), when and why (--reason) the board \
            was unsealed. Its sheets may then change; every later run lists each decision of the board \
            that differs from its first seal as an amendment, with this unsealing. Seal it again with \
            'board seal' once corrected: the new state is a new version of the seal.

            Exit status: 0 unsealed; 64 usage; 65 the config is invalid or the board is not sealed; \
            73 the ledger could not be written, nothing unsealed.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("The board to unseal (YYYY-MM-DD or DD/MM/YYYY).", valueName: "DATE"))
    var board: Day

    @Option(
        help: ArgumentHelp(
            "Why its sheets must change (kept in the ledger, shown in every later pack).", valueName: "TEXT"))
    var reason: String

    @Option(help: ArgumentHelp("Who unseals it; default your login name.", valueName: "NAME"))
    var by: String?

    func validate() throws {
        if reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--reason is empty: say why the board's sheets must change")
        }
        if let by, by.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--by names no one") }
    }

    func run() throws {
        try reportingFailures {
            let config = try loadConfig(options)
            try requireBoard(board, in: config, configPath: options.config, command: "unseal")
            let done: (unsealing: Unsealing, seal: BoardSeal)
            do {
                // No ledger, no seal: nothing is created to say so.
                guard let ledger = try Ledger.existing(at: config.ledger) else {
                    throw Sealing.Refusal.notSealed(board: board, latest: nil)
                }
                done = try Sealing.unseal(board, reason: reason, by: by ?? loginName(), ledger: ledger)
            } catch let error as LedgerError {
                throw Failure.ledgerCannotRecord(error, what: "Nothing was unsealed.")
            } catch {
                throw sealingFailure(error)
            }
            printOutput(
                "Unsealed the board of \(board) (seal version \(done.seal.version), by \(done.seal.by) at \(done.seal.at)), by \(done.unsealing.by) at \(done.unsealing.at), because: \(done.unsealing.reason)"
            )
            printOutput(
                "Its sheets may change now; every run lists the decisions that change as amendments. Seal it again once corrected: board seal --board \(board)"
            )
            return .done
        }
    }
}

/// The name `--by` defaults to: who is logged in at the terminal (under sudo too), else the user the
/// command runs as.
func loginName() -> String {
    if let name = getlogin() { return String(cString: name) }
    let user = ProcessInfo.processInfo.userName
    return user.isEmpty ? "uid \(geteuid())" : user
}

/// The failure of a seal, an unsealing or a check against seals, as the sealing code throws it; any
/// other error as it is.
func sealingFailure(_ error: any Error) -> any Error {
    switch error {
    case let refusal as Sealing.Refusal: Failure.sealRefused(refusal)
    case let broken as BrokenSeals: Failure.sealBroken(broken)
    case let folder as UnreadableFolder: Failure.marksUnreadable(folder)
    case let unbalanced as UnbalancedRun:
        Failure.unbalanced(year: unbalanced.run.year.code, unbalanced.run.reconciliation)
    case let ledger as LedgerError: Failure.ledgerUnreadable(ledger)
    default: error
    }
}

/// The ledger's seals, for a command that reads sheets: none when there is no ledger (nothing was ever
/// sealed). The ledger is read as it is, never created or upgraded.
func readSeals(_ config: BoardConfig) throws(Failure) -> (book: SealBook, ledger: Ledger?) {
    do {
        guard let ledger = try Ledger.existing(at: config.ledger) else { return (SealBook(), nil) }
        return (try ledger.sealBook(), ledger)
    } catch {
        throw .ledgerUnreadable(error)
    }
}

/// Every sealed board among `boards` has its files as sealed, judged by the sheets the command read;
/// else the command is refused (65) before it writes anything.
func requireSealsHold(_ book: SealBook, boards: some Sequence<Day>, config: BoardConfig, sheets: [MarkSheet]) throws {
    do {
        try book.verify(boards, config: config, sheets: sheets)
    } catch {
        throw sealingFailure(error)
    }
}

/// The decisions of the run's year's sealed boards, up to its board, that changed since their first
/// seal, and the ledger's seals, given to the run for its files.
func addAmendments(
    to run: inout BoardRun, seals: (book: SealBook, ledger: Ledger?), register: Register, read: SheetsRead
) throws(Failure) {
    run.seals = seals.book
    guard let ledger = seals.ledger else { return }
    let decided = run
    do throws(LedgerError) {
        run.amendments = try Amendments.find(
            year: run.year, through: run.board, book: seals.book,
            decisions: { board in
                board == decided.board
                    ? decided.replay.enrolments
                    : read.replay(through: board, config: decided.config, register: register).enrolments
            }, sealedDigests: ledger.sealedDigests, sealedDecisions: ledger.sealedDecisions)
    } catch {
        throw .ledgerUnreadable(error)
    }
}

/// `1 file`, `2 files`.
func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }

/// The seals listed by the manifests of the year's board folders already written under `reports`
/// (`<reports>/<year>/<board>/manifest.json`) are all in the ledger; else the run is refused (65) before
/// it writes anything: the ledger is an older copy, or a new one. A folder without a manifest, or a
/// manifest that is not JSON with a list of seals, lists none.
func requireSealsRecorded(
    _ book: SealBook, board: Day, config: BoardConfig, reports: String
) throws(Failure) {
    let year = (config.reportFolder(of: board, under: reports) as NSString).deletingLastPathComponent
    let names = (try? FileManager.default.contentsOfDirectory(atPath: year)) ?? []
    let manifests = names.filter { !$0.hasPrefix(".") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        .compactMap { name -> (path: String, seals: [RecordedSeal])? in
            let path = year + "/" + name + "/manifest.json"
            guard let data = FileManager.default.contents(atPath: path),
                let listed = try? JSONDecoder().decode(ManifestSeals.self, from: data).seals
            else { return nil }
            return (path, listed)
        }
    let forgotten = book.forgotten(manifests)
    if !forgotten.isEmpty { throw .sealsForgotten(forgotten, ledger: config.ledger) }
}

/// The one key of a manifest.json that the check of the seals reads.
private struct ManifestSeals: Decodable {
    let seals: [RecordedSeal]?
}
