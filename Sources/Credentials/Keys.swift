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

extension VerificationKey {
    /// `did:key:z6Mk…`: the key as a DID (W3C CCG did:key), which a verifier turns back into the key
    /// with no network and no trust in anyone's web site.
    public var did: String { "did:key:" + multibase }

    /// The multicodec Ed25519 public key (0xED 0x01, then the 32 bytes) in base58btc multibase (`z…`).
    var multibase: String { "z" + base58btc([0xED, 0x01] + Array(publicKey.rawRepresentation)) }
}

/// Base58 with Bitcoin's alphabet, as multibase `z` writes it. None of this package's libraries
/// encodes base58; a did:key needs nothing else of it.
func base58btc(_ bytes: [UInt8]) -> String {
    let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
    // The number's base-58 digits, least significant first, as each byte is shifted in.
    var digits: [Int] = []
    for byte in bytes {
        var carry = Int(byte)
        for index in digits.indices {
            carry += digits[index] << 8
            digits[index] = carry % 58
            carry /= 58
        }
        while carry > 0 {
            digits.append(carry % 58)
            carry /= 58
        }
    }
    let leadingZeros = bytes.prefix { $0 == 0 }.count
    return String(repeating: "1", count: leadingZeros) + String(digits.reversed().map { alphabet[$0] })
}
