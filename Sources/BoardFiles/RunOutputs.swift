import Crypto
import Foundation
import Regulations

/// The version written into every manifest.
public let toolVersion = "0.1.0"

/// The files of a board run (SPEC §3), as bytes, ready to be written together.
extension BoardRun {
    public static let decisionColumns = [
        "student_id", "family_name", "given_names", "course_code", "occurrence", "academic_year", "outcome", "reason",
        "attempt", "actual_mark", "agreed_mark", "grade", "credits_awarded", "resit_due", "decided_at", "certificate",
        "transcript",
    ]
    public static let exceptionColumns = [
        "severity", "code", "file", "line", "student_id", "course_code", "component", "message",
    ]

    func writeDecisions(into text: inout CSVText) {
        replay.enrolments.withUnsafeBufferPointer { writeDecisions(of: $0, into: &text) }
    }

    /// Through a buffer: read from the array, a decision was copied (its strings and lists retained) to
    /// ask whether it used the marks.
    private func writeDecisions(of results: UnsafeBufferPointer<EnrolmentResult>, into text: inout CSVText) {
        let listed = replay.listed
        text.append(Self.decisionColumns)
        var eligibilities = EligibilityMemo()
        var course: Course?
        for index in results.indices {
            let at = results[index].listedAt
            let key = listed[at].key
            // The course is taken from the result once per course, not copied for each enrolment.
            if course?.code != key.course { course = results[index].course }
            // The decision's fields are read in place: copying a decision retains each of its strings and lists.
            let outcome = results[index].decision.outcome
            let eligibility = eligibilities.of(outcome, course: course!)
            let marked = results[index].decision.usedMarks
            text.field(key.student)
            text.field(listed[at].familyName)
            text.field(listed[at].givenNames)
            text.field(key.course)
            text.field(key.occurrence)
            text.field(key.academicYear)
            text.field(outcome.rawValue)
            text.field(results[index].decision.reason?.rawValue ?? "")
            text.field(results[index].decision.attempt)
            text.field(marked ? results[index].decision.actualMark : nil)
            text.field(marked ? results[index].decision.agreedMark : nil)
            text.field(outcome.grade?.rawValue ?? "")
            text.field(eligibility.credits)
            text.field(results[index].decision.resitDue)
            text.field(results[index].decision.board)
            text.field(eligibility.certificate?.rawValue ?? "")
            text.field(eligibility.transcript ? "yes" : "no")
            text.endLine()
        }
    }

    func writeExceptions(into text: inout CSVText) {
        text.append(Self.exceptionColumns)
        for finding in exceptions {
            text.field(finding.severity.rawValue)
            text.field(finding.code.rawValue)
            text.field(finding.file)
            text.field(finding.line > 0 ? finding.line : nil)
            text.field(finding.student)
            text.field(finding.course)
            text.field(finding.component)
            text.field(finding.message)
            text.endLine()
        }
    }

    /// The output files in the order of the manifest; the manifest itself comes last.
    public static var outputNames: [String] {
        ["decisions.csv", "exceptions.csv", "certificates.csv", "transcripts.csv"]
            + SITSTable.allCases.map { "sits/" + $0.fileName } + ["board-report.html"]
    }

    /// Every output file, kept in memory, the manifest last with the digests of the others.
    public func outputFiles(sourceDateEpoch: String?) throws -> [(name: String, bytes: Data)] {
        let files = OutputFiles()
        try produceOutputs(sourceDateEpoch: sourceDateEpoch, into: files)
        return (Self.outputNames + ["manifest.json"]).map { ($0, files.kept($0)!) }
    }

    /// Writes every output file into `folder`, all or nothing, each straight to disk as it is built.
    public func writeOutputs(to folder: String, sourceDateEpoch: String?) throws {
        try OutputFolder.write(to: folder) { files in try produceOutputs(sourceDateEpoch: sourceDateEpoch, into: files)
        }
    }

