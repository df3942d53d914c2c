import CLibCSV
import Foundation

#if canImport(Glibc)
    import Glibc
    private let systemRead = Glibc.read
#elseif canImport(Darwin)
    import Darwin
    private let systemRead = Darwin.read
#endif

/// One record as libcsv delivers it, with the physical line it starts on (libcsv counts no lines).
struct CSVRecord {
    let line: Int
    /// nil for a field whose bytes are not UTF-8.
    let fields: [String?]
}

enum CSVReadError: Error {
    case unreadable(String)
    /// The CSV structure breaks in the record that starts at `line`.
    case broken(line: Int, unterminatedQuote: Bool)
}

/// Every call into libcsv lives here. Files are streamed through `csv_parse` in fixed-size blocks, fed
/// one physical line at a time so that each record is tagged with the line it starts on.
/// Strict mode: an unterminated quote, a bare quote in an unquoted field or text after a closing quote
/// breaks the file. A leading UTF-8 BOM is dropped.
public enum LibCSV {
    static let blockSize = 64 * 1024

    /// Calls `body` with each record in file order. Records before a structural break have been
    /// delivered when `.broken` is thrown; the caller decides what they are worth.
    static func read(path: String, _ body: (CSVRecord) throws -> Void) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CSVReadError.unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }

        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else {
            throw CSVReadError.unreadable("the CSV parser could not start (out of memory)")
        }
        defer { csv_free(&parser) }

        let state = ParseState()
        let context = Unmanaged.passUnretained(state).toOpaque()
        var block = [UInt8](repeating: 0, count: blockSize)
        var atStart = true

        while true {
            let count = block.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, blockSize) }
            if count < 0 { throw CSVReadError.unreadable(String(cString: strerror(errno))) }
            if count == 0 { break }
            var start = 0
            if atStart {
                atStart = false
                if count >= 3, block[0] == 0xEF, block[1] == 0xBB, block[2] == 0xBF { start = 3 }
            }
            try block.withUnsafeBytes { bytes in
                while start < count {
                    var end = start
                    while end < count && bytes[end] != UInt8(ascii: "\n") { end += 1 }
                    let endsLine = end < count
                    if endsLine { end += 1 }
                    if state.recordStart == nil,
                        bytes[start..<end].contains(where: { !ParseState.isBlank($0) })
                    {
                        state.recordStart = state.line
                    }
                    let fed = csv_parse(
                        &parser, bytes.baseAddress! + start, end - start, onField, onRecordEnd, context)
                    if fed != end - start {
                        throw CSVReadError.broken(line: state.recordStart ?? state.line, unterminatedQuote: false)
                    }
                    if endsLine { state.line += 1 }
                    start = end
                    try state.deliver(body)
                }
            }
        }
        let brokenAt = state.recordStart
        if csv_fini(&parser, onField, onRecordEnd, context) != 0 {
            try state.deliver(body)
            throw CSVReadError.broken(line: brokenAt ?? state.line, unterminatedQuote: true)
        }
        try state.deliver(body)
    }
}

private final class ParseState {
    var line = 1
    var recordStart: Int?
    var fields: [String?] = []
    var records: [CSVRecord] = []

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n")
    }

    func deliver(_ body: (CSVRecord) throws -> Void) throws {
        guard !records.isEmpty else { return }
        let ready = records
        records.removeAll(keepingCapacity: true)
        for record in ready { try body(record) }
    }
}

/// libcsv hands over each field by pointer and length (NULL for an empty field it never buffered).
private func onField(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    let state = Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue()
    guard let data, length > 0 else {
        state.fields.append("")
        return
    }
    let bytes = UnsafeRawBufferPointer(start: data, count: length)
    // Almost every field is ASCII, which is valid UTF-8 as it is: skip the generic validation.
    if bytes.allSatisfy({ $0 < 0x80 }) {
        state.fields.append(String(decoding: bytes, as: UTF8.self))
    } else {
        state.fields.append(String(validating: bytes, as: UTF8.self))
    }
}

private func onRecordEnd(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    let state = Unmanaged<ParseState>.fromOpaque(context!).takeUnretainedValue()
    state.records.append(CSVRecord(line: state.recordStart ?? state.line, fields: state.fields))
    state.fields.removeAll(keepingCapacity: true)
    state.recordStart = nil
}

extension LibCSV {
    /// One field as `CSVText` writes it when it needs quoting or neutralising (see there).
    fileprivate static func escaped(_ field: String) -> String {
        var text = field
        if let first = text.utf8.first,
            [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first)
        {
            text = "'" + text
        }
        let needsQuotes =
            text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            || text.first == " " || text.last == " " || text.first == "\t" || text.last == "\t"
        guard needsQuotes else { return text }
        let source = Array(text.utf8)
        var quoted = [UInt8](repeating: 0, count: source.count * 2 + 2)
        let written = source.withUnsafeBytes { input in
            quoted.withUnsafeMutableBytes { output in
                csv_write(output.baseAddress, output.count, input.baseAddress, input.count)
            }
        }
        return String(decoding: quoted[..<written], as: UTF8.self)
    }
}

