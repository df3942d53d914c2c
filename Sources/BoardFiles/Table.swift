import Regulations

/// The columns one kind of table defines (SPEC §1).
struct TableSchema {
    let required: [String]
    let optional: [String]
    let kind: String
    let all: [String]

    init(required: [String], optional: [String], kind: String) {
        self.required = required
        self.optional = optional
        self.kind = kind
        all = required + optional
    }

    /// One column of the schema, resolved to its position once, so that reading a field of a row
    /// is an index, not a search by name.
    struct Column {
        let name: String
        let index: Int
    }

    func column(_ name: String) -> Column {
        guard let index = all.firstIndex(of: name) else { preconditionFailure("\(name) is not a column of \(kind)") }
        return Column(name: name, index: index)
    }
}

/// One data row of a table: the record's fields as read, and where each schema column sits among
/// them (shared by every row of the file), so no row copies its fields into schema order.
struct TableRow {
    let source: SourceLine
    let fields: [String]
    let positions: [Int?]

    /// The field in a schema column ("" for an optional column the file lacks).
    subscript(_ column: TableSchema.Column) -> String {
        positions[column.index].map { fields[$0] } ?? ""
    }
}

/// What reading one table file gave: its rows, how many records were read and rejected, and findings.
struct TableFile {
    var rows: [TableRow] = []
    var rowsRead = 0
    var rowsRejected = 0
    var findings: [Finding] = []
    /// The whole file was refused (broken CSV, missing column, unreadable).
    var rejectedWhole = false
    /// The SHA-256 of the bytes read, when asked for and the file was read to its end.
    var sha256: String?
}

/// What is wrong with one record of a table, in the words both readers use.
enum RecordProblem {
    case fieldCount(Int, header: Int)
    case notUTF8(field: Int)

    var finding: (code: FindingCode, message: String) {
        switch self {
        case .fieldCount(let count, let header):
            (
                .fieldCount,
                "this row has \(count) field\(count == 1 ? "" : "s") but the header has \(header); a field containing a comma must be in double quotes"
            )
        case .notUTF8(let field):
            (
                .notUTF8,
                "field \(field + 1) holds bytes that are not UTF-8 text; save the file as \"CSV UTF-8\" and submit it again"
            )
        }
    }
}

extension TableFile {
    /// Rejects one record.
    mutating func reject(_ problem: RecordProblem, at source: SourceLine) {
        rowsRejected += 1
        findings.append(Finding(.error, problem.finding.code, at: source, problem.finding.message))
    }

    /// Records why reading stopped: the file cannot be read, or its CSV breaks (the broken record
    /// itself is read, and rejected with all before it). Either rejects the whole file.
    mutating func concludeAfter(_ error: any Error, sawHeader: Bool, display: String) {
        func fileError(_ code: FindingCode, line: Int, _ message: String) {
            findings.append(Finding(.error, code, at: SourceLine(file: display, line: line), message))
        }
        switch error {
        case CSVReadError.unreadable(let reason):
            fileError(.fileUnreadable, line: 0, "cannot read the file: \(reason)")
        case CSVReadError.broken(let line, let unterminated):
            if sawHeader { rowsRead += 1 }
            fileError(
                .csvBroken, line: line,
                unterminated
                    ? "a quoted field that starts in this record is never closed, so the rest of the file cannot be read; add the closing double quote. The whole file is rejected"
                    : "the CSV structure breaks in the record starting here (a double quote inside an unquoted field, or text after a closing quote); write a quote inside a field as two quotes and put the field in quotes. The whole file is rejected"
            )
        default:
            fileError(.fileUnreadable, line: 0, "cannot read the file: \(error)")
        }
        rejectedWhole = true
    }

    /// A file with no header row is refused.
    mutating func refuseEmpty(_ schema: TableSchema, display: String) {
        findings.append(
            Finding(
                .error, .emptyFile, at: SourceLine(file: display, line: 1),
                "the file is empty; a \(schema.kind) starts with a header row: \(schema.required.joined(separator: ","))"
            ))
        rejectedWhole = true
    }
}

