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

    public var decisionsCSV: String {
        var text = LibCSV.line(Self.decisionColumns)
        for result in replay.enrolments {
            let key = result.enrolment.key
            let decision = result.decision
            let eligibility = Eligibility.of(decision.outcome, course: result.course)
            let marked =
                decision.rule == DecisionRule.firstSitsComplete.identifier
                || decision.rule == DecisionRule.resitsComplete.identifier
            text += LibCSV.line([
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
        return text
    }

    public var exceptionsCSV: String {
        var text = LibCSV.line(Self.exceptionColumns)
        for finding in exceptions {
            text += LibCSV.line([
                finding.severity.rawValue, finding.code.rawValue, finding.file,
                finding.line > 0 ? String(finding.line) : "",
                finding.student, finding.course, finding.component, finding.message,
            ])
        }
        return text
    }

    /// Every output file, the manifest last with the digests of the others.
    public func outputFiles(sourceDateEpoch: String?) throws -> [(name: String, bytes: Data)] {
        var files: [(name: String, bytes: Data)] = [
            ("decisions.csv", Data(decisionsCSV.utf8)),
            ("exceptions.csv", Data(exceptionsCSV.utf8)),
            ("certificates.csv", Data(certificatesCSV.utf8)),
            ("transcripts.csv", Data(transcriptsCSV.utf8)),
        ]
        files += sitsFiles.map { ($0.name, Data($0.text.utf8)) }
        files.append(("board-report.html", Data(try boardPackHTML().utf8)))
        files.append(("manifest.json", try manifest(outputs: files, sourceDateEpoch: sourceDateEpoch)))
        return files
    }

    struct Manifest: Encodable {
        struct Input: Encodable {
            let path: String
            let sha256: String
            let rows: Int?
        }
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
        let inputs: [Input]
        let outputs: [Output]
        let reconciliation: Reconciliation
        let outcomes: [String: Int]

        enum CodingKeys: String, CodingKey {
            case tool, version, institution, board, generated, inputs, outputs, reconciliation, outcomes
            case academicYear = "academic_year"
        }
    }

    func manifest(outputs: [(name: String, bytes: Data)], sourceDateEpoch: String?) throws -> Data {
        var inputs = [
            Manifest.Input(path: config.relative(config.file), sha256: try sha256(ofFile: config.file), rows: nil)
        ]
        for input in register.inputs {
            inputs.append(
                .init(path: config.relative(input.path), sha256: try sha256(ofFile: input.path), rows: input.rows))
        }
        for sheet in sheets {
            inputs.append(.init(path: sheet.display, sha256: try sha256(ofFile: sheet.path), rows: sheet.rowsRead))
        }
        let manifest = Manifest(
            tool: "board", version: toolVersion, institution: config.institution.code.description,
            board: board.description, academicYear: year.code, generated: sourceDateEpoch.flatMap(Self.isoTimestamp),
            inputs: inputs, outputs: outputs.map { .init(path: $0.name, sha256: sha256(of: $0.bytes)) },
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
