import CSV
import Foundation
import Input
import Logging
import Outputs
import Regulations

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The reconciliation of a replay does not add up: nothing is exported.
public struct UnbalancedRun: Error, Sendable {
    public let run: BoardRun
}

/// An export as of a date before the last committed export's, without `--rewind`: it would take back
/// what SITS was sent as of the later date. Nothing is sent.
public struct BackDatedExport: Error, Sendable {
    public let outcome: NightlyExport.Outcome
    /// The last committed export.
    public let last: ExportEntry
}

/// Decisions of sealed boards changed since their latest seal with no unsealing behind them (the
/// register, the enrolments or board.toml changed under them): without `--rewind` nothing is sent.
public struct UnsealedAmendments: Error, Sendable {
    public let amendments: [Amendment]
}

/// An export that would DELETE records SITS holds as agreed by a board (their last version sent has
/// `*_PRCS` `A`, or is a withdrawal), without `--rewind`: no decision need have changed for their keys to
/// vanish (`[policy] ayr_code` or an `spr_code` changed, a course renamed). Nothing is sent.
public struct AgreedRecordsDeleted: Error, Sendable {
    public let outcome: NightlyExport.Outcome
}

/// The exports folder holds an export the ledger does not know: the ledger is an older copy, or a new
/// one. Without `--rewind` nothing is sent: the ledger no longer says what SITS holds.
public struct LedgerBehindExports: Error, Sendable {
    public let ledger: String
    /// The highest export id the ledger knows (0: none).
    public let known: Int64
    /// The newest export folder, by id.
    public let folder: String
}

/// `board export`: the nightly delta of SITS-style records against the ledger, written crash-safely.
public enum NightlyExport {
    /// The steps of an export, in order. `BOARD_EXPORT_STOP_AFTER=N` kills the process (SIGKILL) right
    /// after step N, so that a test can prove every interruption leaves the previous state or the
    /// complete new one.
    public enum Step: Int, CaseIterable, Sendable {
        /// 1: the exclusive lock on `<exports>/.lock` is held.
        case locked = 1
        /// 2: temporary folders of interrupted runs removed; an export that started but never committed
        /// marked `abandoned` (its versions removed: nothing was sent), or, if its folder was published,
        /// `orphaned` (the folder renamed `*.orphaned`, its versions kept for the comparison).
        case recovered
        /// 3: the records as of the date computed and compared with what the ledger says was sent.
        case compared
        /// 4: the export's id reserved in the ledger (status `started`) with the versions it will send;
        /// none counts as sent yet.
        case started
        /// 5: every file written and fsynced in a hidden temporary folder, `.<as-of>-<id>.partial`.
        case written
        /// 6: the folder renamed to `<as-of>-<id>` and the exports folder fsynced.
        case published
        /// 7: one ledger transaction: the export committed, so its versions count as sent, and each course
        /// occurrence compared record by record given the digest of its records now.
        case committed
    }

    public struct Outcome: Sendable {
        public var asOf: Day
        public var bases: [ExportBasis] = []
        /// Changes sent, by table and action (zero where none).
        public var counts: [SITSTable: [ExportAction: Int]] = [:]
        /// nil when nothing changed: no folder, no export id.
        public var exportID: Int64?
        public var folder: String?
        /// The last committed export before this one.
        public var previous: ExportEntry?
        /// Rows or files were rejected in a replay: the export is complete but exits 1.
        public var rejectedAnything = false

        /// Of the changes, the UPDATEs and DELETEs of records last sent as agreed by a board.
        public var agreedTakenBack = 0
        /// Of the changes, the DELETEs of records last sent as agreed by a board, by table (none where none):
        /// refused without `--rewind`.
        public var agreedDeleted: [SITSTable: Int] = [:]
        /// The first keys of those DELETEs, in the order of the files.
        public var firstAgreedDeleted: [RecordID] = []
        /// The first lines of each table and action, as the files write them (what `--dry-run` shows).
        public var firstLines: [SITSTable: [ExportAction: [String]]] = [:]
        /// Decisions of sealed boards changed with no unsealing behind them (what `--dry-run` warns of).
        public var unsealedAmendments: [Amendment] = []
        /// The ledger does not know the newest export folder (what `--dry-run` warns of).
        public var ledgerBehind: LedgerBehindExports?

        public var changeCount: Int { counts.values.reduce(0) { $0 + $1.values.reduce(0, +) } }

        /// How many DELETEs of records last sent as agreed by a board.
        public var agreedDeletedCount: Int { agreedDeleted.values.reduce(0, +) }

