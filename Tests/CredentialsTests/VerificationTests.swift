import Foundation
import JWTKit
import Testing

@testable import Credentials

/// `CredentialVerifier`: a credential as issued verifies and says what it attests; any change, another
/// key, another issuer, a date not yet reached or a broken structure is refused by the check it fails.
@Suite struct VerificationTests {
    struct Issued {
        let jwt: [UInt8]
        let json: [UInt8]
        let issuer: TrustedIssuer
    }

    static func issue(_ kind: Fixtures.Kind = .professionalCertificate, issuer: Issuer = Fixtures.issuer) async throws
        -> Issued
    {
        let issuance = try await Fixtures.issuance(issuer: issuer)
        let files = try await issuance.files(for: kind.result)
        return Issued(
            jwt: Array(Fixtures.text(files, ".jwt").utf8), json: Array(Fixtures.text(files, ".json").utf8),
            issuer: try TrustedIssuer(issuerJSON: issuance.issuerProfile.bytes))
    }

    /// A token whose payload is `members`, with `header`, signed by `key`: what a forger, or a
    /// careless other issuer, could make.
    static func sign(_ members: [String: JWTHeaderField], header: JWTHeader, with key: SigningKey) async throws
        -> [UInt8]
    {
        let keys = JWTKeyCollection()
        await keys.add(eddsa: key.privateKey, serializer: DefaultJWTSerializer(jsonEncoder: jsonEncoder(pretty: false)))
        let payload = try JSONDecoder().decode(AnyPayload.self, from: JSONEncoder().encode(members))
        return Array(try await keys.sign(payload, header: header).utf8)
    }

    /// The header and payload members of a token.
    static func parts(_ token: [UInt8]) throws -> (header: JWTHeader, members: [String: JWTHeaderField]) {
        let parts = try DefaultJWTParser().getTokenParts(token)
        return (
            try JSONDecoder().decode(JWTHeader.self, from: Data(base64URLDecoded(parts.header))),
            try JSONDecoder().decode([String: JWTHeaderField].self, from: Data(base64URLDecoded(parts.payload)))
        )
    }

    /// The token re-signed with the pinned key after `change` to its payload.
    static func resigned(_ issued: Issued, _ change: (inout [String: JWTHeaderField]) -> Void) async throws -> [UInt8] {
        var (header, members) = try parts(issued.jwt)
        change(&members)
        return try await sign(members, header: header, with: Fixtures.key())
    }

    static func refusal(_ verdict: Verdict) -> VerificationFailure? {
        if case .refused(let failure) = verdict { return failure }
        return nil
    }

    @Test(arguments: Fixtures.Kind.allCases)
    func issuedCredentialVerifies(_ kind: Fixtures.Kind) async throws {
        let issued = try await Self.issue(kind)
        let verdict = await CredentialVerifier.verify(jwt: issued.jwt, trusting: issued.issuer, at: Fixtures.later)
        guard case .verified(let attestation) = verdict else {
            Issue.record("refused: \(verdict)")
            return
        }
        let result = kind.result
        #expect(attestation.learnerName == result.enrolment.fullName)
        #expect(attestation.learnerCode == result.enrolment.sprCode)
        #expect(attestation.achievementType == kind.achievementType)
        #expect(attestation.achievement.hasPrefix(result.course.title))
        #expect(attestation.results.first == "Result confirmed by the Assessment Board: \(result.outcome.rawValue)")
        #expect(attestation.issuerName == "Wrexham University" && attestation.issuerID == issued.issuer.id)
        #expect(attestation.validFrom == "2026-02-19")
        #expect(verdict.description.hasPrefix("VALID: Wrexham University"))
    }

