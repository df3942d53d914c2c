import Foundation
internal import GRDB
import Input
import Regulations

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One record of a SITS-style file, named by its table and key columns: the same identity in a later
/// export is the same record, changed.
public struct RecordID: Hashable, Comparable, Sendable {
    public let table: SITSTable
    public let key: [String]

    public init(table: SITSTable, key: [String]) {
        self.table = table
        self.key = key
    }

    /// Files in SITSTable order, records in key order.
    public static func < (lhs: RecordID, rhs: RecordID) -> Bool {
        lhs.sortKey.lexicographicallyPrecedes(rhs.sortKey)
    }

    /// The bytes whose order is the files' order: the table's place, then each key field's UTF-8 bytes,
    /// each ended by a zero byte (which no field holds), so that a field compares before any longer one
    /// it begins. They name the record, too: the export compares and keeps records by them.
    var sortKey: [UInt8] {
        var bytes: [UInt8] = []
        Self.appendSortKey(table: table, key: key, to: &bytes)
        return bytes
    }

    static func appendSortKey(table: SITSTable, key: some Sequence<String>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(table.order))
        for field in key {
            bytes.append(contentsOf: field.utf8)
            bytes.append(0)
        }
    }

    /// The record a sort key names.
    init(sortKey: some Collection<UInt8>) {
        table = SITSTable.allCases[Int(sortKey.first!)]
        var key: [String] = []
        key.reserveCapacity(table.keyColumns)
        var fieldStart = sortKey.index(after: sortKey.startIndex)
        var index = fieldStart
        while index != sortKey.endIndex {
            if sortKey[index] == 0 {
                key.append(String(decoding: sortKey[fieldStart..<index], as: UTF8.self))
                fieldStart = sortKey.index(after: index)
            }
            index = sortKey.index(after: index)
        }
        self.key = key
    }
}

public enum ExportAction: String, Sendable, CaseIterable {
    case insert = "INSERT"
    case update = "UPDATE"
    case delete = "DELETE"
}

/// One line of an export file: a record and what the registry must do with it. A DELETE carries the
/// values last sent.
public struct RecordChange: Hashable, Sendable {
    public let id: RecordID
    public let values: [String]
    public let action: ExportAction

    public init(_ id: RecordID, _ values: [String], _ action: ExportAction) {
        self.id = id
        self.values = values
        self.action = action
    }
}

/// One exported version of a record, for `board history`.
public struct RecordVersion: Sendable {
    public let exportID: Int64
    public let asOf: String
    public let change: RecordChange
}

/// An export the ledger knows of.
public struct ExportEntry: Sendable {
    public let id: Int64
    public let asOf: String
    public let status: String
    public let folder: String
    /// When it started, in UTC (ISO 8601).
    public let startedAt: String
    /// Changes sent, by table and action: nil until it is committed.
    public let counts: [SITSTable: [ExportAction: Int]]?
}

/// A ledger that cannot be opened, read or written.
public struct LedgerError: Error, Sendable {
    public let path: String
    public let reason: String
}

/// What the ledger says was sent of one course occurrence.
struct SentOccurrence {
    /// The values of each record live after the last committed export, as they were sent, by sort key.
    var committed: [[UInt8]: [UInt8]] = [:]
    /// The values each orphaned folder since the last committed export sent, oldest first (nil: a
    /// DELETE), by sort key: a registry may have loaded them.
    var unconfirmed: [[UInt8]: [[UInt8]?]] = [:]
}

/// The SQLite ledger of nightly exports (GRDB, WAL mode): each export (id, as-of date, start and end,
/// status, input digest, counts), every version of every record ever sent, and for each course
/// occurrence the digest of its records as last committed, which lets the next export skip it whole.
///
/// Statuses: `started` (id reserved, its versions recorded but not yet sent), `committed` (the folder is
/// in place and its versions are what the registry holds), `abandoned` (stopped before its folder was
/// published: nothing of it was sent, its versions are removed), `orphaned` (its folder was published
/// but never committed, then renamed `.orphaned`: a registry may have loaded it, so its versions are
/// kept and the next export corrects every record they got wrong).
public final class Ledger {
    public let path: String
    let queue: DatabaseQueue