    /// Builds every output file in `files`, the manifest last, with the digests of the others. The board
    /// pack, and the SITS files then certificates.csv, are built on other threads meanwhile; the other CSV
    /// files and the inputs' digests (most were taken as the inputs were read) here. Each goes to disk as
    /// it is built, so no whole file is held in memory.
    func produceOutputs(sourceDateEpoch: String?, into files: OutputFiles) throws {
        let results = replay.enrolments.count
        // Sizes, for files kept in memory: about 700 bytes of pack per enrolment with the built-in template.
        let pack = Background {
            try files.build("board-report.html", expecting: 1024 * results) { try writeBoardPack(into: &$0) }
        }
        // The certificates after the SITS files, on their thread: with them here, these files took longest.
        let sits = Background {
            try writeSITS(into: files)
            try Self.csv("certificates.csv", expecting: 128 * results, in: files, writeCertificates)
        }
        defer {
            pack.wait()
            sits.wait()
        }
        try Self.csv("decisions.csv", expecting: 128 * results, in: files, writeDecisions)
        try Self.csv("exceptions.csv", expecting: 256 * exceptions.count, in: files, writeExceptions)
        try Self.csv("transcripts.csv", expecting: 768 * results, in: files, writeTranscripts)
        // All of the manifest but the outputs' digests, made while the pack is finished on other cores.
        var manifest = manifest(
            inputs: try ManifestInput.digests(config: config, register: register, sheets: sheets),
            sourceDateEpoch: sourceDateEpoch)
        try sits.result()
        try pack.result()
        manifest.outputs = Self.outputNames.map { Manifest.Output(path: $0, sha256: files.digest(of: $0)!) }
        try files.emit("manifest.json", try Self.encoded(manifest))
    }

    /// A CSV file of `files`, written by `write`.
    private static func csv(
        _ name: String, expecting capacity: Int, in files: OutputFiles, _ write: (inout CSVText) -> Void
    ) throws {
        var text = CSVText(try files.open(name, expecting: capacity))
        write(&text)
        try files.close(name, &text.output)
    }

    struct Manifest: Encodable {
        struct Output: Encodable {
            let path: String
            let sha256: String
        }
        let tool: String
        let version: String
        let institution: String
        let board: String
        let academicYear: String
        let generated: String?
        let inputs: [ManifestInput]
        var outputs: [Output]
        let reconciliation: Reconciliation
        let outcomes: [String: Int]

        enum CodingKeys: String, CodingKey {
            case tool, version, institution, board, generated, inputs, outputs, reconciliation, outcomes
            case academicYear = "academic_year"
        }
    }

    /// The manifest of the run, without the outputs' digests.
    func manifest(inputs: [ManifestInput], sourceDateEpoch: String?) -> Manifest {
        Manifest(
            tool: "board", version: toolVersion, institution: config.institution.code.description,
            board: board.description, academicYear: year.code, generated: sourceDateEpoch.flatMap(Self.isoTimestamp),
            inputs: inputs, outputs: [], reconciliation: reconciliation, outcomes: outcomeCounts)
    }

    /// manifest.json's bytes: keys sorted, indented, slashes in paths as they are.
    static func encoded(_ manifest: Manifest) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(manifest) + Data("\n".utf8)
    }

    /// How many enrolments have each outcome, by its name.
    var outcomeCounts: [String: Int] {
        // By the outcome's place, not hashing its name for each of hundreds of thousands of results.
        var counts = Array(repeating: 0, count: Outcome.allCases.count)
        for index in replay.enrolments.indices {
            counts[replay.enrolments[index].decision.outcome.place] += 1
        }
        var named: [String: Int] = [:]
        for (outcome, count) in zip(Outcome.allCases, counts) where count > 0 { named[outcome.rawValue] = count }
        return named
    }

    /// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) as an ISO 8601 timestamp; nil when not a number.
    static func isoTimestamp(_ epoch: String) -> String? {
        guard let seconds = Int(epoch) else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

/// One input file in a manifest: where it is (relative to board.toml), its digest and its rows.
struct ManifestInput: Encodable {
    let path: String
    let sha256: String
    let rows: Int?

    /// board.toml, the register files and each sheet (once, however many runs read it). The register
    /// files and the sheets were digested as they were parsed; a file that was not read to its end, and
    /// board.toml, are read again here.
    static func digests(config: BoardConfig, register: RegisterLoad, sheets: [MarkSheet]) throws -> [ManifestInput] {
        var inputs = [
            ManifestInput(
                path: config.relative(config.file), sha256: try BoardFiles.sha256(ofFile: config.file), rows: nil)
        ]
        for input in register.inputs {
            inputs.append(
                ManifestInput(
                    path: config.relative(input.path),
                    sha256: try input.sha256 ?? BoardFiles.sha256(ofFile: input.path),
                    rows: input.rows))
        }
        var seen: Set<String> = []
        for sheet in sheets where seen.insert(sheet.path).inserted {
            inputs.append(
                ManifestInput(
                    path: sheet.display, sha256: try sheet.sha256 ?? BoardFiles.sha256(ofFile: sheet.path),
                    rows: sheet.rowsRead))
        }
        return inputs
    }
}

/// Work done on another thread while the caller does other work. `result()` waits for it; `wait()`
/// lets a caller that gives up early leave nothing running.
final class Background<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchGroup()
    // Written once by the worker before `done` is left, read only after waiting on `done`.
    private var outcome: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        done.enter()
        DispatchQueue.global().async {
            self.outcome = Result(catching: work)
            self.done.leave()
        }
    }

    func wait() { done.wait() }

    func result() throws -> Value {
        done.wait()
        return try outcome!.get()
    }
}

