import CSV
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `board credentials`, `board credentials keygen` and `board verify`, end to end on SampleData: what a
/// registry officer issues after a board, and what anyone who receives a credential can check.
@Suite("board credentials and board verify, end to end (SPEC §9)")
struct CredentialsCommandTests {
    static let board = "2026-06-18"

    @Test func issuesEveryTranscriptAndCertificateThatTheBoardListsToIssue() throws {
        let sample = try IssuingSample()
        let run = try sample.board("run", "--board", Self.board)
        #expect(run.status == 1, "SampleData holds deliberate mistakes: \(run)")
        let issued = try sample.issue()
        #expect(issued.status == 0, "\(issued)")

        let transcripts = try sample.listed("transcripts.csv")
        let certificates = try sample.listed("certificates.csv")
        #expect(!transcripts.isEmpty && !certificates.isEmpty)
        #expect(certificates.allSatisfy { $0.status == "issue" })
        var expected = Set(transcripts.flatMap { ["\($0.stem)-transcript.html", "\($0.stem).json", "\($0.stem).jwt"] })
        expected.formUnion(certificates.map { "\($0.stem)-certificate.html" })
        expected.insert("issuer.json")
        #expect(try sample.credentialFiles() == expected)
        #expect(
            issued.stdout.contains("Issued \(transcripts.count) transcripts and \(certificates.count) certificates"))
        #expect(!issued.stdout.contains("Withheld"))
    }

    /// A course that breaks the structural norms (a Certificate of Continuing Education of 5 credits)
    /// has its certificates withheld: listed by the command, absent from the folder; the transcripts stay.
    @Test func withheldCertificatesAreListedAndNotIssued() throws {
        let sample = try IssuingSample()
        try sample.edit("register/courses.csv") {
            $0.replacingOccurrences(
                of: "CE3005,Welsh for the Workplace,Cymraeg yn y Gweithle,continuing-education,10,",
                with: "CE3005,Welsh for the Workplace,Cymraeg yn y Gweithle,continuing-education,5,")
        }
        _ = try sample.board("run", "--board", Self.board)
        let issued = try sample.issue()
        #expect(issued.status == 0, "\(issued)")

        let withheld = try sample.listed("certificates.csv").filter { $0.status == "withheld" }
        #expect(!withheld.isEmpty && withheld.allSatisfy { $0.course == "CE3005" })
        #expect(issued.stdout.contains("Withheld \(withheld.count) certificates, not issued"), "\(issued)")
        let files = try sample.credentialFiles()
        for certificate in withheld {
            #expect(issued.stdout.contains("  \(certificate.spr) "), "\(issued)")
            #expect(!files.contains("\(certificate.stem)-certificate.html"))
            #expect(files.contains("\(certificate.stem)-transcript.html"))
            #expect(files.contains("\(certificate.stem).jwt"))
        }
    }

    @Test func issuingAgainGivesTheSameBytes() throws {
        let sample = try IssuingSample()
        #expect(try sample.issue().status == 0)
        let first = try sample.credentialBytes()
        #expect(try sample.issue(out: "Again").status == 0)
        let second = try sample.credentialBytes(out: "Again")
        #expect(first.count > 3)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (name, bytes) in first { #expect(second[name] == bytes, "\(name) differs between two runs") }
    }

    @Test func verifyAcceptsWhatWasIssuedAndRefusesAChangedByte() throws {
        let sample = try IssuingSample()
        #expect(try sample.issue().status == 0)
        let folder = "\(IssuingSample.boardFolder)/credentials"
        let signed = try sample.credentialFiles().filter { $0.hasSuffix(".jwt") || $0.hasSuffix(".json") }
            .subtracting(["issuer.json"]).sorted().map { "\(folder)/\($0)" }
        let accepted = try sample.board(["verify"] + signed)
        #expect(accepted.status == 0, "\(accepted)")
        #expect(accepted.lines.last == "\(signed.count) verified, 0 refused", "\(accepted)")
        #expect(accepted.lines.dropLast().allSatisfy { $0.contains(": VALID: Wrexham University") }, "\(accepted)")

        // One letter of the signed payload, the middle part of the token, changed for another.
        let token = signed.first { $0.hasSuffix(".jwt") }!
        let tokenURL = sample.credentialsFolder().appendingPathComponent((token as NSString).lastPathComponent)
        var bytes = Array(try Data(contentsOf: tokenURL))
        let payload = bytes.firstIndex(of: UInt8(ascii: "."))! + 10
        bytes[payload] = bytes[payload] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        try Data(bytes).write(to: tokenURL)
        let refused = try sample.board("verify", token)
        #expect(refused.status == 1, "\(refused)")
        #expect(refused.stdout.contains("REFUSED: signature check failed"), "\(refused)")
        #expect(refused.lines.last == "0 verified, 1 refused", "\(refused)")
    }

    @Test func keygenMakesAPrivateKeyAndNeverReplacesOne() throws {
        let sample = try IssuingSample()
        var status = stat()
        #expect(stat(sample.keyPath, &status) == 0)
        #expect(status.st_mode & 0o777 == 0o600)
        let again = try sample.board("credentials", "keygen")
        #expect(again.status == 65, "\(again)")
        #expect(again.stderr.contains("already exists"), "\(again)")
    }

    @Test func aKeyOthersCanReadIsRefusedAndNothingIsWritten() throws {
        let sample = try IssuingSample()
        #expect(chmod(sample.keyPath, 0o640) == 0)
        let issued = try sample.issue()
        #expect(issued.status == 65, "\(issued)")
        #expect(issued.stderr.contains("chmod 600 \(sample.keyPath)"), "\(issued)")
        #expect(!FileManager.default.fileExists(atPath: sample.folder.appendingPathComponent("Reports/2025-26").path))
    }
}

