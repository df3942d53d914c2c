import Foundation
import Testing

@testable import Credentials

/// The signing key file: made private, never replaced, never inside a repository, refused when
/// others can read it.
@Suite struct KeyFileTests {
    /// A fresh folder outside every git working tree.
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("board-keys-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int ?? 0) & 0o777
    }

    @Test func keygenWritesAPrivateKeyFileThatLoads() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/config/board/signing-key.pem"
        let published = try KeyFile.generate(at: path)
        #expect(try Self.mode(path) == 0o600)
        #expect(try Self.mode(folder + "/config/board") == 0o700)
        #expect(
            String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self).hasPrefix(
                "-----BEGIN PRIVATE KEY-----"))
        #expect(try KeyFile.load(path).verificationKey == published)
    }

    @Test func keygenNeverReplacesAKey() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/signing-key.pem"
        let first = try KeyFile.generate(at: path)
        #expect(throws: KeyFileError.exists(path)) { try KeyFile.generate(at: path) }
        #expect(try KeyFile.load(path).verificationKey == first)
    }

    @Test func keygenRefusesAGitWorkingTree() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/repo/.git", withIntermediateDirectories: true)
        let path = folder + "/repo/secrets/signing-key.pem"
        let repository = URL(fileURLWithPath: folder + "/repo").resolvingSymlinksInPath().path
        #expect(throws: KeyFileError.insideRepository(path, repository: repository)) { try KeyFile.generate(at: path) }
        #expect(!FileManager.default.fileExists(atPath: folder + "/repo/secrets"))
    }

    @Test func defaultPathIsOutsideThisRepository() {
        #expect(KeyFile.defaultPath.hasSuffix("/board/signing-key.pem"))
        #expect(KeyFile.enclosingRepository(of: (KeyFile.defaultPath as NSString).deletingLastPathComponent) == nil)
    }

    @Test(arguments: [0o644, 0o640, 0o604, 0o660, 0o606])
    func keyOthersCanReadIsRefused(mode: Int) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/signing-key.pem"
        try KeyFile.generate(at: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let error = #expect(throws: KeyFileError.self) { try KeyFile.load(path) }
        #expect(error?.message.contains("chmod 600 \(path)") == true)
    }

    @Test(arguments: [0o600, 0o400])
    func keyOnlyItsOwnerCanReadLoads(mode: Int) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/signing-key.pem"
        try KeyFile.generate(at: path)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        _ = try KeyFile.load(path)
    }

    @Test func missingAndBrokenKeys() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: KeyFileError.missing(folder + "/none.pem")) { try KeyFile.load(folder + "/none.pem") }
        #expect(throws: KeyFileError.notAFile(folder)) { try KeyFile.load(folder) }
        let path = folder + "/broken.pem"
        FileManager.default.createFile(
            atPath: path, contents: Data("not a key".utf8), attributes: [.posixPermissions: 0o600])
        #expect(throws: KeyFileError.notAKey(path)) { try KeyFile.load(path) }
    }

    /// A key that `openssl genpkey -algorithm ed25519` writes loads as well (PKCS #8).
    @Test func pemRoundTrip() throws {
        let key = Fixtures.key()
        #expect(try SigningKey(pem: key.pem).verificationKey == key.verificationKey)
    }
}
