import Foundation
import Testing

@testable import Credentials

/// Runs `Tests/verify-credential.py`, a verifier that shares no code with this module (Python,
/// jwcrypto), on every kind of credential, and on a changed one.
@Suite(.enabled(if: IndependentVerifier.available, "needs python3 with jwcrypto: pip install jwcrypto"))
struct IndependentVerifierTests {
    @Test func acceptsEveryKind() async throws {
        let folder = try await IndependentVerifier.issue()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tokens = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".jwt") }
            .sorted()
        #expect(tokens.count == Fixtures.Kind.allCases.count)
        let (status, output) = try IndependentVerifier.run([folder + "/issuer.json"] + tokens.map { folder + "/" + $0 })
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(tokens.count) verified, 0 refused"), "\(output)")
    }

    @Test func refusesAChangedCredential() async throws {
        let folder = try await IndependentVerifier.issue()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/\(Fixtures.Kind.microCredentialFail.result.fileStem).jwt"
        var token = Array(FileManager.default.contents(atPath: path)!)
        let middle = token.count / 2
        token[middle] = token[middle] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try Data(token).write(to: URL(fileURLWithPath: path))
        let (status, output) = try IndependentVerifier.run([folder + "/issuer.json", path])
        #expect(status == 1, "\(output)")
        #expect(output.contains("REFUSED"), "\(output)")
    }
}

enum IndependentVerifier {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("verify-credential.py").path

    /// Whether `python3 -c "import jwcrypto"` works here.
    static var available: Bool { (try? python(["-c", "import jwcrypto"]).status) == 0 }

    /// A folder holding one credential of each kind and `issuer.json`.
    static func issue() async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("credentials-\(UUID())").path
        let files = try await Fixtures.issuance().files(for: Fixtures.Kind.allCases.map(\.result))
        try Fixtures.write(files, into: folder)
        return folder
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try python([script] + arguments)
    }

    private static func python(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
