import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The registry's side of the exports: what a loader that applies each folder in order ends up holding.
struct Registry: Equatable, CustomStringConvertible {
    /// Each record by its table and key, with its values.
    private(set) var records: [String: String] = [:]

    static let keyColumns = ["SAS.csv": 6, "SRA.csv": 7, "SMR.csv": 5, "withdrawals.csv": 4]

    /// Applies an export folder as SITS loads it: INSERT and UPDATE as upserts by key, DELETE by key.
    mutating func load(_ folder: URL) throws {
        for (file, keyColumns) in Self.keyColumns {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                let key = file + " " + fields[1...keyColumns].joined(separator: ",")
                records[key] = fields[0] == "DELETE" ? nil : fields.dropFirst().joined(separator: ",")
            }
        }
    }

    /// What `board run` says the registry should hold: the records of its `sits/` files.
    static func of(run folder: URL) throws -> Registry {
        var registry = Registry()
        for (file, keyColumns) in keyColumns {
            let text = try String(contentsOf: folder.appendingPathComponent("sits/" + file), encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                registry.records[file + " " + fields[0..<keyColumns].joined(separator: ",")] = String(line)
            }
        }
        return registry
    }

    var description: String {
        records.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "\n")
    }
}

/// An export folder published and then orphaned by a crash before the ledger committed it (issue 25,
/// item 8): a registry may have loaded it, so the next export sends again every record it got wrong.
@Suite("A registry that loaded an orphaned export folder is corrected")
struct OrphanedExportTests {
    @Test func everyRegistryConvergesOnWhatBoardRunSays() throws {
        let institution = try ExportCommandTests.institution()
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)

        // A night whose folder is published, then the process killed before the ledger commits it: A's
        // mark for 001 raised to 72, and E's missing 002 sent at last.
        var rows = ExportCommandTests.firstBoardRows
        rows[0] = "22655425,MC4002,SEP,2025/26,001,1,72,,2025-11-26,cy,"
        rows.append("25489122,MC4002,SEP,2025/26,002,1,48,,2025-11-27,,")
        try institution.write(ExportCommandTests.firstBoard, Institution.sheet(rows))
        let killed = try BoardBinary.run(
            ["export", "--as-of", "2025-12-12"], in: institution.folder, environment: ["BOARD_EXPORT_STOP_AFTER": "6"])
        #expect(killed.status == SIGKILL, "\(killed)")
        #expect(try institution.exportFolders() == ["2025-12-11-1", "2025-12-12-2"])

        // One registry loaded the folder before the next night renamed it; another never saw it.
        var loaded = Registry()
        try loaded.load(institution.exports.appendingPathComponent("2025-12-11-1"))
        var missed = loaded
        try loaded.load(institution.exports.appendingPathComponent("2025-12-12-2"))
        #expect(loaded != missed)

        // The sheet is put back as it was: the ledger's last committed export already says so.
        try institution.write(ExportCommandTests.firstBoard, Institution.sheet(ExportCommandTests.firstBoardRows))
        let next = try institution.run("export", "--as-of", "2025-12-13")
        #expect(next.status == 0, "\(next)")
        #expect(next.errorLines.contains { $0.contains("renamed it 2025-12-12-2.orphaned") }, "\(next)")
        #expect(try institution.exportFolders() == ["2025-12-11-1", "2025-12-12-2.orphaned", "2025-12-13-3"])
        #expect(
            try institution.exported("2025-12-13-3", "SAS.csv").dropFirst() == [
                "UPDATE,22655425/1,MC4002,SEP,2025/6,Y,001,70,P,70,P,A,COM",
                "UPDATE,25489122/1,MC4002,SEP,2025/6,Y,001,65,P,,,I,SAS",
                "DELETE,25489122/1,MC4002,SEP,2025/6,Y,002,48,P,48,P,A,COM",
            ])
        #expect(
            try institution.exported("2025-12-13-3", "SMR.csv").dropFirst() == [
                "UPDATE,22655425/1,MC4002,SEP,2025/6,Y,64,P,64,P,P,20,1,A,COM",
                "UPDATE,25489122/1,MC4002,SEP,2025/6,Y,,,,,D,,1,I,SAS",
            ])

        try loaded.load(institution.exports.appendingPathComponent("2025-12-13-3"))
        try missed.load(institution.exports.appendingPathComponent("2025-12-13-3"))
        let run = try institution.run("run", "--board", "2025-12-11")
        #expect(run.status == 0, "\(run)")
        let expected = try Registry.of(run: institution.folder.appendingPathComponent("Reports/2025-26/2025-12-11"))
        #expect(loaded == expected, "the registry that loaded the orphaned folder")
        #expect(missed == expected, "the registry that did not")

        let again = try institution.run("export", "--as-of", "2025-12-13")
        #expect(again.lines.first?.hasPrefix("Nothing changed") == true, "corrected once: \(again)")
    }
}

/// A ledger written by the code before issue 28 (`Tests/Fixtures/ledger-v1/`) is upgraded on first use,
/// and `board history` and the next export go on as that code would have.
@Suite("A ledger of the code before, upgraded by the binary")
struct LedgerUpgradeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ledger-v1")
    static let resubmitted = "marks/2025-12-11/MC4002-SEP-resubmitted.csv"

    @Test func historyAndTheNextExportAreThoseOfTheCodeBefore() throws {
        // The institution as the fixture's last export left it (see its README).
        var rows = ExportCommandTests.firstBoardRows
        rows[0] = "22655425,MC4002,SEP,2025/26,001,1,72,,2025-11-26,cy,"
        let institution = try ExportCommandTests.institution(rows: rows)
        try institution.write(
            Self.resubmitted, Institution.sheet(["22655425,MC4002,SEP,2025/26,002,1,58,,2025-11-27,cy,"]))
        try FileManager.default.createDirectory(at: institution.exports, withIntermediateDirectories: true)
        let ledger = institution.exports.appendingPathComponent("ledger.sqlite")
        try FileManager.default.copyItem(at: Self.fixture.appendingPathComponent("ledger.sqlite"), to: ledger)

        let history = try institution.run("history", "22655425")
        #expect(history.status == 0, "\(history)")
        #expect(
            history.stdout
                == (try String(contentsOf: Self.fixture.appendingPathComponent("history-22655425.txt"), encoding: .utf8))
        )
        #expect(FileManager.default.fileExists(atPath: ledger.path + ".v1-backup"))

        let same = try institution.run("export", "--as-of", "2025-12-13")
        #expect(
            same.lines == ["Nothing changed as of 2025-12-13 since export 5 (as of 2025-12-13): no export written"],
            "\(same)")

        try FileManager.default.removeItem(at: institution.folder.appendingPathComponent(Self.resubmitted))
        let next = try institution.run("export", "--as-of", "2025-12-14")
        #expect(next.status == 0, "\(next)")
        #expect(next.lines.first == "Export 6 as of 2025-12-14: 3 changes (SAS 1 INSERT, 1 UPDATE; SMR 1 UPDATE)")
        for file in ["SAS.csv", "SRA.csv", "SMR.csv", "withdrawals.csv"] {
            #expect(
                try Data(contentsOf: institution.exports.appendingPathComponent("2025-12-14-6/" + file))
                    == (try Data(contentsOf: Self.fixture.appendingPathComponent("next-export/" + file))), "\(file)")
        }
    }
}