enum Tables {
    /// Header names match case-insensitively after trimming, with spaces and hyphens as underscores.
    static func normalise(_ header: String) -> String {
        // Most headers are already lower-case snake_case, and a run reads thousands: those are taken as
        // they are, without walking their characters.
        let isNormal = header.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_")
        }
        if isNormal { return header }
        var name = Substring(header.lowercased())
        while let first = name.first, first == " " || first == "\t" { name = name.dropFirst() }
        while let last = name.last, last == " " || last == "\t" { name = name.dropLast() }
        return String(name.map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// Reads a whole table, each field a `String`. Rows are returned only when the file is sound as a
    /// whole: a structural break or a missing required column rejects every row of the file.
    static func read(
        _ path: String, displayedAs display: String, schema: TableSchema, digesting: Bool = false
    ) -> TableFile {
        var rows: [TableRow] = []
        var positions: [Int?] = []
        var table = stream(path, displayedAs: display, schema: schema, parsingAhead: false, digesting: digesting) {
            row in
            if rows.isEmpty { positions = Array(row.positions) }
            rows.append(
                TableRow(
                    source: SourceLine(file: display, line: row.line),
                    fields: (0..<row.record.count).map { String(decoding: row.record[$0], as: UTF8.self) },
                    positions: positions))
        }
        if !table.rejectedWhole { table.rows = rows }
        return table
    }

    /// Maps schema columns to file positions; nil (with findings) when the file cannot be read as this table.
    private static func readHeader(
        _ record: CSVRecord, schema: TableSchema, into table: inout TableFile, display: String
    ) -> [Int?]? {
        let at = SourceLine(file: display, line: record.line)
        guard record.fields.allSatisfy({ $0 != nil }) else {
            table.findings.append(
                Finding(.error, .notUTF8, at: at, "the header row is not UTF-8 text; save the file as \"CSV UTF-8\""))
            return nil
        }
        let names = record.fields.map { normalise($0!) }
        var refused = false
        for column in schema.all where names.filter({ $0 == column }).count > 1 {
            table.findings.append(
                Finding(
                    .error, .duplicateColumn, at: at, "column \(column) appears more than once in the header; keep one")
            )
            refused = true
        }
        for column in schema.required where !names.contains(column) {
            let found = record.fields.map { $0! }.joined(separator: ", ")
            table.findings.append(
                Finding(
                    .error, .missingColumn, at: at,
                    "required column \(column) is missing; the header has: \(found). A \(schema.kind) needs: \(schema.required.joined(separator: ", "))"
                ))
            refused = true
        }
        if refused { return nil }
        let unknown = zip(record.fields, names).filter { !schema.all.contains($0.1) }.map { $0.0! }
        if !unknown.isEmpty {
            table.findings.append(
                Finding(
                    .note, .unknownColumn, at: at,
                    "column\(unknown.count == 1 ? "" : "s") \(unknown.map { "\"\($0)\"" }.joined(separator: ", ")) \(unknown.count == 1 ? "is" : "are") not used by a \(schema.kind) and will be ignored"
                ))
        }
        return schema.all.map { names.firstIndex(of: $0) }
    }
}

/// One data row of a table as bytes (see `CSVByteRecord`), valid only during the call that receives it.
struct TableByteRow {
    let record: CSVByteRecord
    /// Where each schema column sits in the record, shared by every row of the file.
    let positions: UnsafeBufferPointer<Int?>

    var line: Int { record.line }

    /// The field in the schema column at `index` (`TableSchema.Column.index`), empty for an optional
    /// column the file lacks.
    subscript(_ index: Int) -> UnsafeRawBufferPointer {
        positions[index].map { record[$0] } ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }
}

