import ArgumentParser
import Credentials
import Foundation
import Input
import Ledger
import Outputs
import Regulations

/// The exit statuses of SPEC §4 (sysexits), named once.
enum ExitStatus: Int32 {
    /// Done, with no errors.
    case done = 0
    /// Done, outputs complete, but rows or files were rejected.
    case rejected = 1
    case usage = 64
    /// The config, register or enrolments cannot be used; nothing written.
    case invalidInput = 65
    /// The rows did not reconcile: a bug; nothing written.
    case internalError = 70
    /// An output could not be written; nothing partial left.
    case cannotWrite = 73
    /// Another run holds the lock.
    case locked = 75

    var exitCode: ExitCode { ExitCode(rawValue) }
}

/// Why a command stopped, with what it says on stderr and its exit status: every such message in one place.
enum Failure: Error {
    case usage(String, command: String)
    case configInvalid(ConfigError)
    case registerInvalid([Finding], configFolder: String)
    case marksUnreadable(UnreadableFolder)
    case cannotWrite(OutputError, consequence: String)
    case ledgerUnusable(LedgerError)
    case ledgerUnreadable(LedgerError)
    case unbalanced(year: String, Reconciliation)
    case locked(LockHeld, activity: String)
    case accountsUnusable(path: String, reason: String)
    case cannotListen(String, reason: String)
    /// The signing key cannot be made or used.
    case keyFile(KeyFileError)
    /// The board's results contradict what a credential may say (two would share a file).
    case cannotIssue(IssueError)
    /// The issuer.json a credential is checked against cannot be used; the file is not checked.
    case issuerUnusable(file: String, VerificationFailure)
    /// The signing library failed: a bug, or a broken installation.
    case signing(any Error)
    /// A sealed board's files changed since it was sealed: nothing was done.
    case sealBroken(BrokenSeals)
    /// A board cannot be sealed or unsealed as asked.
    case sealRefused(Sealing.Refusal)
    /// The ledger cannot record a seal or an unsealing; `what` was not done.
    case ledgerCannotRecord(LedgerError, what: String)
    /// An export as of a date before the last one's, without --rewind.
    case backDated(BackDatedExport)
    /// The ledger does not know the newest export folder, and no --rewind.
    case ledgerBehind(LedgerBehindExports)
    /// The board folders already written list seals the ledger does not hold.
    case sealsForgotten([ForgottenSeal], ledger: String)
    /// Sealed decisions changed with no unsealing behind them, and no --rewind.
    case unsealedAmendments(UnsealedAmendments)
    /// Records SITS holds as agreed by a board would be deleted, and no --rewind.
    case agreedDeleted(AgreedRecordsDeleted)
    /// Memory ran out: never thrown, but said by the allocator's wrapper (`OutOfMemory`) as it stops.
    case outOfMemory

    var status: ExitStatus {
        switch self {
        case .usage: .usage
        case .configInvalid, .registerInvalid, .marksUnreadable, .keyFile, .cannotIssue, .issuerUnusable, .sealBroken,
            .sealRefused, .backDated, .ledgerBehind, .sealsForgotten, .unsealedAmendments, .agreedDeleted:
            .invalidInput
        case .cannotWrite, .ledgerUnusable, .ledgerUnreadable, .ledgerCannotRecord, .accountsUnusable, .outOfMemory:
            .cannotWrite
        case .unbalanced, .signing: .internalError
        case .locked, .cannotListen: .locked
        }
    }

