import Foundation
internal import GRDB
import Input
import Regulations

/// The tables of sealed boards (SPEC §7), in their own migration after the export's: each seal and each
/// unsealing one row of `seals` (one sequence, so their order is known, and the last export started
/// before it, so that `board history` places it among the exports), every file of a sealed board's
/// folder, and the decisions at the board with the digest of each course occurrence's.
func registerSealTables(in migrator: inout DatabaseMigrator) {
    migrator.registerMigration("seals-v1") { db in
        try db.execute(
            sql: """
                CREATE TABLE seals (
                    id INTEGER PRIMARY KEY,
                    action TEXT NOT NULL CHECK (action IN ('seal', 'unseal')),
                    board TEXT NOT NULL,
                    academic_year TEXT NOT NULL,
                    version INTEGER NOT NULL,
                    who TEXT NOT NULL,
                    at TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    decisions INTEGER NOT NULL,
                    after_export INTEGER NOT NULL,
                    UNIQUE (board, version, action)
                );
                CREATE TABLE sealed_files (
                    seal_id INTEGER NOT NULL REFERENCES seals(id),
                    name TEXT NOT NULL,
                    size INTEGER,
                    sha256 TEXT,
                    rows INTEGER,
                    PRIMARY KEY (seal_id, name)
                ) WITHOUT ROWID;
                CREATE TABLE sealed_occurrences (
                    seal_id INTEGER NOT NULL REFERENCES seals(id),
                    course_code TEXT NOT NULL,
                    occurrence TEXT NOT NULL,
                    decisions_digest TEXT NOT NULL,
                    PRIMARY KEY (seal_id, course_code, occurrence)
                ) WITHOUT ROWID;
                CREATE TABLE sealed_decisions (
                    seal_id INTEGER NOT NULL REFERENCES seals(id),
                    course_code TEXT NOT NULL,
                    occurrence TEXT NOT NULL,
                    student_id TEXT NOT NULL,
                    outcome TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    agreed_mark TEXT NOT NULL,
                    grade TEXT NOT NULL,
                    decided_at TEXT NOT NULL,
                    PRIMARY KEY (seal_id, course_code, occurrence, student_id)
                ) WITHOUT ROWID;
                """)
    }
}

extension Ledger {
    /// Every seal and unsealing, in the order they were made; none in a ledger older than the seals.
    public func sealBook() throws(LedgerError) -> SealBook {
        try attempt {
            try queue.read { db in
                guard try db.tableExists("seals") else { return SealBook() }
                var files: [Int64: [SealedFile]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT * FROM sealed_files ORDER BY seal_id, name") {
                    files[row["seal_id"], default: []].append(
                        SealedFile(name: row["name"], size: row["size"], sha256: row["sha256"], rows: row["rows"]))
                }
                var seals: [BoardSeal] = []
                var unsealings: [Unsealing] = []
                for row in try Row.fetchAll(db, sql: "SELECT * FROM seals ORDER BY id") {
                    guard let board = Day(row["board"] as String) else { continue }
                    let id: Int64 = row["id"]
                    if row["action"] == "seal" {
                        var seal = BoardSeal(
                            id: id, board: board, academicYear: row["academic_year"], version: row["version"],
                            by: row["who"], at: row["at"], afterExport: row["after_export"], files: files[id] ?? [],
                            decisions: row["decisions"])
                        // Sorted as names are compared everywhere: by their bytes.
                        seal.files.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
                        seals.append(seal)
                    } else {
                        unsealings.append(
                            Unsealing(
                                id: id, board: board, version: row["version"], by: row["who"], at: row["at"],
                                afterExport: row["after_export"], reason: row["reason"]))
                    }
                }
                return SealBook(seals: seals, unsealings: unsealings)
            }
        }
    }

    /// The digest of each course occurrence's decisions that `seal` recorded.
    public func sealedDigests(of seal: BoardSeal) throws(LedgerError) -> [SealedDecision.Occurrence: String] {
        try attempt {
            try queue.read { db in
                var digests: [SealedDecision.Occurrence: String] = [:]
                for row in try Row.fetchAll(
                    db,
                    sql: "SELECT course_code, occurrence, decisions_digest FROM sealed_occurrences WHERE seal_id = ?",
                    arguments: [seal.id])
                {
                    digests[SealedDecision.Occurrence(course: row["course_code"], occurrence: row["occurrence"])] =
                        row["decisions_digest"]
                }
                return digests
            }
        }
    }

    /// The decisions `seal` recorded in these course occurrences.
    public func sealedDecisions(of seal: BoardSeal, in occurrences: [SealedDecision.Occurrence])
        throws(LedgerError) -> [SealedDecision]
    {
        try attempt {
            try queue.read { db in
                let statement = try db.makeStatement(
                    sql: """
                        SELECT * FROM sealed_decisions WHERE seal_id = ? AND course_code = ? AND occurrence = ?
                        ORDER BY student_id
                        """)
                return try occurrences.flatMap { occurrence in
                    try Row.fetchAll(statement, arguments: [seal.id, occurrence.course, occurrence.occurrence]).map {
                        SealedDecision(
                            student: $0["student_id"], course: $0["course_code"], occurrence: $0["occurrence"],
                            outcome: $0["outcome"], reason: $0["reason"], agreedMark: $0["agreed_mark"],
                            grade: $0["grade"], decidedAt: $0["decided_at"])
                    }
                }
            }
        }
    }

