import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Sealed boards (SPEC §7, issue 29), end to end: the real binary, on the worked example in a temporary
/// folder. No edit to a sealed board's files changes an output without a recorded unsealing and a listed
/// amendment.
@Suite("board seal and board unseal: a board's decisions are not rewritten in silence")
struct SealCommandTests {
    static let firstSheet = "marks/2025-12-11/MC4002-SEP.csv"
    /// B's first sit of 001, 30: corrected to 45, B passes at the first board (M = 60% × 45 + 40% × 45 = 45).
    static let correction = (
        "25649144,MC4002,SEP,2025/26,001,1,30,,2025-11-27,en,", "25649144,MC4002,SEP,2025/26,001,1,45,,2025-11-27,en,"
    )

    /// The worked example with its first board sealed by alice.
    static func sealedExample() throws -> Institution {
        let institution = try RunCommandTests.workedExample()
        let sealed = try institution.run("seal", "--board", "2025-12-11", "--by", "alice")
        #expect(sealed.status == 0, "\(sealed)")
        #expect(
            sealed.lines.first?.hasPrefix("Sealed the board of 2025-12-11 (2025/26), version 1, by alice at ") == true,
            "\(sealed)")
        #expect(sealed.stdout.contains(": 1 file (11 rows) and 7 decisions, in Reports/exports/ledger.sqlite"))
        return institution
    }

    static func correctB(_ institution: Institution) throws {
        let text = try RunCommandTests.read(institution, firstSheet)
        try #require(text.contains(correction.0))
        try institution.write(firstSheet, text.replacingOccurrences(of: correction.0, with: correction.1))
    }

    /// Every file under `folder` with its bytes, and every folder, hidden ones included.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        guard let paths = FileManager.default.subpaths(atPath: folder.path) else { return [:] }
        for path in paths {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder)
            files[path] =
                isFolder.boolValue ? Data("folder".utf8) : try Data(contentsOf: folder.appendingPathComponent(path))
        }
        return files
    }

    /// The ways to change a sealed board's files, and what the refusal says of the file.
    enum Tampering: String, CaseIterable, CustomTestStringConvertible {
        case changed, added, removed, renamed, linkedFolder, nonSheetAdded

        var testDescription: String { rawValue }

        func apply(to institution: Institution) throws {
            let folder = institution.folder.appendingPathComponent("marks/2025-12-11")
            let sheet = folder.appendingPathComponent("MC4002-SEP.csv")
            switch self {
            case .changed: try SealCommandTests.correctB(institution)
            case .added:
                try institution.write(
                    "marks/2025-12-11/MC4002-SEP-late.csv",
                    Institution.sheet(["25489122,MC4002,SEP,2025/26,002,1,58,,2025-11-27,en,"]))
            case .removed: try FileManager.default.removeItem(at: sheet)
            case .renamed:
                // The same bytes under another name: files are presented in the order of their names.
                try FileManager.default.moveItem(at: sheet, to: folder.appendingPathComponent("A-MC4002-SEP.csv"))
            case .linkedFolder:
                // The board's folder becomes a link to another folder, holding a sheet of another mark.
                let elsewhere = institution.folder.appendingPathComponent("elsewhere")
                try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: sheet, to: elsewhere.appendingPathComponent("MC4002-SEP.csv"))
                try FileManager.default.removeItem(at: folder)
                try FileManager.default.createSymbolicLink(at: folder, withDestinationURL: elsewhere)
                try SealCommandTests.correctB(institution)
            case .nonSheetAdded:
                try institution.write("marks/2025-12-11/notes.txt", "B's portfolio to be remarked\n")
            }
        }

        /// The lines of the refusal that name the files.
        var expected: [String] {
            let then = "SHA-256 then [0-9a-f]{64}"
            return switch self {
            case .changed, .linkedFolder:
                [
                    "marks/2025-12-11/MC4002-SEP.csv: error: changed since the board was sealed: \(then), now [0-9a-f]{64}"
                ]
            case .added:
                [
                    "marks/2025-12-11/MC4002-SEP-late.csv: error: added since the board was sealed: SHA-256 then none \\(not in the seal\\), now [0-9a-f]{64}"
                ]
            case .removed:
                [
                    "marks/2025-12-11/MC4002-SEP.csv: error: removed since the board was sealed: \(then), now none \\(no such file\\)"
                ]
            case .renamed:
                [
                    "marks/2025-12-11/A-MC4002-SEP.csv: error: added since the board was sealed: SHA-256 then none \\(not in the seal\\), now [0-9a-f]{64}",
                    "marks/2025-12-11/MC4002-SEP.csv: error: removed since the board was sealed: \(then), now none \\(no such file\\)",
                ]
            case .nonSheetAdded:
                [
                    "marks/2025-12-11/notes.txt: error: added since the board was sealed: SHA-256 then none \\(not in the seal\\), now [0-9a-f]{64}"
                ]
            }
        }
    }

    @Test(
        "a sealed board's files changed, added, removed or renamed refuse every command that reads them",
        arguments: Tampering.allCases)
    func aChangedSealedBoardRefusesEveryCommand(tampering: Tampering) throws {
        let institution = try Self.sealedExample()
        try tampering.apply(to: institution)
        let commands: [[String]] = [
            ["run", "--board", "2025-12-11"], ["run", "--board", "2026-02-19"],
            ["explain", "--board", "2026-02-19", "25649144"], ["template", "--board", "2026-02-19"],
            ["export", "--as-of", "2026-03-01"], ["export", "--as-of", "2026-03-01", "--dry-run"],
            ["seal", "--board", "2025-12-11"], ["seal", "--board", "2026-02-19"],
        ]
        for command in commands {
            let run = try BoardBinary.run(command, in: institution.folder)
            #expect(run.status == 65, "\(command): \(run)")
            #expect(run.stdout.isEmpty, "\(command): \(run)")
            // The export logs its steps first.
            let lines = Array(run.errorLines.drop { !$0.hasPrefix("board: ") })
            #expect(
                lines.first?.hasPrefix("board: the board of 2025-12-11 is sealed (version 1, by alice at ") == true,
                "\(command): \(run)")
            #expect(lines.count == tampering.expected.count + 3, "\(command): \(run)")
            for (line, pattern) in zip(lines.dropFirst(), tampering.expected) {
                #expect(line.wholeMatch(of: try Regex(pattern)) != nil, "\(command): \(line)")
            }
            #expect(
                lines.dropLast().last
                    == "Either restore the files of 2025-12-11 as they were sealed, or unseal the board to change them: board unseal --board 2025-12-11 --reason \"why\" (every run then lists the decisions that change as amendments)",
                "\(command): \(run)")
            #expect(lines.last == "Nothing was done.")
        }
        if tampering != .removed && tampering != .renamed {
            let check = try institution.run(
                "check", tampering == .added ? "marks/2025-12-11/MC4002-SEP-late.csv" : Self.firstSheet)
            #expect(check.status == 65, "\(check)")
        }
        #expect(
            !FileManager.default.fileExists(atPath: institution.folder.appendingPathComponent("Reports/2025-26").path))
        #expect(!FileManager.default.fileExists(atPath: institution.folder.appendingPathComponent("templates").path))
        #expect(try institution.exportFolders().isEmpty)
        #expect(try institution.run("history").stdout.contains("0 exports, 1 seal, 0 unsealings"))
    }

    /// Two names that differ only in their Unicode form are two files to Linux, though Swift's strings
    /// compare them equal: a second sheet named as a sealed one in the other form is a file added.
    @Test func aSheetNamedAsASealedOneInAnotherUnicodeFormIsAFileAdded() throws {
        let institution = try RunCommandTests.workedExample()
        let folder = institution.folder.appendingPathComponent("marks/2025-12-11").path
        // ŵ as w and a combining circumflex (sorted first, by its bytes), then as one character.
        let decomposed = "MC4002-SEP-w\u{302}.csv"
        let composed = "MC4002-SEP-\u{175}.csv"
        try #require(rename(folder + "/MC4002-SEP.csv", folder + "/" + decomposed) == 0)
        #expect(try institution.run("seal", "--board", "2025-12-11", "--by", "alice").status == 0)
        let twin = Institution.sheet(["25649144,MC4002,SEP,2025/26,001,1,45,,2025-11-27,en,"])
        try #require(FileManager.default.createFile(atPath: folder + "/" + composed, contents: Data(twin.utf8)))
        // A file system that folds the two names into one (APFS) holds one file: nothing can hide.
        guard try FileManager.default.contentsOfDirectory(atPath: folder).count == 2 else { return }
        for command in [["run", "--board", "2025-12-11"], ["export", "--as-of", "2026-03-01", "--dry-run"]] {
            let run = try BoardBinary.run(command, in: institution.folder)
            #expect(run.status == 65, "\(command): \(run)")
            #expect(
                run.errorLines.contains {
                    $0.hasPrefix(
                        "marks/2025-12-11/\(composed): error: added since the board was sealed: SHA-256 then none")
                }, "\(command): \(run)")
        }
    }

    @Test func aSealedBoardAsSealedIsReadAsBefore() throws {
        let institution = try Self.sealedExample()
        let again = try institution.run("seal", "--board", "2025-12-11")
        #expect(again.status == 0, "\(again)")
        #expect(again.lines.count == 1)
        #expect(
            again.lines[0].hasPrefix("The board of 2025-12-11 is sealed already (version 1, by alice at "), "\(again)")
        #expect(again.lines[0].hasSuffix("), and its files are as sealed: nothing to do"), "\(again)")
        // Hidden files are not the board's: no command reads them.
        try institution.write("marks/2025-12-11/.DS_Store", "Finder's")
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 0, "\(run)")
        #expect(!run.stdout.contains("Amendments"), "\(run)")
        #expect(
            try RunCommandTests.read(institution, RunCommandTests.pack + "/amendments.csv")
                == "board,student_id,course_code,occurrence,sealed_outcome,sealed_agreed_mark,outcome,agreed_mark,unsealed_by,unsealed_at,reason\n"
        )
        let pack = try RunCommandTests.read(institution, RunCommandTests.pack + "/board-report.html")
        #expect(
            pack.contains("<tr><td>2025-12-11</td><td>sealed</td><td>version 1, by alice, "),
            "the pack says which boards are sealed")
        #expect(pack.contains("No amendments: every decision of a sealed board is as its first seal recorded it."))
        #expect(try institution.run("check", Self.firstSheet).status == 0)
        #expect(try institution.run("explain", "--board", "2026-02-19", "25649144").status == 0)
        #expect(try institution.run("template", "--board", "2026-02-19").status == 0)
        #expect(try institution.run("export", "--as-of", "2026-02-19").status == 0)
    }

    @Test func sealingIsRefusedBeforeTheBoardMetOrWhileAnEarlierBoardIsOpen() throws {
        let institution = try RunCommandTests.workedExample()
        let unseal = try institution.run("unseal", "--board", "2025-12-11", "--reason", "no reason")
        #expect(unseal.status == 65, "\(unseal)")
        #expect(
            unseal.stderr == "board: the board of 2025-12-11 is not sealed: it was never sealed. Nothing was done\n")
        #expect(
            !FileManager.default.fileExists(atPath: institution.exports.appendingPathComponent("ledger.sqlite").path),
            "refusing to unseal creates no ledger")
        #expect(try institution.run("unseal", "--board", "2025-12-11", "--reason", " ").status == 64)
        let early = try institution.run("seal", "--board", "2026-02-19")
        #expect(early.status == 65, "\(early)")
        #expect(
            early.stderr
                == "board: the board of 2025-12-11, before 2026-02-19 in the same year, is not sealed: a year's boards are sealed in order, so seal it first (board seal --board 2025-12-11). Nothing was sealed\n"
        )
        #expect(try institution.run("seal", "--board", "2025-12-11").status == 0)
        let twice = try institution.run("unseal", "--board", "2025-12-11", "--reason", "remark", "--by", "bob")
        #expect(twice.status == 0, "\(twice)")
        let again = try institution.run("unseal", "--board", "2025-12-11", "--reason", "remark")
        #expect(again.status == 65, "\(again)")
        #expect(
            again.stderr.hasPrefix("board: the board of 2025-12-11 is not sealed: its seal (version 1, by "), "\(again)"
        )

        let future = try Institution(
            config: Institution.config + """

                [[academic_years]]
                code = "2098/99"
                starts = 2098-08-01
                ends = 2099-07-31
                boards = [2098-12-10, 2099-02-18]

                """)
        let notYet = try future.run("seal", "--board", "2098-12-10")
        #expect(notYet.status == 65, "\(notYet)")
        #expect(notYet.stderr.hasPrefix("board: the board of 2098-12-10 has not met yet (today is "), "\(notYet)")
    }

    @Test("unseal, change a mark, the amendment listed in every later pack, seal again")
    func unsealChangeAmendReseal() throws {
        let institution = try Self.sealedExample()
        #expect(try institution.run("run", "--board", "2026-02-19").status == 0)
        let before = try RunCommandTests.read(institution, RunCommandTests.pack + "/decisions.csv")

        let unsealed = try institution.run(
            "unseal", "--board", "2025-12-11", "--by", "bob", "--reason",
            "B's portfolio remarked: 45, agreed with the external examiner")
        #expect(unsealed.status == 0, "\(unsealed)")
        #expect(
            unsealed.lines.first?.hasPrefix("Unsealed the board of 2025-12-11 (seal version 1, by alice at ") == true)
        #expect(
            unsealed.lines.first?.hasSuffix(", because: B's portfolio remarked: 45, agreed with the external examiner")
                == true)
        try Self.correctB(institution)

        let amended = try institution.run("run", "--board", "2026-02-19")
        // B's resit at the second board is now refused: B passed at the first.
        #expect(amended.status == 1, "\(amended)")
        #expect(
            amended.lines.contains(
                "Amendments: 1 decision of sealed boards (2025-12-11) changed since first sealed (amendments.csv)"),
            "\(amended)")
        let amendments = try RunCommandTests.read(institution, RunCommandTests.pack + "/amendments.csv")
            .split(separator: "\n").map(String.init)
        #expect(amendments.count == 2, "\(amendments)")
        let row = try #require(amendments.last)
        #expect(row.hasPrefix("2025-12-11,25649144,MC4002,SEP,REFER,36,PASS,45,bob,"), "\(row)")
        #expect(row.hasSuffix(",\"B's portfolio remarked: 45, agreed with the external examiner\""), "\(row)")
        let pack = try RunCommandTests.read(institution, RunCommandTests.pack + "/board-report.html")
        #expect(
            pack.contains(
                "<b>Amended: 1</b>, decisions of sealed boards that differ from what the board's first seal recorded"))
        #expect(
            pack.contains(
                "<td>25649144</td><td>MC4002</td><td>SEP</td><td><span class=\"badge o-REFER\">REFER</span></td><td>36</td><td><span class=\"badge o-PASS\">PASS</span></td><td>45</td><td>2025-12-11 by bob, "
            ), "\(pack)")
        #expect(try RunCommandTests.read(institution, RunCommandTests.pack + "/decisions.csv") != before)
        let manifest = try RunCommandTests.read(institution, RunCommandTests.pack + "/manifest.json")
        #expect(manifest.contains("\"path\" : \"amendments.csv\""))

        let resealed = try institution.run("seal", "--board", "2025-12-11", "--by", "carol")
        #expect(
            resealed.lines.first?.hasPrefix("Sealed the board of 2025-12-11 (2025/26), version 2, by carol at ")
                == true, "\(resealed)")
        // Sealed again, the amendment stays: it is measured against the first seal.
        #expect(try institution.run("run", "--board", "2026-06-18").status == 1)
        let later = try RunCommandTests.read(institution, "Reports/2025-26/2026-06-18/amendments.csv")
        #expect(later.split(separator: "\n").last.map(String.init) == row)
        // Sealed again, a change is refused again.
        try institution.write(Self.firstSheet, try RunCommandTests.read(institution, Self.firstSheet) + "\n")
        let refused = try institution.run("run", "--board", "2026-06-18")
        #expect(refused.status == 65, "\(refused)")
        #expect(refused.errorLines.first?.contains("is sealed (version 2, by carol at ") == true, "\(refused)")

        let history = try institution.run("history")
        #expect(history.status == 0, "\(history)")
        let events = history.lines.dropFirst(2).map {
            $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().prefix(2).joined(separator: " ")
        }
        #expect(events == ["SEAL board", "UNSEAL board", "SEAL board"], "\(history)")
        #expect(history.lines.first == "0 exports, 2 seals, 1 unsealing, oldest first")
        let student = try institution.run("history", "25649144")
        #expect(
            student.lines.first
                == "Student 25649144 (SPR 25649144/1): no record exported yet; 3 lines of seals and unsealings, oldest first",
            "\(student)")
        #expect(
            student.lines.contains {
                $0.contains("SEAL    board  MC4002 SEP  version 1 by alice at ")
                    && $0.hasSuffix("OUTCOME=REFER REASON=- AGRM=36 AGRG=R DECIDED=2025-12-11")
            }, "\(student)")
        #expect(
            student.lines.contains {
                $0.contains("SEAL    board  MC4002 SEP  version 2 by carol at ")
                    && $0.hasSuffix("OUTCOME=PASS REASON=- AGRM=45 AGRG=P DECIDED=2025-12-11")
            }, "\(student)")
        #expect(student.lines.contains { $0.contains("UNSEAL  board  -           version 1 by bob at ") }, "\(student)")
    }

    @Test func anEnrolmentChangedUnderASealedBoardIsAnAmendmentWithNoUnsealing() throws {
        let institution = try Self.sealedExample()
        // A withdrawal recorded late, dated before the first board: the sealed decision changes, no sheet did.
        try Self.withdrawE(institution)
        let run = try institution.run("run", "--board", "2025-12-11")
        #expect(run.status == 1, "E's rows are refused now: \(run)")
        let amendments = try RunCommandTests.read(institution, "Reports/2025-26/2025-12-11/amendments.csv")
        #expect(amendments.hasSuffix("\n2025-12-11,25489122,MC4002,SEP,PENDING,,WITHDRAWN,,,,\n"), "\(amendments)")
        #expect(
            try RunCommandTests.read(institution, "Reports/2025-26/2025-12-11/board-report.html").contains(
                "<td>none</td><td>the register, the enrolments or board.toml changed</td>"))
    }

    @Test func eachAmendmentNamesTheUnsealingBehindItsDecisionNow() throws {
        let institution = try Self.sealedExample()
        #expect(
            try institution.run("unseal", "--board", "2025-12-11", "--by", "bob", "--reason", "B remarked").status == 0)
        try Self.correctB(institution)
        #expect(try institution.run("seal", "--board", "2025-12-11", "--by", "carol").status == 0)
        // Then E's withdrawal, recorded late and dated before the board, under the sealed board.
        try Self.withdrawE(institution)
        #expect(try institution.run("run", "--board", "2025-12-11").status == 1)
        var rows = try RunCommandTests.read(institution, "Reports/2025-26/2025-12-11/amendments.csv").split(
            separator: "\n")
        #expect(rows.count == 3, "\(rows)")
        #expect(rows[1].hasPrefix("2025-12-11,25489122,MC4002,SEP,PENDING,,WITHDRAWN,,,,"), "no unsealing: \(rows)")
        #expect(
            rows[2].hasPrefix("2025-12-11,25649144,MC4002,SEP,REFER,36,PASS,45,bob,")
                && rows[2].hasSuffix(",B remarked"))

        // Unsealed again, E's change is on record too; B's stays with the unsealing that allowed it.
        #expect(
            try institution.run("unseal", "--board", "2025-12-11", "--by", "dave", "--reason", "E withdrew").status == 0
        )
        #expect(try institution.run("run", "--board", "2025-12-11").status == 1)
        rows = try RunCommandTests.read(institution, "Reports/2025-26/2025-12-11/amendments.csv").split(separator: "\n")
        #expect(
            rows[1].hasPrefix("2025-12-11,25489122,MC4002,SEP,PENDING,,WITHDRAWN,,dave,")
                && rows[1].hasSuffix(",E withdrew"))
        #expect(rows[2].hasPrefix("2025-12-11,25649144,MC4002,SEP,REFER,36,PASS,45,bob,"), "\(rows)")
    }

    /// E (25489122) withdrawn on 2025-12-01, before the first board.
    static func withdrawE(_ institution: Institution) throws {
        try institution.write(
            "enrolments.csv",
            Institution.enrolments.replacingOccurrences(
                of: "25489122,Davies,Rhiannon,MC4002,SEP,2025/26,active,,",
                with: "25489122,Davies,Rhiannon,MC4002,SEP,2025/26,withdrawn,2025-12-01,"))
    }

    @Test func anExportOfASealedDecisionChangedWithNoUnsealingIsRefused() throws {
        let institution = try Self.sealedExample()
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        try Self.withdrawE(institution)
        let refused = try institution.run("export", "--as-of", "2025-12-12")
        #expect(refused.status == 65, "\(refused)")
        let lines = Array(refused.errorLines.drop { !$0.hasPrefix("board: ") })
        #expect(
            lines == [
                "board: 1 decision of sealed boards changed since sealed with no unsealing behind it: the register, the enrolments or board.toml changed under a sealed board. Nothing was sent.",
                "  2025-12-11 25489122 MC4002 SEP: sealed PENDING, now WITHDRAWN",
                "Unseal the board, saying why (board unseal --board 2025-12-11 --reason \"why\"), so that the change is on record, and seal it again; or, to send it all the same, add --rewind.",
            ], "\(refused)")
        #expect(try institution.exportFolders() == ["2025-12-11-1"])
        let dry = try institution.run("export", "--as-of", "2025-12-12", "--dry-run")
        #expect(
            dry.lines.contains(
                "1 decision of sealed boards changed with no unsealing behind it; the export is refused without --rewind:"
            ), "\(dry)")
        #expect(
            try institution.run("unseal", "--board", "2025-12-11", "--reason", "E withdrew before the board").status
                == 0)
        let sent = try institution.run("export", "--as-of", "2025-12-12")
        #expect(sent.status == 1, "E's rows are refused now: \(sent)")
        #expect(
            try institution.exported("2025-12-12-2", "withdrawals.csv").dropFirst() == [
                "INSERT,25489122/1,MC4002,SEP,2025/6,2025-12-01,STUDENT_WITHDREW"
            ])
    }

    @Test func aCalendarChangedUnderASealedBoardIsRefused() throws {
        let institution = try Self.sealedExample()
        #expect(try institution.run("seal", "--board", "2026-02-19").status == 0)
        // A board added before a sealed one.
        try institution.write(
            "board.toml",
            Institution.config.replacingOccurrences(
                of: "boards = [2025-12-11, 2026-02-19,", with: "boards = [2025-12-11, 2026-01-15, 2026-02-19,"))
        let added = try institution.run("run", "--board", "2026-06-18")
        #expect(added.status == 65, "\(added)")
        #expect(
            added.errorLines.first?.hasPrefix(
                "board: board.toml lists a board of 2026-01-15, never sealed, before the board of 2026-02-19, which is sealed (version 1, by "
            ) == true, "\(added)")
        // A sealed board removed.
        try institution.write(
            "board.toml",
            Institution.config.replacingOccurrences(
                of: "boards = [2025-12-11, 2026-02-19,", with: "boards = [2025-12-11,"))
        let removed = try institution.run("export", "--as-of", "2026-07-01")
        #expect(removed.status == 65, "\(removed)")
        #expect(
            removed.errorLines.contains {
                $0.hasPrefix(
                    "board: board.toml no longer lists the board of 2026-02-19 in 2025/26, though it is sealed (version 1, by "
                )
            },
            "\(removed)")
        #expect(try institution.exportFolders().isEmpty)
        // Put back, unsealed, then removed: allowed.
        try institution.write("board.toml", Institution.config)
        #expect(try institution.run("unseal", "--board", "2026-02-19", "--reason", "no such board").status == 0)
        try institution.write(
            "board.toml",
            Institution.config.replacingOccurrences(
                of: "boards = [2025-12-11, 2026-02-19,", with: "boards = [2025-12-11,"))
        try FileManager.default.removeItem(at: institution.folder.appendingPathComponent("marks/2026-02-19"))
        #expect([0, 1].contains(try institution.run("run", "--board", "2026-06-18").status))
    }

    @Test func historyListsSealsAndUnsealsBesideExports() throws {
        let institution = try Self.sealedExample()
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        #expect(try institution.run("unseal", "--board", "2025-12-11", "--reason", "remark").status == 0)
        let history = try institution.run("history")
        let whats = history.lines.dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true)[1] }
        #expect(whats == ["SEAL", "EXPORT", "UNSEAL"], "\(history)")
        #expect(
            history.lines.contains {
                $0.contains(
                    "EXPORT  1 as of 2025-12-11, committed, 2025-12-11-1: SAS 11 INSERT; SRA 3 INSERT; SMR 6 INSERT")
            }, "\(history)")
        let student = try institution.run("history", "25649144")
        let actions = student.lines.dropFirst(2).map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }
        #expect(actions == ["SEAL", "INSERT", "INSERT", "INSERT", "INSERT", "UNSEAL"], "\(student)")
    }
}