/// A CSV file built in one growing byte buffer, a field at a time (`field`, then `endLine`) or a line
/// at a time (`append`). A field is quoted by libcsv's `csv_write` when it holds a comma, quote, line
/// break or surrounding space; a field a spreadsheet would run as a formula (starting `=`, `+`, `-`,
/// `@`, tab or CR) is first prefixed with `'`. Most fields need neither, and their bytes are copied as
/// they are.
struct CSVText {
    private var output: ByteOutput
    private var lineStarted = false

    /// `capacity`: the expected size of the whole file.
    init(reservingCapacity capacity: Int = 0) { output = ByteOutput(reservingCapacity: capacity) }

    /// The file so far, copied.
    var bytes: [UInt8] { output.bytes }

    /// The file, handed over; the text is empty afterwards.
    mutating func finish() -> Data { output.finish() }

    /// A whole line of text fields.
    mutating func append(_ fields: [String]) {
        for field in fields { self.field(field) }
        endLine()
    }

    mutating func endLine() {
        output.append(0x0A)
        lineStarted = false
        output.flushIfFull()
    }

    /// Begins a field of the current line; its bytes follow.
    mutating func startField() {
        if lineStarted { output.append(UInt8(ascii: ",")) }
        lineStarted = true
    }

    mutating func field(_ text: String) {
        startField()
        var text = text
        let plain = text.withUTF8 { utf8 -> Bool in
            guard Self.isPlain(utf8) else { return false }
            output.append(contentsOf: utf8)
            return true
        }
        if !plain { output.append(contentsOf: Array(LibCSV.escaped(text).utf8)) }
    }

    /// A whole number, written as `field(String(number))` would write it, without the string.
    mutating func field(_ number: Int) {
        guard number >= 0 else { return field(String(number)) }
        startField()
        appendDigits(number, width: 1)
    }

    /// A field already written by `encoded`: a value repeated on many lines is escaped once.
    mutating func field(encoded: [UInt8]) {
        startField()
        output.append(contentsOf: encoded)
    }

    /// The bytes `field(text)` writes, to be repeated with `field(encoded:)`.
    static func encoded(_ text: String) -> [UInt8] {
        var line = CSVText()
        line.field(text)
        return line.bytes
    }

    /// `number`'s decimal digits, zero-padded to `width`; `number` is not negative.
    mutating func appendDigits(_ number: Int, width: Int) {
        var count = 0
        var rest = number
        repeat {
            output.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
            count += 1
        } while rest > 0
        while count < width {
            output.append(UInt8(ascii: "0"))
            count += 1
        }
        output.reverseLast(count)
    }

    /// One byte of the current field.
    mutating func appendByte(_ byte: UInt8) { output.append(byte) }

    /// Neither quoting nor a formula prefix needed: the bytes go out as they are.
    private static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first, let last = utf8.last else { return true }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D, UInt8(ascii: " "):
            return false
        default: break
        }
        if last == UInt8(ascii: " ") || last == 0x09 { return false }
        for byte in utf8
        where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            return false
        }
        return true
    }
}

/// The floor of the benchmark: what libcsv alone costs on a file.
public struct CSVFieldCount: Sendable {
    public var bytes = 0
    public var records = 0
    public var fields = 0
}

extension LibCSV {
    /// One bare pass of libcsv over a file that only counts records and fields: no line tracking, no
    /// strings, no checks. The benchmark's floor, against which `board run` is measured.
    public static func countFields(path: String) -> CSVFieldCount? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else { return nil }
        defer { csv_free(&parser) }
        var count = CSVFieldCount()
        let block = UnsafeMutableRawPointer.allocate(byteCount: blockSize, alignment: 16)
        defer { block.deallocate() }
        let fieldCounter: @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeMutableRawPointer?) -> Void = {
            _, _, context in
            context!.assumingMemoryBound(to: CSVFieldCount.self).pointee.fields += 1
        }
        let recordCounter: @convention(c) (Int32, UnsafeMutableRawPointer?) -> Void = { _, context in
            context!.assumingMemoryBound(to: CSVFieldCount.self).pointee.records += 1
        }
        return withUnsafeMutablePointer(to: &count) { counter -> CSVFieldCount? in
            while true {
                let read = systemRead(descriptor, block, blockSize)
                if read < 0 { return nil }
                if read == 0 { break }
                counter.pointee.bytes += read
                guard csv_parse(&parser, block, read, fieldCounter, recordCounter, counter) == read else { return nil }
            }
            guard csv_fini(&parser, fieldCounter, recordCounter, counter) == 0 else { return nil }
            return counter.pointee
        }
    }
}
