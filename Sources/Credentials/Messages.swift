/// Every message this module gives, as small factories in one place, in words a registry officer
/// acts on: what is wrong, with which file or value, and what to do.

/// Why a credential was refused, and which check refused it.
public struct VerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Check: String, Sendable {
        /// The file is not a well-formed Open Badges 3.0 credential.
        case structure
        /// The signature does not match the contents.
        case signature
        /// The credential names, or is signed by, someone other than the pinned issuer.
        case issuer
        /// The credential is not valid today.
        case dates
    }

    public let check: Check
    public let message: String

    public var description: String { "\(check.rawValue) check failed: \(message)" }

    static func notAToken(_ reason: String) -> Self {
        .init(check: .structure, message: "this is not a signed credential (a JWT of three base64url parts): \(reason)")
    }

    static func unreadableClaims(_ reason: String) -> Self {
        .init(check: .structure, message: "the signed contents are not an Open Badges 3.0 credential: \(reason)")
    }

    static func unreadableJSON(_ reason: String) -> Self {
        .init(check: .structure, message: "the file is not an Open Badges 3.0 credential in JSON: \(reason)")
    }

    static func algorithm(_ algorithm: String?) -> Self {
        .init(
            check: .signature,
            message:
                "the credential is signed with \(quoted(algorithm ?? "no algorithm")), not EdDSA (Ed25519) as the University signs"
        )
    }

    static func noKeyInHeader() -> Self {
        .init(
            check: .structure,
            message: "the credential does not carry its signer's public key (the JWT header has no `jwk`)")
    }

    static func keyNotPinned(found: String, pinned: String) -> Self {
        .init(
            check: .issuer,
            message:
                "the credential was signed with key \(quoted(found)), not the University's key \(quoted(pinned)) from issuer.json: it was not issued by the University"
        )
    }

    static func signatureMismatch() -> Self {
        .init(
            check: .signature,
            message:
                "the signature does not match the contents: the credential was changed after it was signed, or signed with another key"
        )
    }

    static func missingClaim(_ claim: String, member: String) -> Self {
        .init(
            check: .structure, message: "the JWT has no `\(claim)` claim (it must repeat the credential's `\(member)`)")
    }

    static func claimDiffers(_ claim: String, claimValue: String, member: String, memberValue: String) -> Self {
        .init(
            check: .structure,
            message:
                "the JWT claim `\(claim)` \(quoted(claimValue)) differs from the credential's `\(member)` \(quoted(memberValue))"
        )
    }

    static func wrongIssuer(_ found: String, expected: String) -> Self {
        .init(
            check: .issuer,
            message:
                "the credential names issuer \(quoted(found)), not the University (\(quoted(expected)) in issuer.json)")
    }

    static func notYetValid(from validFrom: String) -> Self {
        .init(
            check: .dates,
            message: "the credential is valid only from \(validFrom) (`validFrom` and `nbf`): it is dated after today")
    }

    static func expired(at validUntil: String) -> Self {
        .init(check: .dates, message: "the credential expired at \(validUntil) (`validUntil`)")
    }

    static func unreadableDate(_ member: String, _ value: String) -> Self {
        .init(
            check: .structure,
            message: "`\(member)` \(quoted(value)) is not a date and time such as 2026-02-19T00:00:00Z")
    }

    static func contexts(_ found: [String]) -> Self {
        .init(
            check: .structure,
            message:
                "`@context` is \(list(found)); it must begin with \(list(OpenBadgeCredential.contexts)) (VC 2.0, then Open Badges 3.0)"
        )
    }

    static func types(at member: String, found: [String], expected: [String]) -> Self {
        .init(check: .structure, message: "`\(member)` is \(list(found)); it must include \(list(expected))")
    }

    static func missingMember(_ path: String) -> Self {
        .init(check: .structure, message: "the credential has no `\(path)`")
    }

    static func unreadableFile(_ path: String, reason: String) -> Self {
        .init(check: .structure, message: "cannot read \(path): \(reason)")
    }

    static func notACredentialFile(_ path: String) -> Self {
        .init(
            check: .structure,
            message: "\(path) is not a credential: give a .jwt file, or a .json with its .jwt beside it")
    }

    static func unreadableIssuer(_ reason: String) -> Self {
        .init(check: .issuer, message: "issuer.json does not give the University's id and public key: \(reason)")
    }

    static func jsonDiffersFromSigned(json: String, jwt: String) -> Self {
        .init(
            check: .signature,
            message:
                "\(json) is not the credential that \(jwt) signs: one of them was changed after issue; trust only what the .jwt verifies"
        )
    }

    static func unsigned(json: String, jwt: String) -> Self {
        .init(
            check: .signature,
            message: "\(json) is not signed on its own: its signature is \(jwt), which is missing; verify the .jwt file"
        )
    }
}