    /// The next seal of `board` in one transaction: its files, the decisions at the board and their
    /// digests. nil when the board was sealed meanwhile (its latest entry is a seal): nothing is written.
    /// `reached` is told of each step inside the transaction, before it commits.
    func recordSeal(
        board: Day, academicYear: String, by who: String, files: [SealedFile], decisions results: [EnrolmentResult],
        reached: (Sealing.Step) -> Void
    ) throws(LedgerError) -> BoardSeal? {
        try attempt {
            try queue.write { db -> BoardSeal? in
                let latest = try Row.fetchOne(
                    db, sql: "SELECT action, version FROM seals WHERE board = ? ORDER BY id DESC LIMIT 1",
                    arguments: [board.description])
                if latest?["action"] == "seal" { return nil }
                let version = (latest?["version"] as Int? ?? 0) + 1
                let at = Self.timestamp()
                let afterExport = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM exports") ?? 0
                try db.execute(
                    sql: """
                        INSERT INTO seals (action, board, academic_year, version, who, at, reason, decisions, after_export)
                        VALUES ('seal', ?, ?, ?, ?, ?, '', ?, ?)
                        """,
                    arguments: [board.description, academicYear, version, who, at, results.count, afterExport])
                let id = db.lastInsertedRowID
                let addFile = try db.makeStatement(
                    sql: "INSERT INTO sealed_files (seal_id, name, size, sha256, rows) VALUES (?, ?, ?, ?, ?)")
                for file in files {
                    try addFile.execute(arguments: [id, file.name, file.size, file.sha256, file.rows])
                }
                reached(.filesRecorded)
                let addOccurrence = try db.makeStatement(
                    sql:
                        "INSERT INTO sealed_occurrences (seal_id, course_code, occurrence, decisions_digest) VALUES (?, ?, ?, ?)"
                )
                for (occurrence, digest) in SealedDecision.digests(of: results) {
                    try addOccurrence.execute(arguments: [id, occurrence.course, occurrence.occurrence, digest])
                }
                // A hundred decisions a statement, as an export's versions.
                let rowsPerStatement = 100
                func addDecisions(_ rows: Int) throws -> Statement {
                    try db.makeStatement(
                        sql: """
                            INSERT INTO sealed_decisions (seal_id, course_code, occurrence, student_id, outcome, reason,
                                agreed_mark, grade, decided_at)
                            VALUES \(Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", "))
                            """)
                }
                let addHundred = try addDecisions(rowsPerStatement)
                var values: [DatabaseValue] = []
                values.reserveCapacity(9 * rowsPerStatement)
                for first in stride(from: 0, to: results.count, by: rowsPerStatement) {
                    let part = results[first..<min(first + rowsPerStatement, results.count)]
                    values.removeAll(keepingCapacity: true)
                    for result in part {
                        let decision = SealedDecision(result)
                        values += [
                            id.databaseValue, decision.course.databaseValue, decision.occurrence.databaseValue,
                            decision.student.databaseValue, decision.outcome.databaseValue,
                            decision.reason.databaseValue, decision.agreedMark.databaseValue,
                            decision.grade.databaseValue, decision.decidedAt.databaseValue,
                        ]
                    }
                    let statement = part.count == rowsPerStatement ? addHundred : try addDecisions(part.count)
                    statement.setUncheckedArguments(StatementArguments(values))
                    try statement.execute()
                }
                reached(.decisionsRecorded)
                return BoardSeal(
                    id: id, board: board, academicYear: academicYear, version: version, by: who, at: at,
                    afterExport: afterExport, files: files, decisions: results.count)
            }
        }
    }

    /// An unsealing of `board` in one transaction: who, when and why. nil when the board is not sealed
    /// (never sealed, or unsealed already): nothing is written.
    func recordUnseal(board: Day, by who: String, reason: String) throws(LedgerError) -> Unsealing? {
        try attempt {
            try queue.write { db -> Unsealing? in
                guard
                    let latest = try Row.fetchOne(
                        db,
                        sql:
                            "SELECT action, version, academic_year FROM seals WHERE board = ? ORDER BY id DESC LIMIT 1",
                        arguments: [board.description]), latest["action"] == "seal"
                else { return nil }
                let at = Self.timestamp()
                let afterExport = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM exports") ?? 0
                try db.execute(
                    sql: """
                        INSERT INTO seals (action, board, academic_year, version, who, at, reason, decisions, after_export)
                        VALUES ('unseal', ?, ?, ?, ?, ?, ?, 0, ?)
                        """,
                    arguments: [
                        board.description, latest["academic_year"] as String, latest["version"] as Int, who, at,
                        reason, afterExport,
                    ])
                return Unsealing(
                    id: db.lastInsertedRowID, board: board, version: latest["version"], by: who, at: at,
                    afterExport: afterExport, reason: reason)
            }
        }
    }
}
