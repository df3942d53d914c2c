import CSV
import Foundation
import Input
import Regulations
import Testing

@testable import Ledger

/// The export ledger on its own: what a started, committed, abandoned or orphaned export leaves.
@Suite("The export ledger")
struct LedgerTests {
    static let occurrence = CourseOccurrence(module: "MC4002", occurrence: "SEP", academicYear: "2025/6")
    static let sasA = RecordID(table: .sas, key: ["22655425/1", "MC4002", "SEP", "2025/6", "Y", "001"])
    static let smrB = RecordID(table: .smr, key: ["25649144/1", "MC4002", "SEP", "2025/6", "Y"])

    /// The delta that sends `changes`: what the comparison finds against a ledger that sent otherwise.
    static func delta(_ changes: [(ExportAction, RecordID, String)]) -> Delta {
        var records: [ExportRecord] = []
        var sent = SentOccurrence()
        for (action, id, values) in changes {
            if action != .delete { records.append(ExportRecord.made(id, values)) }
            if action != .insert { sent.committed[id.sortKey] = Array((action == .delete ? values : "before").utf8) }
        }
        var delta = Delta()
        delta.compare(inFilesOrder(records), with: sent, of: occurrence)
        delta.sort()
        return delta
    }

    /// Starts and commits export `id` with `changes`; the occurrence's digest is set as the export would.
    static func export(
        _ ledger: Ledger, _ id: Int64, _ changes: [(ExportAction, RecordID, String)], digest: String? = "d"
    ) throws {
        try ledger.start(
            id: id, asOf: Day("2025-12-1\(id + 1)")!, folder: "f\(id)", inputDigest: "i", delta: delta(changes))
        try ledger.commit(id: id, counts: "{}", digests: [occurrence: digest])
    }

    @Test func aCommittedExportIsWhatWasSentAndEveryVersionIsKept() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/ledger.sqlite"
            let ledger = try Ledger(path: path)
            try Self.export(
                ledger, 1, [(.insert, Self.sasA, "70,P,70,P,A,COM"), (.insert, Self.smrB, "36,F,36,R,D,,2,A,RAS")])
            try Self.export(
                ledger, 2, [(.update, Self.sasA, "72,P,72,P,A,COM"), (.delete, Self.smrB, "36,F,36,R,D,,2,A,RAS")])

            let reopened = try Ledger(path: path)
            #expect(try reopened.sent(Self.occurrence).committed == [Self.sasA.sortKey: Array("72,P,72,P,A,COM".utf8)])
            #expect(try reopened.sentDigests() == [Self.occurrence: "d"])
            #expect(try reopened.lastCommitted()?.id == 2)
            #expect(try reopened.maxID() == 2)
            let history = try reopened.history(sprCodes: ["22655425/1", "25649144/1"])
            #expect(history.map(\.exportID) == [1, 1, 2, 2])
            #expect(history.map(\.change.action) == [.insert, .insert, .update, .delete])
            #expect(history.map(\.asOf) == ["2025-12-12", "2025-12-12", "2025-12-13", "2025-12-13"])
            #expect(history[0].change.values == Self.sasA.key + ["70", "P", "70", "P", "A", "COM"])
            #expect(history[3].change.values == Self.smrB.key + ["36", "F", "36", "R", "D", "", "2", "A", "RAS"])
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
            #expect(!FileManager.default.fileExists(atPath: path + ".v1-backup"), "a new ledger needs no backup")
        }
    }

    @Test func aStartedExportCountsForNothingAndAnAbandonedOneLeavesNoVersion() throws {
        try withTemporaryFolder { folder in
            let ledger = try Ledger(path: folder + "/ledger.sqlite")
            try ledger.start(
                id: 1, asOf: Day("2025-12-11")!, folder: "2025-12-11-1", inputDigest: "i",
                delta: Self.delta([(.insert, Self.sasA, "70,P,70,P,A,COM")]))
            #expect(try ledger.sent(Self.occurrence).committed.isEmpty)
            #expect(try ledger.sent(Self.occurrence).unconfirmed.isEmpty)
            #expect(try ledger.lastCommitted() == nil)
            #expect(try ledger.exports(status: "started").map(\.id) == [1])
            try ledger.abandon(id: 1)
            #expect(try ledger.exports(status: "abandoned").map(\.id) == [1])
            #expect(throws: LedgerError.self) { try ledger.commit(id: 1, counts: "{}", digests: [:]) }
            #expect(try ledger.history(sprCodes: ["22655425/1"]).isEmpty)
            #expect(try ledger.unconfirmedOccurrences().isEmpty, "an abandoned export sent nothing")
        }
    }

    @Test func anOrphanedExportsVersionsAreUnconfirmedUntilTheNextCommit() throws {
        try withTemporaryFolder { folder in
            let ledger = try Ledger(path: folder + "/ledger.sqlite")
            try Self.export(ledger, 1, [(.insert, Self.sasA, "70,P,70,P,A,COM")])
            try ledger.start(
                id: 2, asOf: Day("2025-12-13")!, folder: "2025-12-13-2", inputDigest: "i",
                delta: Self.delta([(.update, Self.sasA, "72,P,72,P,A,COM"), (.insert, Self.smrB, "x")]))
            try ledger.orphan(id: 2)
            #expect(try ledger.unconfirmedOccurrences() == [Self.occurrence])
            let sent = try ledger.sent(Self.occurrence)
            #expect(sent.committed == [Self.sasA.sortKey: Array("70,P,70,P,A,COM".utf8)])
            #expect(
                sent.unconfirmed == [
                    Self.sasA.sortKey: [Array("72,P,72,P,A,COM".utf8)], Self.smrB.sortKey: [Array("x".utf8)],
                ])
            #expect(
                try ledger.history(sprCodes: ["22655425/1"]).map(\.exportID) == [1], "history lists what was committed")

            try Self.export(ledger, 3, [(.update, Self.sasA, "70,P,70,P,A,COM")])
            #expect(try ledger.unconfirmedOccurrences().isEmpty, "the next committed export corrected them")
            #expect(try ledger.sent(Self.occurrence).unconfirmed.isEmpty)
        }
    }
}