    @Test func validFromTheBoardDayOn() async throws {
        let issued = try await Self.issue()
        let boardDay = Fixtures.board.startInUTC
        #expect(
            Self.refusal(await CredentialVerifier.verify(jwt: issued.jwt, trusting: issued.issuer, at: boardDay)) == nil
        )
        let dayBefore = boardDay.addingTimeInterval(-1)
        let failure = Self.refusal(
            await CredentialVerifier.verify(jwt: issued.jwt, trusting: issued.issuer, at: dayBefore))
        #expect(failure == .notYetValid(from: "2026-02-19T00:00:00Z"))
        #expect(failure?.check == .dates)
    }

    /// One changed character anywhere in the payload or the signature: the signature check refuses it.
    @Test(arguments: [1, 2], [0.1, 0.5, 0.9])
    func changedByteIsRefused(part: Int, at position: Double) async throws {
        let issued = try await Self.issue()
        var token = issued.jwt
        let dots = token.indices.filter { token[$0] == UInt8(ascii: ".") }
        let start = part == 1 ? dots[0] + 1 : dots[1] + 1
        let end = part == 1 ? dots[1] : token.count
        // Well inside the part, and a base64url character for another base64url character, so the
        // token still decodes: only the signature can tell.
        let index = start + Int(Double(end - start - 2) * position)
        token[index] = token[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let failure = Self.refusal(
            await CredentialVerifier.verify(jwt: token, trusting: issued.issuer, at: Fixtures.later))
        #expect(failure?.check == .signature, "\(String(describing: failure))")
    }

    @Test func signedWithAnotherKeyClaimingTheUniversitys() async throws {
        let issued = try await Self.issue()
        let (header, members) = try Self.parts(issued.jwt)
        let forged = try await Self.sign(members, header: header, with: Fixtures.key("a forger's key"))
        let failure = Self.refusal(
            await CredentialVerifier.verify(jwt: forged, trusting: issued.issuer, at: Fixtures.later))
        #expect(failure == .signatureMismatch())
    }

    @Test func issuedByAnotherInstitution() async throws {
        let university = try await Self.issue()
        let other = try await Fixtures.issuance(
            key: Fixtures.key("another institution"),
            issuer: Issuer(name: "Another College", nameWelsh: "Coleg Arall", code: "OTHR"))
        let token = Array(
            Fixtures.text(try await other.files(for: Fixtures.Kind.microCredentialPass.result), ".jwt").utf8)
        let failure = Self.refusal(
            await CredentialVerifier.verify(jwt: token, trusting: university.issuer, at: Fixtures.later))
        #expect(failure?.check == .issuer)
        #expect(failure?.message.contains("not the University's key") == true)
    }

    @Test func universityKeyNamingAnotherIssuer() async throws {
        var impostor = Fixtures.issuer
        impostor.id = "https://example.org/not-the-university"
        let issued = try await Self.issue(issuer: impostor)
        let pinned = TrustedIssuer(
            id: Fixtures.key().verificationKey.did, key: Fixtures.key().verificationKey)
        let failure = Self.refusal(
            await CredentialVerifier.verify(jwt: issued.jwt, trusting: pinned, at: Fixtures.later))
        #expect(failure == .wrongIssuer("https://example.org/not-the-university", expected: pinned.id))
    }

    @Test func expiredCredential() async throws {
        let issued = try await Self.issue()
        let token = try await Self.resigned(issued) { $0["validUntil"] = .string("2026-03-01T00:00:00Z") }
        let failure = Self.refusal(
            await CredentialVerifier.verify(jwt: token, trusting: issued.issuer, at: Fixtures.later))
        #expect(failure == .expired(at: "2026-03-01T00:00:00Z"))
    }

    @Test func algorithmOtherThanEdDSA() async throws {
        let issued = try await Self.issue()
        var (header, members) = try Self.parts(issued.jwt)
        header.alg = "none"
        let token = try await Self.sign(members, header: header, with: Fixtures.key())
        #expect(
            Self.refusal(await CredentialVerifier.verify(jwt: token, trusting: issued.issuer, at: Fixtures.later))
                == .algorithm("none"))
    }

    struct Breakage: CustomTestStringConvertible, Sendable {
        let name: String
        let change: @Sendable (inout [String: JWTHeaderField]) -> Void
        let expected: VerificationFailure
        var testDescription: String { name }
    }

    static let breakages: [Breakage] = [
        Breakage(
            name: "no achievement",
            change: { members in
                guard case .object(var subject) = members["credentialSubject"] else { return }
                subject["achievement"] = nil
                members["credentialSubject"] = .object(subject)
            }, expected: .unreadableClaims("`credentialSubject.achievement` is missing")),
        Breakage(
            name: "VC 1.1 context",
            change: { $0["@context"] = .array([.string("https://www.w3.org/2018/credentials/v1")]) },
            expected: .contexts(["https://www.w3.org/2018/credentials/v1"])),
        Breakage(
            name: "not an OpenBadgeCredential", change: { $0["type"] = .array([.string("VerifiableCredential")]) },
            expected: .types(at: "type", found: ["VerifiableCredential"], expected: OpenBadgeCredential.types)),
        Breakage(
            name: "jti not the id", change: { $0["jti"] = .string("urn:uuid:00000000-0000-0000-0000-000000000000") },
            expected: .claimDiffers(
                "jti", claimValue: "urn:uuid:00000000-0000-0000-0000-000000000000", member: "id",
                memberValue: "urn:uuid:19ca212b-848f-5606-8b39-72c9544aca27")),
        Breakage(
            name: "no nbf", change: { $0["nbf"] = nil }, expected: .missingClaim("nbf", member: "validFrom")),
        Breakage(
            name: "nbf later than validFrom", change: { $0["nbf"] = .int(1_800_000_000) },
            expected: .claimDiffers(
                "nbf", claimValue: "1800000000", member: "validFrom", memberValue: "2026-02-19T00:00:00Z")),
    ]

    @Test(arguments: breakages)
    func brokenStructure(_ breakage: Breakage) async throws {
        let issued = try await Self.issue()
        let token = try await Self.resigned(issued, breakage.change)
        let failure = Self.refusal(
            await CredentialVerifier.verify(jwt: token, trusting: issued.issuer, at: Fixtures.later))
        #expect(failure == breakage.expected)
        #expect(failure?.check == .structure)
    }

    @Test func notAToken() async throws {
        let issued = try await Self.issue()
        let failure = Self.refusal(
            await CredentialVerifier.verify(jwt: issued.json, trusting: issued.issuer, at: Fixtures.later))
        #expect(failure?.check == .structure)
    }

    // MARK: A .json, through its .jwt

    @Test func jsonBesideItsJWTVerifies() async throws {
        let issued = try await Self.issue()
        let verdict = await CredentialVerifier.verify(
            json: issued.json, signedCopy: issued.jwt, jsonName: "a.json", jwtName: "a.jwt", trusting: issued.issuer,
            at: Fixtures.later)
        #expect(Self.refusal(verdict) == nil)
    }

    @Test func changedJSONIsRefused() async throws {
        let issued = try await Self.issue()
        let changed = Array(
            String(decoding: issued.json, as: UTF8.self).replacingOccurrences(of: "PASS_RESIT", with: "PASS").utf8)
        let verdict = await CredentialVerifier.verify(
            json: changed, signedCopy: issued.jwt, jsonName: "a.json", jwtName: "a.jwt", trusting: issued.issuer,
            at: Fixtures.later)
        #expect(Self.refusal(verdict) == .jsonDiffersFromSigned(json: "a.json", jwt: "a.jwt"))
    }

    @Test func jsonWithoutItsJWTIsNotSigned() async throws {
        let issued = try await Self.issue()
        let verdict = await CredentialVerifier.verify(
            json: issued.json, signedCopy: [UInt8]?.none, jsonName: "a.json", jwtName: "a.jwt", trusting: issued.issuer,
            at: Fixtures.later)
        #expect(Self.refusal(verdict) == .unsigned(json: "a.json", jwt: "a.jwt"))
    }

    @Test func filesInAFolder() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("credentials-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let issuance = try await Fixtures.issuance()
        let result = Fixtures.Kind.microCredentialPass.result
        try Fixtures.write(try await issuance.files(for: [result]), into: folder)
        let issuer = try CredentialFolder.trustedIssuer(at: folder + "/issuer.json")
        for name in ["\(result.fileStem).jwt", "\(result.fileStem).json"] {
            let verdict = await CredentialFolder.verify(file: folder + "/" + name, trusting: issuer, at: Fixtures.later)
            #expect(Self.refusal(verdict) == nil, "\(name): \(verdict)")
        }
        try FileManager.default.removeItem(atPath: folder + "/\(result.fileStem).jwt")
        let alone = await CredentialFolder.verify(
            file: folder + "/\(result.fileStem).json", trusting: issuer, at: Fixtures.later)
        #expect(Self.refusal(alone)?.check == .signature)
        let html = await CredentialFolder.verify(
            file: folder + "/\(result.fileStem)-transcript.html", trusting: issuer, at: Fixtures.later)
        #expect(Self.refusal(html) == .notACredentialFile(folder + "/\(result.fileStem)-transcript.html"))
    }
}