/// The export guard (SPEC §7): no export takes back what SITS holds without `--rewind`, and `--dry-run`
/// writes nothing.
@Suite("board export: back-dated exports, older ledgers and dry runs")
struct ExportGuardTests {
    @Test func aBackDatedExportIsRefusedSayingWhatItWouldTakeBack() throws {
        let institution = try ExportCommandTests.institution()
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        let exports = try SealCommandTests.snapshot(institution.exports)
        let refused = try institution.run("export", "--as-of", "2025-12-10")
        #expect(refused.status == 65, "\(refused)")
        #expect(
            refused.errorLines.last(where: { $0.hasPrefix("board: ") })
                == "board: an export as of 2025-12-10 is before the as-of date of the last export, 2025-12-11 (export 1): it would delete or change back 17 records that SITS holds, 13 of them agreed by a board (SAS 8 UPDATE; SRA 3 DELETE; SMR 6 DELETE). Nothing was sent.",
            "\(refused)")
        #expect(
            refused.errorLines.last
                == "To see them: board export --as-of 2025-12-10 --dry-run. To take SITS back to 2025-12-10 all the same, add --rewind."
        )
        #expect(try SealCommandTests.snapshot(institution.exports).keys.sorted() == exports.keys.sorted())
        #expect(try institution.exportFolders() == ["2025-12-11-1"])

        let rewound = try institution.run("export", "--as-of", "2025-12-10", "--rewind")
        #expect(rewound.status == 0, "\(rewound)")
        #expect(
            rewound.lines.first == "Export 2 as of 2025-12-10: 17 changes (SAS 8 UPDATE; SRA 3 DELETE; SMR 6 DELETE)",
            "\(rewound)")
        // Back at the later date: not back-dated against the rewound export.
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        // The same date again, or a later one, is never refused.
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
    }

    @Test func aBackDatedExportWithNothingToSendWritesNothing() throws {
        let institution = try ExportCommandTests.institution()
        #expect(try institution.run("export", "--as-of", "2026-01-05").status == 0)
        let same = try institution.run("export", "--as-of", "2025-12-20")
        #expect(same.status == 0, "\(same)")
        #expect(same.lines == ["Nothing changed as of 2025-12-20 since export 1 (as of 2026-01-05): no export written"])
    }

    @Test func anOlderLedgerPutBackIsRefused() throws {
        let institution = try ExportCommandTests.institution()
        #expect(try institution.run("export", "--as-of", "2025-12-10").status == 0)
        let ledger = institution.exports.appendingPathComponent("ledger.sqlite")
        let older = institution.folder.appendingPathComponent("ledger-after-1.sqlite")
        try FileManager.default.copyItem(at: ledger, to: older)
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        try FileManager.default.removeItem(at: ledger)
        try FileManager.default.copyItem(at: older, to: ledger)

        let refused = try institution.run("export", "--as-of", "2025-12-11")
        #expect(refused.status == 65, "\(refused)")
        #expect(
            refused.errorLines.contains(
                "board: the ledger \(ledger.path) knows the exports up to 1, but the exports folder holds 2025-12-11-2: the ledger is an older copy, or a new one, and no longer says what SITS holds. Nothing was sent."
            ),
            "\(refused)")
        #expect(try institution.exportFolders() == ["2025-12-10-1", "2025-12-11-2"])
        // A dry run says so, not only what the export would send.
        let dry = try institution.run("export", "--as-of", "2025-12-11", "--dry-run")
        #expect(
            dry.lines.contains(
                "The ledger knows the exports up to 1, but the exports folder holds 2025-12-11-2: the ledger is an older copy, or a new one; the export is refused without --rewind"
            ),
            "\(dry)")
        try FileManager.default.removeItem(at: ledger)
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 65, "a lost ledger too")
        // Refused, it leaves no new, empty ledger in the lost one's place.
        #expect(!FileManager.default.fileExists(atPath: ledger.path))
        #expect(
            try institution.run("export", "--as-of", "2025-12-11", "--dry-run").lines.contains(
                "The ledger knows no export, but the exports folder holds 2025-12-11-2: the ledger is an older copy, or a new one; the export is refused without --rewind"
            ))
        #expect(try institution.run("export", "--as-of", "2025-12-11", "--rewind").status == 0)
        #expect(try institution.exportFolders() == ["2025-12-10-1", "2025-12-11-2", "2025-12-11-3"])
    }

    @Test func aDryRunLeavesTheLedgerAndTheExportsFolderByteIdentical() throws {
        let institution = try ExportCommandTests.institution()
        let first = try institution.run("export", "--as-of", "2025-12-11", "--dry-run")
        #expect(first.status == 0, "\(first)")
        #expect(
            first.lines.first
                == "Dry run: an export as of 2025-12-11 would send 20 changes (SAS 11 INSERT; SRA 3 INSERT; SMR 6 INSERT); nothing was written",
            "\(first)")
        #expect(first.lines.contains("SAS.csv, 11 INSERT, the first 5:"), "\(first)")
        #expect(first.lines.contains("  INSERT,22655425/1,MC4002,SEP,2025/6,Y,001,70,P,70,P,A,COM"), "\(first)")
        #expect(!FileManager.default.fileExists(atPath: institution.exports.path), "no folder, no ledger: \(first)")

        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        #expect(try institution.run("seal", "--board", "2025-12-11").status == 0)
        var rows = ExportCommandTests.firstBoardRows
        rows[0] = "22655425,MC4002,SEP,2025/26,001,1,72,,2025-11-26,cy,"
        let before = try SealCommandTests.snapshot(institution.exports)
        #expect(before.keys.contains("ledger.sqlite") && before.keys.contains(".lock"))
        for arguments in [["--as-of", "2025-12-12"], ["--as-of", "2025-12-10"], []] {
            let dry = try BoardBinary.run(["export", "--dry-run"] + arguments, in: institution.folder)
            #expect([0, 1].contains(dry.status), "\(arguments): \(dry)")
            #expect(try SealCommandTests.snapshot(institution.exports) == before, "\(arguments): the dry run wrote")
        }
        let backDated = try institution.run("export", "--dry-run", "--as-of", "2025-12-10")
        #expect(
            backDated.lines.contains {
                $0.hasPrefix(
                    "As of 2025-12-10, before the as-of date of the last export, 2025-12-11: it would delete or change back 17 records that SITS holds, 13 of them agreed by a board"
                )
            }, "\(backDated)")
        // A sealed board's sheet changed: the dry run is refused as the export would be.
        try institution.write(ExportCommandTests.firstBoard, Institution.sheet(rows))
        #expect(try institution.run("export", "--dry-run", "--as-of", "2025-12-12").status == 65)
        #expect(try SealCommandTests.snapshot(institution.exports) == before)
    }

    @Test func aDryRunOnALedgerOfTheCodeBeforeUpgradesNothing() throws {
        var rows = ExportCommandTests.firstBoardRows
        rows[0] = "22655425,MC4002,SEP,2025/26,001,1,72,,2025-11-26,cy,"
        let institution = try ExportCommandTests.institution(rows: rows)
        try FileManager.default.createDirectory(at: institution.exports, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: LedgerUpgradeTests.fixture.appendingPathComponent("ledger.sqlite"),
            to: institution.exports.appendingPathComponent("ledger.sqlite"))
        let before = try SealCommandTests.snapshot(institution.exports)
        let dry = try institution.run("export", "--dry-run", "--as-of", "2025-12-14")
        #expect(dry.status == 0, "\(dry)")
        #expect(
            dry.lines.first?.hasPrefix(
                "Dry run: an export as of 2025-12-14 would send 3 changes since export 5 (as of 2025-12-13)") == true,
            "\(dry)")
        #expect(try SealCommandTests.snapshot(institution.exports) == before, "no backup, no upgrade")
    }
}