    /// The lines written to stderr.
    var lines: [String] {
        switch self {
        case .usage(let message, let command):
            ["Error: \(message)", "See 'board \(command) --help'."]
        case .configInvalid(let error):
            error.problems.map { problem in
                let key = problem.key.isEmpty ? "" : "\(problem.key) "
                let line = problem.line > 0 ? ":\(problem.line)" : ""
                return "\(error.file)\(line): error: \(key)\(problem.message)"
            } + ["board: the configuration cannot be used; nothing was done"]
        case .registerInvalid(let findings, let folder):
            // Shown from where the command runs, so an editor can open them.
            findings.map { finding in
                var shown = finding
                if !folder.isEmpty && !finding.file.hasPrefix("/") { shown.file = folder + "/" + finding.file }
                return shown.compilerStyle
            }
                + [
                    "board: the register, deadlines or enrolments leave decisions undefined (\(findings.count) problem\(findings.count == 1 ? "" : "s") above); correct them and run again. Nothing was done"
                ]
        case .marksUnreadable(let folder):
            [
                "board: cannot read the mark sheets in \(folder.path): \(folder.reason); check [inputs] marks in board.toml and the folder's permissions. Nothing was written: a board folder that cannot be read is not taken as empty"
            ]
        case .cannotWrite(let error, let consequence):
            ["board: cannot write \(error.path): \(error.reason). \(consequence)"]
        case .outOfMemory:
            [
                "board: stopped: it needs more memory than it may use here (the machine's, or a limit such as ulimit -v or the container's). Nothing partial is in place: board packs and exports are written complete or not at all, so each is as it was, or complete (a hidden folder it was writing is removed by the next run). Sheets of very many rejected rows take the most memory: correct or split them, or run board where it may use more."
            ]
        case .ledgerUnusable(let error):
            [
                "board: the ledger \(error.path) cannot be used: \(error.reason). Nothing was sent; the next export will send it."
            ]
        case .ledgerUnreadable(let error):
            ["board: the ledger \(error.path) cannot be read: \(error.reason)"]
        case .unbalanced(let year, let reconciliation):
            [
                "board: internal error: the rows of \(year) do not reconcile (\(reconciliation.sentence)); nothing was written. Please report this with the inputs."
            ]
        case .accountsUnusable(let path, let reason):
            ["board: the ledger \(path) cannot be used: \(reason). Nothing was changed."]
        case .cannotListen(let address, let reason):
            [
                "board: cannot serve on \(address): \(reason). Another process may be listening there: stop it, or choose another address with --listen"
            ]
        case .locked(let held, let activity):
            [
                "board: \(activity) (\(held.pid.map { "pid \($0)" } ?? "pid unknown, lock file \(held.path)")); try again when it has finished"
            ]
        case .keyFile(let error):
            ["board: \(error.message)"]
        case .cannotIssue(let error):
            ["board: cannot issue the credentials: \(error.message). Nothing was written"]
        case .issuerUnusable(let file, let failure):
            [
                "board: \(file): not checked: \(failure.message). Name the University's published issuer.json with --issuer PATH"
            ]
        case .signing(let error):
            [
                "board: internal error: the signing library failed (\(error)); nothing was written. Please report this with the command you ran."
            ]
        case .sealBroken(let broken):
            broken.calendar.map { change in
                switch change {
                case .sealedBoardGone(let seal):
                    "board: board.toml no longer lists the board of \(seal.board) in \(seal.academicYear), though it is sealed (version \(seal.version), by \(seal.by) at \(seal.at)): its decisions cannot be dropped in silence. Put it back in [[academic_years]]; to remove it, unseal it first (board unseal --board \(seal.board) --reason \"why\")"
                case .boardAddedBefore(let board, let seal):
                    "board: board.toml lists a board of \(board), never sealed, before the board of \(seal.board), which is sealed (version \(seal.version), by \(seal.by) at \(seal.at)): a board added before a sealed one would change its decisions. Remove it; or unseal the boards after it (board unseal --board \(seal.board) --reason \"why\"), then seal the year's boards again in order"
                }
            }
                + broken.boards.flatMap { board in
                    let seal = board.seal
                    return [
                        "board: the board of \(seal.board) is sealed (version \(seal.version), by \(seal.by) at \(seal.at)), and its files have changed since:"
                    ]
                        + board.changes.map { change in
                            func digest(_ hex: String?) -> String { hex ?? "none (not a file that can be read)" }
                            let what =
                                switch change.kind {
                                case .changed:
                                    "changed since the board was sealed: SHA-256 then \(digest(change.then)), now \(digest(change.now))"
                                case .added:
                                    "added since the board was sealed: SHA-256 then none (not in the seal), now \(digest(change.now))"
                                case .removed:
                                    "removed since the board was sealed: SHA-256 then \(digest(change.then)), now none (no such file)"
                                }
                            return "\(change.path): error: \(what)"
                        }
                }
                + broken.boards.map { board in
                    "Either restore the files of \(board.seal.board) as they were sealed, or unseal the board to change them: board unseal --board \(board.seal.board) --reason \"why\" (every run then lists the decisions that change as amendments)"
                } + ["Nothing was done."]
        case .sealRefused(.notYetMet(let board, let today)):
            [
                "board: the board of \(board) has not met yet (today is \(today)): a board is sealed once it has met. Nothing was sealed"
            ]
        case .sealRefused(.earlierBoardOpen(let board, let earlier)):
            [
                "board: the board of \(earlier), before \(board) in the same year, is not sealed: a year's boards are sealed in order, so seal it first (board seal --board \(earlier)). Nothing was sealed"
            ]
        case .sealRefused(.notSealed(let board, let latest)):
            [
                "board: the board of \(board) is not sealed"
                    + (latest.map { ": its seal (version \($0.version), by \($0.by) at \($0.at)) was unsealed already" }
                        ?? ": it was never sealed") + ". Nothing was done"
            ]
        case .ledgerCannotRecord(let error, let what):
            ["board: the ledger \(error.path) cannot be written: \(error.reason). \(what)"]
        case .backDated(let refused):
            [
                "board: an export as of \(refused.outcome.asOf) is before the as-of date of the last export, \(refused.last.asOf) (export \(refused.last.id)): it would delete or change back \(refused.outcome.takenBack) records that SITS holds, \(refused.outcome.agreedTakenBack) of them agreed by a board (\(exportCounts(refused.outcome.counts))). Nothing was sent.",
                "To see them: board export --as-of \(refused.outcome.asOf) --dry-run. To take SITS back to \(refused.outcome.asOf) all the same, add --rewind.",
            ]
        case .unsealedAmendments(let unsealed):
            [
                "board: \(plural(unsealed.amendments.count, "decision")) of sealed boards changed since sealed with no unsealing behind \(unsealed.amendments.count == 1 ? "it" : "them"): the register, the enrolments or board.toml changed under a sealed board. Nothing was sent."
            ]
                + unsealed.amendments.prefix(10).map { "  " + amendmentLine($0) }
                + (unsealed.amendments.count > 10
                    ? ["  and \(unsealed.amendments.count - 10) more (board run lists them in amendments.csv)"] : [])
                + [
                    "Unseal the board, saying why (board unseal --board \(unsealed.amendments[0].board) --reason \"why\"), so that the change is on record, and seal it again; or, to send it all the same, add --rewind."
                ]
        case .agreedDeleted(let refused):
            [
                "board: an export as of \(refused.outcome.asOf) would delete \(agreedDeletedSummary(refused.outcome)): no record is made under their keys now, though no decision need have changed (as when [policy] ayr_code, an spr_code in enrolments.csv or a course's code changed). Nothing was sent."
            ]
                + agreedDeletedLines(refused.outcome)
                + [
                    "Undo the change that took them away (board export --as-of \(refused.outcome.asOf) --dry-run shows what it would send); or, to send it deliberately, deleting them from SITS, add --rewind."
                ]
        case .ledgerBehind(let behind):
            [
                "board: the ledger \(behind.ledger) knows \(behind.known == 0 ? "no export" : "the exports up to \(behind.known)"), but the exports folder holds \(behind.folder): the ledger is an older copy, or a new one, and no longer says what SITS holds. Nothing was sent.",
                "Put the latest ledger back; or, to compare with this one all the same (records SITS holds may be sent again, or not deleted), add --rewind.",
            ]
        case .sealsForgotten(let forgotten, let ledger):
            [
                "board: the ledger \(ledger) does not hold \(forgotten.count == 1 ? "a seal" : "\(forgotten.count) seals") that the board folders already written record: the ledger is an older copy, or a new one, and no longer says which boards are sealed. Nothing was written."
            ]
                + forgotten.map {
                    "\($0.manifest): the seal of the board of \($0.seal.board), version \($0.seal.version), by \($0.seal.by) at \($0.seal.at)"
                }
                + ["Put the latest ledger back; if the seal was meant to go, unseal it with board unseal."]
        }
    }
}

