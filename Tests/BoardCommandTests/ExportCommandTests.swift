import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `board export` and `board history`, run the way the registry schedules them: the real binary, on
/// files in a temporary folder, night after night.
@Suite("board export and board history, end to end (issue 5)")
struct ExportCommandTests {
    static let firstBoard = "marks/2025-12-11/MC4002-SEP.csv"

    /// Students A to F of SPEC §5 at the board of 2025-12-11.
    static let firstBoardRows = [
        "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-26,cy,",
        "22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-27,cy,",
        "25649144,MC4002,SEP,2025/26,001,1,30,,2025-11-28,,",
        "25649144,MC4002,SEP,2025/26,002,1,45,,2025-11-28,,",
        "25022038,MC4002,SEP,2025/26,001,1,30,,2025-11-25,,",
        "25022038,MC4002,SEP,2025/26,002,1,45,,2025-11-25,,",
        "22881156,MC4002,SEP,2025/26,001,1,-,DEF,2025-11-27,,",
        "22881156,MC4002,SEP,2025/26,002,1,60,,2025-11-24,,",
        "25489122,MC4002,SEP,2025/26,001,1,65,,2025-11-21,,",
        "24360906,MC4002,SEP,2025/26,001,1,65,,2025-12-02,,late",
        "24360906,MC4002,SEP,2025/26,002,1,50,,2025-11-28,,",
    ]

    static func institution(rows: [String] = firstBoardRows) throws -> Institution {
        let institution = try Institution()
        try institution.write(firstBoard, Institution.sheet(rows))
        return institution
    }

