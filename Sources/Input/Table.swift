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
    let record: TableRecord
    /// Where each schema column sits in the record; nil for an optional column the file lacks.
    let positions: [Int?]

    /// The field in a schema column ("" for an optional column the file lacks).
    public subscript(_ column: TableSchema.Column) -> String {
        positions[column.index].map { record.string($0) } ?? ""
    }
}

/// One record of a table file: a CSV record, or a worksheet row's cells (trimmed as an unquoted CSV field
/// is). The CSV reader lends its record for the length of a call: a row keeps a field, not the record.
enum TableRecord {
    case csv(CSVRecord)
    case cells(line: Int, [String])

    var line: Int {
        switch self {
        case .csv(let record): record.line
        case .cells(let line, _): line
        }
    }

    var count: Int {
        switch self {
        case .csv(let record): record.count
        case .cells(_, let cells): cells.count
        }
    }

    /// Field `index` as text; "" beyond the last cell of a worksheet row, which stores no empty cell.
    func string(_ index: Int) -> String {
        switch self {
        case .csv(let record): record.string(index)
        case .cells(_, let cells): index < cells.count ? cells[index] : ""
        }
    }

    func isEmpty(_ index: Int) -> Bool {
        switch self {
        case .csv(let record): record.bytes(index).isEmpty
        case .cells(_, let cells): index >= cells.count || cells[index].isEmpty
        }
    }

    /// Whether the record is all ASCII: a worksheet's cells count as such, being text already.
    var isASCII: Bool {
        switch self {
        case .csv(let record): record.isASCII
        case .cells: true
        }
    }

    /// Whether field `index` is UTF-8 text: a worksheet's cells always are.
    func isUTF8(_ index: Int) -> Bool {
        switch self {
        case .csv(let record): record.text(index) != nil
        case .cells: true
        }
    }

    /// A record of nothing but empty fields is a blank line (SPEC §1.8): skipped, not counted.
    var isBlank: Bool {
        switch self {
        case .csv(let record): record.isEmpty
        case .cells(_, let cells): cells.allSatisfy(\.isEmpty)
        }
    }

    /// Whether a CSV record stops short of `count` fields: a worksheet row stores no empty cell at its end,
    /// so only CSV can.
    func stopsShort(of count: Int) -> Bool {
        if case .csv(let record) = self { return record.count < count }
        return false
    }
}

/// What reading one table file gave: how many records were read and rejected, and what was found.
public struct TableFile: Sendable {
    public var rowsRead = 0
    public var rowsRejected = 0
    public var findings = Findings()
    /// The whole file was refused (unreadable, broken CSV, missing column): every row read is rejected,
    /// and whatever the caller drew from the rows it was handed must be dropped.
    public var rejectedWhole = false
    /// The SHA-256 of the bytes read; nil when the file could not be read.
    public var sha256: String?
}

/// How a table file is written, by the end of its name: a workbook (`.xlsx`, in any case), else CSV.
public enum TableFormat: Sendable {
    case csv
    case workbook

    public init(ofName name: String) {
        self = name.lowercased().hasSuffix(".xlsx") ? .workbook : .csv
    }

    /// The seconds a workbook is given to be read, beyond which it is damaged (`WorkbookRows`): a workbook
    /// of a million rows reads in seconds.
    public static let workbookTimeLimit: Double = 60
}

enum Tables {
    /// Header names match case-insensitively after trimming, with spaces and hyphens as underscores.
    static func normalise(_ header: String) -> String {
        String(header.lowercased().trimmed().map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// Reads the table at `path` (CSV, or a workbook by the end of its name), handing each sound row to
    /// `body` as it is read; see `read(bytes:)`. A file that cannot be read is rejected whole.
    static func read(
        _ path: String, displayedAs display: String, schema: TableSchema, _ body: (TableRow) -> Void
    ) -> TableFile {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path)
        } catch {
            var table = TableFile()
            table.findings.append(
                Finding(.fileUnreadable(reason: error.reason), at: SourceLine(file: display, line: 0)))
            table.rejectedWhole = true
            return table
        }
        return read(bytes: bytes, format: TableFormat(ofName: path), displayedAs: display, schema: schema, body)
    }

