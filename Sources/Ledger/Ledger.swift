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
        let left = SITSTable.allCases.firstIndex(of: lhs.table)!
        let right = SITSTable.allCases.firstIndex(of: rhs.table)!
        if left != right { return left < right }
        return lhs.key.lexicographicallyPrecedes(rhs.key)
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
}

/// A ledger that cannot be opened, read or written.
public struct LedgerError: Error, Sendable {
    public let path: String
    public let reason: String
}

/// The SQLite ledger of nightly exports (GRDB, WAL mode). It records each export (id, as-of date,
/// start and end, status, input digest, counts), every version of every record ever sent, and the
/// last version sent of each record still live, which the next export is compared with.
///
/// Statuses: `started` (id reserved, files not yet committed), `committed` (the folder is in place and
/// its records are the ledger's current state), `abandoned` (a run that stopped before committing,
/// found by the next run; its records were not taken as sent).
public final class Ledger {
    public let path: String
    let queue: DatabaseQueue

    /// Opens the ledger, creating it and migrating its schema as needed.
    public init(path: String) throws(LedgerError) {
        self.path = path
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        // A commit must survive a power cut, not only a crash: the export folder is already in place.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        // Created by owner and group only, like every output: it holds marks. SQLite gives its -wal
        // and -shm files the same mode.
        if !FileManager.default.fileExists(atPath: path) {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
            if descriptor >= 0 { close(descriptor) }
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch {
            throw LedgerError(path: path, reason: "\(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE exports (
                        id INTEGER PRIMARY KEY,
                        as_of TEXT NOT NULL,
                        started_at TEXT NOT NULL,
                        ended_at TEXT,
                        status TEXT NOT NULL CHECK (status IN ('started', 'committed', 'abandoned')),
                        folder TEXT NOT NULL,
                        input_digest TEXT NOT NULL,
                        counts TEXT
                    );
                    CREATE TABLE record_versions (
                        id INTEGER PRIMARY KEY,
                        export_id INTEGER NOT NULL REFERENCES exports(id),
                        table_name TEXT NOT NULL,
                        record_key TEXT NOT NULL,
                        spr_code TEXT NOT NULL,
                        action TEXT NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
                        record_values TEXT NOT NULL
                    );
                    CREATE INDEX record_versions_by_record ON record_versions(table_name, record_key);
                    CREATE INDEX record_versions_by_spr ON record_versions(spr_code);
                    CREATE TABLE current_records (
                        table_name TEXT NOT NULL,
                        record_key TEXT NOT NULL,
                        spr_code TEXT NOT NULL,
                        record_values TEXT NOT NULL,
                        export_id INTEGER NOT NULL REFERENCES exports(id),
                        PRIMARY KEY (table_name, record_key)
                    ) WITHOUT ROWID;
                    """)
        }
        registerSubmissionTables(in: &migrator)
        return migrator
    }

    func attempt<T>(_ body: () throws -> T) throws(LedgerError) -> T {
        do {
            return try body()
        } catch {
            throw LedgerError(path: path, reason: "\(error)")
        }
    }

    /// The last version sent of every live record.
    public func current() throws(LedgerError) -> [RecordID: [String]] {
        try attempt {
            try queue.read { db in
                var records: [RecordID: [String]] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT table_name, record_key, record_values FROM current_records")
                {
                    guard let table = SITSTable(rawValue: row["table_name"]) else { continue }
                    records[RecordID(table: table, key: Self.decode(row["record_key"]))] = Self.decode(
                        row["record_values"])
                }
                return records
            }
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
                return rows.map {
                    ExportEntry(id: $0["id"], asOf: $0["as_of"], status: $0["status"], folder: $0["folder"])
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

    /// Reserves export `id`: the run has started, nothing is sent yet.
    public func start(id: Int64, asOf: Day, folder: String, inputDigest: String) throws(LedgerError) {
        try attempt {
            try queue.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO exports (id, as_of, started_at, status, folder, input_digest) VALUES (?, ?, ?, 'started', ?, ?)",
                    arguments: [id, asOf.description, Self.timestamp(), folder, inputDigest])
            }
        }
    }

    /// A started export that will never commit: found by the next run, or its folder could not be published.
    public func abandon(id: Int64) throws(LedgerError) {
        try attempt {
            try queue.write { db in
                try db.execute(
                    sql: "UPDATE exports SET status = 'abandoned', ended_at = ? WHERE id = ? AND status = 'started'",
                    arguments: [Self.timestamp(), id])
            }
        }
    }

    /// In one transaction: export `id` is committed, every change is recorded as a version, and the
    /// current state takes the changes.
    public func commit(id: Int64, changes: [RecordChange], counts: String) throws(LedgerError) {
        try attempt {
            try queue.write { db in
                try db.execute(
                    sql:
                        "UPDATE exports SET status = 'committed', ended_at = ?, counts = ? WHERE id = ? AND status = 'started'",
                    arguments: [Self.timestamp(), counts, id])
                guard db.changesCount == 1 else {
                    throw LedgerError(path: path, reason: "export \(id) is not a started export")
                }
                // Prepared once: compiling each statement per change cost more than running it.
                let addVersion = try db.makeStatement(
                    sql: """
                        INSERT INTO record_versions (export_id, table_name, record_key, spr_code, action, record_values)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """)
                let replaceCurrent = try db.makeStatement(
                    sql: """
                        INSERT OR REPLACE INTO current_records (table_name, record_key, spr_code, record_values, export_id)
                        VALUES (?, ?, ?, ?, ?)
                        """)
                let deleteCurrent = try db.makeStatement(
                    sql: "DELETE FROM current_records WHERE table_name = ? AND record_key = ?")
                for change in changes {
                    let table = change.id.table.rawValue
                    let key = Self.encode(change.id.key)
                    let values = Self.encode(change.values)
                    let spr = change.id.key.first ?? ""
                    try addVersion.execute(arguments: [id, table, key, spr, change.action.rawValue, values])
                    switch change.action {
                    case .insert, .update:
                        try replaceCurrent.execute(arguments: [table, key, spr, values, id])
                    case .delete:
                        try deleteCurrent.execute(arguments: [table, key])
                    }
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
                        SELECT v.export_id, e.as_of, v.table_name, v.record_key, v.action, v.record_values
                        FROM record_versions v JOIN exports e ON e.id = v.export_id
                        WHERE e.status = 'committed' AND v.spr_code IN (\(marks))
                        ORDER BY v.export_id, v.id
                        """,
                    arguments: StatementArguments(codes))
                return rows.compactMap { row -> RecordVersion? in
                    guard let table = SITSTable(rawValue: row["table_name"]),
                        let action = ExportAction(rawValue: row["action"])
                    else { return nil }
                    return RecordVersion(
                        exportID: row["export_id"], asOf: row["as_of"],
                        change: RecordChange(
                            RecordID(table: table, key: Self.decode(row["record_key"])),
                            Self.decode(row["record_values"]),
                            action))
                }
            }
        }
    }

    /// Keys and values are stored as JSON arrays of strings, which the `sqlite3` shell reads with `->>`.
    static func encode(_ fields: [String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // An array of strings always encodes.
        return String(decoding: try! encoder.encode(fields), as: UTF8.self)
    }

    static func decode(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// Start and end of each export, UTC: the ledger is an operations log, not an output file.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date())
    }
}
