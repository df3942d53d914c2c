import Foundation
import Regulations

/// One file of a board's folder (`marks/<board>/`) as a seal records it: every entry but hidden ones,
/// sheet or not, since each can change what a run says (a sheet its rows, any other file a warning).
public struct SealedFile: Sendable, Equatable {
    /// The file's name in the board's folder.
    public var name: String
    /// nil for an entry that is not a regular file that could be read (a folder, a link to nowhere).
    public var size: Int?
    public var sha256: String?
    /// The rows read from it, for a sheet; nil for another file.
    public var rows: Int?

    public init(name: String, size: Int?, sha256: String?, rows: Int?) {
        self.name = name
        self.size = size
        self.sha256 = sha256
        self.rows = rows
    }
}

/// One version of a board's seal (SPEC §7): the board's files and decisions as they were when it was
/// sealed, who sealed it and when.
public struct BoardSeal: Sendable {
    /// Its place among the ledger's seals and unsealings, which share one sequence: their order.
    public var id: Int64
    public var board: Day
    public var academicYear: String
    /// 1 for the first seal; one more each time the board is sealed again after an unsealing.
    public var version: Int
    public var by: String
    /// When, in UTC (ISO 8601).
    public var at: String
    /// The last export started before it (0: none), which places it among the exports.
    public var afterExport: Int64
    public var files: [SealedFile]
    /// How many enrolments' decisions it recorded.
    public var decisions: Int

    public init(
        id: Int64, board: Day, academicYear: String, version: Int, by: String, at: String, afterExport: Int64,
        files: [SealedFile], decisions: Int
    ) {
        self.id = id
        self.board = board
        self.academicYear = academicYear
        self.version = version
        self.by = by
        self.at = at
        self.afterExport = afterExport
        self.files = files
        self.decisions = decisions
    }
}

/// A board unsealed so that its sheets may change: who, when and why.
public struct Unsealing: Sendable, Equatable {
    /// In the one sequence of seals and unsealings.
    public var id: Int64
    public var board: Day
    /// The version of the seal it broke.
    public var version: Int
    public var by: String
    public var at: String
    /// The last export started before it (0: none).
    public var afterExport: Int64
    public var reason: String

    public init(id: Int64, board: Day, version: Int, by: String, at: String, afterExport: Int64, reason: String) {
        self.id = id
        self.board = board
        self.version = version
        self.by = by
        self.at = at
        self.afterExport = afterExport
        self.reason = reason
    }
}

/// Every seal and unsealing the ledger holds, in the order they were made.
public struct SealBook: Sendable {
    public var seals: [BoardSeal]
    public var unsealings: [Unsealing]

    public init(seals: [BoardSeal] = [], unsealings: [Unsealing] = []) {
        self.seals = seals.sorted { $0.id < $1.id }
        self.unsealings = unsealings.sorted { $0.id < $1.id }
    }

    /// The board's first seal: the decisions amendments are measured against.
    public func first(_ board: Day) -> BoardSeal? { seals.first { $0.board == board } }

    /// The board's latest seal, unsealed since or not.
    public func latest(_ board: Day) -> BoardSeal? { seals.last { $0.board == board } }

    /// The seal in force: the latest, unless it was unsealed.
    public func current(_ board: Day) -> BoardSeal? {
        guard let latest = latest(board) else { return nil }
        return unsealings.contains { $0.board == board && $0.version == latest.version } ? nil : latest
    }

    public func isSealed(_ board: Day) -> Bool { current(board) != nil }

    /// The last unsealing made between two entries of the ledger (`before` nil: since `after`), of
    /// `board` or of an earlier board of its year (`boards`), whose sheets the decisions at `board`
    /// also rest on. nil when there is none.
    public func unsealing(after: Int64, before: Int64?, upTo board: Day, of boards: [Day]) -> Unsealing? {
        unsealings.last {
            $0.id > after && $0.id < (before ?? .max) && $0.board <= board && boards.contains($0.board)
        }
    }
}

