import CLibCSV

/// One record as libcsv delivers it, with the physical line it starts on (libcsv counts no lines).
/// The reader lends the same record to each call and refills it for the next: keep a field, not the record.
public struct CSVRecord: Sendable {
    /// The physical line the record starts on, counting from 1.
    public internal(set) var line = 0
    /// Every field's bytes, back to back; field `i` ends at `ends[i]`.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    public var count: Int { ends.count }

    /// Field `index`'s bytes, as written (quotes removed; an unquoted field trimmed of spaces and tabs).
    public func bytes(_ index: Int) -> ArraySlice<UInt8> { bytes[range(index)] }

    private func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }

    /// Field `index` as text, its bytes taken as UTF-8 (see `isASCII` and `text`). Read in place: the
    /// readers make a few fields of every one of a million records into text.
    public func string(_ index: Int) -> String {
        bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[range(index)]), as: UTF8.self)
        }
    }

    /// Field `index` as text; nil when its bytes are not UTF-8.
    public func text(_ index: Int) -> String? {
        bytes.withUnsafeBufferPointer {
            String(validating: UnsafeBufferPointer(rebasing: $0[range(index)]), as: UTF8.self)
        }
    }

    /// Whether every byte of every field is ASCII, and so UTF-8 text: almost every record is, and is
    /// looked at once, not field by field.
    public var isASCII: Bool { !bytes.contains { $0 >= 0x80 } }

    /// Whether every field is empty: a record of nothing but separators.
    public var isEmpty: Bool { bytes.isEmpty }

    mutating func append(_ field: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: field)
        ends.append(bytes.count)
    }

    mutating func clear(startingAt line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}

/// Why a file could not be read as CSV to its end.
public enum CSVError: Error, Equatable, Sendable {
    /// The CSV structure breaks in the record that starts at `line`: a quote is never closed
    /// (`unterminatedQuote`), or a quote stands inside an unquoted field or text follows a closing quote.
    case broken(line: Int, unterminatedQuote: Bool)
    /// libcsv could not start (out of memory).
    case parserUnavailable
}

/// Every call into libcsv that reads lives here. The bytes are fed to `csv_parse` one physical line at
/// a time, so that each record is tagged with the line it starts on; LF, CRLF and a lone CR (as old
/// Mac programs end lines) each end a line (SPEC §1.8). Strict mode: an unterminated
/// quote, a bare quote in an unquoted field or text after a closing quote breaks the file. A leading
/// UTF-8 byte-order mark is dropped.
public enum CSVReader {
    /// Calls `body` with each record of `bytes`, in order. When the structure breaks, the records before
    /// the broken one have been delivered and `CSVError.broken` is thrown: the caller decides what they
    /// are worth.
    public static func forEachRecord(in bytes: [UInt8], _ body: (CSVRecord) -> Void) throws(CSVError) {
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else { throw .parserUnavailable }
        defer { csv_free(&parser) }
        var failure: CSVError?
        withoutActuallyEscaping(body) { body in
            // The callbacks reach the state through a plain pointer: a reference passed as the context
            // was retained and released at every field of every record.
            var state = ParseState(deliver: body)
            withUnsafeMutablePointer(to: &state) { state in
                bytes.withUnsafeBytes { file in
                    var start = hasByteOrderMark(file) ? 3 : 0
                    while start < file.count {
                        let end = lineEnd(in: file, from: start)
                        let line = UnsafeRawBufferPointer(rebasing: file[start..<end])
                        if state.pointee.recordStart == nil, line.contains(where: { !isBlank($0) }) {
                            state.pointee.recordStart = state.pointee.line
                        }
                        if csv_parse(&parser, line.baseAddress, line.count, onField, onRecordEnd, state) != line.count {
                            failure = .broken(
                                line: state.pointee.recordStart ?? state.pointee.line, unterminatedQuote: false)
                            return
                        }
                        if file[end - 1] == UInt8(ascii: "\n") || file[end - 1] == UInt8(ascii: "\r") {
                            state.pointee.line += 1
                        }
                        start = end
                    }
                    let brokenAt = state.pointee.recordStart
                    if csv_fini(&parser, onField, onRecordEnd, state) != 0 {
                        failure = .broken(line: brokenAt ?? state.pointee.line, unterminatedQuote: true)
                    }
                }
            }
        }
        if let failure { throw failure }
    }

    /// The end of the physical line that starts at `start`: just after its line feed, its CR LF or its
    /// lone CR, or the end of the file.
    private static func lineEnd(in file: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        while index < file.count {
            switch file[index] {
            case UInt8(ascii: "\n"): return index + 1
            case UInt8(ascii: "\r"):
                return index + 1 < file.count && file[index + 1] == UInt8(ascii: "\n") ? index + 2 : index + 1
            default: index += 1
            }
        }
        return file.count
    }

    private static func hasByteOrderMark(_ file: UnsafeRawBufferPointer) -> Bool {
        file.count >= 3 && file[0] == 0xEF && file[1] == 0xBB && file[2] == 0xBF
    }

    /// A physical line of only these bytes starts no record.
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
    }

    /// The benchmark's floor: one bare pass of libcsv over `bytes`, counting records and fields, with no
    /// line tracking, no text and no checks. Nil when the structure breaks.
    public static func countFields(in bytes: [UInt8]) -> (records: Int, fields: Int)? {
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else { return nil }
        defer { csv_free(&parser) }
        var counts = (records: 0, fields: 0)
        let countField: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
            _, _, context in context!.assumingMemoryBound(to: (records: Int, fields: Int).self).pointee.fields += 1
        }
        let countRecord: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
            context!.assumingMemoryBound(to: (records: Int, fields: Int).self).pointee.records += 1
        }
        let parsed = withUnsafeMutablePointer(to: &counts) { counter in
            bytes.withUnsafeBytes { file in
                csv_parse(&parser, file.baseAddress, file.count, countField, countRecord, counter) == file.count
                    && csv_fini(&parser, countField, countRecord, counter) == 0
            }
        }
        return parsed ? counts : nil
    }
}

/// What the callbacks fill while libcsv parses: the record under way and the lines.
private struct ParseState {
    var record = CSVRecord()
    let deliver: (CSVRecord) -> Void
    /// The physical line being fed, and the line the record under way started on (nil between records).
    var line = 1
    var recordStart: Int?

    init(deliver: @escaping (CSVRecord) -> Void) { self.deliver = deliver }
}

// libcsv calls these inside `csv_parse`, with the state as its context.
private func onField(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    let state = context!.assumingMemoryBound(to: ParseState.self)
    if state.pointee.record.count == 0 {
        state.pointee.record.clear(startingAt: state.pointee.recordStart ?? state.pointee.line)
    }
    state.pointee.record.append(UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : length))
}

private func onRecordEnd(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    let state = context!.assumingMemoryBound(to: ParseState.self)
    state.pointee.deliver(state.pointee.record)
    state.pointee.record.clear(startingAt: 0)
    state.pointee.recordStart = nil
}
