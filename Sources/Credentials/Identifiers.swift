import Crypto
import Foundation
import Regulations

/// The URIs a credential carries, derived from what identifies it so that issuing again gives the
/// same ids: `urn:uuid:` of a name-based UUID (RFC 9562 version 5, SHA-1) whose name is the parts
/// joined by `|`. Codes never hold `|` (SPEC §1), so two different sets of parts never share a name.
enum Identifiers {
    /// This tool's UUID namespace. Fixed forever: changing it changes every credential's id.
    static let namespace = UUID(uuidString: "F59D97E6-EF5D-49D4-A510-E55EBD4D8870")!

    /// The credential: one per learner, course, occurrence, year and board.
    static func credential(_ result: ConfirmedResult, issuer: Issuer) -> String {
        let key = result.enrolment.key
        return urn(
            "credential", issuer.code, result.enrolment.sprCode, result.course.code.description,
            key.occurrence.description, key.academicYear, result.decision.board.description)
    }

    /// The learner (`credentialSubject.id`, the JWT `sub`): the same in every credential the
    /// institution issues them, and opaque, so the URI alone says nothing about the student.
    static func learner(_ enrolment: Enrolment, issuer: Issuer) -> String {
        urn("learner", issuer.code, enrolment.key.student.description)
    }

    /// The achievement: the course as run in a year, one per achievement type (a pass and a fail of
    /// one course are different achievements).
    static func achievement(_ result: ConfirmedResult, type: String, issuer: Issuer) -> String {
        urn("achievement", issuer.code, result.course.code.description, result.enrolment.key.academicYear, type)
    }

    /// A result description of an achievement (`outcome`, `grade`, `mark`, `attendance`).
    static func resultDescription(_ name: String, of achievement: String) -> String {
        urn("result-description", achievement, name)
    }

    private static func urn(_ parts: String...) -> String {
        "urn:uuid:" + nameBasedUUID(namespace: namespace, name: parts.joined(separator: "|")).uuidString.lowercased()
    }
}

/// RFC 9562 §5.5: the first 16 bytes of SHA-1(namespace ‖ name), with the version (5) and variant
/// bits set. Foundation makes random UUIDs only.
func nameBasedUUID(namespace: UUID, name: String) -> UUID {
    var hash = Insecure.SHA1()
    let space = namespace.uuid
    hash.update(data: [
        space.0, space.1, space.2, space.3, space.4, space.5, space.6, space.7, space.8, space.9, space.10, space.11,
        space.12, space.13, space.14, space.15,
    ])
    hash.update(data: Array(name.utf8))
    var b = Array(hash.finalize().prefix(16))
    b[6] = (b[6] & 0x0F) | 0x50
    b[8] = (b[8] & 0x3F) | 0x80
    return UUID(
        uuid: (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]))
}
