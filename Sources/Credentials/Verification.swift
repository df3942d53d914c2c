import Foundation
import JWTKit

/// The issuer a verifier trusts: its id and its public key, pinned from `issuer.json` (or from the
/// signing key itself), never taken from the credential being checked.
public struct TrustedIssuer: Sendable, Equatable {
    public let id: String
    public let key: VerificationKey

    public init(id: String, key: VerificationKey) {
        self.id = id
        self.key = key
    }

    /// The issuer of the credentials `Issuance` signs with `key` for `issuer`: for `board verify`
    /// where the signing key is at hand and `issuer.json` need not be trusted.
    public init(issuer: Issuer, key: VerificationKey) {
        self.init(id: issuer.id ?? key.did, key: key)
    }

    /// Reads `issuer.json` as `Issuance` writes it: the profile's `id` and the JWK of its first
    /// verification method.
    public init(issuerJSON: some Collection<UInt8>) throws(VerificationFailure) {
        let profile: IssuerProfile
        do {
            profile = try JSONDecoder().decode(IssuerProfile.self, from: Data(issuerJSON))
        } catch {
            throw VerificationFailure.unreadableIssuer(describe(error))
        }
        guard let method = profile.verificationMethod.first, let key = VerificationKey(jwk: method.publicKeyJwk) else {
            throw VerificationFailure.unreadableIssuer("its verification method holds no Ed25519 public JWK")
        }
        self.init(id: profile.id, key: key)
    }
}

/// What a verified credential attests, in the words of the credential itself.
public struct Attestation: Sendable, Equatable, CustomStringConvertible {
    public let credentialID: String
    public let issuerName: String
    public let issuerID: String
    public let learnerName: String
    /// The learner's SITS SPR code, where the credential names it.
    public let learnerCode: String?
    public let achievement: String
    /// OB 3.0 `achievementType`: `Certificate`, `MicroCredential` or `Course`.
    public let achievementType: String
    /// Each confirmed result, `name: value` (`Result confirmed by the Assessment Board: PASS`).
    public let results: [String]
    public let creditsAvailable: Double?
    /// `validFrom`: the date of issue.
    public let validFrom: String

    public var description: String {
        var text = "VALID: \(issuerName) (\(issuerID)) certifies that \(learnerName)"
        if let code = learnerCode { text += " (SPR \(code))" }
        text += " achieved \(achievement) [\(achievementType)]"
        if !results.isEmpty { text += "; " + results.joined(separator: "; ") }
        if let credits = creditsAvailable { text += "; credits available \(Wording.english.number(credits))" }
        return text + "; issued \(validFrom); credential \(credentialID)."
    }
}

/// A verifier's answer.
public enum Verdict: Sendable, Equatable, CustomStringConvertible {
    case verified(Attestation)
    case refused(VerificationFailure)

    public var description: String {
        switch self {
        case .verified(let attestation): return attestation.description
        case .refused(let failure): return "REFUSED: \(failure)"
        }
    }
}

/// Checks credentials offline against a pinned issuer: the signature, the issuer, the dates and the
/// Open Badges 3.0 / VC 2.0 structure, stopping at the first check that fails.
public enum CredentialVerifier {
    /// Verifies a `.jwt`: a VC-JWT as Open Badges 3.0 §8.2 defines it, signed by `issuer`'s key and
    /// valid at `now`.
    public static func verify(jwt: some Collection<UInt8>, trusting issuer: TrustedIssuer, at now: Date) async
        -> Verdict
    {
        switch await check(jwt: Array(jwt), trusting: issuer, at: now) {
        case .success(let checked): return .verified(checked.attestation)
        case .failure(let failure): return .refused(failure)
        }
    }

