import Foundation
internal import GRDB
import Input
import Regulations

/// Who may use the submission service, and for what (SPEC §8).
public enum AccountRole: String, Sendable, CaseIterable {
    /// A course leader or member of a course team: their own courses only.
    case courseTeam = "course-team"
    /// The Assessment and Awards team: every board, the chase list, runs, seals, the audit log.
    case registry
}

/// An account of the submission service, as the ledger holds it.
public struct Account: Sendable, Equatable {
    public let id: Int64
    public let email: String
    public let role: AccountRole
    /// The courses a course-team account may see and submit for; empty for the registry.
    public let courses: [Code]
    /// The page language chosen on the account: `en` or `cy`.
    public let language: String
    /// The bcrypt hash of the password; nil until the one-time link has been used.
    public let passwordHash: String?
    public let disabled: Bool
}

/// One confirmed submission: the receipt a course team is given and the registry sees.
public struct Receipt: Sendable, Equatable {
    public let number: Int64
    public let board: String
    public let course: String
    public let occurrence: String
    /// The file written, relative to the config's folder (`marks/<board>/<COURSE>-<OCCURRENCE>-<n>.csv`).
    public let file: String
    public let sha256: String
    public let rows: Int
    public let email: String
    /// When, in UTC (ISO 8601).
    public let at: String
}

/// One line of the audit log: submissions, seals, unseals and sign-ins.
public struct AuditEntry: Sendable, Equatable {
    public let at: String
    public let actor: String
    public let event: String
    public let board: String
    public let detail: String
}

extension AuditEntry {
    /// A seal as the audit log lists it. The seal book is the one record of seals, whether `board seal` or
    /// the registry's page made them: the log shows them from there, and holds no copy.
    init(_ seal: BoardSeal) {
        self.init(
            at: seal.at, actor: seal.by, event: "seal", board: seal.board.description,
            detail: "version \(seal.version): \(seal.files.count) files, \(seal.decisions) decisions")
    }

    /// An unsealing as the audit log lists it, with its reason.
    init(_ unsealing: Unsealing) {
        self.init(
            at: unsealing.at, actor: unsealing.by, event: "unseal", board: unsealing.board.description,
            detail: "version \(unsealing.version) unsealed: \(unsealing.reason)")
    }

    /// `logged` (newest first) and the seals and unsealings of `book`, newest first by time, at most
    /// `limit`. Both are stamped in UTC to the second in ISO 8601, so their text sorts as their time.
    static func merged(_ logged: [AuditEntry], _ book: SealBook, limit: Int) -> [AuditEntry] {
        // Newest first in their one sequence; the sort is stable, so at equal times each list keeps its order.
        let sealing = (book.seals.map { ($0.id, AuditEntry($0)) } + book.unsealings.map { ($0.id, AuditEntry($0)) })
            .sorted { $0.0 > $1.0 }.map(\.1)
        return Array((logged + sealing).sorted { $0.at > $1.at }.prefix(limit))
    }
}

