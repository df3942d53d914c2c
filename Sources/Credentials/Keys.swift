import ExtrasBase64
import JWTKit

/// The issuer's Ed25519 private key, which signs every credential.
public struct SigningKey: Sendable {
    let privateKey: EdDSA.PrivateKey

    /// A new random key.
    public static func generate() throws -> SigningKey {
        SigningKey(privateKey: try EdDSA.PrivateKey(curve: .ed25519))
    }

    /// Reads a PKCS #8 PEM (`-----BEGIN PRIVATE KEY-----`), as `keygen` and `openssl genpkey -algorithm
    /// ed25519` write it.
    public init(pem: String) throws {
        privateKey = try EdDSA.PrivateKey(pem: pem)
    }

    init(privateKey: EdDSA.PrivateKey) {
        self.privateKey = privateKey
    }

    /// The key as a PKCS #8 PEM.
    public var pem: String { privateKey.pemRepresentation }

    /// The public half, which verifies what this key signs.
    public var verificationKey: VerificationKey { VerificationKey(publicKey: privateKey.publicKey) }
}

/// An Ed25519 public key: the one a verifier pins, published as a JWK in `issuer.json`.
public struct VerificationKey: Sendable, Equatable {
    let publicKey: EdDSA.PublicKey

    init(publicKey: EdDSA.PublicKey) {
        self.publicKey = publicKey
    }

    /// Reads a public JWK (`kty` OKP, `crv` Ed25519, `x`); nil for any other key, or for a JWK that
    /// holds a private key (`d`), which must never be published.
    public init?(jwk: JWK) {
        guard jwk.keyType == .octetKeyPair, jwk.curve == .eddsa(.ed25519), jwk.privateExponent == nil,
            let x = jwk.x, let key = try? EdDSA.PublicKey(x: x, curve: .ed25519)
        else { return nil }
        publicKey = key
    }

    /// The key's 32 bytes, base64url without padding (RFC 8037).
    public var x: String {
        Base64.encodeToString(bytes: publicKey.rawRepresentation, options: [.base64UrlAlphabet, .omitPaddingCharacter])
    }

    /// The public JWK: `kty`, `crv` and `x`, nothing else.
    public var jwk: JWK { .octetKeyPair(nil, identifier: nil, x: x, y: nil, curve: .ed25519) }
}
