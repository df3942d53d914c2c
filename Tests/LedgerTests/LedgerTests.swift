import Foundation
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
            if action != .delete { records.append(ExportRecord(sortKey: id.sortKey, values: Array(values.utf8))) }
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
        try ledger.start(id: id, asOf: Day("2025-12-1\(id + 1)")!, folder: "f\(id)", inputDigest: "i", delta: delta(changes))
        try ledger.commit(id: id, counts: "{}", digests: [occurrence: digest])
    }

    @Test func aCommittedExportIsWhatWasSentAndEveryVersionIsKept() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/ledger.sqlite"
            let ledger = try Ledger(path: path)
            try Self.export(ledger, 1, [(.insert, Self.sasA, "70,P,70,P,A,COM"), (.insert, Self.smrB, "36,F,36,R,D,,2,A,RAS")])
            try Self.export(ledger, 2, [(.update, Self.sasA, "72,P,72,P,A,COM"), (.delete, Self.smrB, "36,F,36,R,D,,2,A,RAS")])

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
            #expect(try ledger.history(sprCodes: ["22655425/1"]).map(\.exportID) == [1], "history lists what was committed")

            try Self.export(ledger, 3, [(.update, Self.sasA, "70,P,70,P,A,COM")])
            #expect(try ledger.unconfirmedOccurrences().isEmpty, "the next committed export corrected them")
            #expect(try ledger.sent(Self.occurrence).unconfirmed.isEmpty)
        }
    }
}

/// A fresh temporary folder for `body`, removed afterwards.
func withTemporaryFolder(_ body: (String) throws -> Void) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try body(folder)
}
