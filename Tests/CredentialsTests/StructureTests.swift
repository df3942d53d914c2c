import Foundation
import Regulations
import Testing

@testable import Credentials

/// The credentials against the members Open Badges 3.0 and VC Data Model 2.0 require, read as plain
/// JSON (not through this module's own types), for each kind of result a board issues.
@Suite struct StructureTests {
    /// The JSON object of the `.json` file of `kind`.
    static func credential(_ kind: Fixtures.Kind) async throws -> [String: Any] {
        let files = try await Fixtures.issuance().files(for: kind.result)
        return try #require(
            JSONSerialization.jsonObject(with: Data(Fixtures.text(files, ".json").utf8)) as? [String: Any])
    }

    @Test(arguments: Fixtures.Kind.allCases)
    func verifiableCredentialTwo(_ kind: Fixtures.Kind) async throws {
        let credential = try await Self.credential(kind)
        #expect(
            credential["@context"] as? [String] == [
                "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ])
        #expect(credential["type"] as? [String] == ["VerifiableCredential", "OpenBadgeCredential"])
        #expect((credential["id"] as? String)?.hasPrefix("urn:uuid:") == true)
        #expect((credential["name"] as? String)?.isEmpty == false)
        #expect(credential["validFrom"] as? String == "2026-02-19T00:00:00Z")
        // VC 1.1's members must not appear in a VC 2.0 credential.
        #expect(credential["issuanceDate"] == nil && credential["expirationDate"] == nil)
    }

    @Test(arguments: Fixtures.Kind.allCases)
    func issuerProfile(_ kind: Fixtures.Kind) async throws {
        let issuer = try #require(try await Self.credential(kind)["issuer"] as? [String: Any])
        #expect((issuer["id"] as? String)?.hasPrefix("did:key:z6Mk") == true)
        #expect(issuer["type"] as? [String] == ["Profile"])
        #expect(issuer["name"] as? String == "Wrexham University")
        #expect((issuer["address"] as? [String: Any])?["addressCountryCode"] as? String == "GB")
    }

    @Test(arguments: Fixtures.Kind.allCases)
    func achievementSubject(_ kind: Fixtures.Kind) async throws {
        let subject = try #require(try await Self.credential(kind)["credentialSubject"] as? [String: Any])
        #expect(subject["type"] as? [String] == ["AchievementSubject"])
        #expect((subject["id"] as? String)?.hasPrefix("urn:uuid:") == true)
        let identities = try #require(subject["identifier"] as? [[String: Any]])
        #expect(identities.map { $0["identityType"] as? String } == ["name", "sisSourcedId"])
        #expect(identities.allSatisfy { $0["type"] as? String == "IdentityObject" && $0["hashed"] as? Bool == false })
        #expect(identities.last?["identityHash"] as? String == kind.result.enrolment.sprCode)
        // OB 3.0 allows no other members in an AchievementSubject.
        let allowed: Set = [
            "id", "type", "activityEndDate", "activityStartDate", "creditsEarned", "achievement", "identifier", "image",
            "licenseNumber", "narrative", "result", "role", "source", "term",
        ]
        #expect(Set(subject.keys).isSubset(of: allowed))
        #expect(subject["creditsEarned"] as? Double == Double(kind.result.creditsAwarded))
    }

    @Test(arguments: Fixtures.Kind.allCases)
    func achievement(_ kind: Fixtures.Kind) async throws {
        let subject = try #require(try await Self.credential(kind)["credentialSubject"] as? [String: Any])
        let achievement = try #require(subject["achievement"] as? [String: Any])
        #expect((achievement["id"] as? String)?.hasPrefix("urn:uuid:") == true)
        #expect(achievement["type"] as? [String] == ["Achievement"])
        #expect(achievement["achievementType"] as? String == kind.achievementType)
        #expect((achievement["name"] as? String)?.contains(kind.result.course.title) == true)
        #expect((achievement["description"] as? String)?.isEmpty == false)
        #expect(((achievement["criteria"] as? [String: Any])?["narrative"] as? String)?.isEmpty == false)
        #expect(achievement["creditsAvailable"] as? Double == Double(kind.result.course.credits))
        #expect(achievement["humanCode"] as? String == kind.result.course.code.description)
    }

    @Test(arguments: Fixtures.Kind.allCases)
    func resultsLinkToTheirDescriptions(_ kind: Fixtures.Kind) async throws {
        let subject = try #require(try await Self.credential(kind)["credentialSubject"] as? [String: Any])
        let achievement = try #require(subject["achievement"] as? [String: Any])
        let descriptions = try #require(achievement["resultDescription"] as? [[String: Any]])
        let results = try #require(subject["result"] as? [[String: Any]])
        #expect(descriptions.count == results.count)
        for (description, result) in zip(descriptions, results) {
            #expect(description["type"] as? [String] == ["ResultDescription"])
            #expect(description["name"] is String && description["resultType"] is String)
            #expect(result["type"] as? [String] == ["Result"])
            #expect(result["resultDescription"] as? String == description["id"] as? String)
        }
        let outcome = try #require(results.first)
        #expect(outcome["value"] as? String == kind.result.outcome.rawValue)
        #expect(outcome["status"] as? String == (kind == .microCredentialFail ? "Failed" : "Completed"))
    }

    @Test(arguments: Fixtures.Kind.allCases)
    func levelsAndECTS(_ kind: Fixtures.Kind) async throws {
        let subject = try #require(try await Self.credential(kind)["credentialSubject"] as? [String: Any])
        let alignments = try #require((subject["achievement"] as? [String: Any])?["alignment"] as? [[String: Any]])
        let codes = Dictionary(
            uniqueKeysWithValues: alignments.map { ($0["targetFramework"] as! String, $0["targetCode"] as! String) })
        let course = kind.result.course
        #expect(codes["Credit and Qualifications Framework for Wales (CQFW)"] == "\(course.level)")
        #expect(codes["European Qualifications Framework (EQF)"] == "\(Frameworks.eqfLevel(ofCQFW: course.level))")
        let ects = codes["European Credit Transfer and Accumulation System (ECTS)"]
        #expect(ects == (course.credits > 0 ? Frameworks.ects(ofCQFW: course.credits) : nil))
    }

    @Test func ectsIsHalfTheCredits() async throws {
        let subject = try #require(
            try await Self.credential(.certificateOfContinuingEducation)["credentialSubject"] as? [String: Any])
        let alignments = try #require((subject["achievement"] as? [String: Any])?["alignment"] as? [[String: Any]])
        #expect(alignments.contains { $0["targetName"] as? String == "7.5 ECTS credits" })
    }

    /// The VC-JWT (OB 3.0 §8.2): a header of exactly `alg`, `jwk` and `typ`; the credential's members
    /// at the top level of the payload, with `iss`, `jti`, `sub` and `nbf` repeating them.
    @Test(arguments: Fixtures.Kind.allCases)
    func vcJWT(_ kind: Fixtures.Kind) async throws {
        let files = try await Fixtures.issuance().files(for: kind.result)
        let parts = Fixtures.text(files, ".jwt").split(separator: ".").map(String.init)
        try #require(parts.count == 3)
        let header = try #require(
            try JSONSerialization.jsonObject(with: Data(base64URLDecoded(Array(parts[0].utf8)))) as? [String: Any])
        #expect(Set(header.keys) == ["alg", "jwk", "typ"])
        #expect(header["alg"] as? String == "EdDSA" && header["typ"] as? String == "JWT")
        let jwk = try #require(header["jwk"] as? [String: String])
        #expect(jwk == ["kty": "OKP", "crv": "Ed25519", "x": Fixtures.key().verificationKey.x])

        var payload = try #require(
            try JSONSerialization.jsonObject(with: Data(base64URLDecoded(Array(parts[1].utf8)))) as? [String: Any])
        let credential = try #require(
            try JSONSerialization.jsonObject(with: Data(Fixtures.text(files, ".json").utf8)) as? [String: Any])
        #expect(payload["iss"] as? String == (credential["issuer"] as? [String: Any])?["id"] as? String)
        #expect(payload["jti"] as? String == credential["id"] as? String)
        #expect(payload["sub"] as? String == (credential["credentialSubject"] as? [String: Any])?["id"] as? String)
        #expect(payload["nbf"] as? Int == 1_771_459_200)  // 2026-02-19T00:00:00Z
        #expect(payload["iat"] == nil && payload["exp"] == nil && payload["vc"] == nil)
        for claim in ["iss", "jti", "sub", "nbf"] { payload[claim] = nil }
        #expect(NSDictionary(dictionary: payload).isEqual(to: credential))
        // Ed25519 signatures are 64 bytes.
        #expect(try base64URLDecoded(Array(parts[2].utf8)).count == 64)
    }

    @Test func issuerJSONPublishesThePublicKeyOnly() async throws {
        let issuance = try await Fixtures.issuance()
        let file = try issuance.issuerProfile
        #expect(file.name == "issuer.json")
        let profile = try #require(try JSONSerialization.jsonObject(with: Data(file.bytes)) as? [String: Any])
        #expect(profile["id"] as? String == issuance.issuerID)
        #expect(profile["type"] as? [String] == ["Profile"])
        let method = try #require((profile["verificationMethod"] as? [[String: Any]])?.first)
        #expect(method["type"] as? String == "JsonWebKey" && method["controller"] as? String == issuance.issuerID)
        #expect(
            method["publicKeyJwk"] as? [String: String] == [
                "kty": "OKP", "crv": "Ed25519", "x": Fixtures.key().verificationKey.x,
            ])
        #expect(
            try TrustedIssuer(issuerJSON: file.bytes)
                == TrustedIssuer(issuer: Fixtures.issuer, key: Fixtures.key().verificationKey))
        #expect(
            try TrustedIssuer(issuerJSON: file.bytes)
                == TrustedIssuer(id: issuance.issuerID, key: Fixtures.key().verificationKey))
    }

    /// did:key: the issuer id is the public key, so a verifier resolves it offline.
    @Test func defaultIssuerIDIsTheKeysDID() async throws {
        let issuance = try await Fixtures.issuance()
        #expect(issuance.issuerID == Fixtures.key().verificationKey.did)
        // Computed independently in Python; openbadgeslib resolves it back to the same key.
        #expect(issuance.issuerID == "did:key:z6Mkig7jTGwpjjcgErXWJ2eNUjY1bwKZeMah7arVQzjYN65j")
    }

    @Test(arguments: [
        ("", ""), ("Hello World!", "2NEpo7TZRRrLZSi2U"), ("\0\0abc", "11ZiCa"),
        (
            "The quick brown fox jumps over the lazy dog.",
            "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"
        ),
    ])
    func base58(_ text: String, _ encoded: String) {
        #expect(base58btc(Array(text.utf8)) == encoded)
    }

    @Test func configuredIssuerID() async throws {
        var issuer = Fixtures.issuer
        issuer.id = "https://www.wrexham.ac.uk/credentials/issuer.json"
        let credential = try await Fixtures.issuance(issuer: issuer).credential(
            for: Fixtures.Kind.microCredentialPass.result)
        #expect(credential.issuer.id == "https://www.wrexham.ac.uk/credentials/issuer.json")
    }
}