/// SampleData copied into a temporary folder, where its reports (`../Reports`) go too, with a signing
/// key made by `board credentials keygen` at its default path, in a configuration folder of its own.
final class IssuingSample {
    let folder: URL
    let environment: [String: String]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("board-credentials-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SampleData.folder, to: folder.appendingPathComponent("SampleData"))
        environment = ["XDG_CONFIG_HOME": folder.appendingPathComponent("configuration").path]
        let keygen = try board("credentials", "keygen")
        try #require(keygen.status == 0, "\(keygen)")
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var keyPath: String { environment["XDG_CONFIG_HOME"]! + "/board/signing-key.pem" }

    func board(_ arguments: String...) throws -> Run { try board(arguments) }

    /// Runs `board` in the copy of SampleData, as the README's examples do.
    func board(_ arguments: [String]) throws -> Run {
        try BoardBinary.run(arguments, in: folder.appendingPathComponent("SampleData"), environment: environment)
    }

    /// `board credentials` at the test board, into `<reports>/` (`../Reports`), or under `out`.
    func issue(out: String? = nil) throws -> Run {
        try board(
            ["credentials", "--board", CredentialsCommandTests.board] + (out.map { ["--out", "../\($0)"] } ?? []))
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
        let url = folder.appendingPathComponent("SampleData/\(path)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        try #require(changed != text, "the edit of \(path) changed nothing")
        try changed.write(to: url, atomically: true, encoding: .utf8)
    }

    /// `<reports>/2025-26/<board>/`, relative to the copy of SampleData.
    static let boardFolder = "../Reports/2025-26/\(CredentialsCommandTests.board)"

    func credentialsFolder(out: String = "Reports") -> URL {
        folder.appendingPathComponent("\(out)/2025-26/\(CredentialsCommandTests.board)/credentials")
    }

    func credentialFiles() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: credentialsFolder().path))
    }

    func credentialBytes(out: String = "Reports") throws -> [String: Data] {
        let credentials = credentialsFolder(out: out)
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: credentials.path) {
            files[name] = try Data(contentsOf: credentials.appendingPathComponent(name))
        }
        return files
    }

    /// The rows of `certificates.csv` or `transcripts.csv` of `board run` at the test board.
    func listed(_ file: String) throws -> [(spr: String, course: String, stem: String, status: String?)] {
        let bytes = Array(
            try Data(
                contentsOf: folder.appendingPathComponent("Reports/2025-26/\(CredentialsCommandTests.board)/\(file)")))
        var header: [String] = []
        var rows: [(spr: String, course: String, stem: String, status: String?)] = []
        try CSVReader.forEachRecord(in: bytes) { record in
            let fields = (0..<record.count).map(record.string)
            guard !header.isEmpty else {
                header = fields
                return
            }
            let value = { (column: String) in header.firstIndex(of: column).map { fields[$0] } }
            let spr = value("spr_code")!
            let course = value("course_code")!
            rows.append((spr, course, "\(spr.replacingOccurrences(of: "/", with: "-"))-\(course)", value("status")))
        }
        return rows
    }
}
