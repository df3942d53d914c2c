import Foundation
import Regulations

/// The mark sheets under `[inputs] marks`, sorted by the board folder they sit in (SPEC §1.7).
public struct MarkFolders: Sendable {
    /// Sheets of each board replayed, in byte order of their names.
    public var sheets: [Day: [String]] = [:]
    /// Sheets outside any configured board folder: read, and every row rejected.
    public var misplaced: [String] = []
    /// Files in a board folder that are not CSV: left alone, with a warning.
    public var notCSV: [String] = []

    /// Finds the sheets presented to the boards of `year` up to `board`. Folders of later boards and of
    /// other configured years are not read.
    public static func scan(_ config: BoardConfig, year: AcademicYear, through board: Day) -> MarkFolders {
        var folders = MarkFolders()
        let files = FileManager.default
        let root = config.marks
        for name in sortedEntries(root) where !name.hasPrefix(".") {
            let path = root + "/" + name
            var isFolder: ObjCBool = false
            _ = files.fileExists(atPath: path, isDirectory: &isFolder)
            guard isFolder.boolValue else {
                if name.hasSuffix(".csv") { folders.misplaced.append(path) }
                continue
            }
            guard let day = config.board(namedBy: name) else {
                folders.misplaced += sortedEntries(path).filter {
                    $0.hasSuffix(".csv") && !$0.hasPrefix(".")
                }
                .map { path + "/" + $0 }
                continue
            }
            guard year.boards.contains(day), day <= board else { continue }
            for file in sortedEntries(path) where !file.hasPrefix(".") {
                if file.hasSuffix(".csv") {
                    folders.sheets[day, default: []].append(path + "/" + file)
                } else {
                    folders.notCSV.append(path + "/" + file)
                }
            }
        }
        return folders
    }

    /// Entries in byte order of their names, so the first of two duplicate rows is the same on every machine.
    private static func sortedEntries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
