import Foundation
import Testing

/// The faults that must never lose a board in silence (issue 25): a run killed at every step of writing
/// its folder, a folder of sheets that cannot be read, a group of conflicting rows that would grow with
/// its square, many rejected rows, memory running out, and a standard error that cannot be written.
@Suite("Faults: killed runs, unreadable folders, huge conflicts, memory, a full stderr")
struct FaultTests {
    static let board = "Reports/2025-26/2025-12-11"

    /// The files of a complete pack, as its manifest lists them, all present.
    static func isComplete(_ folder: URL) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path),
            let manifest = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let outputs = manifest["outputs"] as? [[String: Any]], !outputs.isEmpty
        else { return false }
        return outputs.allSatisfy { output in
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(output["path"] as! String).path)
        }
    }

    /// Hidden folders a run leaves beside its packs (the year's `.lock` file aside).
    static func leftovers(_ institution: Institution) throws -> [String] {
        try FileManager.default.contentsOfDirectory(
            atPath: institution.folder.appendingPathComponent("Reports/2025-26").path
        ).filter { $0.hasPrefix(".") && $0 != ".lock" }
    }

    @Test("a run killed after each step of writing its folder leaves the old pack or the new one", arguments: 1...5)
    func aRunKilledAtEveryStepConverges(step: Int) throws {
        let institution = try RunCommandTests.workedExample()
        #expect([0, 1].contains(try institution.run("run", "--board", "2025-12-11").status))
        let before = try RunCommandTests.read(institution, Self.board + "/decisions.csv")
        // A corrected mark, so that the new pack differs from the old.
        let sheet = "marks/2025-12-11/MC4002-SEP.csv"
        try institution.write(
            sheet,
            try RunCommandTests.read(institution, sheet).replacingOccurrences(of: ",001,1,70,", with: ",001,1,71,"))

        let killed = try BoardBinary.run(
            ["run", "--board", "2025-12-11"], in: institution.folder, environment: ["BOARD_RUN_STOP_AFTER": "\(step)"])
        #expect(killed.status == SIGKILL, "\(killed)")
        let target = institution.folder.appendingPathComponent(Self.board)
        if step == 2 {
            // Between the two renames the board's folder is missing; the previous pack waits beside it.
            #expect(!FileManager.default.fileExists(atPath: target.path))
            #expect(try Self.leftovers(institution).contains { $0.contains(".previous-") })
        } else {
            #expect(try Self.isComplete(target))
            let now = try RunCommandTests.read(institution, Self.board + "/decisions.csv")
            #expect(step == 1 ? now == before : now != before)
        }

        let again = try institution.run("run", "--board", "2025-12-11")
        #expect([0, 1].contains(again.status), "\(again)")
        #expect(try Self.isComplete(target))
        #expect(
            try RunCommandTests.read(institution, Self.board + "/decisions.csv").contains(
                "22655425,Roberts,Catrin,MC4002,SEP,2025/26,PASS,,1,65,65,"))
        #expect(try Self.leftovers(institution).isEmpty, "a hidden folder holding personal data was left behind")
    }

    @Test("a board folder that cannot be listed stops the run; nothing is written")
    func anUnreadableBoardFolderStopsTheRun() throws {
        let institution = try RunCommandTests.workedExample()
        let folder = institution.folder.appendingPathComponent("marks/2025-12-11")
        // Root reads any folder, so the run is made as an unprivileged user where the tests run as root.
        let asNobody = getuid() == 0
        if asNobody {
            try #require(
                FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "setpriv is needed to run as nobody")
            try Self.openToEveryone(institution.folder)
        }
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: folder.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path) }
        let binary = try BoardBinary.require()
        let run =
            asNobody
            ? try BoardBinary.run(
                ["--reuid=65534", "--regid=65534", "--clear-groups", binary.path, "run", "--board", "2026-02-19"],
                in: institution.folder, executable: URL(fileURLWithPath: "/usr/bin/setpriv"))
            : try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("marks/2025-12-11"), "\(run)")
        #expect(
            !FileManager.default.fileExists(
                atPath: institution.folder.appendingPathComponent(RunCommandTests.pack).path))
    }

    @Test("a sheet that is a folder, a pipe or a link to nowhere is FILE_UNREADABLE, and the rest still decided")
    func unreadableSheetsAreReportedNotFatal() throws {
        let institution = try RunCommandTests.workedExample()
        let folder = institution.folder.appendingPathComponent("marks/2025-12-11")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("X-folder.csv"), withIntermediateDirectories: true)
        #expect(mkfifo(folder.appendingPathComponent("X-pipe.csv").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("X-nowhere.csv").path, withDestinationPath: "/nonexistent/sheet.csv")
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("X-zero.csv").path, withDestinationPath: "/dev/zero")
        let run = try institution.run("run", "--board", "2025-12-11")
        #expect(run.status == 1, "\(run)")
        let exceptions = try RunCommandTests.read(institution, Self.board + "/exceptions.csv")
        for name in ["X-folder", "X-pipe", "X-nowhere", "X-zero"] {
            #expect(exceptions.contains("error,FILE_UNREADABLE,marks/2025-12-11/\(name).csv,,"), "\(exceptions)")
        }
        #expect(try RunCommandTests.read(institution, Self.board + "/decisions.csv").contains(",PASS,"))
        let check = try institution.run(
            "check", "marks/2025-12-11/X-nowhere.csv", "marks/2025-12-11/X-pipe.csv", "marks/2025-12-11/X-zero.csv")
        #expect(check.status == 1, "\(check)")
        #expect(check.lines.filter { $0.contains(":0: error: cannot read the file") }.count == 3, "\(check)")
    }

    /// Every folder readable and writable by all, every file readable: for a run as nobody.
    static func openToEveryone(_ folder: URL) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path)
        let contents = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey])!
        for case let url as URL in contents {
            let isFolder = try url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory == true
            try FileManager.default.setAttributes([.posixPermissions: isFolder ? 0o777 : 0o666], ofItemAtPath: url.path)
        }
    }

    @Test("20,000 conflicting rows for one sit give short messages, within a memory limit")
    func aHugeConflictGrowsLinearly() throws {
        let institution = try Institution()
        let rows = (0..<20_000).map { "22655425,MC4002,SEP,2025/26,001,1,\(50 + $0 % 2),,2025-11-27,en," }
        try institution.write("marks/2025-12-11/MC4002-SEP.csv", Institution.sheet(rows))
        let binary = try BoardBinary.require()
        // Four gigabytes of address space: a message naming every other row of the group needed tens.
        let run = try BoardBinary.run(
            ["-c", "ulimit -v 4000000 && exec \"$0\" run --board 2025-12-11", binary.path], in: institution.folder,
            executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(run.status == 1, "\(run)")
        let exceptions = try RunCommandTests.read(institution, Self.board + "/exceptions.csv")
        let conflicts = exceptions.split(separator: "\n").filter { $0.contains(",CONFLICT,") }
        #expect(conflicts.count == 20_000)
        #expect(conflicts.allSatisfy { $0.count < 400 }, "\(conflicts.first ?? "")")
        #expect(conflicts.first?.contains("and 19996 more") == true, "\(conflicts.first ?? "")")
    }

    /// Runs `board ARGUMENTS` in `institution` with at most `kilobytes` of address space, and two malloc
    /// arenas, so that the space a run takes is its data, whatever the number of cores.
    static func runWithin(_ kilobytes: Int, _ arguments: String, in institution: Institution) throws -> Run {
        try BoardBinary.run(
            ["-c", "ulimit -v \(kilobytes) && exec \"$0\" \(arguments)", try BoardBinary.require().path],
            in: institution.folder, environment: ["MALLOC_ARENA_MAX": "2"],
            executable: URL(fileURLWithPath: "/bin/bash"))
    }

    /// `count` rows of MC4002 for students not enrolled on it, each a student of their own.
    static func strangers(_ count: Int) -> String {
        Institution.sheet((0..<count).map { "9\(String(1_000_000 + $0)),MC4002,SEP,2025/26,001,1,50,,2025-11-27,en," })
    }

    @Test("300,000 rejected rows are decided in little memory; the course page lists 5,000 and counts the rest")
    func manyRejectedRowsTakeLittleMemory() throws {
        let institution = try RunCommandTests.workedExample()
        try institution.write("marks/2025-12-11/strangers.csv", Self.strangers(300_000))
        // About 520 MB of address space here; each rejected row took 1.6 KB before findings were held
        // once and packed (some 770 MB in all).
        let run = try Self.runWithin(650_000, "run --board 2025-12-11", in: institution)
        #expect(run.status == 1, "\(run)")
        let exceptions = try RunCommandTests.read(institution, Self.board + "/exceptions.csv")
        #expect(exceptions.split(separator: "\n").count { $0.contains(",UNKNOWN_ENROLMENT,") } == 300_000)
        let page = try RunCommandTests.read(institution, Self.board + "/courses/MC4002.html")
        #expect(page.contains("And 295000 more of this file, listed in exceptions.csv."))
        #expect(page.utf8.count < 2_000_000)
    }

    @Test("600,000 rows rejected as they are read are decided within 400 MB: their findings are packed")
    func rowsRejectedAsTheyAreReadTakeTensOfBytes() throws {
        let institution = try RunCommandTests.workedExample()
        let rows = (0..<600_000).map { "9\(String(1_000_000 + $0)),MC4002,SEP" }
        try institution.write("marks/2025-12-11/short.csv", Institution.sheet(rows))
        // About 300 MB of address space here, 290 MB without the sheet; a finding held as a value, 176
        // bytes and its strings, needed more than 400 MB.
        let run = try Self.runWithin(400_000, "run --board 2025-12-11", in: institution)
        #expect(run.status == 1, "\(run)")
        let exceptions = try RunCommandTests.read(institution, Self.board + "/exceptions.csv")
        #expect(exceptions.split(separator: "\n").count { $0.contains(",FIELD_COUNT,") } == 600_000)
    }

    @Test("a run that runs out of memory says so, exits 73 and leaves the board pack as it was")
    func runningOutOfMemoryIsSaidInWords() throws {
        let institution = try RunCommandTests.workedExample()
        #expect([0, 1].contains(try institution.run("run", "--board", "2025-12-11").status))
        let before = try RunCommandTests.read(institution, Self.board + "/manifest.json")
        try institution.write("marks/2025-12-11/strangers.csv", Self.strangers(600_000))
        // About 290 MB before a sheet is read; 600,000 rows of students not enrolled need some 460 MB more.
        let run = try Self.runWithin(400_000, "run --board 2025-12-11", in: institution)
        #expect(run.status == 73, "\(run)")
        #expect(run.stderr.contains("board: stopped: it needs more memory than it may use here"), "\(run)")
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Backtrac"), "\(run)")
        #expect(try RunCommandTests.read(institution, Self.board + "/manifest.json") == before)
        #expect(try Self.isComplete(institution.folder.appendingPathComponent(Self.board)))
    }

    @Test(
        "a standard error that cannot be written stops nothing",
        arguments: ["run --board 2025-12-11", "export --as-of 2026-01-10", "check marks/2025-12-11/MC4002-SEP.csv"])
    func aFullStandardErrorIsIgnored(command: String) throws {
        let institution = try RunCommandTests.workedExample()
        // A row with a problem, so that every command has something to say on stderr or stdout.
        try institution.write(
            "marks/2025-12-11/late.csv", Institution.sheet(["99999999,MC4002,SEP,2025/26,001,1,50,,2025-11-27,en,"]))
        let binary = try BoardBinary.require()
        let run = try BoardBinary.run(
            ["-c", "exec \"$0\" \(command) 2>/dev/full", binary.path], in: institution.folder,
            executable: URL(fileURLWithPath: "/bin/bash"))
        #expect([0, 1].contains(run.status), "\(run)")
    }
}
