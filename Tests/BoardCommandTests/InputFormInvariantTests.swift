import Foundation
import Testing

/// The same marks in another form give the same decisions: line ends, a BOM, row order within a board,
/// and a sheet split in two (SPEC §1, §2.1).
@Suite struct InputFormInvariantTests {
    enum Transform: String, CaseIterable, CustomTestStringConvertible {
        case crlfAndBOM = "CRLF line ends and a BOM"
        case reversedRows = "rows reversed within each sheet"
        case splitSheets = "each sheet split into two files"

        var testDescription: String { rawValue }

        /// The sheet's new files, by name.
        func apply(to text: String, name: String) -> [(String, String)] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let header = lines[0]
            let records = Self.records(Array(lines.dropFirst()))
            switch self {
            case .crlfAndBOM:
                return [(name, "\u{FEFF}" + lines.joined(separator: "\r\n"))]
            case .reversedRows:
                return [(name, ([header] + records.reversed()).joined(separator: "\n") + "\n")]
            case .splitSheets:
                let half = records.count / 2
                return [
                    (name, ([header] + records[..<half]).joined(separator: "\n") + "\n"),
                    (
                        name.replacingOccurrences(of: ".csv", with: "-part2.csv"),
                        ([header] + records[half...]).joined(separator: "\n") + "\n"
                    ),
                ]
            }
        }

        /// Whole records: a quoted line break keeps a record's lines together.
        static func records(_ lines: [String]) -> [String] {
            var records: [String] = []
            var open = ""
            for line in lines where !(line.isEmpty && open.isEmpty) {
                open = open.isEmpty ? line : open + "\n" + line
                if open.filter({ $0 == "\"" }).count % 2 == 0 {
                    records.append(open)
                    open = ""
                }
            }
            return records
        }
    }

    /// A copy of SampleData with every sheet transformed.
    static func copy(transformedBy transform: Transform?) throws -> URL {
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("board-forms-\(UUID().uuidString)")
        try files.copyItem(at: SampleData.folder, to: folder)
        guard let transform else { return folder }
        for sheet in try SampleData.sheets() {
            let url = folder.appendingPathComponent(sheet)
            // The sheets saved as Excel saves them (a workbook, a Windows-1252 CSV) keep their form: it is
            // what they show.
            guard sheet.hasSuffix(".csv"), let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            try files.removeItem(at: url)
            for (name, content) in transform.apply(to: text, name: url.lastPathComponent) {
                try Data(content.utf8).write(to: url.deletingLastPathComponent().appendingPathComponent(name))
            }
        }
        return folder
    }

    static func decide(_ folder: URL, board: String) throws -> [String: Data] {
        let run = try BoardBinary.run(["run", "--board", board, "--out", "out"], in: folder)
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("(reconciled)"), "\(run)")
        let pack = folder.appendingPathComponent("out/2025-26/\(board)")
        var files: [String: Data] = [:]
        for name in [
            "decisions.csv", "certificates.csv", "transcripts.csv", "sits/SAS.csv", "sits/SRA.csv", "sits/SMR.csv",
            "sits/withdrawals.csv",
        ] {
            files[name] = try Data(contentsOf: pack.appendingPathComponent(name))
        }
        return files
    }

    @Test(arguments: Transform.allCases)
    func decisionsDoNotDependOnTheFormOfTheSheets(_ transform: Transform) throws {
        let original = try Self.copy(transformedBy: nil)
        let changed = try Self.copy(transformedBy: transform)
        defer {
            try? FileManager.default.removeItem(at: original)
            try? FileManager.default.removeItem(at: changed)
        }
        for board in ["2026-02-19", "2026-06-18"] {
            let expected = try Self.decide(original, board: board)
            let actual = try Self.decide(changed, board: board)
            for (name, data) in expected {
                #expect(actual[name] == data, "\(name) at \(board) changed with \(transform.rawValue)")
            }
        }
    }
}
