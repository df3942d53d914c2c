import JWTKit

/// `issuer.json`: the issuer's Open Badges 3.0 profile, as every credential carries it, with the
/// public key that verifies them as a JSON Web Key verification method (the shape of W3C controlled
/// identifier documents and DID documents).
struct IssuerProfile: Codable {
    var context: [String]
    var id: String
    var type: [String]
    var name: String
    var description: String?
    var url: String?
    var address: OpenBadgeCredential.Address?
    var otherIdentifier: [OpenBadgeCredential.IdentifierEntry]?
    var verificationMethod: [VerificationMethod]

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, name, description, url, address, otherIdentifier, verificationMethod
    }

    struct VerificationMethod: Codable {
        var id: String
        var type: String
        var controller: String
        var publicKeyJwk: JWK
    }

    init(_ profile: OpenBadgeCredential.Profile, key: VerificationKey) {
        context = OpenBadgeCredential.contexts
        id = profile.id
        type = profile.type
        name = profile.name
        description = profile.description
        url = profile.url
        address = profile.address
        otherIdentifier = profile.otherIdentifier
        verificationMethod = [
            VerificationMethod(
                id: profile.id + "#" + (profile.id == key.did ? key.multibase : "key-1"), type: "JsonWebKey",
                controller: profile.id, publicKeyJwk: key.jwk)
        ]
    }
}