    /// Verifies a `.json` credential through its `.jwt`: a credential in plain JSON carries no proof, so
    /// it is accepted only when its signed copy verifies and says exactly the same. `jsonName` and
    /// `jwtName` name the two files in messages.
    public static func verify(
        json: some Collection<UInt8>, signedCopy: (some Collection<UInt8>)?, jsonName: String, jwtName: String,
        trusting issuer: TrustedIssuer, at now: Date
    ) async -> Verdict {
        let members: [String: JWTHeaderField]
        do {
            members = try JSONDecoder().decode([String: JWTHeaderField].self, from: Data(json))
            _ = try JSONDecoder().decode(OpenBadgeCredential.self, from: Data(json))
        } catch {
            return .refused(.unreadableJSON(describe(error)))
        }
        guard let signedCopy else { return .refused(.unsigned(json: jsonName, jwt: jwtName)) }
        switch await check(jwt: Array(signedCopy), trusting: issuer, at: now) {
        case .failure(let failure): return .refused(failure)
        case .success(let checked):
            var signed = checked.members
            for claim in SignedCredential.Claim.allCases { signed[claim.rawValue] = nil }
            guard signed == members else { return .refused(.jsonDiffersFromSigned(json: jsonName, jwt: jwtName)) }
            return .verified(checked.attestation)
        }
    }

    private struct Checked {
        let attestation: Attestation
        /// The payload's members, as signed.
        let members: [String: JWTHeaderField]
    }