    /// Reads a table from `bytes`, handing each sound row to `body` as it is read. A record with the wrong
    /// number of fields, or bytes that are not UTF-8 in a column the table defines, is rejected alone;
    /// a file whose header lacks a required column, whose CSV breaks, that is not text or CSV at all
    /// (UTF-16, a workbook named `.csv`, a damaged workbook), or that uses another separator, is rejected
    /// whole. Windows-1252 text is read as such, with a warning (SPEC §1.8).
    static func read(
        bytes: [UInt8], format: TableFormat, displayedAs display: String, schema: TableSchema,
        workbookTimeLimit: Double = TableFormat.workbookTimeLimit, _ body: (TableRow) -> Void
    ) -> TableFile {
        var reader = TableReader(schema: schema, display: display)
        reader.table.sha256 = sha256(of: bytes)
        let wholeFile = SourceLine(file: display, line: 1)
        switch format {
        case .workbook:
            switch WorkbookRows.read(bytes, within: workbookTimeLimit) {
            case .success(let rows):
                for row in rows {
                    reader.take(.cells(line: row.number, row.cells.map { $0.trimmed() }), body)
                }
            case .failure(let error):
                reader.refuse(Finding(.brokenWorkbook(reason: error.description), at: wholeFile))
            }
        case .csv:
            var text = bytes
            switch CSVBytes.classify(bytes) {
            case .utf8: break
            case .windows1252(let decoded):
                reader.table.findings.append(Finding(.encodingWindows1252, at: wholeFile))
                text = decoded
            case .utf16:
                reader.refuse(Finding(.encodingUTF16, at: wholeFile))
            case .workbook(let oldFormat):
                reader.refuse(Finding(.workbookNamedCSV(oldFormat: oldFormat), at: wholeFile))
            }
            guard !reader.table.rejectedWhole else { break }
            do {
                try CSVReader.forEachRecord(in: text) { reader.take(.csv($0), body) }
            } catch {
                reader.broken(error)
            }
        }
        return reader.finish()
    }
}

/// A table read record by record: the header, then each row checked and handed on.
private struct TableReader {
    let schema: TableSchema
    let display: String
    var table = TableFile()
    /// Where each schema column sits in the file, once the header is read; nil when it refused the file.
    var positions: [Int?]?
    /// The header's names, as written, and how many columns it has (trailing empty names aside).
    var header: [String] = []
    var sawHeader = false

    init(schema: TableSchema, display: String) {
        self.schema = schema
        self.display = display
    }

    /// The file is rejected whole, with this finding.
    mutating func refuse(_ finding: Finding) {
        table.findings.append(finding)
        table.rejectedWhole = true
    }

    /// Reads one record: the header, else a row, handed to `body` when it is sound.
    mutating func take(_ record: TableRecord, _ body: (TableRow) -> Void) {
        // A record of nothing but empty fields is a blank line, before the header as after it.
        guard !record.isBlank else { return }
        let source = SourceLine(file: display, line: record.line)
        guard sawHeader else {
            sawHeader = true
            positions = readHeader(record, at: source)
            if positions == nil { table.rejectedWhole = true }
            return
        }
        table.rowsRead += 1
        guard let positions, !table.rejectedWhole else { return }
        if let limit = schema.rowLimit, table.rowsRead > limit {
            // Counted on, not read: the file is refused whole, with every row it holds.
            refuse(Finding(.tooManyRows(limit: limit, table: schema.kind), at: source))
            return
        }
        // Empty fields beyond the header (Excel's trailing commas) are nothing; text there is a field
        // too many, as a missing field is one too few.
        if record.stopsShort(of: header.count) {
            reject(.fewerFields(record.count, header: header.count), at: source)
        } else if let beyond = (header.count..<max(header.count, record.count)).first(where: { !record.isEmpty($0) }) {
            reject(.textBeyondHeader(field: beyond + 1, header: header.count), at: source)
        } else if !record.isASCII, let bad = positions.lazy.compactMap({ $0 }).first(where: { !record.isUTF8($0) }) {
            // Only a column the table defines: bytes in an ignored column reject nothing.
            reject(.notUTF8(column: Quoted(header[bad])), at: source)
        } else {
            body(TableRow(source: source, record: record, positions: positions))
        }
    }

