import ArgumentParser
import Credentials
import Foundation

/// `board verify`: checks credentials offline against the University's public key (SPEC §9).
struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check credentials offline: their signature, issuer, dates and contents.",
        discussion: """
            Checks each credential (a .jwt, or a .json through the .jwt beside it) against the \
            University's public key in the issuer.json beside it, or in the one given with --issuer: \
            a copy obtained from the University proves more than one that came with the credential. \
            Prints, per file, what the credential attests (VALID) or which check refused it and why \
            (REFUSED: signature, issuer, dates or structure). Reads no board.toml.

            Exit status: 0 every credential verified; 1 one or more refused; 64 usage; 65 an \
            issuer.json cannot be used (those files are not checked).
            """)

    @Option(
        help: ArgumentHelp("Trust this issuer.json instead of the one beside each credential.", valueName: "PATH"))
    var issuer: String?

    @Argument(
        help: ArgumentHelp("The credentials to check (.jwt, or .json with its .jwt beside it).", valueName: "FILE"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty {
            throw ValidationError(
                "name at least one credential to check, e.g. board verify credentials/25649144-1-MC4002.jwt")
        }
        for file in files + (issuer.map { [$0] } ?? []) where !FileManager.default.fileExists(atPath: file) {
            throw ValidationError("no such file: '\(file)'")
        }
    }

    func run() async throws {
        try await reportingFailures {
            // One moment for every file: a credential's dates are checked against today.
            let now = Date()
            var pinned: [String: Result<TrustedIssuer, VerificationFailure>] = [:]
            var (verified, refused, unchecked) = (0, 0, 0)
            for file in files {
                let issuerFile = issuer ?? Self.issuerFile(beside: file)
                if pinned[issuerFile] == nil {
                    pinned[issuerFile] = Result { () throws(VerificationFailure) in
                        try CredentialFolder.trustedIssuer(at: issuerFile)
                    }
                }
                switch pinned[issuerFile]! {
                case .failure(let failure):
                    for line in Failure.issuerUnusable(file: file, failure).lines { printError(line) }
                    unchecked += 1
                case .success(let trusted):
                    let verdict = await CredentialFolder.verify(file: file, trusting: trusted, at: now)
                    printOutput("\(file): \(verdict)")
                    if case .verified = verdict { verified += 1 } else { refused += 1 }
                }
            }
            printOutput(
                "\(verified) verified, \(refused) refused" + (unchecked > 0 ? ", \(unchecked) not checked" : ""))
            return unchecked > 0 ? .invalidInput : refused > 0 ? .rejected : .done
        }
    }

    /// `issuer.json` in the credential's folder, as `board credentials` writes it.
    static func issuerFile(beside file: String) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? "issuer.json" : folder + "/issuer.json"
    }
}