/// The export guard against keys that vanish (SPEC §7, issue 29): no decision changes, yet every record
/// of a changed key would be deleted from SITS and sent again under the new one. Without `--rewind`, an
/// export that would delete a record whose last version sent a board agreed is refused. On a copy of
/// SampleData, exported as of 2026-03-01 (agreed through the board of 2026-02-19).
@Suite("board export: no agreed record deleted from SITS without --rewind")
struct AgreedDeletionGuardTests {
    typealias SampleCopy = ExportKillTests.SampleCopy
    static let asOf = ExportKillTests.asOf

    /// A copy exported once as of 2026-03-01, then `[policy] ayr_code` changed from `2025/6` to `25/26`.
    static func ayrCodeChanged() throws -> SampleCopy {
        let copy = try SampleCopy()
        let first = try copy.export()
        #expect(first.status == 1, "SampleData has rejected rows: \(first)")
        #expect(copy.entries.contains("2026-03-01-1"))
        let config = copy.data.appendingPathComponent("board.toml")
        let text = try String(contentsOf: config, encoding: .utf8)
        try #require(text.contains("ayr_code = \"2025/6\""))
        try text.replacingOccurrences(of: "ayr_code = \"2025/6\"", with: "ayr_code = \"25/26\"")
            .write(to: config, atomically: true, encoding: .utf8)
        return copy
    }

