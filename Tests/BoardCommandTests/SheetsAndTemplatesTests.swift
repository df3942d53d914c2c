import Foundation
import Testing
import Workbook

/// What is a sheet, templates and their round trip, and what `board run` and the other commands print:
/// the real binary, on files in a temporary folder.
@Suite("Sheets, templates and what the commands print (SPEC §1.7, §4, §6)")
struct SheetsAndTemplatesTests {
    static let board = "marks/2025-12-11"

    /// A workbook of `rows` under the mark sheet header, as `Workbook.write` writes one.
    static func workbook(_ rows: [[String]]) -> Data {
        Workbook.write(
            header: Institution.sheetHeader.split(separator: ",").map(String.init), rows: rows, textColumns: [],
            sheetName: "Marks")
    }

    @Test("check and run agree on what is a sheet: .csv and .xlsx in any case; anything else NOT_A_SHEET in both")
    func checkAndRunAgreeOnSheets() throws {
        let institution = try Institution()
        try institution.write(
            "\(Self.board)/A.CSV",
            Institution.sheet([
                "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-20,,",
                "22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-20,,",
            ]))
        try institution.write(
            "\(Self.board)/B.Xlsx",
            Self.workbook([
                ["25649144", "MC4002", "SEP", "2025/26", "001", "1", "60", "", "2025-11-20"],
                ["25649144", "MC4002", "SEP", "2025/26", "002", "1", "50", "", "20/11/2025"],
            ]))
        try institution.write("\(Self.board)/notes.txt", "marks to follow\n")
        let check = try institution.run(
            "check", "\(Self.board)/A.CSV", "\(Self.board)/B.Xlsx", "\(Self.board)/notes.txt")
        #expect(check.prefixes == ["\(Self.board)/notes.txt:0: warning:"], "\(check)")
        #expect(check.summary == "4 rows: 4 accepted, 0 rejected, 1 warning", "\(check)")
        #expect(check.status == 0, "\(check)")

        let run = try institution.run("run", "--board", "2025-12-11")
        #expect(run.status == 0, "\(run)")
        let exceptions = try String(
            contentsOf: institution.folder.appendingPathComponent("Reports/2025-26/2025-12-11/exceptions.csv"),
            encoding: .utf8)
        #expect(exceptions.contains("warning,NOT_A_SHEET,\(Self.board)/notes.txt,,"), "\(exceptions)")
        let decisions = try String(
            contentsOf: institution.folder.appendingPathComponent("Reports/2025-26/2025-12-11/decisions.csv"),
            encoding: .utf8)
        #expect(decisions.contains("22655425,Roberts,Catrin,MC4002,SEP,2025/26,PASS,"), "\(decisions)")
        #expect(decisions.contains("25649144,Hughes,Owain,MC4002,SEP,2025/26,PASS,"), "\(decisions)")
    }

    @Test("the same sheet named twice to check is read once")
    func aSheetNamedTwiceIsReadOnce() throws {
        let institution = try Institution()
        try institution.write(
            "\(Self.board)/A.csv", Institution.sheet(["22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-20,,"]))
        let run = try institution.run("check", "\(Self.board)/A.csv", "./\(Self.board)/A.csv")
        #expect(run.lines == ["1 row: 1 accepted, 0 rejected, 0 warnings"], "\(run)")
    }

    /// Student G, whose family name a spreadsheet would take for a formula, and withdrawn student H.
    static func institutionWithTemplateStudents() throws -> Institution {
        try Institution(
            enrolments: Institution.enrolments
                + "30000007,-Dash,Gwen,MC4002,SEP,2025/26,active,,,en\n"
                + "30000008,Withdrew,Huw,MC4002,SEP,2025/26,withdrawn,2025-11-01,,en\n")
    }

