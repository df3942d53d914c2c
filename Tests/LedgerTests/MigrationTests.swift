import Foundation
import GRDB
import Regulations
import Testing

@testable import Ledger

/// A ledger written by the code before issue 28 (schema v1, `Tests/Fixtures/ledger-v1/`) is upgraded in
/// place on first use: backed up beside itself, then converted in one transaction.
@Suite("A ledger of schema v1 upgraded in place")
struct MigrationTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ledger-v1/ledger.sqlite").path

    /// A v1 ledger's rows, as text: its exports, its versions and its current records.
    struct V1Rows: Equatable {
        var migrations: [String]
        var exports: [[String]]
        var versions: [[String]]
        var current: [[String]]
    }

    static func v1Rows(_ path: String) throws -> V1Rows {
        try DatabaseQueue(path: path).read { db in
            func rows(_ sql: String) throws -> [[String]] {
                try Row.fetchAll(db, sql: sql).map { row in Array(row.databaseValues.map(Self.text)) }
            }
            return V1Rows(
                migrations: try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                exports: try rows("SELECT * FROM exports ORDER BY id"),
                versions: try rows("SELECT * FROM record_versions ORDER BY id"),
                current: try rows("SELECT * FROM current_records ORDER BY table_name, record_key"))
        }
    }

    /// A copy of the fixture in a temporary folder.
    static func withCopy(_ body: (String) throws -> Void) throws {
        try withTemporaryFolder { folder in
            let path = folder + "/ledger.sqlite"
            try FileManager.default.copyItem(atPath: fixture, toPath: path)
            try body(path)
        }
    }

    @Test func everyVersionIsKeptAndEachOccurrenceDigestedAsItsCurrentRecords() throws {
        try Self.withCopy { path in
            let before = try Self.v1Rows(path)
            #expect(before.migrations == ["v1"] && before.versions.count == 33 && before.current.count == 19)
            let ledger = try Ledger(path: path)

            #expect(try Self.v1Rows(path + ".v1-backup") == before, "the backup is the ledger as it was")
            let mode = try FileManager.default.attributesOfItem(atPath: path + ".v1-backup")[.posixPermissions] as? Int
            #expect(mode == 0o640)

            let after = try DatabaseQueue(path: path).read { db in
                (
                    migrations: try String.fetchAll(
                        db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"),
                    tables: try String.fetchAll(
                        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
                    versions: try Row.fetchAll(
                        db, sql: "SELECT id, export_id, action, record_values FROM record_versions ORDER BY id"),
                    exports: try Row.fetchAll(db, sql: "SELECT * FROM exports ORDER BY id").map { row in
                        Array(row.databaseValues.map(Self.text))
                    }
                )
            }
            // The export's migrations, the seals' (issue 29) and the submission service's tables (issue 30).
            #expect(after.migrations == ["seals-v1", "submissions-v1", "v1", "v2"])
            #expect(
                after.tables == [
                    "accounts", "audit_log", "course_occurrences", "exports", "grdb_migrations", "password_links",
                    "receipts", "record_versions", "sealed_decisions", "sealed_files", "sealed_occurrences", "seals",
                    "sessions", "sign_in_attempts",
                ])
            #expect(after.exports == before.exports, "the exports, the abandoned one included, as they were")
            // Each version keeps its id, export and action; its values are those after the key, as the file wrote them.
            #expect(after.versions.map { $0["id"] as Int64 } == before.versions.map { Int64($0[0])! })
            #expect(after.versions.map { $0["export_id"] as Int64 } == before.versions.map { Int64($0[1])! })
            #expect(after.versions.map { $0["action"] as String } == before.versions.map { $0[5] })
            #expect(after.versions[0]["record_values"] as String == "70,P,,,I,SAS")

            // The digest of each occurrence is that of its current records, as an export computes it.
            let records = try before.current.map { row in
                let table = try #require(SITSTable(rawValue: row[0]))
                let values = try JSONDecoder().decode([String].self, from: Data(row[3].utf8))
                return ExportRecord(table: table, fields: values)
            }
            let occurrence = CourseOccurrence(module: "MC4002", occurrence: "SEP", academicYear: "2025/6")
            #expect(try ledger.sentDigests() == [occurrence: try #require(digest(ofSorted: inFilesOrder(records)))])
            #expect(
                try ledger.sent(occurrence).committed
                    == Dictionary(uniqueKeysWithValues: records.map { (Array($0.sortKey), Array($0.values)) }))

            // Opened again: nothing to upgrade, the backup left as it was.
            let written =
                try FileManager.default.attributesOfItem(atPath: path + ".v1-backup")[.modificationDate] as? Date
            _ = try Ledger(path: path)
            #expect(
                try FileManager.default.attributesOfItem(atPath: path + ".v1-backup")[.modificationDate] as? Date
                    == written)
        }
    }

    @Test func anUpgradeThatFailsLeavesTheLedgerAsItWas() throws {
        try Self.withCopy { path in
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: "UPDATE record_versions SET record_values = 'not a list' WHERE id = 20")
            }
            let before = try Self.v1Rows(path)
            #expect(throws: LedgerError.self) { _ = try Ledger(path: path) }
            #expect(try Self.v1Rows(path) == before, "the one transaction rolled back whole")
            #expect(try Self.v1Rows(path + ".v1-backup") == before)
        }
    }

    /// A value of a row as text: a number as its digits, NULL as `NULL`.
    static func text(_ value: DatabaseValue) -> String {
        String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init) ?? "NULL"
    }
}
