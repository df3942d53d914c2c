import Foundation
import Input
import Regulations
import Testing

@testable import Ledger

/// The export ledger and the records an export computes, without the command line.
@Suite("Export ledger and records as of a date")
struct LedgerTests {
    static let recordA = RecordID(table: .sas, key: ["22655425/1", "MC4002", "SEP", "2025/6", "Y", "001"])
    static let recordB = RecordID(table: .smr, key: ["25649144/1", "MC4002", "SEP", "2025/6", "Y"])
    static let valuesA = ["22655425/1", "MC4002", "SEP", "2025/6", "Y", "001", "70", "P", "70", "P", "A", "COM"]
    static let valuesB = ["25649144/1", "MC4002", "SEP", "2025/6", "Y", "36", "F", "36", "R", "D", "", "2", "A", "RAS"]

    @Test func aCommittedExportBecomesTheCurrentStateAndItsVersionsAreKept() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/ledger.sqlite"
            let ledger = try Ledger(path: path)
            try ledger.start(id: 1, asOf: Day("2025-12-11")!, folder: "2025-12-11-1", inputDigest: "d1")
            try ledger.commit(
                id: 1,
                changes: [
                    RecordChange(Self.recordA, Self.valuesA, .insert),
                    RecordChange(Self.recordB, Self.valuesB, .insert),
                ],
                counts: "{}")
            var changedA = Self.valuesA
            changedA[6] = "72"
            try ledger.start(id: 2, asOf: Day("2025-12-12")!, folder: "2025-12-12-2", inputDigest: "d2")
            try ledger.commit(
                id: 2,
                changes: [
                    RecordChange(Self.recordA, changedA, .update), RecordChange(Self.recordB, Self.valuesB, .delete),
                ],
                counts: "{}")