    @Test("a CSV template, filled in and checked at its board, gives no error; a row left empty is blank")
    func csvTemplateRoundTrip() throws {
        let institution = try Self.institutionWithTemplateStudents()
        let written = try institution.run("template", "--board", "2025-12-11")
        #expect(written.status == 0, "\(written)")
        #expect(
            written.lines == [
                "Wrote 1 template for the board of 2025-12-11 into templates/2025-12-11/: MC4002-SEP-2025-12-11.csv (14 sits)"
            ], "\(written)")
        let path = "templates/2025-12-11/MC4002-SEP-2025-12-11.csv"
        let bytes = try Data(contentsOf: institution.folder.appendingPathComponent(path))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "a byte-order mark, for Excel")
        var lines = String(decoding: bytes.dropFirst(3), as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(
            lines[0]
                == "student_id,family_name,given_names,course_code,occurrence,academic_year,component,component_title,weight,attempt,due,mark,flag,submitted_on,language,comment"
        )
        // Sorted by component, then family name: '-Dash (guarded against formulas) first.
        #expect(lines[1] == "30000007,'-Dash,Gwen,MC4002,SEP,2025/26,001,Portfolio,60,1,2025-11-28,,,,,", "\(lines)")
        #expect(!lines.contains { $0.contains("Withdrew") })
        // Every row but the last filled in: mark, then submitted_on.
        for index in 1..<(lines.count - 1) {
            var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields[11] = String(40 + index)
            fields[13] = "20/11/2025"
            lines[index] = fields.joined(separator: ",")
        }
        try institution.write(path, Data([0xEF, 0xBB, 0xBF]) + Data((lines.joined(separator: "\n") + "\n").utf8))
        let check = try institution.run("check", "--board", "2025-12-11", path)
        #expect(
            check.lines == ["14 rows: 13 accepted, 0 rejected, 1 blank (no result yet: not presented), 0 warnings"],
            "\(check)")
        #expect(check.status == 0, "\(check)")
    }

    @Test("an .xlsx template keeps codes, ids and dates as text; filled in, it checks without error")
    func xlsxTemplateRoundTrip() throws {
        let institution = try Self.institutionWithTemplateStudents()
        let written = try institution.run("template", "--board", "2025-12-11", "--format", "xlsx", "--out", "sheets")
        #expect(written.status == 0, "\(written)")
        let path = "sheets/MC4002-SEP-2025-12-11.xlsx"
        let rows = try Workbook.rows(ofFirstSheetIn: Data(contentsOf: institution.folder.appendingPathComponent(path)))
        #expect(rows.count == 15)
        #expect(
            rows[1].cells.prefix(11) == [
                "30000007", "-Dash", "Gwen", "MC4002", "SEP", "2025/26", "001", "Portfolio", "60", "1", "2025-11-28",
            ])
        var filled = rows.dropFirst().map { $0.cells + Array(repeating: "", count: 16 - $0.cells.count) }
        for index in filled.indices.dropLast() {
            filled[index][11] = String(50 + index)
            filled[index][13] = "2025-11-20"
        }
        try institution.write(
            "marks/2025-12-11/MC4002-SEP.xlsx",
            Workbook.write(header: rows[0].cells, rows: filled, textColumns: [], sheetName: "Marks"))
        let check = try institution.run("check", "marks/2025-12-11/MC4002-SEP.xlsx")
        #expect(
            check.lines == ["14 rows: 13 accepted, 0 rejected, 1 blank (no result yet: not presented), 0 warnings"],
            "\(check)")
        let run = try institution.run("run", "--board", "2025-12-11")
        #expect(
            run.lines.contains("Rows: 14 rows read = 13 counted + 0 superseded + 0 rejected + 1 blank (reconciled)"),
            "\(run)")
        let manifest = try String(
            contentsOf: institution.folder.appendingPathComponent("Reports/2025-26/2025-12-11/manifest.json"),
            encoding: .utf8)
        #expect(manifest.contains("\"rows_blank\" : 1"), "\(manifest)")
    }

    @Test("run prints its first errors as FILE:LINE: lines that can be followed from where it was run")
    func runPrintsErrorsFromWhereItWasRun() throws {
        let institution = try Institution()
        try institution.write(
            "\(Self.board)/A.csv",
            Institution.sheet([
                "22655425,MC4002,SEP,2025/26,001,1,67.5,,2025-11-20,,",
                "99999999,MC4002,SEP,2025/26,001,1,60,,2025-11-20,,",
            ]))
        let name = institution.folder.lastPathComponent
        let run = try BoardBinary.run(
            ["run", "--config", "\(name)/board.toml", "--board", "2025-12-11"],
            in: institution.folder.deletingLastPathComponent())
        #expect(run.status == 1, "\(run)")
        #expect(run.lines.contains("Errors:"), "\(run)")
        #expect(run.lines.contains { $0.hasPrefix("  \(name)/\(Self.board)/A.csv:2: error: mark \"67.5\"") }, "\(run)")
        #expect(
            run.lines.contains { $0.hasPrefix("  \(name)/\(Self.board)/A.csv:3: error: student 99999999") }, "\(run)")
        #expect(run.lines.contains { $0.hasPrefix("Written to \(name)/Reports/2025-26/2025-12-11/:") }, "\(run)")
    }

    @Test("--config naming a folder says so in words; --version prints the version")
    func configFolderAndVersion() throws {
        let institution = try Institution()
        let run = try institution.run("run", "--config", ".", "--board", "2025-12-11")
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("is a folder, not a config file"), "\(run)")
        #expect(!run.stderr.contains("NSCocoaErrorDomain"), "\(run)")
        let version = try institution.run("--version")
        #expect(version.lines == ["0.1.0"], "\(version)")
    }
}

/// The fuzz target built without libFuzzer reads the seed corpus once: what `Tests/fuzz/run-sheet-fuzz.sh`
/// starts from, kept passing in every test run.
@Suite("The sheet reader's fuzz target on its seeds")
struct SheetFuzzSeedTests {
    @Test func theSeedsReadWithoutACrashAndEveryFindingHasALine() throws {
        let binary = try BoardBinary.require().deletingLastPathComponent().appendingPathComponent("sheet-fuzz")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var seeds = ["Tests/InputTests/Fixtures", "Tests/WorkbookTests/Fixtures", "SampleData/marks/2026-06-18"]
        if FileManager.default.fileExists(
            atPath: root.appendingPathComponent("../shared/testdata/csv-spectrum/csvs").path)
        {
            seeds.append("../shared/testdata/csv-spectrum/csvs")
        }
        let run = try BoardBinary.run(seeds, in: root, executable: binary)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("no crash, every finding with a line, every sheet reconciled"), "\(run)")
    }
}
