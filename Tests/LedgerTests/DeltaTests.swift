import Regulations
import Testing

@testable import Ledger

/// What an export sends for one course occurrence, given what the ledger says was sent and what is
/// computed now: the pure comparison, case by case.
@Suite("The delta of one course occurrence")
struct DeltaTests {
    /// A case: SAS records named by their component, with their values after the key (`nil`: absent, or
    /// deleted by an orphaned folder).
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        var now: [String: String] = [:]
        var committed: [String: String] = [:]
        var orphaned: [String: [String?]] = [:]
        let sent: [String]

        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "a new key is an INSERT", now: ["001": "70,P,70,P,A,COM"], sent: ["INSERT 001 70,P,70,P,A,COM"]),
        Case(
            name: "changed values are an UPDATE", now: ["001": "72,P,72,P,A,COM"],
            committed: ["001": "70,P,70,P,A,COM"], sent: ["UPDATE 001 72,P,72,P,A,COM"]),
        Case(
            name: "the values sent send nothing", now: ["001": "70,P,,,I,SAS"], committed: ["001": "70,P,,,I,SAS"],
            sent: []),
        Case(
            name: "a key sent and absent now is a DELETE with the values last sent",
            committed: ["002": "55,P,55,P,A,COM"],
            sent: ["DELETE 002 55,P,55,P,A,COM"]),
        Case(
            name: "values an orphaned folder changed are sent again", now: ["001": "70,P,70,P,A,COM"],
            committed: ["001": "70,P,70,P,A,COM"], orphaned: ["001": ["72,P,72,P,A,COM"]],
            sent: ["UPDATE 001 70,P,70,P,A,COM"]),
        Case(
            name: "a record an orphaned folder deleted is sent again", now: ["002": "55,P,55,P,A,COM"],
            committed: ["002": "55,P,55,P,A,COM"], orphaned: ["002": [nil]], sent: ["UPDATE 002 55,P,55,P,A,COM"]),
        Case(
            name: "a record only an orphaned folder sent, absent now, is deleted",
            orphaned: ["002": ["58,P,,,I,SAS", "59,P,,,I,SAS"]], sent: ["DELETE 002 59,P,,,I,SAS"]),
        Case(
            name: "a record only an orphaned folder sent, then deleted, is deleted",
            orphaned: ["002": ["58,P,,,I,SAS", nil]],
            sent: ["DELETE 002 58,P,,,I,SAS"]),
        Case(
            name: "a record only an orphaned folder sent, still there, is an INSERT", now: ["002": "58,P,,,I,SAS"],
            orphaned: ["002": ["58,P,,,I,SAS"]], sent: ["INSERT 002 58,P,,,I,SAS"]),
        Case(
            name: "a change an orphaned folder sent is sent again, for a registry that did not load it",
            now: ["001": "72,P,72,P,A,COM"], committed: ["001": "70,P,70,P,A,COM"],
            orphaned: ["001": ["72,P,72,P,A,COM"]],
            sent: ["UPDATE 001 72,P,72,P,A,COM"]),
    ]

    static func id(_ component: String) -> RecordID {
        RecordID(table: .sas, key: ["22655425/1", "MC4002", "SEP", "2025/6", "Y", component])
    }

    @Test(arguments: cases)
    func sends(_ item: Case) {
        var sent = SentOccurrence()
        sent.committed = Dictionary(
            uniqueKeysWithValues: item.committed.map { (Self.id($0.key).sortKey, Array($0.value.utf8)) })
        sent.unconfirmed = Dictionary(
            uniqueKeysWithValues: item.orphaned.map {
                (Self.id($0.key).sortKey, $0.value.map { $0.map { Array($0.utf8) } })
            })
        let now = inFilesOrder(
            item.now.map { ExportRecord.made(Self.id($0.key), $0.value) })
        var delta = Delta()
        delta.compare(now, with: sent, of: LedgerTests.occurrence)
        delta.sort()
        let lines = delta.changes.map { change in
            "\(change.action.rawValue) \(delta.id(of: change).key[5]) \(delta.values(of: change))"
        }
        #expect(lines == item.sent)
        for change in delta.changes {
            var bytes: [UInt8] = []
            delta.appendLine(of: change, to: &bytes)
            let line = String(decoding: bytes, as: UTF8.self)
            #expect(
                line
                    == "\(change.action.rawValue),22655425/1,MC4002,SEP,2025/6,Y,\(delta.id(of: change).key[5]),\(delta.values(of: change))\n"
            )
        }
    }

    @Test func changesAreListedByTableThenKeyAndCounted() {
        var delta = Delta()
        let smr = RecordID(table: .smr, key: ["10000001/1", "MC4002", "SEP", "2025/6", "Y"])
        let later = RecordID(table: .sas, key: ["10000002/1", "MC4002", "SEP", "2025/6", "Y", "001"])
        let earlier = RecordID(table: .sas, key: ["10000001/1", "MC4002", "SEP", "2025/6", "Y", "002"])
        // A key that begins another sorts first, whatever follows it.
        let prefix = RecordID(table: .sas, key: ["10000001", "MC4002", "SEP", "2025/6", "Y", "001"])
        let records = [smr, later, earlier, prefix].map { ExportRecord.made($0, "x,y") }
        delta.compare(inFilesOrder(records), with: SentOccurrence(), of: LedgerTests.occurrence)
        delta.sort()
        #expect(
            delta.changes.map { delta.id(of: $0).key[0] } == ["10000001", "10000001/1", "10000002/1", "10000001/1"])
        #expect(delta.changes.map(delta.table) == [.sas, .sas, .sas, .smr])
        #expect(
            [prefix, earlier, later, smr].sorted() == [prefix, earlier, later, smr], "RecordID orders as the files")
        #expect(
            delta.counts[.sas]?[.insert] == 3 && delta.counts[.smr]?[.insert] == 1 && delta.counts[.sra]?[.delete] == 0)
        #expect(delta.occurrences == [CourseOccurrence(module: "MC4002", occurrence: "SEP", academicYear: "2025/6")])
    }

    @Test func valuesAreWrittenAsTheFileWritesThemAndReadBack() {
        let values = ["", "a, b", "say \"hi\"", " padded ", "=SUM(A1)", "-3", "Siân", ""]
        let record = ExportRecord(table: .withdrawals, fields: ["1/1", "MC4002", "SEP", "2025/6"] + values)
        #expect(
            String(decoding: record.values, as: UTF8.self)
                == #","a, b","say ""hi"""," padded ",'=SUM(A1),'-3,Siân,"#)
        #expect(
            ExportRecord.decode(Array(record.values), count: values.count)
                == ["", "a, b", "say \"hi\"", " padded ", "'=SUM(A1)", "'-3", "Siân", ""],
            "read back as SITS received them: a formula stays guarded")
        #expect(ExportRecord.decode(Array(",".utf8), count: 2) == ["", ""])
    }

    @Test func equalRecordsHaveEqualDigestsAndAnyChangeAnother() {
        let a = ExportRecord.made(Self.id("001"), "70,P,70,P,A,COM")
        let b = ExportRecord.made(Self.id("002"), "55,P,55,P,A,COM")
        let c = ExportRecord.made(Self.id("002"), "56,P,56,P,A,COM")
        #expect(digest(ofSorted: [a, b]) == digest(ofSorted: inFilesOrder([b, a])))
        #expect(digest(ofSorted: [a, b]) != digest(ofSorted: [a, c]))
        #expect(digest(ofSorted: [a]) != digest(ofSorted: [a, b]))
        #expect(digest(ofSorted: []) == nil)
    }
}

extension ExportRecord {
    /// The record `id` with these values, written as the file writes them (`70,P,70,P,A,COM`).
    static func made(_ id: RecordID, _ values: String) -> ExportRecord {
        ExportRecord(
            table: id.table,
            fields: id.key + values.split(separator: ",", omittingEmptySubsequences: false).map(String.init))
    }
}
