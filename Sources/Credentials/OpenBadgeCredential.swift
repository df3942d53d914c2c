/// An Open Badges 3.0 `OpenBadgeCredential` (a W3C Verifiable Credential 2.0): the members this
/// tool writes, and reads back when it verifies one. Optional members are left out of the JSON when
/// nil. Member names are the specification's, so the Swift names follow them.
public struct OpenBadgeCredential: Codable, Sendable, Hashable {
    /// VC 2.0 requires its own context first; the OB 3.0.3 context defines the badge vocabulary.
    public static let contexts = [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    public static let types = ["VerifiableCredential", "OpenBadgeCredential"]

    public var context: [String]
    public var id: String
    public var type: [String]
    public var name: String
    public var description: String?
    public var issuer: Profile
    public var validFrom: String
    public var validUntil: String?
    public var credentialSubject: AchievementSubject

    enum CodingKeys: String, CodingKey {
        case context = "@context"
        case id, type, name, description, issuer, validFrom, validUntil, credentialSubject
    }

    /// `issuer`: who awards the credential (OB 3.0 `Profile`).
    public struct Profile: Codable, Sendable, Hashable {
        public var id: String
        public var type: [String]
        public var name: String
        public var description: String?
        public var url: String?
        public var address: Address?
        public var otherIdentifier: [IdentifierEntry]?
    }

    public struct Address: Codable, Sendable, Hashable {
        public var type: [String]
        public var addressCountry: String?
        public var addressCountryCode: String?
    }

    public struct IdentifierEntry: Codable, Sendable, Hashable {
        public var type: String
        public var identifier: String
        public var identifierType: String
    }

    /// `credentialSubject`: the learner and what they achieved.
    public struct AchievementSubject: Codable, Sendable, Hashable {
        public var id: String?
        public var type: [String]
        public var identifier: [IdentityObject]?
        public var achievement: Achievement
        public var result: [Result]?
        public var creditsEarned: Double?
        public var term: String?
    }

    /// How the learner is identified besides `id`: by name and by SITS code, in plain text, as a
    /// printed certificate names them.
    public struct IdentityObject: Codable, Sendable, Hashable {
        public var type: String
        public var identityType: String
        public var hashed: Bool
        public var identityHash: String
    }

    public struct Achievement: Codable, Sendable, Hashable {
        public var id: String
        public var type: [String]
        public var achievementType: String?
        public var name: String
        public var description: String
        public var criteria: Criteria
        public var creditsAvailable: Double?
        public var humanCode: String?
        public var alignment: [Alignment]?
        public var resultDescription: [ResultDescription]?
    }

    public struct Criteria: Codable, Sendable, Hashable {
        public var narrative: String?
    }

    /// A node of a framework the achievement sits in: its CQFW and EQF levels and its ECTS credits.
    public struct Alignment: Codable, Sendable, Hashable {
        public var type: [String]
        public var targetName: String
        public var targetUrl: String
        public var targetFramework: String?
        public var targetCode: String?
    }

    public struct ResultDescription: Codable, Sendable, Hashable {
        public var id: String
        public var type: [String]
        public var name: String
        public var resultType: String
        public var allowedValue: [String]?
        public var requiredValue: String?
        public var valueMin: String?
        public var valueMax: String?
    }

    public struct Result: Codable, Sendable, Hashable {
        public var type: [String]
        public var resultDescription: String?
        public var status: String?
        public var value: String?
    }
}