    @Test func theFirstExportSendsEveryRecordAsAnInsert() throws {
        let institution = try Self.institution()
        let run = try institution.run("export", "--as-of", "2025-12-11")
        #expect(run.status == 0, "\(run)")
        #expect(
            run.lines == [
                "Export 1 as of 2025-12-11: 20 changes (SAS 11 INSERT; SRA 3 INSERT; SMR 6 INSERT)",
                "Written to \(institution.exports.path)/2025-12-11-1/: SAS.csv, SRA.csv, SMR.csv, withdrawals.csv, manifest.json",
            ], "\(run)")
        #expect(try institution.exportFolders() == ["2025-12-11-1"])
        let sas = try institution.exported("2025-12-11-1", "SAS.csv")
        #expect(
            sas.first
                == "ACTION,SPR_CODE,MOD_CODE,MAV_OCCUR,AYR_CODE,PSL_CODE,MAB_SEQ,SAS_ACTM,SAS_ACTG,SAS_AGRM,SAS_AGRG,SAS_PRCS,SAS_PROC"
        )
        #expect(sas.count == 12)
        #expect(sas.contains("INSERT,22655425/1,MC4002,SEP,2025/6,Y,001,70,P,70,P,A,COM"))
        #expect(sas.contains("INSERT,24360906/1,MC4002,SEP,2025/6,Y,001,0,L,0,R,A,RAS"))
        for file in ["SAS.csv", "SRA.csv", "SMR.csv", "withdrawals.csv"] {
            let lines = try institution.exported("2025-12-11-1", file)
            #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("INSERT,") }, "\(file): \(lines)")
        }
        #expect(try institution.exported("2025-12-11-1", "SRA.csv").count == 4)
        #expect(try institution.exported("2025-12-11-1", "SMR.csv").count == 7)
        #expect(
            try institution.exported("2025-12-11-1", "withdrawals.csv") == [
                "ACTION,SPR_CODE,MOD_CODE,MAV_OCCUR,AYR_CODE,WITHDRAWN_AT,REASON"
            ])

        let manifest = try institution.manifest("2025-12-11-1")
        #expect(manifest["export_id"] as? Int == 1)
        #expect(manifest["as_of"] as? String == "2025-12-11")
        #expect(manifest["generated"] == nil, "no wall-clock time unless SOURCE_DATE_EPOCH is set")
        let counts = manifest["counts"] as? [String: [String: Int]]
        #expect(counts?["SAS"] == ["INSERT": 11, "UPDATE": 0, "DELETE": 0])
        #expect(counts?["SMR"] == ["INSERT": 6, "UPDATE": 0, "DELETE": 0])
        #expect((manifest["input_digest"] as? String)?.count == 64)
    }

    @Test func anImmediateSecondExportSendsNothing() throws {
        let institution = try Self.institution()
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        let again = try institution.run("export", "--as-of", "2025-12-11")
        #expect(again.status == 0, "\(again)")
        #expect(
            again.lines == ["Nothing changed as of 2025-12-11 since export 1 (as of 2025-12-11): no export written"],
            "\(again)")
        #expect(try institution.exportFolders() == ["2025-12-11-1"])
    }

    @Test func aChangedMarkSendsOneUpdateOfTheSitAndOfTheCourseResult() throws {
        let institution = try Self.institution()
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        var rows = Self.firstBoardRows
        rows[0] = "22655425,MC4002,SEP,2025/26,001,1,72,,2025-11-26,cy,"
        try institution.write(Self.firstBoard, Institution.sheet(rows))
        let run = try institution.run("export", "--as-of", "2025-12-12")
        #expect(run.status == 0, "\(run)")
        #expect(try institution.exportFolders() == ["2025-12-11-1", "2025-12-12-2"])
        // M = 60% × 72 + 40% × 55 = 65.2 → 65 (was 64).
        #expect(
            try institution.exported("2025-12-12-2", "SAS.csv").dropFirst() == [
                "UPDATE,22655425/1,MC4002,SEP,2025/6,Y,001,72,P,72,P,A,COM"
            ])
        #expect(
            try institution.exported("2025-12-12-2", "SMR.csv").dropFirst() == [
                "UPDATE,22655425/1,MC4002,SEP,2025/6,Y,65,P,65,P,P,20,1,A,COM"
            ])
        #expect(try institution.exported("2025-12-12-2", "SRA.csv").count == 1)
        #expect(try institution.exported("2025-12-12-2", "withdrawals.csv").count == 1)
    }

    @Test func aRowNewlyRejectedAsAConflictSendsADeleteWithRewind() throws {
        let institution = try Self.institution()
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        try institution.write(
            "marks/2025-12-11/MC4002-SEP-resubmitted.csv",
            Institution.sheet(["22655425,MC4002,SEP,2025/26,002,1,58,,2025-11-27,cy,"]))
        // The board agreed A's 002: its record is not deleted from SITS without --rewind (SPEC §7).
        let refused = try institution.run("export", "--as-of", "2025-12-11")
        #expect(refused.status == 65, "\(refused)")
        #expect(
            refused.errorLines.contains {
                $0.hasPrefix(
                    "board: an export as of 2025-12-11 would delete 1 record that SITS holds as agreed by a board (SAS 1 DELETE): "
                )
            }, "\(refused)")
        #expect(refused.errorLines.contains("  SAS 22655425/1 MC4002 SEP 2025/6 Y 002"), "\(refused)")
        #expect(try institution.exportFolders() == ["2025-12-11-1"])
        let run = try institution.run("export", "--as-of", "2025-12-11", "--rewind")
        #expect(run.status == 1, "rows were rejected, still exported: \(run)")
        // A's 002 no longer counts: its record goes, 001 is no longer agreed, the course is PENDING.
        #expect(
            try institution.exported("2025-12-11-2", "SAS.csv").dropFirst() == [
                "UPDATE,22655425/1,MC4002,SEP,2025/6,Y,001,70,P,,,I,SAS",
                "DELETE,22655425/1,MC4002,SEP,2025/6,Y,002,55,P,55,P,A,COM",
            ])
        #expect(
            try institution.exported("2025-12-11-2", "SMR.csv").dropFirst() == [
                "UPDATE,22655425/1,MC4002,SEP,2025/6,Y,,,,,D,,1,I,SAS"
            ])
        #expect(try institution.exported("2025-12-11-2", "SRA.csv").count == 1)
    }

    @Test func aBoardPassingFromProvisionalToAgreedSendsTheAgreedValues() throws {
        let institution = try Self.institution()
        let before = try institution.run("export", "--as-of", "2025-12-10")
        #expect(before.status == 0, "\(before)")
        let provisional = try institution.exported("2025-12-10-1", "SAS.csv")
        #expect(provisional.count == 12, "every sit presented to the coming board: \(provisional)")
        #expect(provisional.contains("INSERT,22655425/1,MC4002,SEP,2025/6,Y,001,70,P,,,I,SAS"))
        #expect(provisional.contains("INSERT,22881156/1,MC4002,SEP,2025/6,Y,001,,M,,,I,DEF"))
        #expect(try institution.exported("2025-12-10-1", "SMR.csv").count == 1, "no course result before the board")
        #expect(try institution.exported("2025-12-10-1", "SRA.csv").count == 1)

        let after = try institution.run("export", "--as-of", "2025-12-11")
        #expect(after.status == 0, "\(after)")
        let agreed = try institution.exported("2025-12-11-2", "SAS.csv").dropFirst()
        // A, B, C and F were decided by rule 5: their sits are agreed. D (DEFER) and E (PENDING) are not.
        #expect(agreed.count == 8, "\(agreed)")
        #expect(agreed.allSatisfy { $0.hasPrefix("UPDATE,") })
        #expect(agreed.contains("UPDATE,22655425/1,MC4002,SEP,2025/6,Y,001,70,P,70,P,A,COM"))
        #expect(agreed.contains("UPDATE,24360906/1,MC4002,SEP,2025/6,Y,001,0,L,0,R,A,RAS"))
        let results = try institution.exported("2025-12-11-2", "SMR.csv").dropFirst()
        #expect(results.count == 6 && results.allSatisfy { $0.hasPrefix("INSERT,") }, "\(results)")
        #expect(results.contains("INSERT,22655425/1,MC4002,SEP,2025/6,Y,64,P,64,P,P,20,1,A,COM"))
    }

    @Test func aSecondExportWhileOneRunsIsRefusedWith75() throws {
        let institution = try Self.institution()
        let lock = try HeldLock(institution.exports.appendingPathComponent(".lock").path)
        let run = try institution.run("export", "--as-of", "2025-12-11")
        #expect(run.status == 75, "\(run)")
        #expect(
            run.stderr == "board: another export is running (pid \(getpid())); try again when it has finished\n",
            "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(try institution.exportFolders().isEmpty)
        #expect(
            !FileManager.default.fileExists(atPath: institution.exports.appendingPathComponent("ledger.sqlite").path))
        lock.release()
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0, "the lock goes with its holder")
    }

    @Test func aBoardRunWhileAnotherWritesTheYearIsRefusedWith75() throws {
        let institution = try Self.institution()
        let lock = try HeldLock(institution.folder.appendingPathComponent("Reports/2025-26/.lock").path)
        let run = try institution.run("run", "--board", "2025-12-11")
        #expect(run.status == 75, "\(run)")
        #expect(run.stderr.contains("(pid \(getpid())); try again when it has finished"), "\(run)")
        #expect(
            !FileManager.default.fileExists(
                atPath: institution.folder.appendingPathComponent("Reports/2025-26/2025-12-11").path))
        lock.release()
    }

    @Test func historyListsEveryExportedVersionOldestFirst() throws {
        let institution = try Self.institution()
        #expect(try institution.run("export", "--as-of", "2025-12-10").status == 0)
        #expect(try institution.run("export", "--as-of", "2025-12-11").status == 0)
        let run = try institution.run("history", "22655425")
        #expect(run.status == 0, "\(run)")
        let rows = run.lines.dropFirst(2).map {
            $0.split(separator: " ", omittingEmptySubsequences: true).prefix(5).joined(separator: " ")
        }
        #expect(run.lines.first == "Student 22655425 (SPR 22655425/1): 5 versions of 3 records, oldest first", "\(run)")
        #expect(
            rows == [
                "1 2025-12-10 INSERT SAS 22655425/1", "1 2025-12-10 INSERT SAS 22655425/1",
                "2 2025-12-11 UPDATE SAS 22655425/1", "2 2025-12-11 UPDATE SAS 22655425/1",
                "2 2025-12-11 INSERT SMR 22655425/1",
            ], "\(run)")
        #expect(run.lines.contains { $0.hasSuffix("ACTM=70 ACTG=P AGRM=- AGRG=- PRCS=I PROC=SAS") }, "\(run)")
        #expect(run.lines.contains { $0.hasSuffix("ACTM=70 ACTG=P AGRM=70 AGRG=P PRCS=A PROC=COM") }, "\(run)")

        let unknown = try institution.run("history", "99999999")
        #expect(unknown.status == 64, "\(unknown)")
    }
}