/// `2025-12-11 25489122 MC4002 SEP: sealed PENDING, now WITHDRAWN`: an amendment in a line.
func amendmentLine(_ amendment: Amendment) -> String {
    func decision(_ decision: SealedDecision?) -> String {
        decision.map { $0.outcome + ($0.agreedMark.isEmpty ? "" : " \($0.agreedMark)") } ?? "no decision"
    }
    return
        "\(amendment.board) \(amendment.student) \(amendment.course) \(amendment.occurrence): sealed \(decision(amendment.sealed)), now \(decision(amendment.now))"
}

/// `3 records that SITS holds as agreed by a board (SAS 2 DELETE; SMR 1 DELETE)`: the DELETEs of agreed
/// records an export would send, by table.
func agreedDeletedSummary(_ outcome: NightlyExport.Outcome) -> String {
    let counts = outcome.agreedDeleted.mapValues { [ExportAction.delete: $0] }
    return
        "\(plural(outcome.agreedDeletedCount, "record")) that SITS holds as agreed by a board (\(exportCounts(counts)))"
}

/// `  SAS 25649144/1 MC4002 SEP 2025/6 Y 001`: the first keys of the agreed records an export would delete,
/// and how many more.
func agreedDeletedLines(_ outcome: NightlyExport.Outcome) -> [String] {
    let more = outcome.agreedDeletedCount - outcome.firstAgreedDeleted.count
    return outcome.firstAgreedDeleted.map { "  \($0.table.rawValue) \($0.key.joined(separator: " "))" }
        + (more > 0 ? ["  and \(more) more"] : [])
}

