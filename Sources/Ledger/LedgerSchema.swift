import Foundation
internal import GRDB
import Regulations

/// The ledger's tables, and how a ledger of an earlier schema is brought up to date. A migration, once
/// released, is never changed: a ledger written by that version is upgraded by exactly that code.
enum LedgerSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        // The first schema: every version's key and values as JSON arrays, and a copy of the last version
        // sent of each live record in `current_records`, which each export loaded whole.
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
        // Compact records (issue 28): each version once, its key in typed columns and its values after
        // the key as the export file wrote them; no copy of the current state, whose digest per course
        // occurrence is kept instead. Exports gain the status `orphaned`, whose versions are kept.
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE exports_v2 (
                        id INTEGER PRIMARY KEY,
                        as_of TEXT NOT NULL,
                        started_at TEXT NOT NULL,
                        ended_at TEXT,
                        status TEXT NOT NULL CHECK (status IN ('started', 'committed', 'abandoned', 'orphaned')),
                        folder TEXT NOT NULL,
                        input_digest TEXT NOT NULL,
                        counts TEXT
                    );
                    INSERT INTO exports_v2 SELECT id, as_of, started_at, ended_at, status, folder, input_digest, counts
                        FROM exports;
                    DROP INDEX record_versions_by_record;
                    DROP INDEX record_versions_by_spr;
                    ALTER TABLE record_versions RENAME TO record_versions_v1;
                    CREATE TABLE course_occurrences (
                        id INTEGER PRIMARY KEY,
                        mod_code TEXT NOT NULL,
                        mav_occur TEXT NOT NULL,
                        ayr_code TEXT NOT NULL,
                        sent_digest TEXT,
                        UNIQUE (mod_code, mav_occur, ayr_code)
                    );
                    CREATE TABLE record_versions (
                        id INTEGER PRIMARY KEY,
                        export_id INTEGER NOT NULL REFERENCES exports(id),
                        occurrence_id INTEGER NOT NULL REFERENCES course_occurrences(id),
                        table_name TEXT NOT NULL,
                        spr_code TEXT NOT NULL,
                        psl_code TEXT NOT NULL,
                        mab_seq TEXT NOT NULL,
                        rseq TEXT NOT NULL,
                        action TEXT NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
                        record_values TEXT NOT NULL
                    );
                    """)
            try convertVersions(db)
            try digestCurrentRecords(db)
            try db.execute(
                sql: """
                    DROP TABLE record_versions_v1;
                    DROP TABLE current_records;
                    DROP TABLE exports;
                    ALTER TABLE exports_v2 RENAME TO exports;
                    CREATE INDEX record_versions_by_occurrence ON record_versions(occurrence_id);
                    CREATE INDEX record_versions_by_spr ON record_versions(spr_code);
                    """)
        }
        registerSealTables(in: &migrator)
        registerSubmissionTables(in: &migrator)
        return migrator
    }

    /// The key's fields after its course occurrence, in the columns `psl_code`, `mab_seq` and `rseq`;
    /// empty where the table's key has none.
    static func keyAfterOccurrence(_ key: [String]) -> (psl: String, mab: String, rseq: String) {
        (key.count > 4 ? key[4] : "", key.count > 5 ? key[5] : "", key.count > 6 ? key[6] : "")
    }

    /// A record's key from the ledger's columns.
    static func key(table: SITSTable, spr: String, occurrence: CourseOccurrence, after: [String]) -> [String] {
        [spr, occurrence.module, occurrence.occurrence, occurrence.academicYear] + after.prefix(table.keyColumns - 4)
    }

    /// v1's versions, one by one in the order they were sent, keeping their ids: the values of each (of
    /// which the key is the first fields) decoded from JSON and encoded as the export file wrote them.
    private static func convertVersions(_ db: Database) throws {
        var occurrenceIDs: [CourseOccurrence: Int64] = [:]
        let addOccurrence = try db.makeStatement(
            sql: "INSERT INTO course_occurrences (mod_code, mav_occur, ayr_code) VALUES (?, ?, ?)")
        let addVersion = try db.makeStatement(
            sql: """
                INSERT INTO record_versions
                    (id, export_id, occurrence_id, table_name, spr_code, psl_code, mab_seq, rseq, action, record_values)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        let rows = try Row.fetchCursor(
            db, sql: "SELECT id, export_id, table_name, action, record_values FROM record_versions_v1 ORDER BY id")
        let decoder = JSONDecoder()
        while let row = try rows.next() {
            let (table, values) = try record(row, decoder: decoder)
            let key = Array(values.prefix(table.keyColumns))
            let occurrence = CourseOccurrence(ofKey: key)
            let occurrenceID: Int64
            if let known = occurrenceIDs[occurrence] {
                occurrenceID = known
            } else {
                try addOccurrence.execute(arguments: [
                    occurrence.module, occurrence.occurrence, occurrence.academicYear,
                ])
                occurrenceID = db.lastInsertedRowID
                occurrenceIDs[occurrence] = occurrenceID
            }
            var encoded: [UInt8] = []
            ExportRecord.encode(values.dropFirst(table.keyColumns), into: &encoded)
            let after = keyAfterOccurrence(key)
            try addVersion.execute(arguments: [
                row["id"] as Int64, row["export_id"] as Int64, occurrenceID, table.rawValue, key[0], after.psl,
                after.mab, after.rseq, row["action"] as String, String(decoding: encoded, as: UTF8.self),
            ])
        }
    }

    /// The digest of each course occurrence's live records, from v1's copy of them, one occurrence at a
    /// time.
    private static func digestCurrentRecords(_ db: Database) throws {
        let setDigest = try db.makeStatement(
            sql: "UPDATE course_occurrences SET sent_digest = ? WHERE mod_code = ? AND mav_occur = ? AND ayr_code = ?")
        func finish(_ occurrence: CourseOccurrence?, _ records: [ExportRecord]) throws {
            guard let occurrence else { return }
            try setDigest.execute(arguments: [
                digest(ofSorted: inFilesOrder(records)), occurrence.module, occurrence.occurrence,
                occurrence.academicYear,
            ])
        }
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT table_name, record_values FROM current_records ORDER BY
                    json_extract(record_values, '$[1]'), json_extract(record_values, '$[2]'),
                    json_extract(record_values, '$[3]')
                """)
        let decoder = JSONDecoder()
        var occurrence: CourseOccurrence?
        var records: [ExportRecord] = []
        while let row = try rows.next() {
            let (table, values) = try record(row, decoder: decoder)
            let record = ExportRecord(table: table, fields: values)
            let here = CourseOccurrence(ofKey: record.id.key)
            if here != occurrence {
                try finish(occurrence, records)
                occurrence = here
                records = []
            }
            records.append(record)
        }
        try finish(occurrence, records)
    }

    /// A v1 row's table and values; a ledger this program wrote holds no other.
    private static func record(_ row: Row, decoder: JSONDecoder) throws -> (SITSTable, [String]) {
        guard let table = SITSTable(rawValue: row["table_name"]) else {
            throw DatabaseError(message: "a record of an unknown table \(row["table_name"] as String)")
        }
        let values = try decoder.decode([String].self, from: Data((row["record_values"] as String).utf8))
        guard values.count == table.columns.count else {
            throw DatabaseError(message: "a \(table.rawValue) record of \(values.count) fields")
        }
        return (table, values)
    }
}