/// The submission service's tables, in their own migration after the export's: accounts, one-time
/// password links, sessions, sign-in attempts, receipts and the audit log. Secrets are kept only as
/// digests: a copy of the ledger gives no password, link or session.
func registerSubmissionTables(in migrator: inout DatabaseMigrator) {
    migrator.registerMigration("submissions-v1") { db in
        try db.execute(
            sql: """
                CREATE TABLE accounts (
                    id INTEGER PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
                    role TEXT NOT NULL CHECK (role IN ('course-team', 'registry')),
                    courses TEXT NOT NULL,
                    password_hash TEXT,
                    language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'cy')),
                    created_at TEXT NOT NULL,
                    disabled_at TEXT
                );
                CREATE TABLE password_links (
                    token_digest TEXT PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    expires_at TEXT NOT NULL,
                    used_at TEXT
                ) WITHOUT ROWID;
                CREATE TABLE sessions (
                    id_digest TEXT PRIMARY KEY,
                    value BLOB NOT NULL,
                    expires_at REAL NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE sign_in_attempts (
                    id INTEGER PRIMARY KEY,
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    at REAL NOT NULL,
                    succeeded INTEGER NOT NULL
                );
                CREATE INDEX sign_in_attempts_by_account ON sign_in_attempts(account_id, at);
                CREATE TABLE receipts (
                    number INTEGER PRIMARY KEY,
                    upload TEXT NOT NULL UNIQUE,
                    board TEXT NOT NULL,
                    course TEXT NOT NULL,
                    occurrence TEXT NOT NULL,
                    file TEXT NOT NULL UNIQUE,
                    sha256 TEXT NOT NULL,
                    rows INTEGER NOT NULL,
                    account_id INTEGER NOT NULL REFERENCES accounts(id),
                    email TEXT NOT NULL,
                    at TEXT NOT NULL
                );
                CREATE INDEX receipts_by_board ON receipts(board, course, occurrence);
                CREATE TABLE audit_log (
                    id INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    event TEXT NOT NULL CHECK (event IN ('sign-in', 'sign-in-refused', 'submission', 'seal', 'unseal', 'run', 'account')),
                    board TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                """)
    }
}

/// An account that cannot be added or changed as asked.
public struct AccountProblem: Error, Sendable {
    public let message: String
}

extension Ledger: @unchecked Sendable {}  // Its state is a path and a GRDB queue, which is Sendable.

extension Ledger {
    // MARK: Accounts

