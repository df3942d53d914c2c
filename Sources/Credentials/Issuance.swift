import Foundation
import Regulations

/// A file of the credentials folder: its name and its bytes.
public struct CredentialFile: Sendable, Equatable {
    public let name: String
    public let bytes: [UInt8]
}

/// Issues the documents and credentials of confirmed results, signed with the issuer's key (SPEC §9).
/// Pure: it reads no file and no clock, so the same results and key give the same bytes.
public struct Issuance: Sendable {
    public let issuer: Issuer
    /// `issuer.id` of every credential: the issuer's own id, else the key's `did:key`.
    public let issuerID: String
    private let verificationKey: VerificationKey
    private let signer: CredentialSigner
    private let renderer: DocumentRenderer

    public init(issuer: Issuer, key: SigningKey) async throws {
        self.issuer = issuer
        verificationKey = key.verificationKey
        issuerID = issuer.id ?? verificationKey.did
        signer = try await CredentialSigner(key: key)
        renderer = try DocumentRenderer()
    }

    /// `issuer.json`: the issuer profile and the public key that verifies its credentials, to publish
    /// beside them.
    public var issuerProfile: CredentialFile {
        get throws {
            let profile = IssuerProfile(issuer.profile(id: issuerID), key: verificationKey)
            return CredentialFile(name: "issuer.json", bytes: try json(profile))
        }
    }

    /// Every file of `results`, then `issuer.json`: per result `<SPR>-<COURSE>-transcript.html`, the
    /// certificate where one is issued, and the credential as `.json` and `.jwt`.
    public func files(for results: [ConfirmedResult]) async throws -> [CredentialFile] {
        var files: [CredentialFile] = []
        try await issue(results) { files.append($0) }
        return files
    }

    /// Hands each file of `results`, then `issuer.json`, to `write` as soon as it is made, so that a
    /// year's credentials need not all be held at once. A student enrolled on one course in two
    /// occurrences of a year has two results of one `<SPR>-<COURSE>`: each of their files is named
    /// with its occurrence too (`<SPR>-<COURSE>-<OCCURRENCE>`).
    public func issue(_ results: [ConfirmedResult], into write: (CredentialFile) throws -> Void) async throws {
        let shared = Dictionary(grouping: results, by: \.fileStem).filter { $0.value.count > 1 }
        var stems = Set<String>()
        for result in results {
            let stem =
                shared[result.fileStem] == nil
                ? result.fileStem : "\(result.fileStem)-\(result.enrolment.key.occurrence)"
            // Two results of one enrolment would write one file twice.
            guard stems.insert(stem).inserted else { throw IssueError.sameFile(stem) }
            for file in try await files(for: result, named: stem) { try write(file) }
        }
        try write(try issuerProfile)
    }

    /// The files of one result, their names beginning `stem` (its `fileStem` unless another result shares it).
    public func files(for result: ConfirmedResult, named stem: String? = nil) async throws -> [CredentialFile] {
        try check(result)
        let credential = contents(result).credential
        let documents = Documents(result: result, issuer: issuer, credentialID: credential.id)
        let stem = stem ?? result.fileStem
        var files: [CredentialFile] = []
        if let certificate = documents.certificate {
            files.append(
                CredentialFile(name: "\(stem)-certificate.html", bytes: Array(renderer.certificate(certificate).utf8)))
        }
        files.append(
            CredentialFile(
                name: "\(stem)-transcript.html", bytes: Array(renderer.transcript(documents.transcript).utf8)))
        files.append(CredentialFile(name: "\(stem).json", bytes: try json(credential)))
        let jwt = try await signer.sign(credential, validFrom: result.decision.board.startInUTC)
        files.append(CredentialFile(name: "\(stem).jwt", bytes: Array(jwt.utf8)))
        return files
    }

    /// The credential of one result, unsigned: what its `.json` holds.
    public func credential(for result: ConfirmedResult) throws -> OpenBadgeCredential {
        try check(result)
        return contents(result).credential
    }

    /// Refuses a result whose outcome earns no transcript, or whose certificate contradicts its outcome
    /// or course (SPEC §2.4).
    private func check(_ result: ConfirmedResult) throws {
        if !Eligibility.of(result.outcome, course: result.course).transcript { throw IssueError.noTranscript(result) }
        guard let certificate = result.certificate else { return }
        if certificate == .withheld { throw IssueError.certificateWithheld(result) }
        if result.course.type == .microCredential { throw IssueError.certificateForMicroCredential(result) }
        if ![.pass, .passResit, .attended].contains(result.outcome) { throw IssueError.certificateWithoutPass(result) }
        if certificate.rawValue != result.course.type.rawValue { throw IssueError.certificateForType(result) }
    }

    private func contents(_ result: ConfirmedResult) -> CredentialContents {
        CredentialContents(result: result, issuer: issuer, issuerID: issuerID)
    }

    /// Pretty JSON with sorted keys and a final line break, for people and for `diff`.
    private func json(_ value: some Encodable) throws -> [UInt8] {
        Array(try jsonEncoder(pretty: true).encode(value)) + [0x0A]
    }
}