/// A file of a sealed board's folder that is not as the seal recorded it.
public struct SheetChange: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case changed, added, removed
    }

    public var kind: Kind
    /// As commands show paths: relative to board.toml's folder.
    public var path: String
    /// The SHA-256 the seal recorded; nil for an added file, or one the seal found unreadable.
    public var then: String?
    /// The SHA-256 now; nil for a removed file, or one that cannot be read.
    public var now: String?
}

/// A change of board.toml's calendar that would rewrite a sealed board's decisions in silence.
public enum CalendarChange: Sendable {
    /// A sealed board is no longer a board of the academic year it was sealed in (removed, or moved).
    case sealedBoardGone(BoardSeal)
    /// A board never sealed, before a board of the same year that is sealed.
    case boardAddedBefore(Day, sealed: BoardSeal)
}

/// The sealed boards whose files changed since they were sealed, and the changes of the calendar under
/// sealed boards: the command is refused.
public struct BrokenSeals: Error, Sendable {
    public struct Board: Sendable {
        public var seal: BoardSeal
        public var changes: [SheetChange]
    }

    public var boards: [Board] = []
    public var calendar: [CalendarChange] = []
}

/// The files of a board's folder as they are now.
public enum BoardFolderFiles {
    /// Every entry of `marks/<board>/` but hidden ones, in byte order of their names; an empty list when
    /// the folder does not exist. A file's digest and rows come from `sheets` when a run read it (the
    /// bytes it parsed), else from reading it now; only a regular file is read.
    public static func list(_ board: Day, config: BoardConfig, sheets: [MarkSheet]) throws(UnreadableFolder)
        -> [SealedFile]
    {
        let folder = config.marks + "/" + board.description
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) { return [] }
            throw UnreadableFolder(path: folder, reason: systemReason(error))
        }
        // By their bytes, as the file system tells files apart (see `changes`).
        let read = Dictionary(sheets.map { (Array($0.path.utf8), $0) }, uniquingKeysWith: { first, _ in first })
        return names.filter { !$0.hasPrefix(".") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { name in
            let path = folder + "/" + name
            var status = stat()
            let regular = stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
            if let sheet = read[Array(path.utf8)] {
                return SealedFile(
                    name: name, size: sheet.sha256 == nil || !regular ? nil : Int(status.st_size),
                    sha256: sheet.sha256, rows: sheet.rowsRead)
            }
            guard regular, let bytes = try? FileBytes.read(path) else {
                return SealedFile(name: name, size: nil, sha256: nil, rows: nil)
            }
            return SealedFile(name: name, size: bytes.count, sha256: sha256(of: bytes), rows: nil)
        }
    }

    /// Whether the sheets among `files`, the board's folder as listed, are those a run read from it
    /// (`sheets`): not when one was added or removed between the run's reading and the listing.
    public static func sheets(in files: [SealedFile], areThoseRead sheets: [MarkSheet], board: Day, config: BoardConfig)
        -> Bool
    {
        let folder = config.marks + "/" + board.description + "/"
        let read = Set(sheets.map { Array($0.path.utf8) }.filter { $0.starts(with: folder.utf8) })
        let listed = Set(files.filter { MarkSheet.isSheet($0.name) }.map { Array((folder + $0.name).utf8) })
        return read == listed
    }

    /// What differs between the files a seal recorded and those now, in byte order of their names.
    public static func changes(from sealed: [SealedFile], to now: [SealedFile], board: Day, config: BoardConfig)
        -> [SheetChange]
    {
        // Names are compared by their bytes: Swift's strings are equal when canonically equivalent (ŵ as
        // one character or as w and a combining circumflex), but to the file system they are two files.
        let then = Dictionary(sealed.map { (Array($0.name.utf8), $0) }, uniquingKeysWith: { first, _ in first })
        let current = Dictionary(now.map { (Array($0.name.utf8), $0) }, uniquingKeysWith: { first, _ in first })
        let names = Set(then.keys).union(current.keys).sorted { $0.lexicographicallyPrecedes($1) }
        return names.compactMap { name in
            let path = config.relative(
                config.marks + "/" + board.description + "/" + String(decoding: name, as: UTF8.self))
            switch (then[name], current[name]) {
            case (let old?, let new?):
                return old.sha256 == new.sha256
                    ? nil : SheetChange(kind: .changed, path: path, then: old.sha256, now: new.sha256)
            case (let old?, nil): return SheetChange(kind: .removed, path: path, then: old.sha256, now: nil)
            case (nil, let new?): return SheetChange(kind: .added, path: path, then: nil, now: new.sha256)
            case (nil, nil): return nil
            }
        }
    }
}