    /// Adds an account with no password yet, and the digest of its one-time set-password link.
    public func addAccount(
        email: String, role: AccountRole, courses: [Code], linkDigest: String, linkExpires: Date, now: Date
    ) throws -> Account {
        try queue.write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM accounts WHERE email = ?", arguments: [email]) != nil {
                throw AccountProblem(message: "an account for \(email) already exists; see board user list")
            }
            try db.execute(
                sql: "INSERT INTO accounts (email, role, courses, created_at) VALUES (?, ?, ?, ?)",
                arguments: [email, role.rawValue, courses.map(\.description).joined(separator: ","), stamp(now)])
            let id = db.lastInsertedRowID
            try db.execute(
                sql: "INSERT INTO password_links (token_digest, account_id, expires_at) VALUES (?, ?, ?)",
                arguments: [linkDigest, id, stamp(linkExpires)])
            return try Self.account(db, id: id)!
        }
    }

    /// A new one-time link for an existing account (a forgotten password); earlier unused links lapse.
    public func renewPasswordLink(email: String, linkDigest: String, linkExpires: Date, now: Date) throws -> Account {
        try queue.write { db in
            let account = try Self.existingAccount(db, email: email)
            try db.execute(
                sql: "UPDATE password_links SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
                arguments: [stamp(now), account.id])
            try db.execute(
                sql: "INSERT INTO password_links (token_digest, account_id, expires_at) VALUES (?, ?, ?)",
                arguments: [linkDigest, account.id, stamp(linkExpires)])
            return account
        }
    }

    public func accounts() throws(LedgerError) -> [Account] {
        try attempt {
            try queue.read { db in try Row.fetchAll(db, sql: "SELECT * FROM accounts ORDER BY email").map(Self.account)
            }
        }
    }

    public func account(email: String) async throws -> Account? {
        try await queue.read { db in try Self.account(db, email: email) }
    }

    public func account(id: Int64) async throws -> Account? {
        try await queue.read { db in try Self.account(db, id: id) }
    }

    /// Disables an account: it can no longer sign in, and its sessions end.
    public func disableAccount(email: String, now: Date) throws -> Account {
        try queue.write { db in
            let account = try Self.existingAccount(db, email: email)
            try db.execute(
                sql: "UPDATE accounts SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL",
                arguments: [stamp(now), account.id])
            return try Self.account(db, id: account.id)!
        }
    }

    /// Uses a one-time link: sets the password of its account if the link is unused and unexpired.
    /// Returns the account, or nil for a link that is unknown, used or expired.
    public func usePasswordLink(digest: String, passwordHash: String, now: Date) async throws -> Account? {
        let now = stamp(now)
        return try await queue.write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql:
                        "SELECT account_id FROM password_links WHERE token_digest = ? AND used_at IS NULL AND expires_at > ?",
                    arguments: [digest, now])
            else { return nil }
            let id: Int64 = row["account_id"]
            try db.execute(
                sql: "UPDATE password_links SET used_at = ? WHERE token_digest = ?", arguments: [now, digest])
            try db.execute(sql: "UPDATE accounts SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id])
            return try Self.account(db, id: id)
        }
    }

    /// Whether a one-time link can still be used (to show the form, or say that it cannot).
    public func passwordLinkIsUsable(digest: String, now: Date) async throws -> Bool {
        try await queue.read { db in
            try Row.fetchOne(
                db, sql: "SELECT 1 FROM password_links WHERE token_digest = ? AND used_at IS NULL AND expires_at > ?",
                arguments: [digest, stamp(now)]) != nil
        }
    }

    public func setLanguage(_ language: String, account: Int64) async throws {
        try await queue.write { db in
            try db.execute(sql: "UPDATE accounts SET language = ? WHERE id = ?", arguments: [language, account])
        }
    }

    // MARK: Sign-in attempts

    public func recordSignIn(account: Int64, succeeded: Bool, at time: Date) async throws {
        try await queue.write { db in
            try db.execute(
                sql: "INSERT INTO sign_in_attempts (account_id, at, succeeded) VALUES (?, ?, ?)",
                arguments: [account, time.timeIntervalSince1970, succeeded])
        }
    }

    /// The account's failed sign-ins since `since` and since its last successful one, oldest first.
    public func failedSignIns(account: Int64, since: Date) async throws -> [Date] {
        try await queue.read { db in
            try Double.fetchAll(
                db,
                sql: """
                    SELECT at FROM sign_in_attempts WHERE account_id = ? AND succeeded = 0 AND at >= ?
                        AND at > COALESCE((SELECT MAX(at) FROM sign_in_attempts WHERE account_id = ? AND succeeded = 1), 0)
                    ORDER BY at
                    """,
                arguments: [account, since.timeIntervalSince1970, account]
            ).map { Date(timeIntervalSince1970: $0) }
        }
    }

    // MARK: Sessions

    public func storeSession(digest: String, value: Data, expires: Date) async throws {
        try await queue.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO sessions (id_digest, value, expires_at) VALUES (?, ?, ?)",
                arguments: [digest, value, expires.timeIntervalSince1970])
        }
    }

    /// A session that has not expired, with when it expires.
    public func session(digest: String, now: Date) async throws -> (value: Data, expires: Date)? {
        try await queue.read { db in
            try Row.fetchOne(
                db, sql: "SELECT value, expires_at FROM sessions WHERE id_digest = ? AND expires_at > ?",
                arguments: [digest, now.timeIntervalSince1970]
            ).map { ($0["value"], Date(timeIntervalSince1970: $0["expires_at"])) }
        }
    }

    /// Ends a session; and every session that has expired.
    public func removeSession(digest: String, now: Date) async throws {
        try await queue.write { db in
            try db.execute(
                sql: "DELETE FROM sessions WHERE id_digest = ? OR expires_at <= ?",
                arguments: [digest, now.timeIntervalSince1970])
        }
    }

    // MARK: Receipts

    /// The receipt of a confirmed upload, if it was confirmed.
    public func receipt(upload: String) async throws -> Receipt? {
        try await queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM receipts WHERE upload = ?", arguments: [upload]).map(Self.receipt)
        }
    }

    public func receipt(number: Int64) async throws -> Receipt? {
        try await queue.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM receipts WHERE number = ?", arguments: [number]).map(Self.receipt)
        }
    }

    /// The receipts of a board, oldest first; of one course and occurrence when they are given.
    public func receipts(board: String, course: String? = nil, occurrence: String? = nil) async throws -> [Receipt] {
        try await queue.read { db in
            if let course, let occurrence {
                try Row.fetchAll(
                    db,
                    sql: "SELECT * FROM receipts WHERE board = ? AND course = ? AND occurrence = ? ORDER BY number",
                    arguments: [board, course, occurrence]
                ).map(Self.receipt)
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM receipts WHERE board = ? ORDER BY number", arguments: [board])
                    .map(Self.receipt)
            }
        }
    }

    /// Records a confirmed submission and its line in the audit log, in one transaction.
    public func addReceipt(
        upload: String, board: String, course: String, occurrence: String, file: String, sha256: String, rows: Int,
        account: Account, at time: Date
    ) async throws -> Receipt {
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO receipts (upload, board, course, occurrence, file, sha256, rows, account_id, email, at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    upload, board, course, occurrence, file, sha256, rows, account.id, account.email, stamp(time),
                ])
            let receipt = try Row.fetchOne(
                db, sql: "SELECT * FROM receipts WHERE number = ?", arguments: [db.lastInsertedRowID]
            ).map(Self.receipt)!
            try Self.audit(
                db, at: time, actor: account.email, event: "submission", board: board,
                detail: "receipt \(receipt.number): \(file), \(rows) rows, SHA-256 \(sha256)")
            return receipt
        }
    }

    // MARK: Audit log

    public func audit(actor: String, event: String, board: String = "", detail: String, at time: Date) async throws {
        try await queue.write { db in
            try Self.audit(db, at: time, actor: actor, event: event, board: board, detail: detail)
        }
    }

    /// Records an event of the command line (an account added or disabled) in the audit log.
    public func auditNow(actor: String, event: String, detail: String, at time: Date) throws(LedgerError) {
        try attempt {
            try queue.write { db in try Self.audit(db, at: time, actor: actor, event: event, board: "", detail: detail)
            }
        }
    }

    /// The newest `limit` entries, newest first: the audit log's own, and every seal and unsealing of the
    /// seal book, wherever it was made.
    public func auditLog(limit: Int) async throws -> [AuditEntry] {
        let logged = try await queue.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                AuditEntry(
                    at: $0["at"], actor: $0["actor"], event: $0["event"], board: $0["board"], detail: $0["detail"])
            }
        }
        return AuditEntry.merged(logged, try sealBook(), limit: limit)
    }

    private static func audit(
        _ db: Database, at time: Date, actor: String, event: String, board: String, detail: String
    ) throws {
        try db.execute(
            sql: "INSERT INTO audit_log (at, actor, event, board, detail) VALUES (?, ?, ?, ?, ?)",
            arguments: [stamp(time), actor, event, board, detail])
    }

    // MARK: Rows

    private static func account(_ db: Database, id: Int64) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE id = ?", arguments: [id]).map(account)
    }

    private static func account(_ db: Database, email: String) throws -> Account? {
        try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE email = ?", arguments: [email]).map(account)
    }

    /// The account of `email`, which a change to it names; none is the user's mistake.
    private static func existingAccount(_ db: Database, email: String) throws -> Account {
        guard let account = try account(db, email: email) else {
            throw AccountProblem(message: "there is no account for \(email); see board user list")
        }
        return account
    }

    private static func account(_ row: Row) -> Account {
        let courses: String = row["courses"]
        return Account(
            id: row["id"], email: row["email"], role: AccountRole(rawValue: row["role"]) ?? .courseTeam,
            courses: courses.split(separator: ",").compactMap { Code($0) }, language: row["language"],
            passwordHash: row["password_hash"], disabled: (row["disabled_at"] as String?) != nil)
    }

    private static func receipt(_ row: Row) -> Receipt {
        Receipt(
            number: row["number"], board: row["board"], course: row["course"], occurrence: row["occurrence"],
            file: row["file"], sha256: row["sha256"], rows: row["rows"], email: row["email"], at: row["at"])
    }
}

/// A moment in UTC to the second, ISO 8601: the ledger's records of people's actions.
func stamp(_ time: Date) -> String {
    time.formatted(.iso8601)
}
