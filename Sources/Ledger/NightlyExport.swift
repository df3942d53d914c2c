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

/// The boards an export stands on for one academic year.
public struct ExportBasis: Sendable {
    public let academicYear: String
    /// The last board held on or before the as-of date: its agreed results are exported.
    public let agreedThrough: Day?
    /// The next board: the sheets already in its folder are exported as actual marks, not yet agreed.
    public let provisional: Day?
}

/// Every SITS-style record the registry should hold as of one date, and the runs it came from.
public struct ExportSnapshot: Sendable {
    public let asOf: Day
    public var records: [RecordID: [String]] = [:]
    public var bases: [ExportBasis] = []
    /// One run per academic year, through its next board (or its last board held when none is left).
    public var runs: [BoardRun] = []
    /// Records whose key was already taken by another (two enrolments sharing an SPR code): the first is kept.
    public var duplicateKeys: [RecordID] = []

    /// Rows or files were rejected in a replay: the export is complete but exits 1.
    public var rejectedAnything: Bool { runs.contains(where: \.rejectedAnything) }

    /// As of `asOf`, for each configured academic year: the records of the last board held (agreed
    /// results), then the sits counted from the sheets already presented to the next board, as actual
    /// marks not yet agreed. The next board's decisions are not exported: it has not sat.
    public static func compute(config: BoardConfig, register: RegisterLoad, asOf: Day) throws(UnreadableFolder)
        -> ExportSnapshot
    {
        var snapshot = ExportSnapshot(asOf: asOf)
        for year in config.academicYears {
            let held = year.boards.last { $0 <= asOf }
            let next = year.boards.first { $0 > asOf }
            snapshot.bases.append(ExportBasis(academicYear: year.code, agreedThrough: held, provisional: next))
            guard let through = next ?? held else { continue }
            // One reading of the sheets serves both replays, so they cannot see different files.
            let read = try SheetsRead.read(config, through: through)
            let run = BoardRun(config: config, register: register, board: through, read: read)
            snapshot.runs.append(run)
            if let held {
                let replay =
                    held == through
                    ? run.replay
                    : Replay(
                        register: register.register, policy: config.policy, year: year, through: held,
                        sheets: read.sheets.map(\.display), presented: read.presented.filter { $0.key <= held },
                        keepingTrail: false
                    ).decideOnAllCores()
                for result in replay.enrolments {
                    for record in SITSRecords(of: result, policy: config.policy)?.lines ?? [] {
                        let id = RecordID(table: record.table, key: record.key)
                        if snapshot.records[id] != nil {
                            snapshot.duplicateKeys.append(id)
                        } else {
                            snapshot.records[id] = record.values
                        }
                    }
                }
            }
            if let next {
                // A provisional sit replaces the placeholder of a sit not yet taken (a referral's open
                // resit, a deferred sit) or is a new record: a counted sit is never presented again.
                for result in run.replay.enrolments {
                    for record in provisionalRecords(of: result, presentedAt: next, policy: config.policy) {
                        snapshot.records[RecordID(table: record.table, key: record.key)] = record.values
                    }
                }
            }
        }
        return snapshot
    }

    /// The SAS and SRA records of the sits counted (or deferred) at `board`, as actual marks only:
    /// `*_AGRM` and `*_AGRG` blank, `*_PRCS` `I` (not yet agreed), `*_PROC` `SAS` (assessment under
    /// way), or `DEF` for a deferral the board has not yet accepted.
    static func provisionalRecords(of result: EnrolmentResult, presentedAt board: Day, policy: Policy) -> [SITSLine] {
        guard let records = SITSRecords(of: result, policy: policy) else { return [] }
        // Whether each component's first sit or resit was presented at the board, and deferred there.
        var firstSits: [String: Bool] = [:]
        var resits: [String: Bool] = [:]
        for record in result.components {
            let code = record.component.code.description
            if record.firstSit?.board == board { firstSits[code] = false }
            if record.resit?.board == board { resits[code] = false }
            if record.deferredAt == board {
                if record.attempt == 1 { firstSits[code] = true } else { resits[code] = true }
            }
        }
        func provisional(_ marks: SITSSitMarks, deferred: Bool) -> SITSSitMarks {
            var marks = marks
            marks.agreedMark = ""
            marks.agreedGrade = ""
            marks.processStatus = "I"
            marks.process = deferred ? "DEF" : "SAS"
            return marks
        }
        var lines: [SITSLine] = []
        for var record in records.sas {
            guard let deferred = firstSits[record.component] else { continue }
            record.marks = provisional(record.marks, deferred: deferred)
            lines.append(record.line)
        }
        for var record in records.sra {
            guard let deferred = resits[record.component] else { continue }
            record.marks = provisional(record.marks, deferred: deferred)
            lines.append(record.line)
        }
        return lines
    }

