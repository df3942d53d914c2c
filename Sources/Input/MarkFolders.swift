import Foundation
import Regulations

/// The mark sheets under `[inputs] marks`, sorted by the board folder they sit in (SPEC §1.7).
public struct MarkFolders: Sendable {
    /// Sheets of each board replayed, in byte order of their names.
    public var sheets: [Day: [String]] = [:]
    /// Sheets outside any configured board folder: read, and every row rejected.
    public var misplaced: [String] = []
    /// Files in a board folder that are not sheets (`MarkSheet.isSheet`): left alone, with a warning.
    public var notSheets: [String] = []
    /// Boards replayed whose folder is missing: no sheet was presented to them.
    public var missingBoards: [Day] = []
    /// Boards replayed whose folder holds no sheet.
    public var emptyBoards: [Day] = []

    /// Finds the sheets presented to the boards of `year` up to `board`. Folders of later boards and of
    /// other configured years are not read. A marks folder, or a folder in it, that cannot be listed
    /// stops the run: read as empty, it would withdraw every student whose marks it holds.
    public static func scan(_ config: BoardConfig, year: AcademicYear, through board: Day) throws(UnreadableFolder)
        -> MarkFolders
    {
        var folders = MarkFolders()
        let root = config.marks
        var present: Set<Day> = []
        for name in try entries(of: root) where !name.hasPrefix(".") {
            let path = root + "/" + name
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
            guard isFolder.boolValue else {
                if MarkSheet.isSheet(name) { folders.misplaced.append(path) }
                continue
            }
            guard let day = config.board(namedBy: name) else {
                folders.misplaced += try entries(of: path).filter { MarkSheet.isSheet($0) && !$0.hasPrefix(".") }
                    .map { path + "/" + $0 }
                continue
            }
            guard year.boards.contains(day), day <= board else { continue }
            present.insert(day)
            for file in try entries(of: path) where !file.hasPrefix(".") {
                if MarkSheet.isSheet(file) {
                    folders.sheets[day, default: []].append(path + "/" + file)
                } else {
                    folders.notSheets.append(path + "/" + file)
                }
            }
        }
        for day in year.boards where day <= board {
            if !present.contains(day) {
                folders.missingBoards.append(day)
            } else if folders.sheets[day] == nil {
                folders.emptyBoards.append(day)
            }
        }
        return folders
    }

    /// Entries in byte order of their names, so the first of two duplicate rows is the same on every machine.
    private static func entries(of path: String) throws(UnreadableFolder) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        } catch {
            throw UnreadableFolder(path: path, reason: systemReason(error))
        }
    }
}

/// A folder of mark sheets that cannot be listed.
public struct UnreadableFolder: Error, Sendable {
    public let path: String
    public let reason: String
}