            // Reopened: the migrations run once, the state is kept.
            let reopened = try Ledger(path: path)
            #expect(try reopened.current() == [Self.recordA: changedA])
            #expect(try reopened.lastCommitted()?.id == 2)
            #expect(try reopened.maxID() == 2)
            let history = try reopened.history(sprCodes: ["22655425/1", "25649144/1"])
            #expect(history.map(\.exportID) == [1, 1, 2, 2])
            #expect(history.map(\.change.action) == [.insert, .insert, .update, .delete])
            #expect(history.map(\.asOf) == ["2025-12-11", "2025-12-11", "2025-12-12", "2025-12-12"])
            #expect(history[3].change.values == Self.valuesB, "a DELETE keeps the values last sent")
            #expect(try reopened.history(sprCodes: ["25649144/1"]).count == 2)
        }
    }

    @Test func theLedgerIsInWALModeAndReadableByOwnerAndGroupOnly() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/ledger.sqlite"
            _ = try Ledger(path: path)
            let header = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)).prefix(20))
            #expect(header.count == 20 && header[18] == 2 && header[19] == 2, "file format versions 2: WAL")
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o640)
        }
    }

    @Test func aStartedExportThatNeverCommitsChangesNoRecord() throws {
        try withTemporaryFolder { folder in
            let ledger = try Ledger(path: folder + "/ledger.sqlite")
            try ledger.start(id: 1, asOf: Day("2025-12-11")!, folder: "2025-12-11-1", inputDigest: "d")
            #expect(try ledger.current().isEmpty)
            #expect(try ledger.lastCommitted() == nil)
            #expect(try ledger.exports(status: "started").map(\.id) == [1])
            try ledger.abandon(id: 1)
            #expect(try ledger.exports(status: "abandoned").map(\.id) == [1])
            #expect(throws: LedgerError.self) {
                try ledger.commit(id: 1, changes: [RecordChange(Self.recordA, Self.valuesA, .insert)], counts: "{}")
            }
            #expect(try ledger.current().isEmpty, "the failed commit rolled back whole")
            #expect(try ledger.history(sprCodes: ["22655425/1"]).isEmpty)
        }
    }

    @Test func changesAreInsertsUpdatesAndDeletesAgainstTheLastVersionsSent() {
        var snapshot = ExportSnapshot(asOf: Day("2025-12-11")!)
        var changedA = Self.valuesA
        changedA[6] = "72"
        let recordC = RecordID(table: .sas, key: ["22655425/1", "MC4002", "SEP", "2025/6", "Y", "002"])
        let valuesC = ["22655425/1", "MC4002", "SEP", "2025/6", "Y", "002", "55", "P", "55", "P", "A", "COM"]
        snapshot.records = [Self.recordA: changedA, recordC: valuesC]
        let changes = snapshot.changes(since: [Self.recordA: Self.valuesA, Self.recordB: Self.valuesB])
        #expect(
            changes == [
                RecordChange(Self.recordA, changedA, .update), RecordChange(recordC, valuesC, .insert),
                RecordChange(Self.recordB, Self.valuesB, .delete),
            ])
        #expect(snapshot.changes(since: snapshot.records).isEmpty)
    }

    @Test func sheetsPresentedToTheComingBoardAreActualMarksThenAgreedOnceItSits() throws {
        try withTemporaryFolder { folder in
            let (config, load) = try Institution().load(in: folder)
            try write(
                """
                student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on
                22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-26
                22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-27
                25649144,MC4002,SEP,2025/26,001,1,30,,2025-11-28
                25649144,MC4002,SEP,2025/26,002,1,45,,2025-11-28

                """, to: "marks/2025-12-11/MC4002-SEP.csv", in: folder)
            let before = try ExportSnapshot.compute(config: config, register: load, asOf: Day("2025-12-10")!)
            #expect(before.bases.map(\.agreedThrough) == [nil])
            #expect(before.bases.map(\.provisional) == [Day("2025-12-11")])
            #expect(before.records.keys.allSatisfy { $0.table == .sas }, "no course result before the board")
            #expect(
                before.records.values.map { Array($0.suffix(6)) }.sorted { $0.lexicographicallyPrecedes($1) } == [
                    ["30", "F", "", "", "I", "SAS"], ["45", "P", "", "", "I", "SAS"], ["55", "P", "", "", "I", "SAS"],
                    ["70", "P", "", "", "I", "SAS"],
                ])

            let after = try ExportSnapshot.compute(config: config, register: load, asOf: Day("2025-12-11")!)
            #expect(after.bases.map(\.agreedThrough) == [Day("2025-12-11")])
            #expect(after.bases.map(\.provisional) == [Day("2026-02-19")])
            #expect(after.records[Self.recordA] == Self.valuesA)
            #expect(
                after.records[RecordID(table: .sas, key: ["25649144/1", "MC4002", "SEP", "2025/6", "Y", "001"])]?
                    .suffix(6)
                    == ["30", "F", "30", "R", "A", "RAS"])
            #expect(after.records.keys.filter { $0.table == .smr }.count == 3, "A, B and the CE3005 student")
            #expect(after.records.keys.filter { $0.table == .sra }.count == 1, "B's open resit")
            #expect(!after.rejectedAnything)

            // B's resit handed in for the next board: sent as an actual mark, replacing the open resit.
            try write(
                """
                student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on
                25649144,MC4002,SEP,2025/26,001,2,52,,2026-02-10

                """, to: "marks/2026-02-19/MC4002-SEP.csv", in: folder)
            let resit = try ExportSnapshot.compute(config: config, register: load, asOf: Day("2026-02-11")!)
            let sra = RecordID(table: .sra, key: ["25649144/1", "MC4002", "SEP", "2025/6", "Y", "001", "001"])
            #expect(resit.records[sra]?.suffix(6) == ["52", "P", "", "", "I", "SAS"])
            #expect(resit.changes(since: after.records).map(\.id) == [sra], "only the resit changed")
        }
    }

    /// Every ASCII character alone and among others, and text beyond ASCII: a record's key is matched
    /// as text, so the ledger's JSON must stay what `JSONEncoder` wrote in ledgers made before.
    static let awkwardFields: [[String]] =
        (0..<128).map { [String(UnicodeScalar(UInt8($0)))] }
        + (0..<128).map { ["a\(String(UnicodeScalar(UInt8($0))))b", "\u{7}\"\\"] }
        + [[], [""], ["", ""], ["Siân", "Blas ar y Gymraeg", "😀", "\u{2028}", "\u{FEFF}x", "2025/6", "-1,5"]]

    @Test(arguments: awkwardFields)
    func fieldsAreStoredAsJSONEncoderWritesThemAndReadBack(fields: [String]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let json = Ledger.encode(fields)
        #expect(json == String(decoding: try encoder.encode(fields), as: UTF8.self))
        #expect(Ledger.decode(json) == fields)
    }

    @Test(arguments: [
        (#"[ "a" , "b" ]"#, ["a", "b"]), (#"["caf\u00e9","a\/b"]"#, ["café", "a/b"]), (#"["a",1]"#, []),
        (#"["a""b"]"#, []), (#"["a"#, []), ("", []), ("[]", []), (#"["a]"]"#, ["a]"]), (#"["a",""]"#, ["a", ""]),
    ])
    func valuesWrittenByOtherToolsAreReadAsJSON(text: String, fields: [String]) {
        #expect(Ledger.decode(text) == fields)
    }

    @Test func exportIdsAreNeverReusedWhileAFolderHoldsOne() throws {
        try withTemporaryFolder { folder in
            for name in ["2025-12-11-3", "2025-12-12-7.orphaned", ".2025-12-13-9.partial", "ledger.sqlite", "notes-12"]
            {
                try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
            }
            #expect(NightlyExport.highestFolderID(in: folder) == 7)
        }
    }
}

/// The locks of `board run` and `board export`: taken at once or refused, never waited on.
@Suite struct OutputLockTests {
    @Test func aHeldLockIsRefusedNamingItsHolderUntilItIsLetGo() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/Reports/2025-26/.lock"
            var lock: OutputLock? = try OutputLock.acquire(path)
            #expect(lock?.path == path)
            let held = try #require(throws: LockHeld.self) { try OutputLock.acquire(path) }
            #expect(held.path == path && held.pid == getpid())
            lock = nil
            #expect(throws: Never.self) { _ = try OutputLock.acquire(path) }
            #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o640)
        }
    }

    @Test func aLinkAtTheLocksPathIsNeverWrittenThrough() throws {
        try withTemporaryFolder { folder in
            try write("do not touch\n", to: "target", in: folder)
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/.lock", withDestinationPath: folder + "/target")
            #expect(throws: (any Error).self) { try OutputLock.acquire(folder + "/.lock") }
            #expect(try String(contentsOfFile: folder + "/target", encoding: .utf8) == "do not touch\n")
        }
    }

    @Test func theLocksAreInTheYearsReportsAndInTheExports() throws {
        try withTemporaryFolder { folder in
            let (config, _) = try Institution().load(in: folder)
            #expect(config.runLockPath(board: Day("2026-02-19")!, reports: "/r") == "/r/2025-26/.lock")
            #expect(config.exportLockPath == config.exports + "/.lock")
        }
    }
}