extension Tables {
    /// Reads a table, handing each sound row to `body` as bytes when it is read, not keeping it. A break
    /// can be found after rows were handed over, so when `rejectedWhole` is set the caller drops whatever
    /// it drew from them (`read` does). `parsingAhead`: see `LibCSV.readBytes`.
    /// `digesting`: the file's digest is taken from the bytes as they are parsed (`TableFile.sha256`).
    static func stream(
        _ path: String, displayedAs display: String, schema: TableSchema, parsingAhead: Bool = true,
        digesting: Bool = false, _ body: (TableByteRow) -> Void
    ) -> TableFile {
        let digest = digesting ? FileDigest() : nil
        return stream(displayedAs: display, schema: schema, digest: digest, body) { record in
            try LibCSV.readBytes(path: path, parsingAhead: parsingAhead, eachBlock: digest.map { $0.add }, record)
        }
    }

    /// A table whose parsing starts now, on another thread, `batchesAhead` batches of records ahead of
    /// `stream(_:displayedAs:schema:_:)`, which must follow.
    struct Started: Sendable {
        fileprivate let parsing: CSVParsingAhead
        fileprivate let digest: FileDigest?
    }

    static func start(_ path: String, digesting: Bool, batchesAhead: Int) -> Started {
        let digest = digesting ? FileDigest() : nil
        return Started(
            parsing: CSVParsingAhead(path: path, batches: batchesAhead, eachBlock: digest.map { $0.add }),
            digest: digest)
    }

    /// Streams a table started with `start`, as `stream(_:displayedAs:schema:parsingAhead:digesting:_:)`.
    static func stream(
        _ started: Started, displayedAs display: String, schema: TableSchema, _ body: (TableByteRow) -> Void
    ) -> TableFile {
        stream(displayedAs: display, schema: schema, digest: started.digest, body) { record in
            try started.parsing.read(record)
        }
    }

    /// The rows of the records `records` hands over, checked against `schema`.
    private static func stream(
        displayedAs display: String, schema: TableSchema, digest: FileDigest?, _ body: (TableByteRow) -> Void,
        records: ((CSVByteRecord) -> Void) throws -> Void
    ) -> TableFile {
        var table = TableFile()
        // Held by pointer, not as an array each row would retain: a register has hundreds of thousands of rows.
        var columnIndex = UnsafeMutableBufferPointer<Int?>(start: nil, count: 0)
        defer { columnIndex.deallocate() }
        var headerFieldCount = 0
        var sawHeader = false
        do {
            // Lent to the records' handler, which only calls it while `records` runs.
            try withoutActuallyEscaping(body) { body in
                try records { record in
                    guard sawHeader else {
                        sawHeader = true
                        headerFieldCount = record.count
                        if let header = readHeader(record.strings, schema: schema, into: &table, display: display) {
                            columnIndex = .allocate(capacity: header.count)
                            _ = columnIndex.initialize(from: header)
                        } else {
                            table.rejectedWhole = true
                        }
                        return
                    }
                    table.rowsRead += 1
                    if table.rejectedWhole { return }
                    if record.count != headerFieldCount {
                        table.reject(
                            .fieldCount(record.count, header: headerFieldCount),
                            at: SourceLine(file: display, line: record.line))
                        return
                    }
                    if !isASCII(record.bytes),
                        let bad = (0..<record.count).first(where: {
                            !isASCII(record[$0]) && String(validating: record[$0], as: UTF8.self) == nil
                        })
                    {
                        table.reject(.notUTF8(field: bad), at: SourceLine(file: display, line: record.line))
                        return
                    }
                    body(TableByteRow(record: record, positions: UnsafeBufferPointer(columnIndex)))
                }
            }
            table.sha256 = digest?.hexadecimal()
        } catch {
            table.concludeAfter(error, sawHeader: sawHeader, display: display)
        }
        if !sawHeader && !table.rejectedWhole { table.refuseEmpty(schema, display: display) }
        if table.rejectedWhole { table.rowsRejected = table.rowsRead }
        return table
    }

    /// Whether every byte is ASCII, eight at a time: almost every register record is.
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }
}