        /// As of a date before the last committed export's.
        public var backDated: Bool { previous.map { asOf.description < $0.asOf } ?? false }

        /// The UPDATEs and DELETEs.
        public var takenBack: Int {
            counts.values.reduce(0) { $0 + ($1[.update] ?? 0) + ($1[.delete] ?? 0) }
        }
    }

    /// How many first lines of each table and action a dry run shows.
    public static let linesShown = 5

    /// Runs one export as of `asOf`. Throws `LockHeld` (75), `OutputError` or `LedgerError` (73),
    /// `UnbalancedRun` (70), `BrokenSeals` (65: a sealed board's files changed), and, unless `rewind`,
    /// `UnsealedAmendments`, `BackDatedExport`, `AgreedRecordsDeleted` and `LedgerBehindExports` (65).
    public static func run(
        config: BoardConfig, register: RegisterLoad, asOf: Day, rewind: Bool = false, sourceDateEpoch: String?,
        stopAfter: Int?, logger: Logger
    ) throws -> Outcome {
        func reached(_ step: Step) {
            logger.debug("step \(step.rawValue) done: \(step)")
            if stopAfter == step.rawValue { kill(getpid(), SIGKILL) }
        }
        let exports = config.exports
        let lock = try OutputLock.acquire(config.exportLockPath)
        defer { withExtendedLifetime(lock) {} }
        reached(.locked)

        try makeFolder((config.ledger as NSString).deletingLastPathComponent)
        // Before the ledger is opened: a lost ledger is not replaced by a new, empty one.
        if !rewind, let behind = try behind(try Ledger.existing(at: config.ledger), config: config) { throw behind }
        let ledger = try Ledger(path: config.ledger)
        try recover(exports: exports, ledger: ledger, logger: logger)
        reached(.recovered)

        var comparison = try compare(config: config, register: register, asOf: asOf, ledger: ledger, logger: logger)
        var outcome = try comparison.outcome(asOf: asOf, ledger: ledger)
        if !comparison.unsealedAmendments.isEmpty && !comparison.delta.isEmpty {
            guard rewind else { throw UnsealedAmendments(amendments: comparison.unsealedAmendments) }
            logger.warning(
                "\(comparison.unsealedAmendments.count) decisions of sealed boards changed with no unsealing behind them; sent all the same (--rewind)"
            )
        }
        if outcome.backDated && !comparison.delta.isEmpty {
            guard rewind else { throw BackDatedExport(outcome: outcome, last: outcome.previous!) }
            logger.warning(
                "as of \(asOf), before the last export's \(outcome.previous!.asOf): \(outcome.takenBack) records deleted or changed back (--rewind), \(outcome.agreedTakenBack) of them agreed by a board"
            )
        } else if outcome.agreedDeletedCount > 0 {
            guard rewind else { throw AgreedRecordsDeleted(outcome: outcome) }
            logger.warning(
                "\(outcome.agreedDeletedCount) records SITS holds as agreed by a board deleted (--rewind)")
        }
        let inputs = try RunFiles.inputs(config: config, register: register, sheets: comparison.sheets)
        let inputDigest = sha256(of: Data(inputs.map { "\($0.sha256 ?? "unreadable")  \($0.path)\n" }.joined().utf8))
        reached(.compared)
        guard !comparison.delta.isEmpty else { return outcome }

        let id = max(try ledger.maxID(), highestFolderID(in: exports)) + 1
        let name = "\(asOf)-\(id)"
        try ledger.start(id: id, asOf: asOf, folder: name, inputDigest: inputDigest, delta: comparison.delta)
        reached(.started)

        comparison.delta.sort()

        let temporary = "\(exports)/.\(name).partial"
        try OutputFolder.write(to: temporary) { folder in
            try writeFiles(
                id: id, outcome: outcome, delta: comparison.delta, config: config, inputs: inputs,
                inputDigest: inputDigest, sourceDateEpoch: sourceDateEpoch, into: folder)
        }
        logger.info("wrote \(SITSTable.allCases.count + 1) files into \(temporary)")
        reached(.written)

        let folder = "\(exports)/\(name)"
        guard rename(temporary, folder) == 0 else {
            let error = OutputError(
                path: folder, reason: "cannot move the export into place: \(String(cString: strerror(errno)))")
            try? FileManager.default.removeItem(atPath: temporary)
            try? ledger.abandon(id: id)
            throw error
        }
        try syncFolder(exports)
        logger.info("published \(folder)")
        reached(.published)

        do {
            try ledger.commit(id: id, counts: countsJSON(outcome.counts), digests: comparison.digests)
        } catch {
            // The registry must not load a folder the ledger does not hold; one that did is corrected by
            // the next run, which sends again whatever the folder got wrong.
            _ = rename(folder, folder + ".orphaned")
            try? ledger.orphan(id: id)
            throw error
        }
        logger.info("export \(id) committed to the ledger \(config.ledger)")
        reached(.committed)
        outcome.exportID = id
        outcome.folder = folder
        return outcome
    }

