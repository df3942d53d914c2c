import CSV
import Input
import Regulations

/// A course's occurrence in an academic year, as SITS names it (MOD_CODE, MAV_OCCUR, AYR_CODE). Every
/// record of an enrolment belongs to one, so the export compares what it computes with what it sent
/// occurrence by occurrence, and skips whole an occurrence whose records are those it sent.
public struct CourseOccurrence: Hashable, Sendable {
    public let module: String
    public let occurrence: String
    public let academicYear: String

    public init(module: String, occurrence: String, academicYear: String) {
        self.module = module
        self.occurrence = occurrence
        self.academicYear = academicYear
    }

    /// The occurrence of a record: every table's key starts SPR_CODE, MOD_CODE, MAV_OCCUR, AYR_CODE.
    init(ofKey key: [String]) {
        self.init(module: key[1], occurrence: key[2], academicYear: key[3])
    }
}

/// A record as the export compares, sends and keeps it: its identity, as `RecordID.sortKey` bytes (the
/// table, then the key's fields), and the values after the key as the export file writes them (CSV,
/// formulas guarded). This is the one encoding of a record: the files, the ledger and the digests all use
/// these bytes, so what is compared is what SITS receives.
struct ExportRecord: Sendable {
    /// The sort key, then the values: one buffer for each record, of which there are millions.
    private let bytes: [UInt8]
    private let valuesStart: Int

    var sortKey: ArraySlice<UInt8> { bytes[..<valuesStart] }
    /// The fields after the key, encoded.
    var values: ArraySlice<UInt8> { bytes[valuesStart...] }
    /// The sort key and the values, back to back.
    var encoded: [UInt8] { bytes }

    /// A record of `table` from its fields in the table's column order: the key's make the sort key, the
    /// others the values.
    init(table: SITSTable, fields: some Collection<String>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        RecordID.appendSortKey(table: table, key: fields.prefix(table.keyColumns), to: &bytes)
        valuesStart = bytes.count
        Self.encode(fields.dropFirst(table.keyColumns), into: &bytes)
        self.bytes = bytes
    }

    init<Record: SITSRecord>(_ record: Record) {
        self.init(table: Record.table, fields: Record.columns.lazy.map { $0.field(record) })
    }

    var id: RecordID { RecordID(sortKey: sortKey) }

    /// Fields as a line of CSV writes them: separated by commas, each quoted or guarded as it needs.
    static func encode(_ fields: some Sequence<String>, into bytes: inout [UInt8]) {
        var first = true
        for field in fields {
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            CSVText.escape(field, into: &bytes)
        }
    }

    /// The record's line in an export file: the action, the key's fields, the values.
    static func line(_ action: ExportAction, _ id: RecordID, values: some Collection<UInt8>, into bytes: inout [UInt8])
    {
        bytes.append(contentsOf: action.rawValue.utf8)
        bytes.append(UInt8(ascii: ","))
        encode(id.key, into: &bytes)
        bytes.append(UInt8(ascii: ","))
        bytes.append(contentsOf: values)
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The fields after the key, read back from their encoding (for `board history`): read behind a
    /// first field of its own, so that no field is taken for a byte-order mark or a blank line.
    static func decode(_ values: [UInt8], count: Int) -> [String] {
        var fields: [String] = []
        try? CSVReader.forEachRecord(in: Array("-,".utf8) + values) { record in
            fields = (1..<record.count).map { record.string($0) }
        }
        return fields + Array(repeating: "", count: max(0, count - fields.count))
    }
}

extension ExportRecord {
    /// Whether values sent of `table` were agreed by a board (`*_PRCS` `A`); a withdrawal always was.
    static func isAgreed(table: SITSTable, values: [UInt8]) -> Bool {
        guard let column = table.columns.firstIndex(where: { $0.hasSuffix("_PRCS") }) else { return true }
        let fields = decode(values, count: table.columns.count - table.keyColumns)
        return fields[column - table.keyColumns] == "A"
    }
}

extension SITSTable {
    /// The table's place among the files.
    var order: Int { Self.allCases.firstIndex(of: self)! }
}

/// The SHA-256 of an occurrence's records in files order, each as its sort key and its values, ended by
/// a line feed (the sort key delimits itself, and the values are a line of CSV): equal digests, equal
/// records. nil for an occurrence with no record.
func digest(ofSorted records: [ExportRecord]) -> String? {
    guard !records.isEmpty else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(records.reduce(0) { $0 + $1.encoded.count + 1 })
    for record in records {
        bytes.append(contentsOf: record.encoded)
        bytes.append(UInt8(ascii: "\n"))
    }
    return sha256(of: bytes)
}

/// Records in the order of the files.
func inFilesOrder(_ records: [ExportRecord]) -> [ExportRecord] {
    records.sorted { $0.sortKey.lexicographicallyPrecedes($1.sortKey) }
}
