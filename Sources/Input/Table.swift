import CSV
import Regulations

/// The columns one kind of table defines (SPEC §1).
public struct TableSchema: Sendable {
    public let required: [String]
    public let optional: [String]
    /// What the table is called in messages: "course register (courses.csv)".
    public let kind: String
    /// The most rows a file of this table may hold; nil for no limit.
    public var rowLimit: Int? = nil

    public var all: [String] { required + optional }

    /// One column of the schema, resolved to its place once, so that reading a field of a row is an
    /// index, not a search by name.
    public struct Column: Sendable {
        public let name: String
        let index: Int
    }

    public func column(_ name: String) -> Column {
        guard let index = all.firstIndex(of: name) else { preconditionFailure("\(name) is not a column of \(kind)") }
        return Column(name: name, index: index)
    }
}

/// One data row of a table: its fields, found by schema column.
public struct TableRow {
    public let source: SourceLine
    let record: CSVRecord
    /// Where each schema column sits in the record; nil for an optional column the file lacks.
    let positions: [Int?]

    /// The field in a schema column ("" for an optional column the file lacks).
    public subscript(_ column: TableSchema.Column) -> String {
        positions[column.index].map { record.string($0) } ?? ""
    }
}

/// What reading one table file gave: how many records were read and rejected, and what was found.
public struct TableFile: Sendable {
    public var rowsRead = 0
    public var rowsRejected = 0
    public var findings: [Finding] = []
    /// The whole file was refused (unreadable, broken CSV, missing column): every row read is rejected,
    /// and whatever the caller drew from the rows it was handed must be dropped.
    public var rejectedWhole = false
    /// The SHA-256 of the bytes read; nil when the file could not be read.
    public var sha256: String?
}

enum Tables {
    /// Header names match case-insensitively after trimming, with spaces and hyphens as underscores.
    static func normalise(_ header: String) -> String {
        String(header.lowercased().trimmed().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// Reads the table at `path`, handing each sound row to `body` as it is read. A record with the wrong
    /// number of fields or bytes that are not UTF-8 is rejected alone; a file whose header lacks a
    /// required column, whose CSV breaks, or that cannot be read, is rejected whole.
    static func read(
        _ path: String, displayedAs display: String, schema: TableSchema, _ body: (TableRow) -> Void
    ) -> TableFile {
        var table = TableFile()
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            table.findings.append(
                Finding(.fileUnreadable(reason: error.reason), at: SourceLine(file: display, line: 0)))
            table.rejectedWhole = true
            return table
        }
        table.sha256 = sha256(of: bytes)
        var positions: [Int?]?
        var headerCount = 0
        var sawHeader = false
        do {
            try CSVReader.forEachRecord(in: bytes) { record in
                let source = SourceLine(file: display, line: record.line)
                guard sawHeader else {
                    sawHeader = true
                    headerCount = record.count
                    positions = readHeader(record, schema: schema, at: source, into: &table)
                    if positions == nil { table.rejectedWhole = true }
                    return
                }
                table.rowsRead += 1
                guard let positions else { return }
                if let limit = schema.rowLimit, table.rowsRead > limit {
                    // Counted on, not read: the file is refused whole, with every row it holds.
                    if !table.rejectedWhole {
                        table.findings.append(Finding(.tooManyRows(limit: limit, table: schema.kind), at: source))
                        table.rejectedWhole = true
                    }
                    return
                }
                if record.count != headerCount {
                    reject(.fieldCount(record.count, header: headerCount), at: source, in: &table)
                } else if let bad = record.firstFieldNotUTF8 {
                    reject(.notUTF8(field: bad), at: source, in: &table)
                } else {
                    body(TableRow(source: source, record: record, positions: positions))
                }
            }
        } catch {
            // The broken record is read, and rejected with the rest.
            if sawHeader, case .broken = error { table.rowsRead += 1 }
            let message: Message =
                switch error {
                case .broken(_, true): .csvUnterminatedQuote
                case .broken: .csvBrokenStructure
                case .parserUnavailable: .fileUnreadable(reason: "the CSV parser could not start (out of memory)")
                }
            let line = if case .broken(let line, _) = error { line } else { 0 }
            table.findings.append(Finding(message, at: SourceLine(file: display, line: line)))
            table.rejectedWhole = true
        }
        if !sawHeader && !table.rejectedWhole {
            table.findings.append(
                Finding(
                    .emptyFile(table: schema.kind, required: schema.required), at: SourceLine(file: display, line: 1)))
            table.rejectedWhole = true
        }
        if table.rejectedWhole { table.rowsRejected = table.rowsRead }
        return table
    }

    private static func reject(_ message: Message, at source: SourceLine, in table: inout TableFile) {
        table.rowsRejected += 1
        table.findings.append(Finding(message, at: source))
    }

    /// Where each schema column sits in the file; nil (with findings) when the file cannot be read as
    /// this table.
    private static func readHeader(
        _ record: CSVRecord, schema: TableSchema, at source: SourceLine, into table: inout TableFile
    ) -> [Int?]? {
        guard record.texts.allSatisfy({ $0 != nil }) else {
            table.findings.append(Finding(.headerNotUTF8, at: source))
            return nil
        }
        let found = record.texts.map { $0! }
        let names = found.map(normalise)
        var refused = false
        for column in schema.all where names.filter({ $0 == column }).count > 1 {
            table.findings.append(Finding(.duplicateColumn(column), at: source))
            refused = true
        }
        for column in schema.required where !names.contains(column) {
            table.findings.append(
                Finding(
                    .missingColumn(column, found: found, table: schema.kind, required: schema.required), at: source))
            refused = true
        }
        if refused { return nil }
        let unknown = zip(found, names).filter { !schema.all.contains($0.1) }.map(\.0)
        if !unknown.isEmpty {
            table.findings.append(Finding(.unknownColumns(unknown, table: schema.kind), at: source))
        }
        return schema.all.map { names.firstIndex(of: $0) }
    }
}

extension String {
    /// Without the spaces and tabs at either end.
    func trimmed() -> String {
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        return String(drop(while: isBlank).reversed().drop(while: isBlank).reversed())
    }
}
