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

    public var decisionsCSV: [UInt8] {
        var text = CSVText()
        text.append(Self.decisionColumns)
        for result in replay.enrolments {
            let key = result.enrolment.key
            let decision = result.decision
            let eligibility = Eligibility.of(decision.outcome, course: result.course)
            let marked =
                decision.rule == DecisionRule.firstSitsComplete.identifier
                || decision.rule == DecisionRule.resitsComplete.identifier
            text.append([
                key.student.description, result.enrolment.familyName, result.enrolment.givenNames,
                key.course.description, key.occurrence.description, key.academicYear, decision.outcome.rawValue,
                decision.reason?.rawValue ?? "", decision.attempt.map(String.init) ?? "",
                marked ? decision.actualMark.map(String.init) ?? "" : "",
                marked ? decision.agreedMark.map(String.init) ?? "" : "",
                decision.outcome.grade?.rawValue ?? "", eligibility.credits.map(String.init) ?? "",
                decision.resitDue?.description ?? "", decision.board.description,
                eligibility.certificate?.rawValue ?? "", eligibility.transcript ? "yes" : "no",
            ])
        }
        return text.bytes
    }

    public var exceptionsCSV: [UInt8] {
        var text = CSVText()
        text.append(Self.exceptionColumns)
        for finding in exceptions {
            text.append([
                finding.severity.rawValue, finding.code.rawValue, finding.file,
                finding.line > 0 ? String(finding.line) : "",
                finding.student, finding.course, finding.component, finding.message,
            ])
        }
        return text.bytes
    }

    /// Every output file, the manifest last with the digests of the others.
    public func outputFiles(sourceDateEpoch: String?) throws -> [(name: String, bytes: Data)] {
        var files: [(name: String, bytes: Data)] = []
        try produceOutputs(sourceDateEpoch: sourceDateEpoch) { files.append(($0, $1)) }
        return files
    }

    /// Writes every output file into `folder`, all or nothing, one file's bytes in memory at a time.
    public func writeOutputs(to folder: String, sourceDateEpoch: String?) throws {
        try OutputFolder.write(to: folder) { emit in try produceOutputs(sourceDateEpoch: sourceDateEpoch, emit) }
    }

    /// Hands each output file to `emit` as soon as it is built, the manifest last, so that a large
    /// run holds one file's bytes at a time (with `OutputFolder.write(to:producing:)`).
    public func produceOutputs(sourceDateEpoch: String?, _ emit: (String, Data) throws -> Void) throws {
        var digests: [Manifest.Output] = []
        func give(_ name: String, _ bytes: Data) throws {
            digests.append(.init(path: name, sha256: sha256(of: bytes)))
            try emit(name, bytes)
        }
        try give("decisions.csv", Data(decisionsCSV))
        try give("exceptions.csv", Data(exceptionsCSV))
        try give("certificates.csv", Data(certificatesCSV))
        try give("transcripts.csv", Data(transcriptsCSV))
        for file in sitsFiles { try give(file.name, Data(file.bytes)) }
        try give("board-report.html", Data(try boardPackHTML().utf8))
        try emit("manifest.json", try manifest(outputs: digests, sourceDateEpoch: sourceDateEpoch))
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
        let outputs: [Output]
        let reconciliation: Reconciliation
        let outcomes: [String: Int]

        enum CodingKeys: String, CodingKey {
            case tool, version, institution, board, generated, inputs, outputs, reconciliation, outcomes
            case academicYear = "academic_year"
        }
    }

    func manifest(outputs: [Manifest.Output], sourceDateEpoch: String?) throws -> Data {
        let inputs = try ManifestInput.digests(config: config, register: register, sheets: sheets)
        let manifest = Manifest(
            tool: "board", version: toolVersion, institution: config.institution.code.description,
            board: board.description, academicYear: year.code, generated: sourceDateEpoch.flatMap(Self.isoTimestamp),
            inputs: inputs, outputs: outputs,
            reconciliation: reconciliation,
            outcomes: Dictionary(grouping: replay.enrolments, by: { $0.decision.outcome.rawValue }).mapValues(\.count))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(manifest) + Data("\n".utf8)
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

    /// board.toml, the register files and each sheet (once, however many runs read it).
    static func digests(config: BoardConfig, register: RegisterLoad, sheets: [MarkSheet]) throws -> [ManifestInput] {
        var inputs = [
            ManifestInput(
                path: config.relative(config.file), sha256: try BoardFiles.sha256(ofFile: config.file), rows: nil)
        ]
        for input in register.inputs {
            inputs.append(
                ManifestInput(
                    path: config.relative(input.path), sha256: try BoardFiles.sha256(ofFile: input.path),
                    rows: input.rows))
        }
        var seen: Set<String> = []
        for sheet in sheets where seen.insert(sheet.path).inserted {
            inputs.append(
                ManifestInput(
                    path: sheet.display, sha256: try BoardFiles.sha256(ofFile: sheet.path), rows: sheet.rowsRead))
        }
        return inputs
    }
}

func sha256(of data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}

func sha256(ofFile path: String) throws -> String {
    var hasher = SHA256()
    guard let handle = FileHandle(forReadingAtPath: path) else {
        throw OutputError(path: path, reason: "cannot read it again to record its digest")
    }
    defer { try? handle.close() }
    while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty { hasher.update(data: chunk) }
    return hasher.finalize().map { String(format: "%02x", $0) }.joined()
}