extension SealBook {
    /// Verifies the folder of each sealed board among `boards` against its seal, before anything is
    /// written: throws every sealed board whose files changed, added or removed since. `sheets` are the
    /// sheets the command read, whose digests are of the bytes it parsed.
    /// Board.toml must keep every sealed board in its year, and add no board before a sealed one.
    public func verify(_ boards: some Sequence<Day>, config: BoardConfig, sheets: [MarkSheet]) throws {
        var broken = BrokenSeals(calendar: calendarChanges(config))
        for board in Set(boards).sorted() {
            guard let seal = current(board) else { continue }
            let now = try BoardFolderFiles.list(board, config: config, sheets: sheets)
            let changes = BoardFolderFiles.changes(from: seal.files, to: now, board: board, config: config)
            if !changes.isEmpty { broken.boards.append(.init(seal: seal, changes: changes)) }
        }
        if !broken.boards.isEmpty || !broken.calendar.isEmpty { throw broken }
    }

    /// What board.toml's calendar changed under the sealed boards: a board sealed now that is no longer a
    /// board of its year, and a board never sealed before one sealed now.
    func calendarChanges(_ config: BoardConfig) -> [CalendarChange] {
        var changes: [CalendarChange] = []
        for board in Set(seals.map(\.board)).sorted() {
            if let current = current(board), config.year(ofBoard: board)?.code != current.academicYear {
                changes.append(.sealedBoardGone(current))
            }
        }
        for year in config.academicYears {
            for board in year.boards where first(board) == nil {
                if let sealed = year.boards.first(where: { $0 > board && isSealed($0) }).flatMap(current) {
                    changes.append(.boardAddedBefore(board, sealed: sealed))
                }
            }
        }
        return changes
    }
}

/// A seal as a run's manifest.json lists it (`seals`): one the run verified, of its year's boards up to
/// its own, so that a ledger put back from before the seal, or lost, cannot go unseen.
public struct RecordedSeal: Codable, Sendable, Equatable {
    /// The board's date, `YYYY-MM-DD`.
    public var board: String
    public var version: Int
    public var by: String
    /// When, in UTC (ISO 8601).
    public var at: String

    public init(board: String, version: Int, by: String, at: String) {
        self.board = board
        self.version = version
        self.by = by
        self.at = at
    }

    public init(_ seal: BoardSeal) {
        self.init(board: seal.board.description, version: seal.version, by: seal.by, at: seal.at)
    }
}

/// A seal a board folder's manifest lists that the ledger does not hold: the ledger is an older copy,
/// or a new one.
public struct ForgottenSeal: Sendable, Equatable {
    /// The manifest that lists it.
    public var manifest: String
    public var seal: RecordedSeal

    public init(manifest: String, seal: RecordedSeal) {
        self.manifest = manifest
        self.seal = seal
    }
}

extension SealBook {
    /// The seals in force of `boards`, in the order of the boards, as a manifest lists them.
    public func recorded(_ boards: some Sequence<Day>) -> [RecordedSeal] {
        Set(boards).sorted().compactMap { current($0).map(RecordedSeal.init) }
    }

    /// Every seal the manifests list (`path`, `seals`) that the book does not hold, same board and
    /// version, unsealed since or not: in the order of the manifests, then of their lists.
    public func forgotten(_ manifests: [(path: String, seals: [RecordedSeal])]) -> [ForgottenSeal] {
        manifests.flatMap { manifest in
            manifest.seals.filter { listed in
                !seals.contains { $0.board.description == listed.board && $0.version == listed.version }
            }.map { ForgottenSeal(manifest: manifest.path, seal: $0) }
        }
    }
}