    static let ayrCounts =
        "318 records that SITS holds as agreed by a board (SAS 193 DELETE; SRA 26 DELETE; SMR 96 DELETE; withdrawals 3 DELETE)"
    static let ayrFirstKeys = [
        "  SAS 21155974/1 PC7001 SEP 2025/6 Y 001",
        "  SAS 21155974/1 PC7001 SEP 2025/6 Y 002",
        "  SAS 21155974/1 PC7001 SEP 2025/6 Y 003",
        "  SAS 21189696/1 CE3005 SEP 2025/6 Y 001",
        "  SAS 21189696/1 CE3005 SEP 2025/6 Y 002",
    ]

    /// The exports folder's files but the ledger and the lock (whose pid changes), and what the ledger
    /// holds: every export, seal and version sent, as `board history` lists them. Opening the ledger to
    /// compare rewrites the counters of its SQLite header, as any refused export does, never a row.
    struct Sent: Equatable {
        let files: [String: Data]
        let exports: [String]
        let versions: [String]

        init(_ copy: SampleCopy) throws {
            files = try SealCommandTests.snapshot(copy.exports).filter {
                $0.key != "ledger.sqlite" && $0.key != ".lock"
            }
            exports = try BoardBinary.run(["history"], in: copy.data).lines
            versions = try copy.history("25649144") + copy.history("21155974")
        }
    }

