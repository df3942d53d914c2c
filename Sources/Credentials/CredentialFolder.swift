import Foundation

/// The edge where credentials meet the file system when they are checked: reading `issuer.json`,
/// verifying a file. Everything it decides, the pure core decides. (`board credentials` writes the
/// files `Issuance` makes with the output folder every board file is written with.)
public enum CredentialFolder {
    /// The issuer pinned by the `issuer.json` at `path`.
    public static func trustedIssuer(at path: String) throws(VerificationFailure) -> TrustedIssuer {
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