    /// What must be sent to take the registry from `previous` (the last versions sent) to these records.
    public func changes(since previous: [RecordID: [String]]) -> [RecordChange] {
        var changes: [RecordChange] = []
        for (id, values) in records {
            if let old = previous[id] {
                if old != values { changes.append(RecordChange(id, values, .update)) }
            } else {
                changes.append(RecordChange(id, values, .insert))
            }
        }
        for (id, old) in previous where records[id] == nil { changes.append(RecordChange(id, old, .delete)) }
        return changes.sorted { $0.id < $1.id }
    }
}

/// The reconciliation of a replay does not add up: nothing is exported.
public struct UnbalancedRun: Error, Sendable {
    public let run: BoardRun
}

/// `board export`: the nightly delta of SITS-style records against the ledger, written crash-safely.
public enum NightlyExport {
    /// The steps of an export, in order. `BOARD_EXPORT_STOP_AFTER=N` kills the process (SIGKILL) right
    /// after step N, so that a test can prove every interruption leaves the previous state or the
    /// complete new one.
    public enum Step: Int, CaseIterable, Sendable {
        /// 1: the exclusive lock on `<exports>/.lock` is held.
        case locked = 1
        /// 2: temporary folders of interrupted runs removed; exports that started but never committed
        /// marked `abandoned`, and their folder, if it was published, renamed `*.orphaned`.
        case recovered
        /// 3: the records as of the date computed and compared with the ledger's last versions sent.
        case compared
        /// 4: the export's id reserved in the ledger (status `started`); no record changed.
        case started
        /// 5: every file written and fsynced in a hidden temporary folder, `.<as-of>-<id>.partial`.
        case written
        /// 6: the folder renamed to `<as-of>-<id>` and the exports folder fsynced.
        case published
        /// 7: one ledger transaction: the export committed, each change recorded, the current state updated.
        case committed
    }

    public struct Outcome: Sendable {
        public var snapshot: ExportSnapshot
        public var changes: [RecordChange] = []
        /// nil when nothing changed: no folder, no export id.
        public var exportID: Int64?
        public var folder: String?
        /// The last committed export before this one.
        public var previous: ExportEntry?
    }