    /// What an export as of `asOf` would send, written nowhere (`--dry-run`): no lock, no recovery of an
    /// interrupted export, and the ledger read as it is (`Ledger.unchanged`). Throws `BrokenSeals` (65),
    /// `LedgerError`, `UnreadableFolder` and `UnbalancedRun`.
    public static func dryRun(config: BoardConfig, register: RegisterLoad, asOf: Day, logger: Logger) throws
        -> Outcome
    {
        let ledger = try Ledger.unchanged(at: config.ledger)
        for entry in try ledger.exports(status: "started") {
            logger.warning(
                "export \(entry.id) as of \(entry.asOf) was interrupted: the next export recovers it first, and may send more than this dry run shows"
            )
        }
        var comparison = try compare(config: config, register: register, asOf: asOf, ledger: ledger, logger: logger)
        var outcome = try comparison.outcome(asOf: asOf, ledger: ledger)
        outcome.unsealedAmendments = comparison.unsealedAmendments
        outcome.ledgerBehind = try behind(ledger, config: config)
        comparison.delta.sort()
        for change in comparison.delta.changes {
            let table = comparison.delta.table(of: change)
            guard outcome.firstLines[table]?[change.action]?.count ?? 0 < linesShown else { continue }
            var line: [UInt8] = []
            comparison.delta.appendLine(of: change, to: &line)
            outcome.firstLines[table, default: [:]][change.action, default: []].append(
                String(decoding: line.dropLast(), as: UTF8.self))
        }
        return outcome
    }