/// `Eligibility.of`, which checks the course's structural norms each time, once per course and
/// outcome: enrolments come course by course.
struct EligibilityMemo {
    private var course: Code?
    private var known: [Outcome: Eligibility] = [:]

    mutating func of(_ outcome: Outcome, course: Course) -> Eligibility {
        if self.course != course.code {
            self.course = course.code
            known.removeAll(keepingCapacity: true)
        }
        if let eligibility = known[outcome] { return eligibility }
        let eligibility = Eligibility.of(outcome, course: course)
        known[outcome] = eligibility
        return eligibility
    }
}

extension CSVText {
    /// A code, from its bytes: millions of them go into a large run's files.
    mutating func field(_ code: Code) { code.withBytes { field(utf8: $0) } }

    /// Appends the bytes `field(code)` writes to `bytes`, for codes repeated on many lines.
    static func append(_ code: Code, to bytes: inout [UInt8]) { code.withBytes { append(utf8: $0, to: &bytes) } }

    /// A number, or an empty field for nil.
    mutating func field(_ number: Int?) {
        if let number { field(number) } else { field("") }
    }

    /// A date as `Day.description` writes it, YYYY-MM-DD (a year is 1-9999), or an empty field for nil.
    mutating func field(_ day: Day?) {
        guard let day else { return field("") }
        startField()
        appendDigits(day.year, width: 4)
        appendByte(UInt8(ascii: "-"))
        appendDigits(day.month, width: 2)
        appendByte(UInt8(ascii: "-"))
        appendDigits(day.day, width: 2)
    }
}

func sha256(of data: Data) -> String { hexadecimal(SHA256.hash(data: data)) }

/// A file's SHA-256, read in blocks through one buffer.
func sha256(ofFile path: String) throws -> String {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw OutputError(path: path, reason: "cannot read it again to record its digest") }
    defer { close(descriptor) }
    var hasher = SHA256()
    let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
    defer { block.deallocate() }
    while true {
        let count = read(descriptor, block.baseAddress, block.count)
        if count < 0 {
            if errno == EINTR { continue }
            throw OutputError(path: path, reason: "cannot read it again to record its digest")
        }
        if count == 0 { break }
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: block[..<count]))
    }
    return hexadecimal(hasher.finalize())
}

/// A file's SHA-256 taken from the blocks its reader reads, so that the manifest records the bytes that
/// were parsed and the file is not read a second time for it. Fed on the parsing thread, read after it.
final class FileDigest: @unchecked Sendable {
    private var hasher = SHA256()

    func add(_ block: UnsafeRawBufferPointer) { hasher.update(bufferPointer: block) }

    func hexadecimal() -> String { BoardFiles.hexadecimal(hasher.finalize()) }
}

/// A digest in lower-case hexadecimal, as `sha256sum` prints it.
func hexadecimal(_ digest: SHA256.Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(2 * SHA256.byteCount)
    for byte in digest {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}
