import ExtrasBase64
import Foundation
import JWTKit

/// A credential as the payload of its VC-JWT (Open Badges 3.0 §8.2): the credential's members at the
/// top level, plus the registered claims that repeat them.
struct SignedCredential: JWTPayload {
    var credential: OpenBadgeCredential
    /// `issuer.id`.
    var iss: String?
    /// The credential's `id`.
    var jti: String?
    /// `credentialSubject.id`.
    var sub: String?
    /// `validFrom`, in seconds since 1970.
    var nbf: Int?
    /// `validUntil`, where the credential has one.
    var exp: Int?

    enum Claim: String, CodingKey, CaseIterable { case iss, jti, sub, nbf, exp }

    init(_ credential: OpenBadgeCredential, validFrom: Date) {
        self.credential = credential
        iss = credential.issuer.id
        jti = credential.id
        sub = credential.credentialSubject.id
        nbf = Int(validFrom.timeIntervalSince1970)
    }

    init(from decoder: any Decoder) throws {
        credential = try OpenBadgeCredential(from: decoder)
        let claims = try decoder.container(keyedBy: Claim.self)
        iss = try claims.decodeIfPresent(String.self, forKey: .iss)
        jti = try claims.decodeIfPresent(String.self, forKey: .jti)
        sub = try claims.decodeIfPresent(String.self, forKey: .sub)
        nbf = try claims.decodeIfPresent(Int.self, forKey: .nbf)
        exp = try claims.decodeIfPresent(Int.self, forKey: .exp)
    }

    /// The credential's members and the claims, in one JSON object.
    func encode(to encoder: any Encoder) throws {
        try credential.encode(to: encoder)
        var claims = encoder.container(keyedBy: Claim.self)
        try claims.encodeIfPresent(iss, forKey: .iss)
        try claims.encodeIfPresent(jti, forKey: .jti)
        try claims.encodeIfPresent(sub, forKey: .sub)
        try claims.encodeIfPresent(nbf, forKey: .nbf)
        try claims.encodeIfPresent(exp, forKey: .exp)
    }

    /// Does nothing: `CredentialVerifier` checks the claims against the pinned issuer and the
    /// caller's clock itself, so that each failure can be named.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Any JSON object, for the checks that must not depend on the credential's shape: whether the
/// signature holds, and whether a `.json` says exactly what its `.jwt` signed.
struct AnyPayload: JWTPayload, Equatable {
    var members: [String: JWTHeaderField]

    init(from decoder: any Decoder) throws {
        members = try decoder.singleValueContainer().decode([String: JWTHeaderField].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(members)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// The JSON encoding every file of this module uses: keys sorted, so that the same credential is
/// always the same bytes; slashes unescaped, so that URLs read as written.
func jsonEncoder(pretty: Bool) -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
        pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
    return encoder
}

/// Signs credentials as VC-JWTs: JWS compact serialisation, EdDSA with Ed25519, and a header of
/// exactly `alg`, `jwk` (the public key) and `typ` (Open Badges 3.0 §8.2.3 allows no others).
struct CredentialSigner {
    private let keys: JWTKeyCollection
    private let header: JWTHeader

    init(key: SigningKey) async throws {
        keys = JWTKeyCollection()
        // The key's own serializer writes the header and payload: sorted keys make the same
        // credential the same bytes (JWTHeader holds a dictionary, whose order changes from run to run).
        await keys.add(eddsa: key.privateKey, serializer: DefaultJWTSerializer(jsonEncoder: jsonEncoder(pretty: false)))
        header = ["alg": .string("EdDSA"), "typ": .string("JWT"), "jwk": try key.verificationKey.jwk.headerField]
    }

    func sign(_ credential: OpenBadgeCredential, validFrom: Date) async throws -> String {
        try await keys.sign(SignedCredential(credential, validFrom: validFrom), header: header)
    }
}

extension JWK {
    /// The JWK as a JOSE header member.
    var headerField: JWTHeaderField {
        get throws { try JSONDecoder().decode(JWTHeaderField.self, from: jsonEncoder(pretty: false).encode(self)) }
    }

    /// The JWK a JOSE header member holds, if it holds one.
    init?(headerField: JWTHeaderField) {
        guard let data = try? JSONEncoder().encode(headerField),
            let jwk = try? JSONDecoder().decode(JWK.self, from: data)
        else { return nil }
        self = jwk
    }
}

/// base64url without padding, as JWS uses it.
func base64URLDecoded(_ text: some Collection<UInt8>) throws -> [UInt8] {
    try Base64.decode(bytes: text, options: [.base64UrlAlphabet, .omitPaddingCharacter])
}
