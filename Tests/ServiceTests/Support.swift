import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Input
import Ledger
import NIOCore
import Regulations
import Synchronization
import Testing

@testable import Service

/// A clock the tests move.
final class TestClock: Sendable {
    private let now = Mutex(Date(timeIntervalSince1970: 1_781_000_000))
    var date: Date { now.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// A copy of SampleData in a temporary folder, its outputs and ledger inside it, with the service over
/// it and three accounts: a course team for MC4002, one for CE3005, and the registry.
final class ServiceFixture: Sendable {
    let folder: URL
    let clock = TestClock()
    let institution: Institution
    static let password = "correct horse battery staple"

    /// `sealed`: boards taken as sealed whatever the ledger holds; nil, the ledger's seals, as `board serve` has them.
    init(serve: String = "insecure_cookies = true", sealed: Set<String>? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("board-serve-\(UUID().uuidString)")
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleData")
        try FileManager.default.copyItem(at: sample, to: folder)
        let configFile = folder.appendingPathComponent("board.toml")
        var config = try String(contentsOf: configFile, encoding: .utf8)
        config = config.replacingOccurrences(of: "\"../Reports\"", with: "\"Reports\"")
            .replacingOccurrences(of: "\"../Reports/exports\"", with: "\"Reports/exports\"")
        config += "\n[serve]\n\(serve)\n"
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        let loaded = try BoardConfig.load(from: configFile.path)
        try FileManager.default.createDirectory(atPath: loaded.exports, withIntermediateDirectories: true)
        let clock = clock
        let (register, ledger) = (RegisterLoad.load(loaded), try Ledger(path: loaded.ledger))
        if let sealed {
            institution = Institution(
                config: loaded, register: register, ledger: ledger,
                seals: SealedBoards(boards: Set(sealed.compactMap { Day($0) })), clock: { clock.date })
        } else {
            institution = Institution(config: loaded, register: register, ledger: ledger, clock: { clock.date })
        }
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// An account whose password is set (at bcrypt's lowest cost, to keep the tests quick).
    @discardableResult
    func account(_ email: String, _ role: AccountRole, _ courses: [String] = []) async throws -> Account {
        let token = "token-of-\(email)"
        _ = try institution.ledger.addAccount(
            email: email, role: role, courses: courses.compactMap { Code($0) }, linkDigest: Secrets.digest(token),
            linkExpires: clock.date.addingTimeInterval(86400), now: clock.date)
        return try #require(
            try await institution.ledger.usePasswordLink(
                digest: Secrets.digest(token), passwordHash: Bcrypt.hash(Self.password, cost: 4), now: clock.date))
    }

    func application() throws -> some ApplicationProtocol {
        Application(router: try SubmissionService.router(institution: institution, boardExecutable: BoardBinary.path))
    }

    /// The marks folder of a board.
    func marks(_ board: String) -> URL { folder.appendingPathComponent("marks/\(board)") }
}

/// Boards taken as sealed by a test, whatever the ledger holds.
struct SealedBoards: BoardSeals {
    let boards: Set<Day>
    func sealedBoards() async throws -> Set<Day> { boards }
    func seal(_ board: Day, by: String) async throws -> ServiceMessage {
        .sealedAlready(board: board.description, version: 1)
    }
}

/// Runs the `board` command on the fixture's config: its exit status and what it printed.
func runBoard(_ arguments: [String], config: URL) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BoardBinary.path)
    process.arguments = arguments + ["--config", config.path]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
}

enum BoardBinary {
    /// The `board` executable SwiftPM built beside this test bundle, for the registry's runs.
    static let path = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("board").path
}

/// A browser's side of a conversation with the service: its cookies, and the last page's CSRF token.
struct Browser {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    mutating func get(_ path: String, follow: Bool = true) async throws -> TestResponse {
        try await send(path, method: .get, follow: follow)
    }

    @discardableResult
    mutating func post(_ path: String, form: [String: String] = [:], token: Bool = true, follow: Bool = true)
        async throws -> TestResponse
    {
        var fields = form
        if token && fields["csrf"] == nil { fields["csrf"] = csrf }
        let body = fields.map { "\(escape($0.key))=\(escape($0.value))" }.joined(separator: "&")
        return try await send(
            path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body), follow: follow)
    }

    /// A sheet posted as the upload form posts it.
    @discardableResult
    mutating func upload(
        _ path: String, name: String = "sheet.csv", bytes: [UInt8], token: String? = nil, follow: Bool = true
    ) async throws -> TestResponse {
        let boundary = "----board-test-boundary"
        var body: [UInt8] = []
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(token ?? csrf)\r\n".utf8)
        body += Array(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"sheet\"; filename=\"\(name)\"\r\nContent-Type: text/csv\r\n\r\n"
                .utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send(
            path, method: .post, headers: [.contentType: "multipart/form-data; boundary=\(boundary)"],
            body: ByteBuffer(bytes: body), follow: follow)
    }

    @discardableResult
    mutating func signIn(_ email: String, password: String = ServiceFixture.password) async throws -> TestResponse {
        try await get("/sign-in")
        let token = cookies["board_form"] ?? ""
        let response = try await post(
            "/sign-in", form: ["csrf": token, "email": email, "password": password], follow: false)
        if response.status == .seeOther { try await get("/") }
        return response
    }

    private mutating func send(
        _ path: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil,
        follow: Bool = true
    ) async throws -> TestResponse {
        var headers = headers
        if !cookies.isEmpty {
            headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        var response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for cookie in response.headers[values: .setCookie] {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if cookie.contains("Expires=Thu, 01 Jan 1970") || pair[1].isEmpty
                || cookie.lowercased().contains("max-age=0")
            {
                cookies[pair[0]] = nil
            } else {
                cookies[pair[0]] = pair[1]
            }
        }
        // Follow one redirect, as a browser does, and keep the page's form token.
        if follow, [.found, .seeOther].contains(response.status), let location = response.headers[.location],
            location.hasPrefix("/")
        {
            response = try await send(location, method: .get)
        }
        let html = String(buffer: response.body)
        if let range = html.range(of: #"name="csrf" value="([0-9a-f]{64})""#, options: .regularExpression) {
            csrf = String(html[range].dropFirst(19).dropLast())
        }
        return response
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