    /// Opens the ledger, creating it as needed. A ledger of schema v1 is first copied beside itself
    /// (`<ledger>.v1-backup`), then upgraded in place in one transaction.
    public init(path: String) throws(LedgerError) {
        self.path = path
        // Created by owner and group only, like every output: it holds marks. SQLite gives its -wal
        // and -shm files the same mode.
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
            if descriptor >= 0 { close(descriptor) }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: Self.configuration())
            let applied = try queue.read { db in try LedgerSchema.migrator.appliedIdentifiers(db) }
            if applied.contains("v1") && !applied.contains("v2") { try backUp(to: path + ".v1-backup") }
            try LedgerSchema.migrator.migrate(queue)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(path: path, reason: "\(error)")
        }
    }

    private init(path: String, queue: DatabaseQueue) {
        self.path = path
        self.queue = queue
    }

    /// The ledger at `path` as it is, to read: nothing created, nothing upgraded; nil when there is none.
    /// Opened for writing where it can be, so that SQLite removes its -wal and -shm files again on
    /// closing (a reader alone would leave them), but never written.
    public static func existing(at path: String) throws(LedgerError) -> Ledger? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // The journal mode as the file has it (WAL): GRDB, asked to set it, writes to the ledger.
        var writing = configuration()
        writing.journalMode = .default
        do {
            do {
                return Ledger(path: path, queue: try DatabaseQueue(path: path, configuration: writing))
            } catch {
                var reading = writing
                reading.readonly = true
                return Ledger(path: path, queue: try DatabaseQueue(path: path, configuration: reading))
            }
        } catch {
            throw LedgerError(path: path, reason: "\(error)")
        }
    }

    /// The ledger as an export that writes nothing reads it (`--dry-run`): the file as it is when its
    /// schema is current, else an upgraded copy in memory, and an empty ledger in memory when there is
    /// none. The file is never written, created or upgraded.
    public static func unchanged(at path: String) throws(LedgerError) -> Ledger {
        do {
            // In memory there is no WAL, and nothing to survive a power cut.
            let memory = try DatabaseQueue()
            guard let ledger = try existing(at: path) else {
                try LedgerSchema.migrator.migrate(memory)
                return Ledger(path: path, queue: memory)
            }
            guard try !ledger.queue.read({ db in try LedgerSchema.migrator.hasCompletedMigrations(db) }) else {
                return ledger
            }
            try ledger.queue.backup(to: memory)
            try LedgerSchema.migrator.migrate(memory)
            return Ledger(path: path, queue: memory)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(path: path, reason: "\(error)")
        }
    }

    /// WAL, and a commit that survives a power cut.
    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // A commit must survive a power cut, not only a crash: the export folder is already in place.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // An export's versions are inserted in key order, their occurrence's index in another: a
            // page cache of 64 MiB keeps that index's pages in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        return configuration
    }

    /// A consistent copy of the ledger as it is, written beside it under a temporary name, synced, then
    /// renamed into place: the copy is whole or absent.
    private func backUp(to backup: String) throws {
        let folder = (backup as NSString).deletingLastPathComponent
        let partial = folder + "/." + (backup as NSString).lastPathComponent + ".partial"
        unlink(partial)
        // Readable by owner and group only, as the ledger; SQLite writes into the empty file.
        let descriptor = open(partial, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw LedgerError(path: backup, reason: "cannot create the backup: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [partial]) }
        let synced = open(partial, O_RDONLY | O_CLOEXEC)
        guard synced >= 0, fsync(synced) == 0, close(synced) == 0, rename(partial, backup) == 0 else {
            unlink(partial)
            throw LedgerError(path: backup, reason: "cannot write the backup: \(String(cString: strerror(errno)))")
        }
        let parent = open(folder, O_RDONLY | O_DIRECTORY)
        if parent >= 0 {
            fsync(parent)
            close(parent)
        }
    }

    func attempt<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do {
            return try body()
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(path: path, reason: "\(error)")
        }
    }

    public func exports(status: String? = nil) throws(LedgerError) -> [ExportEntry] {
        try attempt {
            try queue.read { db in
                let rows =
                    if let status {
                        try Row.fetchAll(
                            db, sql: "SELECT * FROM exports WHERE status = ? ORDER BY id", arguments: [status])
                    } else {
                        try Row.fetchAll(db, sql: "SELECT * FROM exports ORDER BY id")
                    }
                return rows.map { row in
                    ExportEntry(
                        id: row["id"], asOf: row["as_of"], status: row["status"], folder: row["folder"],
                        startedAt: row["started_at"],
                        counts: (row["counts"] as String?).flatMap(Self.counts))
                }
            }
        }
    }

    public func lastCommitted() throws(LedgerError) -> ExportEntry? {
        try exports(status: "committed").last
    }

    public func maxID() throws(LedgerError) -> Int64 {
        try attempt { try queue.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM exports") ?? 0 } }
    }

    /// The digest of each course occurrence's records as last committed, for those with a live record.
    func sentDigests() throws(LedgerError) -> [CourseOccurrence: String] {
        try attempt {
            try queue.read { db in
                var digests: [CourseOccurrence: String] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql:
                        "SELECT mod_code, mav_occur, ayr_code, sent_digest FROM course_occurrences WHERE sent_digest IS NOT NULL"
                ) {
                    digests[Self.occurrence(row)] = row["sent_digest"]
                }
                return digests
            }
        }
    }

    /// The course occurrences of which an orphaned folder since the last committed export sent a record.
    /// No index leads from an export to its versions (only a crash makes one of use), so they are sought
    /// only when there is such a folder.
    func unconfirmedOccurrences() throws(LedgerError) -> Set<CourseOccurrence> {
        try attempt {
            try queue.read { db in
                let orphans = try Int64.fetchAll(db, sql: "SELECT id FROM exports e WHERE \(Self.isUnconfirmed)")
                guard !orphans.isEmpty else { return [] }
                let marks = Array(repeating: "?", count: orphans.count).joined(separator: ", ")
                return Set(
                    try Row.fetchAll(
                        db,
                        sql: """
                            SELECT mod_code, mav_occur, ayr_code FROM course_occurrences WHERE id IN (
                                SELECT DISTINCT occurrence_id FROM record_versions WHERE export_id IN (\(marks)))
                            """, arguments: StatementArguments(orphans)
                    ).map(Self.occurrence))
            }
        }
    }

    /// An orphaned export after the last committed one.
    private static let isUnconfirmed =
        "e.status = 'orphaned' AND e.id > (SELECT COALESCE(MAX(id), 0) FROM exports WHERE status = 'committed')"

    /// What was sent of one course occurrence: the last committed version of each record, and what
    /// orphaned folders sent since.
    func sent(_ occurrence: CourseOccurrence) throws(LedgerError) -> SentOccurrence {
        try attempt {
            try queue.read { db in
                var sent = SentOccurrence()
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT v.table_name, v.spr_code, v.psl_code, v.mab_seq, v.rseq, v.action, v.record_values,
                            e.status = 'committed' AS committed
                        FROM record_versions v JOIN exports e ON e.id = v.export_id
                        WHERE v.occurrence_id = (SELECT id FROM course_occurrences
                                WHERE mod_code = ? AND mav_occur = ? AND ayr_code = ?)
                            AND (e.status = 'committed' OR \(Self.isUnconfirmed))
                        ORDER BY v.id
                        """,
                    arguments: [occurrence.module, occurrence.occurrence, occurrence.academicYear])
                while let row = try rows.next() {
                    guard let sortKey = Self.recordID(row, in: occurrence)?.sortKey else { continue }
                    let values: [UInt8]? =
                        row["action"] == ExportAction.delete.rawValue
                        ? nil : Array((row["record_values"] as String).utf8)
                    if row["committed"] {
                        sent.committed[sortKey] = values
                    } else {
                        sent.unconfirmed[sortKey, default: []].append(values)
                    }
                }
                return sent
            }
        }
    }

    /// Reserves export `id` and records the versions it will send, in one transaction, course occurrence
    /// by course occurrence as they were found (each occurrence's versions next to one another in its
    /// index). They count as sent only once `commit` marks it committed.
    func start(id: Int64, asOf: Day, folder: String, inputDigest: String, delta: Delta) throws(LedgerError) {
        try attempt {
            try queue.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO exports (id, as_of, started_at, status, folder, input_digest) VALUES (?, ?, ?, 'started', ?, ?)",
                    arguments: [id, asOf.description, Self.timestamp(), folder, inputDigest])
                let addOccurrence = try db.makeStatement(
                    sql: "INSERT OR IGNORE INTO course_occurrences (mod_code, mav_occur, ayr_code) VALUES (?, ?, ?)")
                let findOccurrence = try db.makeStatement(
                    sql: "SELECT id FROM course_occurrences WHERE mod_code = ? AND mav_occur = ? AND ayr_code = ?")
                let occurrenceIDs = try delta.occurrences.map { occurrence in
                    let arguments: StatementArguments = [
                        occurrence.module, occurrence.occurrence, occurrence.academicYear,
                    ]
                    try addOccurrence.execute(arguments: arguments)
                    return try Int64.fetchOne(findOccurrence, arguments: arguments)!
                }
                // A hundred versions a statement: run once per version, the statement itself cost more
                // than the SQLite work it asked for.
                let rowsPerStatement = 100
                func addVersions(_ rows: Int) throws -> Statement {
                    try db.makeStatement(
                        sql: """
                            INSERT INTO record_versions
                                (export_id, occurrence_id, table_name, spr_code, psl_code, mab_seq, rseq, action, record_values)
                            VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
                            """)
                }
                let addHundred = try addVersions(rowsPerStatement)
                var values: [DatabaseValue] = []
                values.reserveCapacity(9 * rowsPerStatement)
                for first in stride(from: 0, to: delta.changes.count, by: rowsPerStatement) {
                    let changes = delta.changes[first..<min(first + rowsPerStatement, delta.changes.count)]
                    values.removeAll(keepingCapacity: true)
                    for change in changes {
                        let record = delta.id(of: change)
                        let after = LedgerSchema.keyAfterOccurrence(record.key)
                        values.append(id.databaseValue)
                        values.append(occurrenceIDs[Int(change.occurrence)].databaseValue)
                        values.append(record.table.rawValue.databaseValue)
                        values.append(record.key[0].databaseValue)
                        values.append(after.psl.databaseValue)
                        values.append(after.mab.databaseValue)
                        values.append(after.rseq.databaseValue)
                        values.append(change.action.rawValue.databaseValue)
                        values.append(delta.values(of: change).databaseValue)
                    }
                    let statement = changes.count == rowsPerStatement ? addHundred : try addVersions(changes.count)
                    statement.setUncheckedArguments(StatementArguments(values))
                    try statement.execute()
                }
            }
        }
    }

    /// A started export that was never published: nothing of it was sent, so its versions go.
    public func abandon(id: Int64) throws(LedgerError) {
        try attempt {
            try queue.write { db in
                try db.execute(
                    sql: "UPDATE exports SET status = 'abandoned', ended_at = ? WHERE id = ? AND status = 'started'",
                    arguments: [Self.timestamp(), id])
                try db.execute(sql: "DELETE FROM record_versions WHERE export_id = ?", arguments: [id])
            }
        }
    }

    /// A started export whose folder was published but never committed: a registry may have loaded it,
    /// so its versions stay, for the next export to correct.
    public func orphan(id: Int64) throws(LedgerError) {
        try attempt {
            try queue.write { db in
                try db.execute(
                    sql: "UPDATE exports SET status = 'orphaned', ended_at = ? WHERE id = ? AND status = 'started'",
                    arguments: [Self.timestamp(), id])
            }
        }
    }

    /// In one transaction: export `id` is committed, so its versions are what the registry holds, and each
    /// course occurrence it compared record by record takes the digest of its records now (nil: none).
    func commit(id: Int64, counts: String, digests: [CourseOccurrence: String?]) throws(LedgerError) {
        try attempt {
            try queue.write { db in
                try db.execute(
                    sql:
                        "UPDATE exports SET status = 'committed', ended_at = ?, counts = ? WHERE id = ? AND status = 'started'",
                    arguments: [Self.timestamp(), counts, id])
                guard db.changesCount == 1 else {
                    throw LedgerError(path: path, reason: "export \(id) is not a started export")
                }
                let addOccurrence = try db.makeStatement(
                    sql: "INSERT OR IGNORE INTO course_occurrences (mod_code, mav_occur, ayr_code) VALUES (?, ?, ?)")
                let setDigest = try db.makeStatement(
                    sql:
                        "UPDATE course_occurrences SET sent_digest = ? WHERE mod_code = ? AND mav_occur = ? AND ayr_code = ?"
                )
                for (occurrence, digest) in digests {
                    try addOccurrence.execute(arguments: [
                        occurrence.module, occurrence.occurrence, occurrence.academicYear,
                    ])
                    try setDigest.execute(arguments: [
                        digest, occurrence.module, occurrence.occurrence, occurrence.academicYear,
                    ])
                }
            }
        }
    }

    /// Every committed version of the records of these SPR codes, oldest first.
    public func history(sprCodes: Set<String>) throws(LedgerError) -> [RecordVersion] {
        guard !sprCodes.isEmpty else { return [] }
        let codes = sprCodes.sorted()
        return try attempt {
            try queue.read { db in
                let marks = Array(repeating: "?", count: codes.count).joined(separator: ", ")
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT v.export_id, e.as_of, v.table_name, v.spr_code, v.psl_code, v.mab_seq, v.rseq,
                            v.action, v.record_values, o.mod_code, o.mav_occur, o.ayr_code
                        FROM record_versions v JOIN exports e ON e.id = v.export_id
                            JOIN course_occurrences o ON o.id = v.occurrence_id
                        WHERE e.status = 'committed' AND v.spr_code IN (\(marks))
                        ORDER BY v.export_id, v.id
                        """,
                    arguments: StatementArguments(codes))
                let versions = rows.compactMap { row -> RecordVersion? in
                    guard let id = Self.recordID(row, in: Self.occurrence(row)),
                        let action = ExportAction(rawValue: row["action"])
                    else { return nil }
                    let values = ExportRecord.decode(
                        Array((row["record_values"] as String).utf8),
                        count: id.table.columns.count - id.table.keyColumns)
                    return RecordVersion(
                        exportID: row["export_id"], asOf: row["as_of"],
                        change: RecordChange(id, id.key + values, action))
                }
                // An export records its versions course occurrence by course occurrence; its files, and so
                // the history, list them by table and key.
                return versions.map { (version: $0, sortKey: $0.change.id.sortKey) }.sorted { lhs, rhs in
                    lhs.version.exportID == rhs.version.exportID
                        ? lhs.sortKey.lexicographicallyPrecedes(rhs.sortKey)
                        : lhs.version.exportID < rhs.version.exportID
                }.map(\.version)
            }
        }
    }

    private static func occurrence(_ row: Row) -> CourseOccurrence {
        CourseOccurrence(module: row["mod_code"], occurrence: row["mav_occur"], academicYear: row["ayr_code"])
    }

    private static func recordID(_ row: Row, in occurrence: CourseOccurrence) -> RecordID? {
        guard let table = SITSTable(rawValue: row["table_name"]) else { return nil }
        return RecordID(
            table: table,
            key: LedgerSchema.key(
                table: table, spr: row["spr_code"], occurrence: occurrence,
                after: [row["psl_code"], row["mab_seq"], row["rseq"]]))
    }

    /// An export's counts as `exports.counts` keeps them (JSON, by the names the files use).
    static func counts(_ json: String) -> [SITSTable: [ExportAction: Int]]? {
        guard let named = try? JSONDecoder().decode([String: [String: Int]].self, from: Data(json.utf8)) else {
            return nil
        }
        var counts: [SITSTable: [ExportAction: Int]] = [:]
        for (table, actions) in named {
            guard let table = SITSTable(rawValue: table) else { continue }
            for (action, count) in actions {
                if let action = ExportAction(rawValue: action) { counts[table, default: [:]][action] = count }
            }
        }
        return counts
    }

    /// Start and end of each export, UTC: the ledger is an operations log, not an output file.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
