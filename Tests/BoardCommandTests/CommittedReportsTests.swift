import Foundation
import Testing

/// `Reports/` holds the files SampleData produces at each board of 2025/26. Regenerating them must give
/// the committed bytes; when a change means to alter them, regenerate with the README's command for
/// each board and commit the new copies.
@Suite struct CommittedReportsTests {
    static let reports = SampleData.folder.deletingLastPathComponent().appendingPathComponent("Reports/2025-26")

    @Test(arguments: ["2025-12-11", "2026-02-19", "2026-06-18", "2026-07-23"])
    func theCommittedPackHasNotDrifted(board: String) throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("board-reports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try BoardBinary.run(["run", "--board", board, "--out", out.path], in: SampleData.folder)
        #expect(run.status == 1, "SampleData holds deliberate mistakes: \(run)")
        let fresh = out.appendingPathComponent("2025-26/\(board)")
        let committed = Self.reports.appendingPathComponent(board)
        let freshFiles = try Self.files(under: fresh)
        let committedFiles = try Self.files(under: committed)
        #expect(freshFiles == committedFiles)
        // The pack's opening page and every course page are compared, as every other file.
        #expect(freshFiles.contains("board-report.html"))
        #expect(freshFiles.contains("courses/MC4002.html"))
        for file in freshFiles {
            let new = try Data(contentsOf: fresh.appendingPathComponent(file))
            let old = try? Data(contentsOf: committed.appendingPathComponent(file))
            #expect(
                new == old,
                "Reports/2025-26/\(board)/\(file) drifted; regenerate it with: swift run board run --config SampleData/board.toml --board \(board)"
            )
        }
    }

    /// The files under `folder`, in its subfolders too, as sorted relative paths.
    static func files(under folder: URL) throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
                && !isFolder.boolValue
        }.sorted()
    }
}