    private static func check(jwt: [UInt8], trusting issuer: TrustedIssuer, at now: Date) async -> Result<
        Checked, VerificationFailure
    > {
        // A file ends with a line break; the token is what comes before it.
        let token = Array(String(decoding: jwt, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)

        // The header first: which algorithm and which key the credential says it was signed with.
        let header: JWTHeader
        let payloadBytes: [UInt8]
        do {
            let parts = try DefaultJWTParser().getTokenParts(token)
            header = try JSONDecoder().decode(JWTHeader.self, from: Data(base64URLDecoded(parts.header)))
            payloadBytes = try base64URLDecoded(parts.payload)
        } catch {
            return .failure(.notAToken(describe(error)))
        }
        guard header.alg == "EdDSA" else { return .failure(.algorithm(header.alg)) }
        guard let jwk = header.jwk else { return .failure(.noKeyInHeader()) }
        let field = JWTHeaderField.object(jwk)
        guard let key = JWK(headerField: field).flatMap(VerificationKey.init(jwk:)), key == issuer.key else {
            let found = JWK(headerField: field)?.x ?? "an unreadable key"
            return .failure(.keyNotPinned(found: found, pinned: issuer.key.x))
        }

        // The signature, with the pinned key (never the header's), before anything signed is trusted.
        let keys = JWTKeyCollection()
        await keys.add(eddsa: issuer.key.publicKey)
        let members: AnyPayload
        do {
            members = try await keys.verify(token, as: AnyPayload.self)
        } catch let error as JWTError where error.errorType == .signatureVerificationFailed {
            return .failure(.signatureMismatch())
        } catch {
            return .failure(.unreadableClaims(describe(error)))
        }
        let signed: SignedCredential
        do {
            signed = try JSONDecoder().decode(SignedCredential.self, from: Data(payloadBytes))
        } catch {
            return .failure(.unreadableClaims(describe(error)))
        }

        if let failure = structureFailure(signed.credential) ?? claimsFailure(signed, trusting: issuer)
            ?? datesFailure(signed, at: now)
        {
            return .failure(failure)
        }
        return .success(Checked(attestation: attestation(signed.credential), members: members.members))
    }

    /// The members Open Badges 3.0 and VC 2.0 require with fixed values.
    private static func structureFailure(_ credential: OpenBadgeCredential) -> VerificationFailure? {
        if !credential.context.starts(with: OpenBadgeCredential.contexts) { return .contexts(credential.context) }
        if !credential.type.contains("VerifiableCredential")
            || !(credential.type.contains("OpenBadgeCredential") || credential.type.contains("AchievementCredential"))
        {
            return .types(at: "type", found: credential.type, expected: OpenBadgeCredential.types)
        }
        if !credential.issuer.type.contains("Profile") {
            return .types(at: "issuer.type", found: credential.issuer.type, expected: ["Profile"])
        }
        let subject = credential.credentialSubject
        if !subject.type.contains("AchievementSubject") {
            return .types(at: "credentialSubject.type", found: subject.type, expected: ["AchievementSubject"])
        }
        if !subject.achievement.type.contains("Achievement") {
            return .types(
                at: "credentialSubject.achievement.type", found: subject.achievement.type, expected: ["Achievement"])
        }
        if subject.id == nil && (subject.identifier ?? []).isEmpty { return .missingMember("credentialSubject.id") }
        return nil
    }

    /// The registered claims must repeat the credential (OB 3.0 §8.2.6), and the issuer must be the
    /// pinned one.
    private static func claimsFailure(_ signed: SignedCredential, trusting issuer: TrustedIssuer)
        -> VerificationFailure?
    {
        let credential = signed.credential
        guard let iss = signed.iss else { return .missingClaim("iss", member: "issuer.id") }
        if iss != credential.issuer.id {
            return .claimDiffers("iss", claimValue: iss, member: "issuer.id", memberValue: credential.issuer.id)
        }
        if credential.issuer.id != issuer.id { return .wrongIssuer(credential.issuer.id, expected: issuer.id) }
        guard let jti = signed.jti else { return .missingClaim("jti", member: "id") }
        if jti != credential.id {
            return .claimDiffers("jti", claimValue: jti, member: "id", memberValue: credential.id)
        }
        if let subjectID = credential.credentialSubject.id {
            guard let sub = signed.sub else { return .missingClaim("sub", member: "credentialSubject.id") }
            if sub != subjectID {
                return .claimDiffers("sub", claimValue: sub, member: "credentialSubject.id", memberValue: subjectID)
            }
        }
        guard let nbf = signed.nbf else { return .missingClaim("nbf", member: "validFrom") }
        guard let validFrom = date(credential.validFrom) else {
            return .unreadableDate("validFrom", credential.validFrom)
        }
        if nbf != Int(validFrom.timeIntervalSince1970) {
            return .claimDiffers("nbf", claimValue: "\(nbf)", member: "validFrom", memberValue: credential.validFrom)
        }
        return nil
    }

    private static func datesFailure(_ signed: SignedCredential, at now: Date) -> VerificationFailure? {
        let credential = signed.credential
        if let validFrom = date(credential.validFrom), validFrom > now {
            return .notYetValid(from: credential.validFrom)
        }
        if let validUntil = credential.validUntil {
            guard let end = date(validUntil) else { return .unreadableDate("validUntil", validUntil) }
            if end <= now { return .expired(at: validUntil) }
        }
        if let exp = signed.exp, Date(timeIntervalSince1970: TimeInterval(exp)) <= now {
            return .expired(at: Date(timeIntervalSince1970: TimeInterval(exp)).formatted(.iso8601))
        }
        return nil
    }

    private static func attestation(_ credential: OpenBadgeCredential) -> Attestation {
        let subject = credential.credentialSubject
        let identity = { (type: String) in subject.identifier?.first { $0.identityType == type }?.identityHash }
        let descriptions = subject.achievement.resultDescription ?? []
        let results = (subject.result ?? []).map { result in
            let name = descriptions.first { $0.id == result.resultDescription }?.name ?? "Result"
            return "\(name): \(result.value ?? result.status ?? "")"
        }
        return Attestation(
            credentialID: credential.id, issuerName: credential.issuer.name, issuerID: credential.issuer.id,
            learnerName: identity("name") ?? subject.id ?? "", learnerCode: identity("sisSourcedId"),
            achievement: subject.achievement.name,
            achievementType: subject.achievement.achievementType ?? "Achievement",
            results: results, creditsAvailable: subject.achievement.creditsAvailable,
            validFrom: String(credential.validFrom.prefix(10)))
    }

    /// An XML Schema dateTime with a time zone, as VC 2.0 writes `validFrom`.
    static func date(_ text: String) -> Date? {
        (try? Date(text, strategy: .iso8601))
            ?? (try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
    }
}

/// An error in a registry officer's words: a missing or wrongly typed member by its path.
func describe(_ error: any Error) -> String {
    func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
        let keys = (codingPath + (last.map { [$0] } ?? [])).map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
        return keys.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
    }
    switch error {
    case DecodingError.keyNotFound(let key, let context): return "`\(path(context.codingPath, key))` is missing"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
        return "`\(path(context.codingPath))` has the wrong kind of value"
    case DecodingError.dataCorrupted(let context):
        return context.codingPath.isEmpty ? "it is not JSON" : "`\(path(context.codingPath))` is unreadable"
    case let error as JWTError: return "\(error.reason ?? error.errorType.description)"
    default: return "\(error)"
    }
}