    static func refusal(_ counts: String, keys: [String]) -> [String] {
        [
            "board: an export as of \(asOf) would delete \(counts): no record is made under their keys now, though no decision need have changed (as when [policy] ayr_code, an spr_code in enrolments.csv or a course's code changed). Nothing was sent."
        ] + keys + [
            "Undo the change that took them away (board export --as-of \(asOf) --dry-run shows what it would send); or, to send it deliberately, deleting them from SITS, add --rewind."
        ]
    }

    @Test func anAYRCodeChangedAfterAnExportIsRefusedWithTheCounts() throws {
        let copy = try Self.ayrCodeChanged()
        let before = try Sent(copy)
        let refused = try copy.export()
        #expect(refused.status == 65, "\(refused)")
        #expect(
            Array(refused.errorLines.drop { !$0.hasPrefix("board: ") })
                == Self.refusal(Self.ayrCounts, keys: Self.ayrFirstKeys + ["  and 313 more"]), "\(refused)")
        #expect(refused.stdout.isEmpty, "\(refused)")
        #expect(try Sent(copy) == before, "nothing written, the ledger unchanged")
        #expect(!FileManager.default.fileExists(atPath: copy.exports.appendingPathComponent("ledger.sqlite-wal").path))
        // Undone, the change leaves nothing to send.
        let config = copy.data.appendingPathComponent("board.toml")
        try String(contentsOf: config, encoding: .utf8).replacingOccurrences(
            of: "ayr_code = \"25/26\"", with: "ayr_code = \"2025/6\""
        ).write(to: config, atomically: true, encoding: .utf8)
        let undone = try copy.export()
        #expect(undone.status == 0, "\(undone)")
        #expect(undone.lines.first?.hasPrefix("Nothing changed as of 2026-03-01 since export 1") == true, "\(undone)")
    }

    @Test func anAYRCodeChangedIsSentWithRewind() throws {
        let copy = try Self.ayrCodeChanged()
        let sent = try BoardBinary.run(["export", "--as-of", Self.asOf, "--rewind"], in: copy.data)
        #expect(sent.status == 1, "SampleData has rejected rows: \(sent)")
        #expect(
            sent.lines.first
                == "Export 2 as of 2026-03-01: 954 changes (SAS 288 INSERT, 288 DELETE; SRA 30 INSERT, 30 DELETE; SMR 156 INSERT, 156 DELETE; withdrawals 3 INSERT, 3 DELETE)",
            "\(sent)")
        #expect(sent.stderr.contains("318 records SITS holds as agreed by a board deleted (--rewind)"), "\(sent)")
        let records = try copy.loaded()
        #expect(records.count == 477)
        #expect(
            records.keys.allSatisfy { $0.split(separator: ",")[3] == "25/26" }, "\(records.keys.sorted().prefix(5))")
        #expect(records.values.contains { $0.hasPrefix("21155974/1,PC7001,SEP,25/26,Y,001,") })
        // Sent: the next export has nothing to send, and is not refused.
        let again = try copy.export()
        #expect(again.status == 0, "\(again)")
        #expect(again.lines.first?.hasPrefix("Nothing changed") == true, "\(again)")
    }

    @Test func aDryRunSaysTheExportWouldBeRefusedAndWritesNothing() throws {
        let copy = try Self.ayrCodeChanged()
        let before = try SealCommandTests.snapshot(copy.exports)
        let dry = try BoardBinary.run(["export", "--as-of", Self.asOf, "--dry-run"], in: copy.data)
        #expect(dry.status == 1, "the export's status: it would send records, and rows were rejected: \(dry)")
        #expect(
            dry.lines.first
                == "Dry run: an export as of 2026-03-01 would send 954 changes since export 1 (as of 2026-03-01) (SAS 288 INSERT, 288 DELETE; SRA 30 INSERT, 30 DELETE; SMR 156 INSERT, 156 DELETE; withdrawals 3 INSERT, 3 DELETE); nothing was written",
            "\(dry)")
        #expect(
            Array(dry.lines.dropFirst().prefix(7))
                == ["It would delete \(Self.ayrCounts); the export is refused without --rewind:"] + Self.ayrFirstKeys
                + ["  and 313 more"], "\(dry)")
        #expect(try SealCommandTests.snapshot(copy.exports) == before, "the dry run wrote")
    }

    @Test func anSPRCodeChangedIsRefused() throws {
        let copy = try SampleCopy()
        #expect(try copy.export().status == 1)
        let enrolments = copy.data.appendingPathComponent("enrolments.csv")
        let text = try String(contentsOf: enrolments, encoding: .utf8)
        let row = "25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,,en,"
        try #require(text.contains(row + "\n"))
        try text.replacingOccurrences(of: row + "\n", with: row + "25649144/2\n")
            .write(to: enrolments, atomically: true, encoding: .utf8)
        let before = try Sent(copy)
        let refused = try copy.export()
        #expect(refused.status == 65, "\(refused)")
        #expect(
            Array(refused.errorLines.drop { !$0.hasPrefix("board: ") })
                == Self.refusal(
                    "4 records that SITS holds as agreed by a board (SAS 2 DELETE; SRA 1 DELETE; SMR 1 DELETE)",
                    keys: [
                        "  SAS 25649144/1 MC4002 SEP 2025/6 Y 001",
                        "  SAS 25649144/1 MC4002 SEP 2025/6 Y 002",
                        "  SRA 25649144/1 MC4002 SEP 2025/6 Y 001 001",
                        "  SMR 25649144/1 MC4002 SEP 2025/6 Y",
                    ]), "\(refused)")
        #expect(try Sent(copy) == before, "nothing written, the ledger unchanged")
    }

    @Test func aProvisionalMarkTakenBackIsNotRefused() throws {
        // Before the board of 2026-02-19 its sheets are provisional (`*_PRCS` `I`): a record of them that
        // vanishes is deleted as before, without --rewind.
        let institution = try ExportCommandTests.institution()
        #expect(try institution.run("export", "--as-of", "2025-12-01").status == 0)
        try FileManager.default.removeItem(at: institution.folder.appendingPathComponent(ExportCommandTests.firstBoard))
        let sent = try institution.run("export", "--as-of", "2025-12-01")
        #expect(sent.status == 0, "\(sent)")
        #expect(sent.lines.first?.hasPrefix("Export 2 as of 2025-12-01: ") == true, "\(sent)")
        #expect(sent.lines.first?.contains("DELETE") == true, "\(sent)")
    }
}

