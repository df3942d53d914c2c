import Foundation

/// The edge where credentials meet the file system: writing a folder of them, reading
/// `issuer.json`, verifying a file. Everything it decides, the pure core decides.
public enum CredentialFolder {
    /// Writes `files` into `folder` (made as needed), each one whole or not at all.
    public static func write(_ files: [CredentialFile], into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in files {
            try Data(file.bytes).write(
                to: URL(fileURLWithPath: folder).appendingPathComponent(file.name), options: .atomic)
        }
    }

    /// The issuer pinned by the `issuer.json` at `path`.
    public static func trustedIssuer(at path: String) throws -> TrustedIssuer {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw VerificationFailure.unreadableFile(path, reason: systemError(errno))
        }
        return try TrustedIssuer(issuerJSON: data)
    }

    /// Verifies a `.jwt`, or a `.json` through the `.jwt` of the same name beside it.
    public static func verify(file path: String, trusting issuer: TrustedIssuer, at now: Date) async -> Verdict {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            return .refused(.unreadableFile(path, reason: systemError(errno)))
        }
        switch (path as NSString).pathExtension.lowercased() {
        case "jwt":
            return await CredentialVerifier.verify(jwt: bytes, trusting: issuer, at: now)
        case "json":
            let jwtPath = (path as NSString).deletingPathExtension + ".jwt"
            return await CredentialVerifier.verify(
                json: bytes, signedCopy: FileManager.default.contents(atPath: jwtPath), jsonName: path,
                jwtName: jwtPath,
                trusting: issuer, at: now)
        default:
            return .refused(.notACredentialFile(path))
        }
    }
}