    private mutating func reject(_ message: Message, at source: SourceLine) {
        table.rowsRejected += 1
        table.findings.append(Finding(message, at: source))
    }

    /// The CSV structure broke: the broken record is read, and rejected with the rest.
    mutating func broken(_ error: CSVError) {
        if sawHeader, case .broken = error { table.rowsRead += 1 }
        let message: Message =
            switch error {
            case .broken(_, true): .csvUnterminatedQuote
            case .broken: .csvBrokenStructure
            case .parserUnavailable: .fileUnreadable(reason: "the CSV parser could not start (out of memory)")
            }
        // A file whose first record breaks breaks at line 1 at the earliest.
        let line = if case .broken(let line, _) = error { max(line, 1) } else { 1 }
        refuse(Finding(message, at: SourceLine(file: display, line: line)))
    }

    mutating func finish() -> TableFile {
        if !sawHeader && !table.rejectedWhole {
            refuse(
                Finding(
                    .emptyFile(table: schema.kind, required: schema.required), at: SourceLine(file: display, line: 1)))
        }
        if table.rejectedWhole { table.rowsRejected = table.rowsRead }
        return table
    }

    /// Where each schema column sits in the file; nil (with findings) when the file cannot be read as
    /// this table.
    private mutating func readHeader(_ record: TableRecord, at source: SourceLine) -> [Int?]? {
        guard (0..<record.count).allSatisfy(record.isUTF8) else {
            table.findings.append(Finding(.headerNotUTF8, at: source))
            return nil
        }
        // Empty names at the end of the header are Excel's trailing commas, not columns.
        let count = ((0..<record.count).last { !record.isEmpty($0) } ?? -1) + 1
        header = (0..<count).map(record.string)
        let names = header.map(Tables.normalise)
        if let separator = wrongSeparator(names) {
            table.findings.append(Finding(.wrongSeparator(separator), at: source))
            return nil
        }
        var refused = false
        for column in schema.all where names.filter({ $0 == column }).count > 1 {
            table.findings.append(Finding(.duplicateColumn(column), at: source))
            refused = true
        }
        for column in schema.required where !names.contains(column) {
            table.findings.append(
                Finding(
                    .missingColumn(
                        column, found: QuotedList(header), table: schema.kind, required: schema.required),
                    at: source))
            refused = true
        }
        if refused { return nil }
        // A column without a name holds nothing the table defines; it is not worth a note.
        let unknown = zip(header, names).filter { !$0.0.isEmpty && !schema.all.contains($0.1) }.map(\.0)
        if !unknown.isEmpty {
            table.findings.append(Finding(.unknownColumns(QuotedList(unknown), table: schema.kind), at: source))
        }
        return schema.all.map { names.firstIndex(of: $0) }
    }

    /// "semicolons" or "tabs" when the header is one field that, split at them, names every required
    /// column: the file was saved with another separator (SPEC §1.8).
    private func wrongSeparator(_ names: [String]) -> String? {
        guard names.count == 1 else { return nil }
        for (separator, name) in [(";", "semicolons"), ("\t", "tabs")] where names[0].contains(separator) {
            let split = Set(names[0].split(separator: Character(separator)).map { Tables.normalise(String($0)) })
            if schema.required.allSatisfy(split.contains) { return name }
        }
        return nil
    }
}

extension String {
    /// Without the spaces and tabs at either end.
    func trimmed() -> String {
        let isBlank = { (character: Character) in character == " " || character == "\t" }
        guard let first = firstIndex(where: { !isBlank($0) }), let last = lastIndex(where: { !isBlank($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