/// `board seal` killed at every step: the ledger holds the whole seal or none of it.
@Suite("board seal survives being killed at every step")
struct SealKillTests {
    @Test(arguments: 1...5)
    func aSealKilledAtEveryStepIsWholeOrAbsent(step: Int) throws {
        let institution = try RunCommandTests.workedExample()
        let killed = try BoardBinary.run(
            ["seal", "--board", "2025-12-11", "--by", "alice"], in: institution.folder,
            environment: ["BOARD_SEAL_STOP_AFTER": "\(step)"])
        #expect(killed.status == SIGKILL, "\(killed)")
        let history = try institution.run("history")
        #expect(history.status == 0, "\(history)")
        let committed = step == 5
        #expect(
            history.lines.first
                == (committed
                    ? "0 exports, 1 seal, 0 unsealings, oldest first"
                    : "No export has been committed yet, and no board sealed"),
            "step \(step): \(history)")
        // Unsealed, a sheet may change freely; sealed, it may not.
        let again = try institution.run("seal", "--board", "2025-12-11", "--by", "alice")
        #expect(again.status == 0, "\(again)")
        #expect(
            again.lines.first?.hasPrefix(
                committed
                    ? "The board of 2025-12-11 is sealed already (version 1"
                    : "Sealed the board of 2025-12-11 (2025/26), version 1,") == true, "step \(step): \(again)")
        #expect(again.stdout.contains(committed ? "its files are as sealed" : "1 file (11 rows) and 7 decisions"))
        // The whole seal: its decisions are those an amendment is measured against.
        #expect(try institution.run("unseal", "--board", "2025-12-11", "--reason", "remark").status == 0)
        try SealCommandTests.correctB(institution)
        #expect(try institution.run("run", "--board", "2025-12-11").status == 0)
        let amendments = try RunCommandTests.read(institution, "Reports/2025-26/2025-12-11/amendments.csv")
        #expect(
            amendments.split(separator: "\n").dropFirst().map { $0.prefix(42) } == [
                "2025-12-11,25649144,MC4002,SEP,REFER,36,PA"
            ], "step \(step): \(amendments)")
    }
}

