import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The signing key on disk: made once by `keygen`, read by every issue. The key file is the one
/// secret of the scheme, so both ends refuse what would expose it.
public enum KeyFile {
    /// Where the key lives unless `[credentials] signing_key` says otherwise: the user's own
    /// configuration folder, outside every repository (`$XDG_CONFIG_HOME/board/signing-key.pem`,
    /// else `~/.config/board/signing-key.pem`).
    public static var defaultPath: String {
        let environment = ProcessInfo.processInfo.environment
        let configuration =
            environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? NSString(string: "~/.config").expandingTildeInPath
        return configuration + "/board/signing-key.pem"
    }

    /// Makes a new Ed25519 key at `path` (its folders made private to the owner as needed), readable
    /// and writable by the owner only (0600). Refuses to replace an existing file and to write inside
    /// a git working tree, where the key could be committed. Returns the public key to publish.
    @discardableResult
    public static func generate(at path: String) throws -> VerificationKey {
        let path = NSString(string: path).expandingTildeInPath
        let folder = (path as NSString).deletingLastPathComponent
        if let repository = enclosingRepository(of: folder.isEmpty ? "." : folder) {
            throw KeyFileError.insideRepository(path, repository: repository)
        }
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw KeyFileError.cannot("create the folder", folder, reason: error.localizedDescription)
            }
        }
        let key = try SigningKey.generate()
        // O_EXCL makes "refuse to overwrite" atomic: no other process can slip a file in between a
        // check and the write. The mode is set at creation, so the key is never readable by others.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw errno == EEXIST
                ? KeyFileError.exists(path) : KeyFileError.cannot("create", path, reason: systemError(errno))
        }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try file.write(contentsOf: Data((key.pem.hasSuffix("\n") ? key.pem : key.pem + "\n").utf8))
            try file.synchronize()
        } catch {
            unlink(path)
            throw KeyFileError.cannot("write", path, reason: error.localizedDescription)
        }
        return key.verificationKey
    }

    /// Reads the key at `path`, refusing a file that anyone but its owner may read or write.
    public static func load(_ path: String) throws -> SigningKey {
        let path = NSString(string: path).expandingTildeInPath
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw errno == ENOENT
                ? KeyFileError.missing(path) : KeyFileError.cannot("read", path, reason: systemError(errno))
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw KeyFileError.notAFile(path) }
        guard status.st_mode & 0o077 == 0 else { throw KeyFileError.readableByOthers(path, mode: Int(status.st_mode)) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw KeyFileError.cannot("read", path, reason: systemError(errno))
        }
        guard let key = try? SigningKey(pem: String(decoding: data, as: UTF8.self)) else {
            throw KeyFileError.notAKey(path)
        }
        return key
    }

    /// The top of the git working tree holding `folder` (or the nearest existing folder above it, for
    /// a folder keygen is about to make), or nil when it is in none.
    static func enclosingRepository(of folder: String) -> String? {
        var url = URL(fileURLWithPath: folder).standardizedFileURL
        while true {
            if FileManager.default.fileExists(atPath: url.path) {
                url = url.resolvingSymlinksInPath()
                if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) { return url.path }
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return nil }
            url = parent
        }
    }
}

/// The system's words for an errno.
func systemError(_ code: Int32) -> String { String(cString: strerror(code)) }