    /// How the ledger (nil: none) is behind the exports folder, whose newest export it does not know;
    /// nil when it is not. The export is refused for it (`LedgerBehindExports`) without `--rewind`.
    static func behind(_ ledger: Ledger?, config: BoardConfig) throws(LedgerError) -> LedgerBehindExports? {
        let newest = highestFolderID(in: config.exports)
        let known = try ledger?.maxID() ?? 0
        guard newest > known else { return nil }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: config.exports)) ?? []
        let folder = names.first { $0.hasSuffix("-\(newest)") || $0.hasSuffix("-\(newest).orphaned") }
        return LedgerBehindExports(ledger: config.ledger, known: known, folder: folder ?? String(newest))
    }

    /// What step 3 finds: the records as of the date compared with what was sent.
    struct Comparison {
        var bases: [ExportBasis] = []
        var delta = Delta()
        /// The digest of each course occurrence compared record by record, for the ledger once committed.
        var digests: [CourseOccurrence: String?] = [:]
        /// Every sheet the replays read, for the manifest.
        var sheets: [MarkSheet] = []
        var rejectedAnything = false
        /// Decisions of sealed boards changed since their latest seal with no unsealing behind them.
        var unsealedAmendments: [Amendment] = []

        /// The outcome so far: what would be sent, since which export.
        func outcome(asOf: Day, ledger: Ledger) throws(LedgerError) -> Outcome {
            Outcome(
                asOf: asOf, bases: bases, counts: delta.counts, previous: try ledger.lastCommitted(),
                rejectedAnything: rejectedAnything, agreedTakenBack: delta.agreedTakenBack,
                agreedDeleted: delta.agreedDeleted, firstAgreedDeleted: delta.firstAgreedDeleted(linesShown))
        }
    }

    /// Replays each academic year as of `asOf`, one at a time, and compares its records with what the
    /// ledger says was sent, course occurrence by course occurrence: one whose records have the digest
    /// last committed for it is skipped whole, and only the others are read from the ledger. An
    /// occurrence the ledger holds live records of and that has none now is compared too: its records
    /// are deleted.
    static func compare(config: BoardConfig, register: RegisterLoad, asOf: Day, ledger: Ledger, logger: Logger)
        throws -> Comparison
    {
        var comparison = Comparison()
        let seals = try ledger.sealBook()
        let sentDigests = try ledger.sentDigests()
        let unconfirmed = try ledger.unconfirmedOccurrences()
        for occurrence in unconfirmed.sorted(by: {
            ($0.module, $0.occurrence, $0.academicYear) < ($1.module, $1.occurrence, $1.academicYear)
        }) {
            logger.info(
                "\(occurrence.module) \(occurrence.occurrence) \(occurrence.academicYear): an orphaned export sent records of it; each is sent again where it differs from what is now computed"
            )
        }
        func compare(_ records: [ExportRecord], of occurrence: CourseOccurrence, digest: String?) throws {
            let known = sentDigests[occurrence] != nil || unconfirmed.contains(occurrence)
            guard digest != sentDigests[occurrence] || unconfirmed.contains(occurrence) else { return }
            // An occurrence with no live record sent and no orphaned version has nothing to read.
            comparison.delta.compare(
                records, with: known ? try ledger.sent(occurrence) : SentOccurrence(), of: occurrence)
            comparison.digests[occurrence] = digest
        }
        var recordCount = 0
        var seen: Set<CourseOccurrence> = []
        for academicYear in config.academicYears {
            guard
                let year = try YearAsOf(
                    academicYear, asOf: asOf, config: config, register: register,
                    inspect: { run, decisions in
                        // A sealed board's files as sealed, or nothing is exported: before anything is written.
                        try seals.verify(
                            academicYear.boards.filter { $0 <= run.board }, config: config, sheets: run.sheets)
                        comparison.unsealedAmendments += try Amendments.find(
                            year: academicYear, through: run.board, book: seals, decisions: decisions,
                            sealedDigests: ledger.sealedDigests, sealedDecisions: ledger.sealedDecisions
                        ).filter { $0.unsealing == nil }
                    })
            else {
                continue
            }
            let basis = year.basis
            comparison.bases.append(basis)
            logger.info(
                "\(basis.academicYear): agreed results \(basis.agreedThrough.map { "of the board of \($0)" } ?? "none (no board held yet)"); provisional marks \(basis.provisional.map { "presented to the board of \($0)" } ?? "none (no board left)")"
            )
            guard year.run.reconciliation.balances else { throw UnbalancedRun(run: year.run) }
            comparison.sheets += year.run.sheets
            comparison.rejectedAnything = comparison.rejectedAnything || year.run.rejectedAnything
            try year.forEachOccurrence(policy: config.policy) { records in
                for id in records.duplicates {
                    logger.warning(
                        "two enrolments give the same \(id.table.rawValue) record \(id.key.joined(separator: " ")); only the first is exported: check spr_code in enrolments.csv"
                    )
                }
                guard let occurrence = records.occurrence else { return }
                recordCount += records.records.count
                seen.insert(occurrence)
                try compare(records.records, of: occurrence, digest: records.digest)
            }
        }
        for occurrence in Set(sentDigests.keys).union(unconfirmed).subtracting(seen) {
            try compare([], of: occurrence, digest: nil)
        }
        logger.info(
            "\(recordCount) records as of \(asOf) in \(seen.count) course occurrences, \(comparison.digests.count) compared record by record; \(comparison.delta.changes.count) to send"
        )
        return comparison
    }

    /// Clears what an interrupted run left: hidden temporary folders are removed; an export that
    /// started but never committed is `abandoned` (nothing of it was sent) or, if its folder was
    /// already published, `orphaned`: the folder is renamed `<name>.orphaned` so that nobody loads it,
    /// and this run sends again every record it sent otherwise than it is now.
    static func recover(exports: String, ledger: Ledger, logger: Logger) throws {
        let files = FileManager.default
        for name in (try? files.contentsOfDirectory(atPath: exports)) ?? []
        where name.hasPrefix(".") && name.contains(".partial") {
            try? files.removeItem(atPath: exports + "/" + name)
            logger.warning("removed \(name): the temporary folder of an export interrupted before it was complete")
        }
        for entry in try ledger.exports(status: "started") {
            let folder = exports + "/" + entry.folder
            if files.fileExists(atPath: folder) {
                guard rename(folder, folder + ".orphaned") == 0 else {
                    throw OutputError(
                        path: folder,
                        reason:
                            "cannot rename the folder of unfinished export \(entry.id): \(String(cString: strerror(errno)))"
                    )
                }
                try syncFolder(exports)
                logger.warning(
                    "export \(entry.id) as of \(entry.asOf) stopped after publishing \(entry.folder) but before the ledger committed it: renamed it \(entry.folder).orphaned (do not load it); its records are sent again"
                )
                try ledger.orphan(id: entry.id)
            } else {
                logger.warning(
                    "export \(entry.id) as of \(entry.asOf) stopped before publishing its folder: nothing of it was sent"
                )
                try ledger.abandon(id: entry.id)
            }
        }
    }

    /// The highest export id among the folders `<as-of>-<id>` (and `.orphaned` ones), so that an id is
    /// never reused even when the ledger was replaced.
    static func highestFolderID(in exports: String) -> Int64 {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: exports)) ?? []
        return names.compactMap { name -> Int64? in
            let base = name.hasSuffix(".orphaned") ? String(name.dropLast(".orphaned".count)) : name
            guard base.count > 11, Day(base.prefix(10)) != nil, base.dropFirst(10).first == "-" else { return nil }
            return Int64(base.dropFirst(11))
        }.max() ?? 0
    }

    static func countsJSON(_ counts: [SITSTable: [ExportAction: Int]]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(named(counts))) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// Counts by the names the files and the manifest use.
    static func named(_ counts: [SITSTable: [ExportAction: Int]]) -> [String: [String: Int]] {
        Dictionary(
            uniqueKeysWithValues: counts.map { table, actions in
                (table.rawValue, Dictionary(uniqueKeysWithValues: actions.map { ($0.key.rawValue, $0.value) }))
            })
    }

    struct Manifest: Encodable {
        struct Basis: Encodable {
            let academicYear: String
            let agreedThrough: String?
            let provisional: String?

            enum CodingKeys: String, CodingKey {
                case academicYear = "academic_year"
                case agreedThrough = "agreed_through"
                case provisional = "provisional_marks_for_board"
            }
        }
        let tool: String
        let version: String
        let institution: String
        let exportID: Int64
        let asOf: String
        let previousExport: Int64?
        let generated: String?
        let boards: [Basis]
        let counts: [String: [String: Int]]
        let inputDigest: String
        let inputs: [RunFiles.ManifestInput]
        let outputs: [RunFiles.ManifestOutput]

        enum CodingKeys: String, CodingKey {
            case tool, version, institution, generated, boards, counts, inputs, outputs
            case exportID = "export_id"
            case asOf = "as_of"
            case previousExport = "previous_export"
            case inputDigest = "input_digest"
        }
    }

    /// SAS.csv, SRA.csv, SMR.csv and withdrawals.csv (`ACTION` first, then the table's columns; the
    /// header even when the file has no record), each streamed to disk as its lines are made from the
    /// changes in order, then manifest.json. No wall-clock time: `SOURCE_DATE_EPOCH`, when set, dates the manifest.
    static func writeFiles(
        id: Int64, outcome: Outcome, delta: Delta, config: BoardConfig, inputs: [RunFiles.ManifestInput],
        inputDigest: String, sourceDateEpoch: String?, into folder: OutputFolder.Files
    ) throws {
        var outputs: [RunFiles.ManifestOutput] = []
        var next = delta.changes.startIndex
        for table in SITSTable.allCases {
            let digest = try folder.write(table.fileName) { (file: inout OutputFolder.OutputFile) throws(OutputError) in
                var text = CSVText()
                text.line(["ACTION"] + table.columns)
                var part = text.take()
                while next < delta.changes.endIndex && delta.table(of: delta.changes[next]) == table {
                    delta.appendLine(of: delta.changes[next], to: &part)
                    next += 1
                    // A megabyte at a time: a first export's files are hundreds of megabytes.
                    if part.count >= 1 << 20 {
                        try file.append(part)
                        part.removeAll(keepingCapacity: true)
                    }
                }
                try file.append(part)
            }
            outputs.append(.init(path: table.fileName, sha256: digest))
        }
        let manifest = Manifest(
            tool: "board", version: toolVersion, institution: config.institution.code.description, exportID: id,
            asOf: outcome.asOf.description, previousExport: outcome.previous?.id,
            generated: sourceDateEpoch.flatMap(RunFiles.isoTimestamp),
            boards: outcome.bases.map {
                .init(
                    academicYear: $0.academicYear, agreedThrough: $0.agreedThrough?.description,
                    provisional: $0.provisional?.description)
            },
            counts: named(outcome.counts), inputDigest: inputDigest, inputs: inputs, outputs: outputs)
        try folder.write("manifest.json", RunFiles.manifestJSON(manifest))
    }

    static func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw OutputError(path: path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }

    static func syncFolder(_ folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw OutputError(path: folder, reason: "cannot open the folder to sync it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw OutputError(path: folder, reason: "cannot sync the folder") }
    }
}
