import Foundation
import Input
import Regulations
import Synchronization

/// The version written into every manifest.
public let toolVersion = "0.1.0"

/// The files of a board run (SPEC §3): each built from the run alone, the manifest last with the
/// digests of the others.
public enum RunFiles {
    /// The files every run writes, in the order of the manifest: then come the pack's course pages, in
    /// course code order, then the manifest itself.
    public static let names =
        ["decisions.csv", "exceptions.csv", "certificates.csv", "transcripts.csv"]
        + SITSTable.allCases.map { "sits/" + $0.fileName } + ["board-report.html", "amendments.csv"]

    /// Every file, kept in memory, in the order of the manifest, then the manifest.
    public static func build(_ run: BoardRun, sourceDateEpoch: String?) throws -> [(name: String, bytes: [UInt8])] {
        let made = Mutex<[String: [UInt8]]>([:])
        let digests = try make(run) { name, content in
            let bytes = content.bytes
            made.withLock { $0[name] = bytes }
            return sha256(of: bytes)
        }
        let files = made.withLock { made in digests.map { (name: $0.name, bytes: made[$0.name]!) } }
        return files + [("manifest.json", try manifest(of: run, digests: digests, sourceDateEpoch: sourceDateEpoch))]
    }

    /// Writes every file into `folder`, all or nothing; each file is let go once it is written.
    public static func write(
        _ run: BoardRun, to folder: String, sourceDateEpoch: String?, reached: (OutputFolder.Step) -> Void = { _ in }
    ) throws(OutputError) {
        try OutputFolder.write(to: folder, reached: reached) { output in
            let digests = try make(run) { name, content throws(OutputError) in
                switch content {
                case .bytes(let bytes): try output.write(name, bytes)
                case .text(let text): try output.write(name, text: text)
                case .parts(let make):
                    try output.write(name) { (file: inout OutputFolder.OutputFile) throws(OutputError) in
                        try make { (part) throws(OutputError) in try file.append(part) }
                    }
                }
            }
            try output.write("manifest.json", manifest(of: run, digests: digests, sourceDateEpoch: sourceDateEpoch))
        }
    }

    /// A file's content: bytes, text kept as the string it was made as, or bytes made a part at a time,
    /// each handed to the function given as it is made.
    private enum Content {
        case bytes([UInt8])
        case text(String)
        case parts((([UInt8]) throws(OutputError) -> Void) throws(OutputError) -> Void)

        var bytes: [UInt8] {
            switch self {
            case .bytes(let bytes): return bytes
            case .text(let text): return Array(text.utf8)
            case .parts(let make):
                var whole: [UInt8] = []
                // Appending to an array throws nothing.
                try! make { whole += $0 }
                return whole
            }
        }
    }

    /// Makes every file, in parts built apart on every core, and hands each to `keep` as soon as it is
    /// made, so that none waits in memory for the others; returns the name and digest `keep` gave each,
    /// in the order of the manifest.
    private static func make(_ run: BoardRun, keep: @Sendable (String, Content) throws -> String) throws
        -> [(name: String, sha256: String)]
    {
        let parts = try parallelMap(Parts.allCases) { part in
            try part.make(run) { name, content in (name: name, sha256: try keep(name, content)) }
        }
        let files = parts.flatMap { $0 }
        let pages = files.filter { !names.contains($0.name) }
        return names.map { name in files.first { $0.name == name }! } + pages
    }

    /// The files, in parts that are built apart, on every core: the largest first.
    private enum Parts: CaseIterable {
        case pack, transcripts, sits, decisions, certificates, exceptions, amendments

        /// The part's files, each handed to `keep` as it is made; what `keep` returned for each.
        func make<Kept: Sendable>(_ run: BoardRun, keep: @Sendable (String, Content) throws -> Kept) throws -> [Kept] {
            switch self {
            case .pack:
                // The opening page, then the course pages, several at once.
                let template = try BoardPack.Template.of(run.config)
                let pack = BoardPack(run)
                let opening = try keep("board-report.html", .text(pack.openingHTML(template)))
                let names = pack.coursePageNames
                return try [opening]
                    + parallelMap(Array(names.indices)) { try keep(names[$0], .text(pack.courseHTML($0, template))) }
            case .transcripts: return [try keep("transcripts.csv", .bytes(AwardFiles.transcripts(run)))]
            case .sits:
                return try SITSFiles.files(run).map { try keep("sits/" + $0.key.fileName, .bytes($0.value)) }
            case .decisions: return [try keep("decisions.csv", .bytes(DecisionFiles.decisions(run)))]
            case .certificates: return [try keep("certificates.csv", .bytes(AwardFiles.certificates(run)))]
            case .exceptions:
                return [
                    try keep(
                        "exceptions.csv",
                        .parts { (part) throws(OutputError) in try DecisionFiles.exceptions(run, part) })
                ]
            case .amendments: return [try keep("amendments.csv", .bytes(AmendmentFiles.amendments(run)))]
            }
        }
    }