/// `SAS 288 INSERT; SRA 37 INSERT, 2 DELETE`: the changes by table and action, tables without any left out.
func exportCounts(_ counts: [SITSTable: [ExportAction: Int]]) -> String {
    SITSTable.allCases.compactMap { table -> String? in
        let actions = ExportAction.allCases.compactMap { action -> String? in
            let count = counts[table]?[action] ?? 0
            return count == 0 ? nil : "\(count) \(action.rawValue)"
        }
        return actions.isEmpty ? nil : "\(table.rawValue) \(actions.joined(separator: ", "))"
    }.joined(separator: "; ")
}

/// Runs a command's work, turning a failure into its lines on stderr and its exit status.
func reportingFailures(_ work: () throws -> ExitStatus) throws {
    try finish(Result(catching: work))
}

/// Runs the work of a command that awaits, as above.
func reportingFailures(_ work: () async throws -> ExitStatus) async throws {
    let outcome: Result<ExitStatus, any Error>
    do {
        outcome = .success(try await work())
    } catch {
        outcome = .failure(error)
    }
    try finish(outcome)
}

private func finish(_ outcome: Result<ExitStatus, any Error>) throws {
    let status: ExitStatus
    do {
        status = try outcome.get()
    } catch let failure as Failure {
        for line in failure.lines { printError(line) }
        throw failure.status.exitCode
    }
    if status != .done { throw status.exitCode }
}

/// A line on stderr. A full disk or a closed stream must not stop a run, so a failed write is ignored.
func printError(_ line: String) {
    try? FileHandle.standardError.write(contentsOf: Data((terminalSafe(line) + "\n").utf8))
}

/// Lines on stdout, made safe for a terminal: they quote what sheets hold.
func printOutput(_ text: String) {
    print(terminalSafe(text))
}

/// `text` with every control character but line feed and tab shown as `\u{…}`: a value from a sheet
/// must not move the cursor, clear the screen or change colours (ANSI escapes) when it is printed.
func terminalSafe(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
    var safe = ""
    for scalar in text.unicodeScalars {
        if isUnsafe(scalar) {
            safe += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
        } else {
            safe.unicodeScalars.append(scalar)
        }
    }
    return safe
}

/// A control character (general category Cc) other than line feed and tab. Cc is U+0000–U+001F and
/// U+007F–U+009F, and by Unicode's stability policy always will be; compared as numbers, because asking
/// each scalar's category took most of the time `board check` spent on a sheet of a million rejected rows.
private func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    (scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)) && scalar != "\n" && scalar != "\t"
}