/// The kill test: SIGKILL after each step of an export, then a normal export; the ledger and the files
/// sent must end where an uninterrupted export ends, with nothing lost and no partial folder.
@Suite("board export survives being killed at every step")
struct ExportKillTests {
    static let change = ("25649144,MC4002,SEP,2025/26,001,2,52,", "25649144,MC4002,SEP,2025/26,001,2,55,")
    static let asOf = "2026-03-01"

    /// A copy of SampleData, its exports beside it, as SampleData/board.toml says (`../Reports/exports`).
    final class SampleCopy {
        let root: URL
        var data: URL { root.appendingPathComponent("SampleData") }
        var exports: URL { root.appendingPathComponent("Reports/exports") }

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("board-kill-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: SampleData.folder, to: data)
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        func export(_ environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws
            -> Run
        {
            try BoardBinary.run(
                ["export", "--as-of", ExportKillTests.asOf], in: data, environment: environment,
                sourceLocation: sourceLocation)
        }

        func changeAMark() throws {
            let sheet = data.appendingPathComponent("marks/2026-02-19/MC4002-SEP.csv")
            let text = try String(contentsOf: sheet, encoding: .utf8)
            try #require(text.contains(ExportKillTests.change.0))
            try text.replacingOccurrences(of: ExportKillTests.change.0, with: ExportKillTests.change.1)
                .write(to: sheet, atomically: true, encoding: .utf8)
        }

        var entries: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: exports.path)) ?? []).sorted() }

        /// The records the registry holds after loading every published export in order.
        func loaded() throws -> [String: String] {
            let folders = entries.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".orphaned") && !$0.contains(".sqlite") }
                .sorted { Int($0.split(separator: "-").last!)! < Int($1.split(separator: "-").last!)! }
            var records: [String: String] = [:]
            for folder in folders {
                for (file, keyColumns) in [("SAS.csv", 6), ("SRA.csv", 7), ("SMR.csv", 5), ("withdrawals.csv", 4)] {
                    let text = try String(
                        contentsOf: exports.appendingPathComponent("\(folder)/\(file)"), encoding: .utf8)
                    for line in text.split(separator: "\n").dropFirst() {
                        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                        let key = file + " " + fields[1...keyColumns].joined(separator: ",")
                        records[key] = fields[0] == "DELETE" ? nil : fields.dropFirst().joined(separator: ",")
                    }
                }
            }
            return records
        }

        func history(_ student: String) throws -> [String] {
            let run = try BoardBinary.run(["history", student], in: data)
            // Export ids differ when a run was interrupted: compare everything else.
            return run.lines.dropFirst(2).map { String($0.drop { $0 != " " }) }
        }
    }

    @Test func anUninterruptedNightThenTheSameKilledAtEveryStep() throws {
        let reference = try SampleCopy()
        #expect(try reference.export().status == 1, "SampleData has rejected rows")
        try reference.changeAMark()
        let changed = try reference.export()
        #expect(changed.status == 1, "\(changed)")
        #expect(reference.entries.filter { $0.hasPrefix("2026-03-01-") } == ["2026-03-01-1", "2026-03-01-2"])
        let referenceRecords = try reference.loaded()
        #expect(referenceRecords.values.contains { $0.hasPrefix("25649144/1,MC4002,SEP,2025/6,Y,001,001,55,P,") })
        let referenceHistory = try reference.history("25649144")

        for step in 1...7 {
            let copy = try SampleCopy()
            #expect(try copy.export().status == 1)
            try copy.changeAMark()
            let killed = try copy.export(["BOARD_EXPORT_STOP_AFTER": String(step)])
            #expect(killed.status == SIGKILL, "step \(step): \(killed)")
            if step == 5 { #expect(copy.entries.contains(".2026-03-01-2.partial"), "step 5 leaves a temporary folder") }
            let recovered = try copy.export()
            // SampleData's deliberate mistakes make an export that sends anything exit 1; nothing to send is 0.
            #expect(recovered.status == (step == 7 ? 0 : 1), "step \(step): \(recovered)")
            if step == 7 {
                #expect(
                    recovered.lines.first?.hasPrefix("Nothing changed") == true, "step 7 had committed: \(recovered)")
            } else {
                #expect(recovered.lines.first?.hasPrefix("Export ") == true, "step \(step): sent again: \(recovered)")
            }
            if step == 6 {
                #expect(copy.entries.contains("2026-03-01-2.orphaned"), "\(copy.entries)")
                #expect(recovered.stderr.contains("renamed it 2026-03-01-2.orphaned"), "\(recovered)")
            } else {
                #expect(!copy.entries.contains { $0.hasSuffix(".orphaned") }, "step \(step): \(copy.entries)")
            }
            #expect(
                copy.entries.filter { $0.hasPrefix(".") } == [".lock"],
                "step \(step): no temporary folder is left: \(copy.entries)")
            #expect(try copy.loaded() == referenceRecords, "step \(step): the registry ends with the same records")
            #expect(
                try copy.history("25649144") == referenceHistory, "step \(step): the ledger holds the same versions")
            let again = try copy.export()
            #expect(again.status == 0, "step \(step): \(again)")
            #expect(
                again.lines.first?.hasPrefix("Nothing changed") == true, "step \(step): the ledger converged: \(again)")
        }
    }
}

/// An exclusive flock held by the test process, with its pid in the file, as a running export holds it.
final class HeldLock {
    let descriptor: Int32

    init(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        try #require(descriptor >= 0)
        try #require(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let text = Array("\(getpid())\n".utf8)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    private var released = false

    func release() {
        guard !released else { return }
        released = true
        close(descriptor)
    }

    deinit { release() }
}

extension Institution {
    var exports: URL { folder.appendingPathComponent("Reports/exports") }

    /// The export folders written, oldest first.
    func exportFolders() throws -> [String] {
        guard FileManager.default.fileExists(atPath: exports.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: exports.path)
            .filter { !$0.hasPrefix(".") && !$0.contains(".sqlite") }.sorted()
    }

    func exported(_ folder: String, _ file: String) throws -> [String] {
        let text = try String(contentsOf: exports.appendingPathComponent("\(folder)/\(file)"), encoding: .utf8)
        return text.split(separator: "\n").map(String.init)
    }

    func manifest(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: exports.appendingPathComponent("\(folder)/manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