/// `board credentials` lists the amendments of the decisions it issues credentials for (SPEC §9).
@Suite struct SealedCredentialsTests {
    @Test func credentialsOfAnAmendedDecisionListTheAmendment() throws {
        let sample = try IssuingSample()
        #expect(try sample.board("seal", "--board", "2025-12-11", "--by", "alice").status == 0)
        #expect(try sample.board("unseal", "--board", "2025-12-11", "--by", "bob", "--reason", "remark").status == 0)
        try sample.edit("marks/2025-12-11/MC4002-SEP.csv") {
            $0.replacingOccurrences(
                of: "22655425,MC4002,SEP,2025/26,001,1,70,", with: "22655425,MC4002,SEP,2025/26,001,1,75,")
        }
        let issued = try sample.issue()
        #expect(issued.status == 0, "\(issued)")
        #expect(
            issued.lines.contains(
                "Issued for 1 decision of sealed boards amended since first sealed (amendments.csv of board run lists every amendment):"
            ), "\(issued)")
        #expect(
            issued.lines.contains {
                $0.hasPrefix(
                    "  2025-12-11 22655425 MC4002 SEP: sealed PASS 64, now PASS 67 (unsealed by bob at ")
                    && $0.hasSuffix(": remark)")
            }, "\(issued)")
        #expect(try sample.board("seal", "--board", "2025-12-11").status == 0)
        try sample.edit("marks/2025-12-11/MC4002-SEP.csv") { $0 + "\n" }
        let refused = try sample.issue()
        #expect(refused.status == 65, "\(refused)")
    }
}

