import Foundation
import Testing

/// `board check`, run the way a course leader runs it: the real binary, on files in a temporary folder.
@Suite("board check, end to end (SPEC §4)")
struct CheckCommandTests {
    static let sheetPath = "marks/2025-12-11/MC4002-SEP.csv"

    @Test func aCleanSheetIsAccepted() throws {
        let institution = try Institution()
        try institution.write(
            Self.sheetPath,
            Institution.sheet([
                "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-20,cy,Rhagorol",
                "22655425,MC4002,SEP,2025/26,002,1,55,,27/11/2025,cy,",
                "25649144,mc4002,sep,2025/26,001,1,30,,2025-11-20,,",
                "25649144,MC4002,SEP,2025/26,002,1,45.00,,2025-11-20,en,\"late, but \"\"fine\"\"\"",
                "22881156,MC4002,SEP,2025/26,001,1,-,def,2025-12-01,,mitigating circumstances accepted",
            ]))
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.lines == ["5 rows: 5 accepted, 0 rejected, 0 warnings"], "\(run)")
        #expect(run.status == 0, "\(run)")
        #expect(run.stderr.isEmpty, "\(run)")
    }

    /// One row for each kind of problem, at lines 2 to 14, and one good row at line 15.
    static let troubledSheet = Institution.sheet([
        "22655425,MC4002,SEP,2025/26,001,1,67.5,,2025-11-20,,",  // 2: mark not whole
        "99999999,MC4002,SEP,2025/26,001,1,60,,2025-11-20,,",  // 3: not enrolled
        "22655425,ATT101,SEP,2025/26,001,1,60,,2025-11-20,,",  // 4: attendance course
        "22655425,MC4002,SEP,2024/25,001,1,60,,2025-11-20,,",  // 5: another academic year
        "22655425,MC4002,SEP,2025/26,003,1,60,,2025-11-20,,",  // 6: unknown component
        "22655425,MC4002,SEP,2025/26,002,3,60,,2025-11-20,,",  // 7: attempt 3
        "22655425,MC4002,SEP,2025/26,001,1,70,,2025-12-11,,",  // 8: submitted on the board day
        "22655425,MC4002,SEP,2025/26,001,1,70,,24.11.2025,,",  // 9: bad date
        "25649144,MC4002,SEP,2025/26,001,1,52,,2025-11-20,,",  // 10: conflicts with 11
        "25649144,MC4002,SEP,2025/26,001,1,58,,2025-11-21,,",  // 11
        "25022038,MC4002,SEP,2025/26,001,1,60,,2025-11-20,,",  // 12: counted
        "25022038,MC4002,SEP,2025/26,001,1,60.0,,2025-11-20,,",  // 13: duplicate of 12
        "22881156,MC4002,SEP,2025/26,001,1,65,,2025-12-02,,",  // 14: late first sit
        "22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-27,cy,Da iawn",  // 15: good
    ])

    static let troubledPrefixes = [
        "\(sheetPath):2: error:", "\(sheetPath):3: error:", "\(sheetPath):4: error:", "\(sheetPath):5: error:",
        "\(sheetPath):6: error:", "\(sheetPath):7: error:", "\(sheetPath):8: error:", "\(sheetPath):9: error:",
        "\(sheetPath):10: error:", "\(sheetPath):11: error:", "\(sheetPath):13: warning:",
        "\(sheetPath):14: warning:",
    ]

    static let troubledSummary = "14 rows: 3 accepted, 10 rejected, 2 warnings (1 duplicate superseded)"

    @Test func everyKindOfProblemIsReportedAtItsLine() throws {
        let institution = try Institution()
        try institution.write(Self.sheetPath, Self.troubledSheet)
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.prefixes == Self.troubledPrefixes, "\(run)")
        #expect(run.summary == Self.troubledSummary, "\(run)")
        #expect(run.status == 1, "\(run)")

        // Each message names what is wrong, so the course leader can mend the row.
        let messages = Dictionary(
            uniqueKeysWithValues: run.lines.dropLast().map { line in
                let parts = line.components(separatedBy: ": ")
                return (parts[0], parts.dropFirst(2).joined(separator: ": "))
            })
        let expectations: [(line: Int, mentions: [String])] = [
            (2, ["67.5", "whole"]), (3, ["99999999", "not enrolled"]), (4, ["ATT101", "not presented"]),
            (5, ["2024/25", "academic year of initial enrolment"]), (6, ["003", "001, 002"]), (7, ["attempt 3"]),
            (8, ["2025-12-11", "on or after the board"]), (9, ["24.11.2025", "YYYY-MM-DD"]),
            (10, ["conflicting", "MC4002-SEP.csv:11"]), (11, ["conflicting", "MC4002-SEP.csv:10"]),
            (13, ["duplicate", "MC4002-SEP.csv:12"]), (14, ["2025-12-02", "2025-11-28", "late"]),
        ]
        for (line, mentions) in expectations {
            let message = messages["\(Self.sheetPath):\(line)"] ?? ""
            for text in mentions {
                #expect(message.contains(text), "line \(line): \(message)")
            }
        }
    }

    /// A value from a sheet may hold a terminal's control sequences (ESC, the C1 CSI, a bell): `board
    /// check` shows them as `\u{…}`, so that a sheet cannot clear the screen or recolour what follows.
    @Test func controlCharactersFromASheetAreShownNotSent() throws {
        let institution = try Institution()
        try institution.write(
            Self.sheetPath,
            Institution.sheet(["22655425,MC4002,SEP,2025/26,001,1,\u{1B}[2J\u{9B}31m\u{7}x,,2025-11-27,en,"]))
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.status == 1, "\(run)")
        #expect(
            !run.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
        #expect(run.stdout.contains(#"mark "\u{1B}[2J\u{9B}31m\u{7}x" is not a number"#), "\(run)")
    }

    @Test func aDuplicateAloneIsOnlyAWarning() throws {
        let institution = try Institution()
        try institution.write(
            Self.sheetPath,
            Institution.sheet([
                "25022038,MC4002,SEP,2025/26,001,1,67,,2025-11-20,,first",
                "25022038,MC4002,SEP,2025/26,001,1,67.00,,2025-11-21,,sent again",
            ]))
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.prefixes == ["\(Self.sheetPath):3: warning:"], "\(run)")
        #expect(run.summary == "2 rows: 1 accepted, 0 rejected, 1 warning (1 duplicate superseded)", "\(run)")
        #expect(run.status == 0, "\(run)")
    }

    @Test func aLateFirstSitAloneIsOnlyAWarning() throws {
        let institution = try Institution()
        try institution.write(Self.sheetPath, Institution.sheet(["24360906,MC4002,SEP,2025/26,001,1,65,,2025-12-02,,"]))
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.prefixes == ["\(Self.sheetPath):2: warning:"], "\(run)")
        #expect(run.summary == "1 row: 1 accepted, 0 rejected, 1 warning", "\(run)")
        #expect(run.status == 0, "\(run)")
    }

    @Test func sheetsAreReportedInFileThenLineOrder() throws {
        let institution = try Institution()
        let second = "marks/2025-12-11/MC4002-SEP-b.csv"
        let first = "marks/2025-12-11/MC4002-SEP-a.csv"
        try institution.write(
            second,
            Institution.sheet([
                "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-20,,",
                "99999999,MC4002,SEP,2025/26,001,1,60,,2025-11-20,,",
            ]))
        try institution.write(
            first,
            Institution.sheet([
                "22655425,MC4002,SEP,2025/26,003,1,60,,2025-11-20,,",
                "22655425,MC4002,SEP,2025/26,002,1,555,,2025-11-20,,",
                "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-22,,",
            ]))
        // Given second first on the command line: the report still runs in file order. Student A's 001
        // is in both sheets; MC4002-SEP-a.csv:4 is first in file-name order, so b.csv:2 is the duplicate.
        let run = try institution.run("check", second, first)
        #expect(
            run.prefixes == [
                "\(first):2: error:", "\(first):3: error:", "\(second):2: warning:", "\(second):3: error:",
            ], "\(run)")
        #expect(run.lines.first { $0.hasPrefix("\(second):2:") }?.contains("MC4002-SEP-a.csv:4") == true, "\(run)")
        #expect(run.summary == "5 rows: 1 accepted, 3 rejected, 1 warning (1 duplicate superseded)", "\(run)")
        #expect(run.status == 1, "\(run)")
    }

    // MARK: The board a sheet is presented at

    static let sheetA = Institution.sheet([
        "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-20,,", "22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-27,,",
    ])

    @Test func aSheetOutsideABoardFolderIsRejected() throws {
        let institution = try Institution()
        try institution.write("sheets/MC4002-SEP.csv", Self.sheetA)
        let run = try institution.run("check", "sheets/MC4002-SEP.csv")
        #expect(run.prefixes == ["sheets/MC4002-SEP.csv:1: error:"], "\(run)")
        #expect(run.lines.first?.contains("not in a board folder") == true, "\(run)")
        #expect(run.lines.first?.contains("--board") == true, "\(run)")
        #expect(run.summary == "2 rows: 0 accepted, 2 rejected, 0 warnings", "\(run)")
        #expect(run.status == 1, "\(run)")
    }

    @Test(arguments: ["2025-12-11", "11/12/2025"])
    func theSameSheetWithBoardIsChecked(_ board: String) throws {
        let institution = try Institution()
        try institution.write("sheets/MC4002-SEP.csv", Self.sheetA)
        let run = try institution.run("check", "--board", board, "sheets/MC4002-SEP.csv")
        #expect(run.lines == ["2 rows: 2 accepted, 0 rejected, 0 warnings"], "\(run)")
        #expect(run.status == 0, "\(run)")
    }

    @Test func boardOverridesTheFolder() throws {
        // Work submitted on 2025-12-11 cannot be presented at the board of that day (its folder), but can
        // be at the next board, named with --board.
        let institution = try Institution()
        try institution.write(Self.sheetPath, Institution.sheet(["22655425,MC4002,SEP,2025/26,001,1,70,,2025-12-11,,"]))
        let inFolder = try institution.run("check", Self.sheetPath)
        #expect(inFolder.prefixes == ["\(Self.sheetPath):2: error:"], "\(inFolder)")
        #expect(inFolder.status == 1, "\(inFolder)")
        let atLaterBoard = try institution.run("check", "--board", "2026-02-19", Self.sheetPath)
        #expect(atLaterBoard.lines == ["1 row: 1 accepted, 0 rejected, 0 warnings"], "\(atLaterBoard)")
        #expect(atLaterBoard.status == 0, "\(atLaterBoard)")
    }

    // MARK: Usage errors (exit 64)

    @Test func aBoardThatIsNotConfiguredIsAUsageError() throws {
        let institution = try Institution()
        try institution.write(Self.sheetPath, Self.sheetA)
        let run = try institution.run("check", "--board", "2025-12-12", Self.sheetPath)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("2025-12-12"), "\(run)")
        for board in ["2025-12-11", "2026-02-19", "2026-06-18", "2026-07-23"] {
            #expect(run.stderr.contains(board), "the message should name the boards: \(run)")
        }
    }

    @Test func noFileIsAUsageError() throws {
        let institution = try Institution()
        let run = try institution.run("check")
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("board check"), "\(run)")
    }

    @Test func aMissingFileIsAUsageError() throws {
        let institution = try Institution()
        let run = try institution.run("check", "marks/2025-12-11/nothere.csv")
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("marks/2025-12-11/nothere.csv"), "\(run)")
    }

    @Test(arguments: ["next tuesday", "2025-13-01", "2025-12-1", ""])
    func aBoardThatIsNotADateIsAUsageError(_ board: String) throws {
        let institution = try Institution()
        try institution.write(Self.sheetPath, Self.sheetA)
        let run = try institution.run("check", "--board", board, Self.sheetPath)
        #expect(run.status == 64, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.stderr.contains("--board"), "\(run)")
    }

    @Test func helpMentionsTheBoardOption() throws {
        let institution = try Institution()
        let run = try institution.run("check", "--help")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("--board"), "\(run)")
        #expect(run.stdout.contains("--config"), "\(run)")
        #expect(run.stdout.contains("FILE"), "\(run)")
    }

    // MARK: Config and register (exit 65)

    @Test func boardsNotIncreasingRefuseTheConfig() throws {
        let config = Institution.config.replacingOccurrences(
            of: "boards = [2025-12-11, 2026-02-19,", with: "boards = [2026-02-19, 2025-12-11,")
        #expect(config != Institution.config)
        let institution = try Institution(config: config)
        try institution.write(Self.sheetPath, Self.sheetA)
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(run.errorLines.first?.hasPrefix("board.toml:") == true, "\(run)")
        #expect(run.stderr.contains("academic_years[0].boards[1]"), "the message should name the key: \(run)")
        #expect(run.stderr.contains("strictly increasing"), "\(run)")
    }

    @Test func aMissingInstitutionNameIsNamed() throws {
        let config = Institution.config.replacingOccurrences(of: "name = \"Wrexham University\"\n", with: "")
        let institution = try Institution(config: config)
        try institution.write(Self.sheetPath, Self.sheetA)
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("institution.name"), "\(run)")
    }

    @Test func aRegisterThatLeavesDecisionsUndefinedIsRefusedWithEveryProblem() throws {
        let institution = try Institution(
            components: """
                course_code,component,title,weight,qualifying_mark
                MC4002,001,Portfolio,60,
                MC4002,002,Reflective report,30,

                """,
            enrolments: Institution.enrolments + "23000001,Evans,Dafydd,XX9999,SEP,2025/26,active,,,en\n")
        try institution.write(Self.sheetPath, Self.sheetA)
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        let lines = run.errorLines
        #expect(lines.count == 3, "\(run)")
        #expect(lines.contains { $0.hasPrefix("enrolments.csv:9: error:") && $0.contains("XX9999") }, "\(run)")
        #expect(
            lines.contains {
                $0.hasPrefix("register/components.csv:2: error:") && $0.contains("100") && $0.contains("90")
            },
            "\(run)")
        #expect(lines.last?.contains("2 problems") == true, "\(run)")
    }

    /// `board check` keeps only the enrolments of the students its sheets name, but checks every row of
    /// the enrolment list as a run does: a register a run refuses is refused here too.
    @Test func aProblemInAnotherStudentsEnrolmentStillRefusesTheRegister() throws {
        let institution = try Institution(
            enrolments: Institution.enrolments + "25022038,Kenyon,Mark,mc4002,SEP,2025/26,active,,,en\n"
                + "23000002,Evans,Dafydd,MC4002,SEP,2025/26,withdrawn,,,en\n")
        try institution.write(Self.sheetPath, Self.sheetA)
        #expect(!Self.sheetA.contains("25022038") && !Self.sheetA.contains("23000002"))
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout.isEmpty, "\(run)")
        #expect(
            run.errorLines.dropLast() == [
                "enrolments.csv:9: error: student 25022038 is already enrolled on MC4002 SEP \"2025/26\" at line 4; keep one row",
                "enrolments.csv:10: error: the student is withdrawn but status_date is empty; write the date they withdrew",
            ], "\(run)")
    }

    // MARK: The sheet as a CSV file

    @Test func aMissingColumnRejectsTheSheetAtLine1() throws {
        let institution = try Institution()
        try institution.write(
            Self.sheetPath,
            """
            student_id,course_code,occurrence,academic_year,component,mark,flag,submitted_on
            22655425,MC4002,SEP,2025/26,001,70,,2025-11-20
            22655425,MC4002,SEP,2025/26,002,55,,2025-11-27

            """)
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.prefixes == ["\(Self.sheetPath):1: error:"], "\(run)")
        #expect(run.lines.first?.contains("attempt") == true, "the message should name the column: \(run)")
        #expect(run.lines.first?.contains("submitted_on") == true, "the message should list the headers found: \(run)")
        #expect(run.status == 1, "\(run)")
        // The refused sheet's rows count as read and rejected, so the reconciliation still adds up.
        #expect(run.summary == "2 rows: 0 accepted, 2 rejected, 0 warnings", "\(run)")
    }

    @Test func headersMatchLooselyAndUnknownColumnsAreANote() throws {
        let institution = try Institution()
        try institution.write(
            Self.sheetPath,
            """
            Student ID , Course-Code,OCCURRENCE,academic year,component,attempt,mark,submitted_on,Marker
            22655425,MC4002,SEP,2025/26,001,1,70,2025-11-20,HM

            """)
        let run = try institution.run("check", Self.sheetPath)
        #expect(run.prefixes == ["\(Self.sheetPath):1: note:"], "\(run)")
        #expect(run.lines.first?.contains("Marker") == true, "\(run)")
        #expect(run.summary == "1 row: 1 accepted, 0 rejected, 0 warnings", "\(run)")
        #expect(run.status == 0, "\(run)")
    }

    @Test func crlfAndBOMGiveTheSameReportAsLF() throws {
        // A quoted line break in a comment: the record covering lines 4-5 is reported at line 4.
        let lf = Institution.sheet([
            "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-20,,",
            "99999999,MC4002,SEP,2025/26,001,1,60,,2025-11-20,,",
            "25649144,MC4002,SEP,2025/26,001,1,67.5,,2025-11-20,,\"first line\nsecond line\"",
            "25022038,MC4002,SEP,2025/26,001,1,60,,2025-12-02,,",
            "25022038,MC4002,SEP,2025/26,002,1,60,,2025-12-11,,",
        ])
        let institution = try Institution()
        try institution.write(Self.sheetPath, lf)
        let lfRun = try institution.run("check", Self.sheetPath)
        #expect(
            lfRun.prefixes == [
                "\(Self.sheetPath):3: error:", "\(Self.sheetPath):4: error:", "\(Self.sheetPath):6: warning:",
                "\(Self.sheetPath):7: error:",
            ], "\(lfRun)")
        #expect(lfRun.summary == "5 rows: 2 accepted, 3 rejected, 1 warning", "\(lfRun)")
        #expect(lfRun.status == 1, "\(lfRun)")

        let crlf = Data([0xEF, 0xBB, 0xBF]) + Data(lf.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        try institution.write(Self.sheetPath, crlf)
        let crlfRun = try institution.run("check", Self.sheetPath)
        #expect(crlfRun.stdout == lfRun.stdout, "\(crlfRun)")
        #expect(crlfRun.status == lfRun.status)
    }

    // MARK: The sample institution

    @Test func sampleDataShowsItsPlantedMistakes() throws {
        let sheets = try SampleData.sheets()
        #expect(sheets.count == 27, "SampleData/README.md lists 10 + 10 + 7 sheets, one a workbook")
        let run = try BoardBinary.run(
            ["check", "--config", SampleData.folder.appendingPathComponent("board.toml").path] + sheets,
            in: SampleData.folder)
        #expect(run.status == 1, "\(run)")

        // The planted mistakes of SampleData/README.md that a sheet shows by itself. Mistake 3 (a resit of
        // a component that was passed) needs the decisions of the earlier board, which only `board run`
        // replays, so `board check` cannot see it.
        let plantedErrors = [
            "marks/2025-12-11/CE3005-SEP.csv:14: error:",  // 1: mark 67.5
            "marks/2025-12-11/MC3001-SEP.csv:13: error:",  // 2: A is not enrolled on MC3001
            "marks/2025-12-11/MC7001-SEP.csv:17: error:",  // 7: submitted_on 24.11.2025
            "marks/2026-02-19/PC7001-SEP-coursework.csv:3: error:",  // 6a: submitted on the board day
            "marks/2026-06-18/CE5012-JAN-amended.csv:2: error:",  // 5: conflict (52 and 58)
            "marks/2026-06-18/CE5012-JAN.csv:7: error:",  // 5: conflict
            "marks/2026-06-18/CE5015-JAN.csv:15: error:",  // 6b: submitted on the board day
        ]
        let warnings = [
            "marks/2025-12-11/MC4002-SEP.csv:11: warning:",  // F, late first sit
            "marks/2025-12-11/MC5010-SEP.csv:16: warning:",  // 24937010, late first sit
            "marks/2026-06-18/CE5012-JAN.csv:11: warning:",  // 4: duplicate of line 10
            "marks/2026-06-18/MC6020-JAN.csv:1: warning:",  // saved by Excel as Windows-1252
            "marks/2026-06-18/MC6020-JAN.csv:8: warning:",  // 21986085, late first sit
        ]
        #expect(run.prefixes.filter { $0.hasSuffix("error:") } == plantedErrors, "\(run)")
        // Excel's 1 for 001 and 2 for 002, on each of the 16 rows of MC6020-JAN.csv.
        let padded = run.lines.filter { $0.contains("(Excel drops the leading zeros") }
        #expect(padded.map { $0.prefix { $0 != " " } } == (2...17).map { "marks/2026-06-18/MC6020-JAN.csv:\($0):" })
        let others = run.lines.filter { $0.contains(": warning: ") && !padded.contains($0) }
        #expect(others.map { String($0[..<$0.range(of: " warning:")!.upperBound]) } == warnings, "\(run)")
        #expect(run.lines.contains { $0.hasPrefix(plantedErrors[0]) && $0.contains("67.5") })
        #expect(
            run.lines.contains { $0.hasPrefix(plantedErrors[1]) && $0.contains("22655425") && $0.contains("MC3001") })
        #expect(run.lines.contains { $0.hasPrefix(plantedErrors[2]) && $0.contains("24.11.2025") })
        #expect(run.lines.contains { $0.hasPrefix(warnings[2]) && $0.contains("CE5012-JAN.csv:10") })
        // 195 + 32 + 99 rows; 7 rejected, 1 blank, 1 duplicate superseded.
        #expect(
            run.summary
                == "326 rows: 317 accepted, 7 rejected, 1 blank (no result yet: not presented), 21 warnings (1 duplicate superseded)",
            "\(run)")
    }
}