    /// Runs one export as of `asOf`. Throws `LockHeld` (75), `OutputError` or `LedgerError` (73),
    /// `UnbalancedRun` (70).
    public static func run(
        config: BoardConfig, register: RegisterLoad, asOf: Day, sourceDateEpoch: String?, stopAfter: Int?,
        logger: Logger
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
        let ledger = try Ledger(path: config.ledger)
        try recover(exports: exports, ledger: ledger, logger: logger)
        reached(.recovered)

        let snapshot = try ExportSnapshot.compute(config: config, register: register, asOf: asOf)
        for basis in snapshot.bases {
            logger.info(
                "\(basis.academicYear): agreed results \(basis.agreedThrough.map { "of the board of \($0)" } ?? "none (no board held yet)"); provisional marks \(basis.provisional.map { "presented to the board of \($0)" } ?? "none (no board left)")"
            )
        }
        for id in snapshot.duplicateKeys {
            logger.warning(
                "two enrolments give the same \(id.table.rawValue) record \(id.key.joined(separator: " ")); only the first is exported: check spr_code in enrolments.csv"
            )
        }
        if let unbalanced = snapshot.runs.first(where: { !$0.reconciliation.balances }) {
            throw UnbalancedRun(run: unbalanced)
        }
        let previous = try ledger.lastCommitted()
        let changes = snapshot.changes(since: try ledger.current())
        var outcome = Outcome(snapshot: snapshot, changes: changes, previous: previous)
        logger.info("\(snapshot.records.count) records as of \(asOf); \(changes.count) to send")
        let inputs = try RunFiles.inputs(config: config, register: register, sheets: snapshot.runs.flatMap(\.sheets))
        let inputDigest = sha256(of: Data(inputs.map { "\($0.sha256 ?? "unreadable")  \($0.path)\n" }.joined().utf8))
        reached(.compared)
        guard !changes.isEmpty else { return outcome }

        let id = max(try ledger.maxID(), highestFolderID(in: exports)) + 1
        let name = "\(asOf)-\(id)"
        try ledger.start(id: id, asOf: asOf, folder: name, inputDigest: inputDigest)
        reached(.started)

        let files = try exportFiles(
            id: id, snapshot: snapshot, changes: changes, previous: previous, config: config, inputs: inputs,
            inputDigest: inputDigest, sourceDateEpoch: sourceDateEpoch)
        let temporary = "\(exports)/.\(name).partial"
        try OutputFolder.write(to: temporary) { folder in
            for file in files { try folder.write(file.name, file.bytes) }
        }
        logger.info("wrote \(files.count) files into \(temporary)")
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
            try ledger.commit(id: id, changes: changes, counts: countsJSON(changes))
        } catch {
            // The registry must not load a folder the ledger does not hold: the next run sends it again.
            _ = rename(folder, folder + ".orphaned")
            try? ledger.abandon(id: id)
            throw error
        }
        logger.info("export \(id) committed to the ledger \(config.ledger)")
        reached(.committed)
        outcome.exportID = id
        outcome.folder = folder
        return outcome
    }

    /// Clears what an interrupted run left: hidden temporary folders are removed; an export that
    /// started but never committed is marked `abandoned`, and its folder, if it was already published,
    /// is renamed `<name>.orphaned` so that nobody loads it. Its records were never taken as sent, so
    /// this run sends them again.
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
            } else {
                logger.warning(
                    "export \(entry.id) as of \(entry.asOf) stopped before publishing its folder: nothing of it was sent"
                )
            }
            try ledger.abandon(id: entry.id)
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

    static func counts(_ changes: [RecordChange]) -> [String: [String: Int]] {
        // One pass, by place, reading each change in place.
        let tables = SITSTable.allCases
        let actions = ExportAction.allCases
        var tally = Array(repeating: Array(repeating: 0, count: actions.count), count: tables.count)
        for index in changes.indices {
            tally[tables.firstIndex(of: changes[index].id.table)!][actions.firstIndex(of: changes[index].action)!] += 1
        }
        var counts: [String: [String: Int]] = [:]
        for (table, row) in zip(tables, tally) {
            for (action, count) in zip(actions, row) { counts[table.rawValue, default: [:]][action.rawValue] = count }
        }
        return counts
    }

    static func countsJSON(_ changes: [RecordChange]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(counts(changes))) ?? Data("{}".utf8), as: UTF8.self)
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
        struct Output: Encodable {
            let path: String
            let sha256: String
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
        let outputs: [Output]

        enum CodingKeys: String, CodingKey {
            case tool, version, institution, generated, boards, counts, inputs, outputs
            case exportID = "export_id"
            case asOf = "as_of"
            case previousExport = "previous_export"
            case inputDigest = "input_digest"
        }
    }

    /// SAS.csv, SRA.csv, SMR.csv and withdrawals.csv (`ACTION` first, then the table's columns; the
    /// header even when the file has no record), then manifest.json. No wall-clock time:
    /// `SOURCE_DATE_EPOCH`, when set, dates the manifest.
    static func exportFiles(
        id: Int64, snapshot: ExportSnapshot, changes: [RecordChange], previous: ExportEntry?, config: BoardConfig,
        inputs: [RunFiles.ManifestInput], inputDigest: String, sourceDateEpoch: String?
    ) throws -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = SITSTable.allCases.map { table in
            var text = CSVText()
            text.line(["ACTION"] + table.columns)
            for change in changes where change.id.table == table {
                text.line([change.action.rawValue] + change.values)
            }
            return (table.fileName, text.take())
        }
        let manifest = Manifest(
            tool: "board", version: toolVersion, institution: config.institution.code.description, exportID: id,
            asOf: snapshot.asOf.description, previousExport: previous?.id,
            generated: sourceDateEpoch.flatMap(RunFiles.isoTimestamp),
            boards: snapshot.bases.map {
                .init(
                    academicYear: $0.academicYear, agreedThrough: $0.agreedThrough?.description,
                    provisional: $0.provisional?.description)
            },
            counts: counts(changes), inputDigest: inputDigest, inputs: inputs,
            outputs: files.map { .init(path: $0.name, sha256: sha256(of: $0.bytes)) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        files.append(("manifest.json", Array(try encoder.encode(manifest) + Data("\n".utf8))))
        return files
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
