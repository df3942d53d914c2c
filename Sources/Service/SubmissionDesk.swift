import Foundation
import Input
import Ledger
import Outputs
import Regulations

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why an upload or a confirmation was refused, in the words the page shows.
public struct Refusal: Error, Sendable {
    public let status: Int
    public let message: ServiceMessage

    public init(_ status: Int, _ message: ServiceMessage) {
        self.status = status
        self.message = message
    }
}

/// Where uploads wait to be confirmed, and where confirming them writes the file and the receipt.
/// Uploads are held in memory for an hour: a person who does not confirm leaves nothing behind.
public actor SubmissionDesk {
    /// The largest sheet taken (SPEC §8).
    public static let largestUpload = 10 * 1024 * 1024
    /// How long an upload waits to be confirmed, and how much one account may hold at once (the
    /// oldest uploads are let go first).
    static let heldFor: TimeInterval = 60 * 60
    static let heldBytesPerAccount = 5 * largestUpload

    let institution: Institution
    /// Uploads are read and checked one per core at a time, the others waiting in the order they came.
    public let turns = Turns(ProcessInfo.processInfo.activeProcessorCount)
    private var held: [String: SheetUpload] = [:]
    /// Confirmations under way or done since the service started, by upload: a second click on
    /// "Confirm" waits for the first and gets the same receipt.
    private var confirming: [String: Task<Receipt, any Error>] = [:]

    public init(institution: Institution) { self.institution = institution }

    /// Checks a sheet uploaded as the sheet of `key` at `board` by `account`, and holds it. The check runs
    /// beside other uploads' checks: only holding it waits for the desk.
    public nonisolated func upload(
        _ bytes: [UInt8], named shownName: String, as key: SheetKey, board: Day, account: Account
    ) async throws -> SheetUpload {
        try await requireOpen(board)
        guard MarkSheet.isSheet(shownName) else { throw Refusal(415, .notASheet) }
        let (sheet, file) = Self.read(bytes, shownAs: shownName)
        let register = institution.register
        let check = SubmissionCheck.check(
            sheet, as: key, board: board, courses: Set(account.courses), config: institution.config,
            register: register.register)
        let previous = try await previousRows(of: key, at: board)
        let upload = SheetUpload(
            id: Secrets.token(), account: account.id, board: board, key: key, bytes: file, shownName: shownName,
            check: check, preview: Preview.compare(check.rows, with: previous, blank: check.report.blank),
            uploadedAt: institution.clock())
        await hold(upload)
        return upload
    }

    /// The upload `id`, if `account` made it and it is still held.
    public func upload(_ id: String, account: Int64) -> SheetUpload? {
        held[id].flatMap { $0.account == account ? $0 : nil }
    }

    /// Confirms upload `id`: its bytes written to `marks/<board>/<COURSE>-<OCCURRENCE>-<n>.csv` as a new
    /// file and a receipt recorded. The same upload confirmed again gives the same receipt, and no
    /// second file.
    public func confirm(_ id: String, account: Account) async throws -> Receipt {
        if let task = confirming[id] {
            let receipt = try await task.value
            guard receipt.email == account.email else { throw Refusal(404, .uploadGone) }
            return receipt
        }
        guard let upload = held[id], upload.account == account.id else {
            // Confirmed before the service last started: the ledger has its receipt.
            if let receipt = try await institution.ledger.receipt(upload: id), receipt.email == account.email {
                return receipt
            }
            throw Refusal(404, .uploadGone)
        }
        guard upload.check.canConfirm else { throw Refusal(409, .cannotConfirm(errors: upload.check.report.errors)) }
        let institution = institution
        let task = Task { try await Self.write(upload, account: account, institution: institution) }
        confirming[id] = task
        do {
            let receipt = try await task.value
            held[id] = nil
            return receipt
        } catch {
            confirming[id] = nil
            throw error
        }
    }

    /// Refuses a submission to a sealed board: the one place the service asks.
    nonisolated func requireOpen(_ board: Day) async throws {
        if try await institution.seals.isSealed(board) { throw Refusal(409, .boardSealed(board.description)) }
    }

    private func hold(_ upload: SheetUpload) {
        let now = upload.uploadedAt
        held = held.filter { now.timeIntervalSince($0.value.uploadedAt) < Self.heldFor }
        var bytes = upload.bytes.count
        for old in held.values.filter({ $0.account == upload.account }).sorted(by: { $0.uploadedAt > $1.uploadedAt }) {
            bytes += old.bytes.count
            if bytes > Self.heldBytesPerAccount { held[old.id] = nil }
        }
        held[upload.id] = upload
    }

    /// The rows of the sheet as its last confirmed submission to the board held them.
    private nonisolated func previousRows(of key: SheetKey, at board: Day) async throws -> [MarkRow] {
        guard
            let last = try await institution.ledger.receipts(
                board: board.description, course: key.course.description, occurrence: key.occurrence.description
            ).last
        else { return [] }
        let path = institution.config.folder + "/" + last.file
        return MarkSheet.read(path, displayedAs: last.file, place: 0).rows.filter {
            $0.course == key.course && $0.occurrence == key.occurrence
        }
    }

    /// Reads an uploaded sheet as `board check` reads it, and gives the file a confirmation writes: a CSV
    /// sheet's bytes as sent; a workbook's rows as CSV (SPEC §8), checked as that CSV, so that what the
    /// check says is what every run of the file will say. A workbook that cannot be read is checked as
    /// it came, for the check's words on it (`BROKEN_WORKBOOK`).
    static func read(_ bytes: [UInt8], shownAs shownName: String) -> (sheet: MarkSheet, file: [UInt8]) {
        var file = bytes
        var format = "csv"
        if TableFormat(ofName: shownName) == .workbook {
            if let csv = WorkbookCSV.convert(bytes) { file = csv } else { format = "xlsx" }
        }
        return (MarkSheet.read(bytes: file, name: "upload.\(format)", displayedAs: shownName, place: 0), file)
    }

    /// Writes the file under the next free number (a number taken meanwhile is skipped, never
    /// overwritten), then the receipt; a receipt that cannot be recorded takes its file away again.
    private static func write(_ upload: SheetUpload, account: Account, institution: Institution) async throws
        -> Receipt
    {
        if try await institution.seals.isSealed(upload.board) {
            throw Refusal(409, .boardSealed(upload.board.description))
        }
        let folder = institution.boardFolder(upload.board)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        var number = SubmissionName.next(upload.key, among: names)
        var name = SubmissionName.name(upload.key, number: number)
        do {
            while try !NewFile.create(name, in: folder, bytes: upload.bytes) {
                number += 1
                name = SubmissionName.name(upload.key, number: number)
            }
        } catch {
            throw Refusal(503, .cannotWrite)
        }
        do {
            return try await institution.ledger.addReceipt(
                upload: upload.id, board: upload.board.description, course: upload.key.course.description,
                occurrence: upload.key.occurrence.description,
                file: institution.config.relative(folder + "/" + name), sha256: sha256(of: upload.bytes),
                rows: upload.check.report.rowsRead, account: account, at: institution.clock())
        } catch {
            unlink(folder + "/" + name)
            throw Refusal(503, .cannotWrite)
        }
    }
}

/// At most `count` pieces of work at once; the rest wait their turn in the order they came. Work that
/// shares the cores all at once finishes all at once, late; in turn, the first finish first.
public actor Turns {
    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public init(_ count: Int) { free = max(1, count) }

    public func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if free > 0 {
            free -= 1
        } else {
            await withCheckedContinuation { waiting.append($0) }
        }
        defer {
            if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
        }
        return try await work()
    }
}