/// A signing key file that cannot be made or used.
public struct KeyFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    static func exists(_ path: String) -> Self {
        .init(
            message:
                "\(path) already exists: keygen never replaces a signing key (every credential signed with it would stop verifying). Choose another path, or move the old key away first."
        )
    }

    static func insideRepository(_ path: String, repository: String) -> Self {
        .init(
            message:
                "\(path) is inside the git working tree \(repository): a signing key must never be committed. Choose a path outside it, such as \(KeyFile.defaultPath)."
        )
    }

    static func readableByOthers(_ path: String, mode: Int) -> Self {
        .init(
            message:
                "\(path) can be read or written by other users (mode \(octal(mode))): a signing key must be private to its owner. Run: chmod 600 \(path)"
        )
    }

    static func missing(_ path: String) -> Self {
        .init(
            message:
                "no signing key at \(path): make one with `board credentials keygen`, or set [credentials] signing_key")
    }

    static func notAFile(_ path: String) -> Self {
        .init(message: "\(path) is not a regular file: name the signing key file itself")
    }

    static func notAKey(_ path: String) -> Self {
        .init(
            message:
                "\(path) is not an Ed25519 private key in PEM form (-----BEGIN PRIVATE KEY-----): make one with `board credentials keygen`"
        )
    }

    static func cannot(_ action: String, _ path: String, reason: String) -> Self {
        .init(message: "cannot \(action) \(path): \(reason)")
    }
}

/// A confirmed result that no document can be issued from as given: the caller's eligibility and the
/// result disagree.
public struct IssueError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }

    static func certificateWithoutPass(_ result: ConfirmedResult) -> Self {
        .init(
            message:
                "\(subject(result)): a \(result.certificate?.rawValue ?? "") certificate is issued only for PASS, PASS_RESIT or ATTENDED, not \(result.outcome.rawValue)"
        )
    }

    static func certificateForMicroCredential(_ result: ConfirmedResult) -> Self {
        .init(message: "\(subject(result)): a micro-credential has no certificate, only a transcript (SPEC §2.4)")
    }

    static func certificateForType(_ result: ConfirmedResult) -> Self {
        .init(
            message:
                "\(subject(result)): a \(result.certificate?.rawValue ?? "") certificate cannot be issued for a \(result.course.type.rawValue) course"
        )
    }

    static func noTranscript(_ result: ConfirmedResult) -> Self {
        .init(
            message:
                "\(subject(result)): \(result.outcome.rawValue) earns no transcript; only PASS, PASS_RESIT, FAIL and ATTENDED are issued (SPEC §2.4)"
        )
    }

    static func certificateWithheld(_ result: ConfirmedResult) -> Self {
        .init(
            message:
                "\(subject(result)): a withheld certificate is listed, not issued: issue the transcript alone (SPEC §2.4)"
        )
    }

    static func sameFile(_ stem: String) -> Self {
        .init(
            message:
                "two results would both be written as \(stem).json: each SPR code and course must appear once per run")
    }

    private static func subject(_ result: ConfirmedResult) -> String {
        "\(result.enrolment.sprCode) on \(result.course.code)"
    }
}

/// A text quoted in a message: at most 40 characters of it, then `…` and its length, as SPEC §1.8
/// asks of every message that quotes a value.
private func quoted(_ text: String) -> String {
    text.count <= 40 ? "'\(text)'" : "'\(text.prefix(40))…' (\(text.utf8.count) bytes)"
}

private func list(_ items: [String]) -> String { "[" + items.map { quoted($0) }.joined(separator: ", ") + "]" }

private func octal(_ mode: Int) -> String { "0" + String(mode & 0o777, radix: 8) }
