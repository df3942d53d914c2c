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
    /// The signing key cannot be made or used.
    case keyFile(KeyFileError)
    /// The board's results contradict what a credential may say (two would share a file).
    case cannotIssue(IssueError)
    /// The issuer.json a credential is checked against cannot be used; the file is not checked.
    case issuerUnusable(file: String, VerificationFailure)
    /// The signing library failed: a bug, or a broken installation.
    case signing(any Error)

    var status: ExitStatus {
        switch self {
        case .usage: .usage
        case .configInvalid, .registerInvalid, .marksUnreadable, .keyFile, .cannotIssue, .issuerUnusable:
            .invalidInput
        case .cannotWrite, .ledgerUnusable, .ledgerUnreadable: .cannotWrite
        case .unbalanced, .signing: .internalError
        case .locked: .locked
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
        }
    }
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

private func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
}