    /// One input file in a manifest: where it is (relative to board.toml), its digest and its rows.
    public struct ManifestInput: Encodable, Sendable {
        public let path: String
        /// nil for a file that could not be read (reported as FILE_UNREADABLE).
        public let sha256: String?
        public let rows: Int?
    }

    /// One output file in a manifest: its name in the folder and its digest.
    public struct ManifestOutput: Encodable, Sendable {
        public let path: String
        public let sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    struct Manifest: Encodable {
        let tool: String
        let version: String
        let institution: String
        let board: String
        let academicYear: String
        let generated: String?
        let inputs: [ManifestInput]
        let outputs: [ManifestOutput]
        let reconciliation: Reconciliation
        let outcomes: [String: Int]
        /// The seals the run verified; nil, and left out, when there are none.
        let seals: [RecordedSeal]?

        enum CodingKeys: String, CodingKey {
            case tool, version, institution, board, generated, inputs, outputs, reconciliation, outcomes, seals
            case academicYear = "academic_year"
        }
    }

    /// board.toml, the register files and each sheet (once, however many runs read it), with the digest
    /// of the bytes read (none for a file that could not be read); board.toml is read again for its own.
    public static func inputs(config: BoardConfig, register: RegisterLoad, sheets: [MarkSheet]) throws(OutputError)
        -> [ManifestInput]
    {
        var inputs = [
            ManifestInput(path: config.relative(config.file), sha256: try digest(ofFile: config.file), rows: nil)
        ]
        for input in register.inputs {
            inputs.append(ManifestInput(path: config.relative(input.path), sha256: input.sha256, rows: input.rows))
        }
        var seen: Set<String> = []
        for sheet in sheets where seen.insert(sheet.path).inserted {
            inputs.append(ManifestInput(path: sheet.display, sha256: sheet.sha256, rows: sheet.rowsRead))
        }
        return inputs
    }

    /// manifest.json: tool, board, year, every input with its digest and rows, every output with its
    /// digest, the reconciliation and the outcome counts, and the seals of the year's boards up to the
    /// run's that it verified (`seals`, left out when there are none). Keys sorted, indented, slashes as they are.
    static func manifest(
        of run: BoardRun, digests: [(name: String, sha256: String)], sourceDateEpoch: String?
    ) throws(OutputError) -> [UInt8] {
        let config = run.config
        let inputs = try inputs(config: config, register: run.register, sheets: run.sheets)
        var outcomes: [String: Int] = [:]
        for result in run.replay.enrolments { outcomes[result.decision.outcome.rawValue, default: 0] += 1 }
        let seals = run.seals.recorded(run.year.boards.filter { $0 <= run.board })
        let manifest = Manifest(
            tool: "board", version: toolVersion, institution: config.institution.code.description,
            board: run.board.description, academicYear: run.year.code,
            generated: sourceDateEpoch.flatMap(isoTimestamp), inputs: inputs,
            outputs: digests.map { ManifestOutput(path: $0.name, sha256: $0.sha256) },
            reconciliation: run.reconciliation, outcomes: outcomes, seals: seals.isEmpty ? nil : seals)
        return manifestJSON(manifest)
    }

    /// A manifest as every manifest.json is written: keys sorted, indented, slashes as they are, a
    /// final line end.
    public static func manifestJSON(_ manifest: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Plain values encode without fail.
        return Array(try! encoder.encode(manifest)) + Array("\n".utf8)
    }

    /// The digest of board.toml, which the config reader reads as text, read again for the manifest.
    private static func digest(ofFile path: String) throws(OutputError) -> String {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw OutputError(path: path, reason: "cannot read it again to record its digest")
        }
        return sha256(of: bytes)
    }

    /// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) as an ISO 8601 timestamp; nil when not a number.
    public static func isoTimestamp(_ epoch: String) -> String? {
        guard let seconds = Int(epoch) else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