/// A ledger lost, or put back from before a seal, does not open a sealed board (issue 29).
@Suite("board run: the seals the board folders record are the ledger's")
struct SealTraceCommandTests {
    @Test func aLedgerWithoutTheSealsTheManifestsRecordIsRefused() throws {
        let institution = try SealCommandTests.sealedExample()
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 0, "\(run)")
        let manifest = institution.folder.appendingPathComponent(RunCommandTests.pack + "/manifest.json")
        let listed = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: manifest)) as? [String: Any])
        let seals = try #require(listed["seals"] as? [[String: Any]])
        #expect(seals.count == 1)
        #expect(seals.first?["board"] as? String == "2025-12-11")
        #expect(seals.first?["version"] as? Int == 1)
        #expect(seals.first?["by"] as? String == "alice")

        let ledger = institution.folder.appendingPathComponent("Reports/exports/ledger.sqlite")
        let kept = institution.folder.appendingPathComponent("ledger-kept.sqlite")
        try FileManager.default.moveItem(at: ledger, to: kept)
        try SealCommandTests.correctB(institution)
        let reports = institution.folder.appendingPathComponent("Reports")
        let before = try SealCommandTests.snapshot(reports)
        let refused = try institution.run("run", "--board", "2026-02-19")
        #expect(refused.status == 65, "\(refused)")
        #expect(
            refused.errorLines.first
                == "board: the ledger \(ledger.path) does not hold a seal that the board folders already written record: the ledger is an older copy, or a new one, and no longer says which boards are sealed. Nothing was written.",
            "\(refused)")
        #expect(
            refused.errorLines.contains {
                $0.hasPrefix("\(manifest.path): the seal of the board of 2025-12-11, version 1, by alice at ")
            }, "\(refused)")
        #expect(
            refused.errorLines.last
                == "Put the latest ledger back; if the seal was meant to go, unseal it with board unseal.")
        #expect(try SealCommandTests.snapshot(reports) == before, "nothing written")

        // The latest ledger put back: the sealed board is sealed again, and its changed sheet refused.
        try FileManager.default.moveItem(at: kept, to: ledger)
        #expect(try institution.run("run", "--board", "2026-02-19").status == 65)
        let text = try RunCommandTests.read(institution, SealCommandTests.firstSheet)
        try institution.write(
            SealCommandTests.firstSheet,
            text.replacingOccurrences(of: SealCommandTests.correction.1, with: SealCommandTests.correction.0))
        let again = try institution.run("run", "--board", "2026-02-19")
        #expect(again.status == 0, "\(again)")
    }

    @Test func aManifestWithoutSealsRefusesNothing() throws {
        let institution = try RunCommandTests.workedExample()
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 0, "\(run)")
        let manifest = try RunCommandTests.read(institution, RunCommandTests.pack + "/manifest.json")
        #expect(!manifest.contains("\"seals\""))
        #expect(try institution.run("run", "--board", "2026-02-19").status == 0)
    }
}