/// The records an export computes as of a date, and what it keeps of them: ported from the tests of the
/// ledger before issue 28, against the comparison by course occurrence.
@Suite("Export records as of a date")
struct RecordsAsOfTests {
    static let recordA = RecordID(table: .sas, key: ["22655425/1", "MC4002", "SEP", "2025/6", "Y", "001"])
    static let valuesA = ["22655425/1", "MC4002", "SEP", "2025/6", "Y", "001", "70", "P", "70", "P", "A", "COM"]

    /// Every record of every year as of `asOf`, by its identity, with all its values.
    static func records(_ config: BoardConfig, _ register: RegisterLoad, asOf: String) throws
        -> (records: [RecordID: [String]], bases: [ExportBasis], rejectedAnything: Bool)
    {
        var records: [RecordID: [String]] = [:]
        var bases: [ExportBasis] = []
        var rejectedAnything = false
        for academicYear in config.academicYears {
            guard let year = try YearAsOf(academicYear, asOf: Day(asOf)!, config: config, register: register) else {
                continue
            }
            bases.append(year.basis)
            rejectedAnything = rejectedAnything || year.run.rejectedAnything
            year.forEachOccurrence(policy: config.policy) { occurrence in
                for record in occurrence.records {
                    let id = record.id
                    records[id] =
                        id.key + ExportRecord.decode(Array(record.values), count: id.table.columns.count - id.key.count)
                }
            }
        }
        return (records, bases, rejectedAnything)
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
            let before = try Self.records(config, load, asOf: "2025-12-10")
            #expect(before.bases.map(\.agreedThrough) == [nil])
            #expect(before.bases.map(\.provisional) == [Day("2025-12-11")])
            #expect(before.records.keys.allSatisfy { $0.table == .sas }, "no course result before the board")
            #expect(
                before.records.values.map { Array($0.suffix(6)) }.sorted { $0.lexicographicallyPrecedes($1) } == [
                    ["30", "F", "", "", "I", "SAS"], ["45", "P", "", "", "I", "SAS"], ["55", "P", "", "", "I", "SAS"],
                    ["70", "P", "", "", "I", "SAS"],
                ])

            let after = try Self.records(config, load, asOf: "2025-12-11")
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
            let resit = try Self.records(config, load, asOf: "2026-02-11")
            let sra = RecordID(table: .sra, key: ["25649144/1", "MC4002", "SEP", "2025/6", "Y", "001", "001"])
            #expect(resit.records[sra]?.suffix(6) == ["52", "P", "", "", "I", "SAS"])
            #expect(
                Set(resit.records.keys.filter { resit.records[$0] != after.records[$0] }) == [sra],
                "only the resit changed")
        }
    }

    /// Every ASCII character alone and among others, and text beyond ASCII.
    static let awkwardFields: [[String]] =
        (0..<128).map { [String(UnicodeScalar(UInt8($0)))] }
        + (0..<128).map { ["a\(String(UnicodeScalar(UInt8($0))))b", "\u{7}\"\\"] }
        + [[""], ["", ""], ["Siân", "Blas ar y Gymraeg", "😀", "\u{2028}", "\u{FEFF}x", "2025/6", "-1,5"]]

    /// A record's values are kept as the file wrote them and read back as SITS received them: as they
    /// were, but with a `'` before a field a spreadsheet would run.
    @Test(arguments: awkwardFields)
    func valuesAreKeptAsTheFileWritesThemAndReadBack(fields: [String]) {
        let record = ExportRecord(table: .withdrawals, fields: ["1/1", "MC4002", "SEP", "2025/6"] + fields)
        #expect(record.id.key == ["1/1", "MC4002", "SEP", "2025/6"])
        #expect(
            ExportRecord.decode(Array(record.values), count: fields.count)
                == fields.map { CSVText.startsFormula($0) ? "'" + $0 : $0 })
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
