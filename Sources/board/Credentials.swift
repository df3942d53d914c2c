import ArgumentParser
import Credentials
import Foundation
import Input
import Outputs
import Regulations

/// `board credentials`: a board's certificates, transcripts and Open Badges 3.0 credentials (SPEC §9),
/// and the key that signs them.
struct CredentialsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Issue a board's certificates, transcripts and Open Badges 3.0 credentials.",
        discussion: """
            'board credentials keygen' makes the signing key, once; then 'board credentials --board DATE' \
            issues a board's credentials (the issue subcommand).
            """,
        subcommands: [Issue.self, Keygen.self],
        defaultSubcommand: Issue.self)
}

extension CredentialsCommand {
    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Issue the certificates and transcripts of a board, signed.",
            discussion: """
                Replays the academic year's boards up to and including --board, as board run does, and \
                writes into <reports>/<year>/<board>/credentials/, complete or not at all, for every \
                transcript and certificate to issue (the "issue" rows of transcripts.csv and \
                certificates.csv): <SPR>-<COURSE>-transcript.html and -certificate.html, printable A4 \
                pages in English and Welsh; <SPR>-<COURSE>.json, an Open Badges 3.0 credential; \
                <SPR>-<COURSE>.jwt, the same credential signed (VC-JWT, EdDSA); and issuer.json, the \
                University's public key that verifies them. Certificates withheld are listed, not issued.

                The signing key is [credentials] signing_key in board.toml, by default \
                \(KeyFile.defaultPath); make it with 'board credentials keygen'.

                Exit status: 0 written; 64 usage; 65 the config, register or signing key cannot be \
                used, nothing written; 73 a file could not be written, nothing partial left; 75 another \
                run is writing the year's board folders.
                """)

        @OptionGroup var options: ConfigOptions

        @Option(
            help: ArgumentHelp(
                "The board whose results to issue (YYYY-MM-DD or DD/MM/YYYY), one of the boards in board.toml.",
                valueName: "DATE"))
        var board: Day

        @Option(help: ArgumentHelp("Write under this folder instead of [outputs] reports.", valueName: "DIR"))
        var out: String?

        func run() async throws {
            try await reportingFailures {
                let config = try loadConfig(options)
                try requireBoard(board, in: config, configPath: options.config, command: "credentials")
                // The key before the replay: without it nothing can be issued, and that news need not wait.
                let key: SigningKey
                do {
                    key = try KeyFile.load(config.credentials.signingKey ?? KeyFile.defaultPath)
                } catch let error as KeyFileError {
                    throw Failure.keyFile(error)
                }
                let reports = out.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? config.reports
                let (run, lock) = try replayHoldingLock(
                    board, config: config, options: options, reports: reports, command: "credentials")
                defer { withExtendedLifetime(lock) {} }
                let toIssue = CredentialsToIssue(run)
                let issuance: Issuance
                do {
                    issuance = try await Issuance(issuer: toIssue.issuer, key: key)
                } catch {
                    throw Failure.signing(error)
                }
                let folder = run.folder(under: reports) + "/credentials"
                do {
                    try await OutputFolder.write(to: folder) { files in
                        try await issuance.issue(toIssue.results) { file in try files.write(file.name, file.bytes) }
                    }
                } catch let error as OutputError {
                    throw Failure.cannotWrite(
                        error, consequence: "Nothing was written; the credentials issued before, if any, are untouched."
                    )
                } catch let error as IssueError {
                    throw Failure.cannotIssue(error)
                } catch {
                    throw Failure.signing(error)
                }
                printOutput(summary(run, toIssue, issuerID: issuance.issuerID, folder: config.relative(folder)))
                return .done
            }
        }

        /// What was issued and withheld, under which issuer, and where.
        private func summary(_ run: BoardRun, _ toIssue: CredentialsToIssue, issuerID: String, folder: String)
            -> String
        {
            let certificates = toIssue.results.filter { $0.certificate != nil }
            let byKind = CourseType.allCases.compactMap { type in
                let count = certificates.count { $0.course.type == type }
                return count == 0 ? nil : "\(count) \(type.name)"
            }
            var lines = [
                "\(run.config.institution.name): credentials of the board of \(run.board), academic year \(run.year.code)",
                "Issued \(plural(toIssue.results.count, "transcript")) and \(plural(certificates.count, "certificate"))"
                    + (byKind.isEmpty ? "" : " (\(byKind.joined(separator: ", ")))")
                    + ", each transcript with its Open Badges 3.0 credential, signed",
            ]
            if !toIssue.withheld.isEmpty {
                lines.append(
                    "Withheld \(plural(toIssue.withheld.count, "certificate")), not issued (the transcripts are):")
                for withheld in toIssue.withheld {
                    let enrolment = withheld.enrolment
                    lines.append(
                        "  \(enrolment.sprCode) \(enrolment.familyName), \(enrolment.givenNames): \(enrolment.key.course) \(enrolment.key.occurrence): \(withheld.reason)"
                    )
                }
            }
            // SPEC §9: a credential of a sealed board's amended decision is never issued without its amendment.
            let issued = Set(
                toIssue.results.map { "\($0.enrolment.key.student) \($0.course.code) \($0.enrolment.key.occurrence)" })
            let amended = run.amendments.filter { issued.contains("\($0.student) \($0.course) \($0.occurrence)") }
            if !amended.isEmpty {
                lines.append(
                    "Issued for \(plural(amended.count, "decision")) of sealed boards amended since first sealed (amendments.csv of board run lists every amendment):"
                )
                for amendment in amended {
                    let allowed =
                        amendment.unsealing.map { "unsealed by \($0.by) at \($0.at): \($0.reason)" }
                        ?? "no unsealing: the register, the enrolments or board.toml changed"
                    lines.append("  \(amendmentLine(amendment)) (\(allowed))")
                }
            }
            lines.append("Issuer: \(issuerID)")
            lines.append(
                "Written to \(folder)/: \(plural(toIssue.results.count, "transcript")), \(plural(certificates.count, "certificate")) (.html), \(plural(toIssue.results.count, "credential")) (.json, .jwt), issuer.json"
            )
            return lines.joined(separator: "\n")
        }
    }

    struct Keygen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make the key that signs credentials.",
            discussion: """
                Writes a new Ed25519 signing key (PEM), readable and writable by you only, by default to \
                \(KeyFile.defaultPath), where board credentials looks for it unless [credentials] \
                signing_key names another file. Never replaces a key (every credential signed with it \
                would stop verifying), and never writes inside a git working tree. Keep the key secret \
                and backed up.

                Exit status: 0 written; 64 usage; 65 the key could not be made there.
                """)

        @Option(help: ArgumentHelp("Write the key to this file.", valueName: "PATH"))
        var out: String?

        func run() throws {
            try reportingFailures {
                // Absolute, as board.toml must name it: a relative signing_key is read from board.toml's folder.
                let path = URL(fileURLWithPath: NSString(string: out ?? KeyFile.defaultPath).expandingTildeInPath)
                    .standardizedFileURL.path
                let key: VerificationKey
                do {
                    key = try KeyFile.generate(at: path)
                } catch let error as KeyFileError {
                    throw Failure.keyFile(error)
                } catch {
                    throw Failure.signing(error)
                }
                printOutput("Signing key written to \(path), readable by you only: keep it secret, and back it up.")
                printOutput("Its public key, as a DID: \(key.did)")
                if out != nil && path != KeyFile.defaultPath {
                    printOutput("Name it in board.toml: [credentials] signing_key = \"\(path)\"")
                }
                return .done
            }
        }
    }
}
