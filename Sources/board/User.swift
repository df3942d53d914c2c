import ArgumentParser
import Foundation
import Input
import Ledger
import Regulations
import Service

struct User: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the accounts of the submission service (board serve).",
        subcommands: [Add.self, List.self, Disable.self, Link.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account and print its one-time link to set a password (valid 24 hours).",
            discussion: """
                board user add leader@example.ac.uk --role course-team --courses MC4002,CE3005
                board user add officer@example.ac.uk --role registry

                Exit status: 0 added; 64 usage (an unknown course, an account that exists); 65 the \
                config or register is invalid; 73 the ledger cannot be used.
                """)

        @OptionGroup var options: ConfigOptions
        @Argument(help: ArgumentHelp("The person's email address, which they sign in with.", valueName: "EMAIL"))
        var email: String
        @Option(help: "course-team (their own courses only) or registry (every board).")
        var role: String
        @Option(help: ArgumentHelp("The course codes of a course-team account, comma separated.", valueName: "CODES"))
        var courses = ""

        func validate() throws {
            try validateEmail(email)
            guard let role = AccountRole(rawValue: role) else {
                throw ValidationError("--role '\(role)' is neither course-team nor registry")
            }
            if role == .courseTeam && courseCodes.isEmpty {
                throw ValidationError("a course-team account needs --courses, e.g. --courses MC4002,CE3005")
            }
            if role == .registry && !courses.isEmpty {
                throw ValidationError("a registry account sees every course; leave out --courses")
            }
            if let bad = courses.split(separator: ",").first(where: {
                Code($0.trimmingCharacters(in: .whitespaces)) == nil
            }) {
                throw ValidationError("'\(bad)' is not a course code (1-12 letters, digits, '-' or '_')")
            }
        }

        private var courseCodes: [Code] {
            courses.split(separator: ",").compactMap { Code($0.trimmingCharacters(in: .whitespaces)) }
        }

        func run() throws {
            try reportingFailures {
                let config = try loadConfig(options)
                let load = try loadRegister(config, options)
                if let unknown = courseCodes.first(where: { load.register.courses[$0] == nil }) {
                    throw Failure.usage(
                        "course \(unknown) is not on the register (\(config.relative(config.courses)))",
                        command: "user add")
                }
                let ledger = try openLedger(config)
                let link = PasswordLink()
                let account = try changingAccounts(config, command: "user add") {
                    let account = try ledger.addAccount(
                        email: email, role: AccountRole(rawValue: role)!, courses: courseCodes,
                        linkDigest: Secrets.digest(link.token), linkExpires: link.expires, now: link.made)
                    try ledger.auditNow(
                        actor: NSUserName(), event: "account",
                        detail:
                            "added \(email) as \(role)\(courses.isEmpty ? "" : " for \(courseCodes.map(\.description).joined(separator: ","))")",
                        at: link.made)
                    return account
                }
                printOutput(link.lines(for: account, config: config))
                return .done
            }
        }

    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")
        @OptionGroup var options: ConfigOptions

        func run() throws {
            try reportingFailures {
                let config = try loadConfig(options)
                let ledger = try openLedger(config)
                let accounts: [Account]
                do throws(LedgerError) {
                    accounts = try ledger.accounts()
                } catch {
                    throw Failure.accountsUnusable(path: error.path, reason: error.reason)
                }
                let rows =
                    [["EMAIL", "ROLE", "COURSES", "STATE"]]
                    + accounts.map { account in
                        [
                            account.email, account.role.rawValue,
                            account.courses.isEmpty ? "-" : account.courses.map(\.description).joined(separator: ","),
                            account.disabled ? "disabled" : account.passwordHash == nil ? "password not set" : "active",
                        ]
                    }
                let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
                let lines = rows.map { row in
                    (0..<3).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined()
                        + row[3]
                }
                printOutput(lines.joined(separator: "\n"))
                return .done
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account: it cannot sign in, and its sessions end at their next request.")
        @OptionGroup var options: ConfigOptions
        @Argument(help: ArgumentHelp("The account's email address.", valueName: "EMAIL")) var email: String

        func run() throws {
            try reportingFailures {
                let config = try loadConfig(options)
                let ledger = try openLedger(config)
                let now = Date()
                try changingAccounts(config, command: "user disable") {
                    _ = try ledger.disableAccount(email: email, now: now)
                    try ledger.auditNow(actor: NSUserName(), event: "account", detail: "disabled \(email)", at: now)
                }
                printOutput("\(email) is disabled")
                return .done
            }
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a new one-time link to set the password of an account (a forgotten password).")
        @OptionGroup var options: ConfigOptions
        @Argument(help: ArgumentHelp("The account's email address.", valueName: "EMAIL")) var email: String

        func run() throws {
            try reportingFailures {
                let config = try loadConfig(options)
                let ledger = try openLedger(config)
                let link = PasswordLink()
                let account = try changingAccounts(config, command: "user link") {
                    let account = try ledger.renewPasswordLink(
                        email: email, linkDigest: Secrets.digest(link.token), linkExpires: link.expires, now: link.made)
                    try ledger.auditNow(
                        actor: NSUserName(), event: "account", detail: "new password link for \(email)", at: link.made)
                    return account
                }
                printOutput(link.lines(for: account, config: config))
                return .done
            }
        }
    }
}

/// A one-time link to set a password: a fresh token, working for 24 hours from now.
private struct PasswordLink {
    let token = Secrets.token()
    let made = Date()
    var expires: Date { made.addingTimeInterval(24 * 60 * 60) }

    /// What the registry officer sends the person: the account and its link.
    func lines(for account: Account, config: BoardConfig) -> String {
        let base = config.serve.publicURL ?? "http://127.0.0.1:8080"
        return """
            \(account.role.rawValue) account \(account.email)\(account.courses.isEmpty ? "" : " (\(account.courses.map(\.description).joined(separator: ", ")))")
            Send this link to \(account.email) to set a password; it works once, until \(expires.formatted(.iso8601)):
            \(base)/set-password?token=\(token)
            """
    }
}

/// A change to the accounts: a refusal of the ledger's (an account that exists, or none) is a usage
/// error of `command`; any other failure means the ledger cannot be used.
@discardableResult
private func changingAccounts<Changed>(
    _ config: BoardConfig, command: String, _ change: () throws -> Changed
) throws(Failure) -> Changed {
    do {
        return try change()
    } catch let problem as AccountProblem {
        throw .usage(problem.message, command: command)
    } catch {
        throw .accountsUnusable(path: config.ledger, reason: "\(error)")
    }
}

/// An email address as people type one: something@somewhere, no spaces.
private func validateEmail(_ email: String) throws {
    let parts = email.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(where: \.isWhitespace) else {
        throw ValidationError("'\(email)' is not an email address")
    }
}
