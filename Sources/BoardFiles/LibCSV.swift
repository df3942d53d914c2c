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

    /// Calls `body` with each record in file order, each field a `String` (nil where its bytes are not
    /// UTF-8). Records before a structural break have been delivered when `.broken` is thrown; the
    /// caller decides what they are worth. The file is parsed first, on this thread (see `readBytes`).
    static func read(path: String, _ body: (CSVRecord) -> Void) throws {
        try readBytes(path: path, parsingAhead: false) { body($0.strings) }
    }
}

/// Blank bytes: a physical line of only these starts no record.
private func isBlank(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
}

extension LibCSV {
    /// Hands `write` one field's bytes as `CSVText` writes them when they need quoting or neutralising
    /// (see there), worked out on the bytes as libcsv reads them back. (Until the thirteenth pass this
    /// looked at the text's first and last characters, walking its graphemes, for every message with a
    /// comma, and left unquoted a space that a combining mark followed, which libcsv then trimmed.)
    fileprivate static func escaped(_ source: UnsafeBufferPointer<UInt8>, _ write: (UnsafeBufferPointer<UInt8>) -> Void)
    {
        let prefixed = source.first.map(CSVText.startsFormula) ?? false
        // The text, prefixed, then its quoted form: at most twice its bytes and two quotes.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * (source.count + 1) + 2) { buffer in
            var count = 0
            if prefixed {
                buffer[0] = UInt8(ascii: "'")
                count = 1
            }
            count += UnsafeMutableBufferPointer(rebasing: buffer[count...]).initialize(fromContentsOf: source)
            let text = UnsafeBufferPointer(rebasing: buffer[..<count])
            guard CSVText.needsQuotes(text) else { return write(text) }
            let quoted = UnsafeMutableBufferPointer(rebasing: buffer[count...])
            let written = csv_write(quoted.baseAddress, quoted.count, text.baseAddress, text.count)
            write(UnsafeBufferPointer(rebasing: quoted[..<written]))
        }
    }
}

/// A CSV file built in one growing byte buffer, a field at a time (`field`, then `endLine`) or a line
/// at a time (`append`). A field is quoted by libcsv's `csv_write` when it holds a comma, quote, line
/// break or surrounding space; a field a spreadsheet would run as a formula (starting `=`, `+`, `-`,
/// `@`, tab or CR) is first prefixed with `'`. Most fields need neither, and their bytes are copied as
/// they are.
struct CSVText {
    /// Where the text goes: kept, or into the file being written.
    var output: ByteOutput
    private var lineStarted = false

    /// Kept in memory. `capacity`: the expected size of the whole file.
    init(reservingCapacity capacity: Int = 0) { output = ByteOutput(reservingCapacity: capacity) }

    init(_ output: ByteOutput) { self.output = output }

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
        // An empty field, the most common in some files, has nothing to write.
        guard !text.isEmpty else { return }
        Self.encode(text) { output.append(contentsOf: $0) }
    }

    /// Hands `write` the bytes of `text` as a field: as they are when they need neither quoting nor a
    /// formula prefix, read in place (a copy of the string to call `withUTF8` retained it), else escaped.
    private static func encode(_ text: String, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        let plain =
            text.utf8.withContiguousStorageIfAvailable { utf8 -> Bool in
                guard isPlain(utf8) else { return false }
                write(utf8)
                return true
            } ?? false
        if !plain {
            var text = text
            text.withUTF8 { LibCSV.escaped($0, write) }
        }
    }

    /// Text given as its UTF-8 bytes, written as `field(text)` would write it, without the string when
    /// the bytes need neither quoting nor a formula prefix.
    mutating func field(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        startField()
        Self.encode(utf8: bytes) { output.append(contentsOf: $0) }
    }

    /// Hands `write` the bytes `field(utf8:)` writes: as they are when plain, else as the text's.
    private static func encode(utf8 bytes: UnsafeBufferPointer<UInt8>, _ write: (UnsafeBufferPointer<UInt8>) -> Void) {
        if isPlain(bytes) { write(bytes) } else { encode(String(decoding: bytes, as: UTF8.self), write) }
    }

    /// A field fixed in the program, which needs neither quoting nor a formula prefix: written as it is.
    mutating func field(literal text: StaticString) {
        assert(
            text.hasPointerRepresentation
                && Self.isPlain(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)))
        startField()
        output.append(contentsOf: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A whole number, written as `field(String(number))` would write it, without the string.
    mutating func field(_ number: Int) {
        guard number >= 0 else { return field(String(number)) }
        startField()
        // Marks and credits, most of the numbers written, in a byte or two each.
        guard number < 100 else { return appendDigits(number, width: 1) }
        if number >= 10 { output.append(UInt8(ascii: "0") + UInt8(number / 10)) }
        output.append(UInt8(ascii: "0") + UInt8(number % 10))
    }

    /// A field already written by `encoded`: a value repeated on many lines is escaped once.
    mutating func field(encoded: [UInt8]) {
        startField()
        output.append(contentsOf: encoded)
    }

    /// The bytes `field(text)` writes, to be repeated with `field(encoded:)`.
    static func encoded(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        append(text, to: &bytes)
        return bytes
    }

    /// Appends the bytes `field(text)` writes to `bytes`, for fields repeated on many lines.
    static func append(_ text: String, to bytes: inout [UInt8]) { encode(text) { bytes.append(contentsOf: $0) } }

    /// Appends the bytes `field(utf8:)` writes to `bytes`, for fields repeated on many lines.
    static func append(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        encode(utf8: utf8) { bytes.append(contentsOf: $0) }
    }

    /// `number`'s decimal digits, zero-padded to `width` (at most 20); `number` is not negative.
    mutating func appendDigits(_ number: Int, width: Int) {
        withDecimalDigits(of: UInt(number), width: width) { output.append(contentsOf: $0) }
    }

    /// One byte of the current field.
    mutating func appendByte(_ byte: UInt8) { output.append(byte) }

    /// Neither quoting nor a formula prefix needed: the bytes go out as they are.
    private static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first else { return true }
        return !startsFormula(first) && !needsQuotes(utf8)
    }

    /// A spreadsheet would run a field that starts with this byte as a formula.
    fileprivate static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// Unquoted, libcsv would split the field at a comma or line break, misread a quote, or trim a space
    /// or tab byte at either end (whatever follows it).
    fileprivate static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let isTrimmed = { (byte: UInt8?) in byte == UInt8(ascii: " ") || byte == 0x09 }
        if isTrimmed(utf8.first) || isTrimmed(utf8.last) { return true }
        return utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
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

// MARK: - Records as bytes

/// One record as the bytes libcsv delivered, valid only during the call that receives it. The enrolment
/// list holds hundreds of thousands of records, most of which `board check` only validates: no field
/// becomes a `String` unless its reader asks for one.
struct CSVByteRecord {
    let line: Int
    let count: Int
    /// Field `i` is `bytes[bounds[i]..<bounds[i + 1]]`; the fields lie back to back.
    fileprivate let bounds: UnsafePointer<Int>
    fileprivate let base: UnsafeRawPointer

    subscript(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + bounds[index], count: bounds[index + 1] - bounds[index])
    }

    /// Every field's bytes at once, to check a whole record in one pass.
    var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + bounds[0], count: bounds[count] - bounds[0])
    }

    /// The record as `read` delivers it: a `String` per field, nil where the bytes are not UTF-8.
    var strings: CSVRecord {
        CSVRecord(line: line, fields: (0..<count).map { String(validating: self[$0], as: UTF8.self) })
    }
}

extension LibCSV {
    /// Calls `body` with each record in file order, its fields as bytes (valid only during the call).
    /// Records before a structural break have been delivered when `.broken` is thrown. With `parsingAhead`, libcsv runs on a second thread, a few
    /// batches of records ahead of `body`: on the enrolment list, parsing and checking the rows each take
    /// about half the time. Without, the whole file is parsed first on this thread: for the thousands of
    /// small mark sheets, read on every core already, a thread and a ring of batches each cost more.
    /// `eachBlock` sees the file's bytes as they are read, in order, on the parsing thread: when this
    /// returns without throwing, it has seen every byte.
    static func readBytes(
        path: String, parsingAhead: Bool = true, eachBlock: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil,
        _ body: (CSVByteRecord) -> Void
    ) throws {
        if parsingAhead { return try CSVParsingAhead(path: path, batches: 4, eachBlock: eachBlock).read(body) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CSVReadError.unreadable(String(cString: strerror(errno))) }
        let pipe = BatchPipe(slots: 1, batchRecords: .max, eachBlock: eachBlock)
        pipe.parse(descriptor)
        try pipe.deliver(body)
    }
}

/// A file parsed on a second thread from the moment it is opened, up to `batches` batches of 4,096
/// records ahead of `read`, which may come later: enrolments.csv, the register's largest file by far, is
/// parsed while the rest of the register loads. Every one made must be read: its thread waits for it.
final class CSVParsingAhead: @unchecked Sendable {
    private let pipe: Result<BatchPipe, CSVReadError>

    init(path: String, batches: Int, eachBlock: (@Sendable (UnsafeRawBufferPointer) -> Void)? = nil) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            pipe = .failure(.unreadable(String(cString: strerror(errno))))
            return
        }
        let pipe = BatchPipe(slots: batches, batchRecords: 4096, eachBlock: eachBlock)
        DispatchQueue.global(qos: .userInitiated).async { pipe.parse(descriptor) }
        self.pipe = .success(pipe)
    }

    /// Calls `body` with each record, as `LibCSV.readBytes` does; once.
    func read(_ body: (CSVByteRecord) -> Void) throws { try pipe.get().deliver(body) }
}

/// Completed records as bytes, and the first fields of the record under way when the batch is filling.
private struct RecordBatch {
    var bytes = UnsafeMutableRawPointer.allocate(byteCount: 16 * 1024, alignment: 16)
    var byteCapacity = 16 * 1024
    /// `bounds[i]..<bounds[i + 1]` holds field `i`; `fields` fields so far.
    var bounds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * 1024)
    var boundCapacity = 2 * 1024
    var fields = 0
    /// Completed records: the line each starts on, the index of its first field and its number of fields.
    var records: [(line: Int, first: Int, count: Int)] = []
    /// The index of the first field of the record under way.
    var recordFirst = 0
    /// The last batch of the file, with the error that ended it if the file could not be read to its end.
    var isLast = false
    var failure: CSVReadError?

    init() { bounds[0] = 0 }

    func deallocate() {
        bytes.deallocate()
        bounds.deallocate()
    }

    mutating func append(_ data: UnsafeRawPointer?, _ length: Int) {
        let used = bounds[fields]
        if used + length > byteCapacity {
            byteCapacity = max(byteCapacity * 2, used + length)
            let grown = UnsafeMutableRawPointer.allocate(byteCount: byteCapacity, alignment: 16)
            grown.copyMemory(from: bytes, byteCount: used)
            bytes.deallocate()
            bytes = grown
        }
        if fields + 1 == boundCapacity {
            boundCapacity *= 2
            let grown = UnsafeMutablePointer<Int>.allocate(capacity: boundCapacity)
            grown.initialize(from: bounds, count: fields + 1)
            bounds.deallocate()
            bounds = grown
        }
        if let data { (bytes + used).copyFew(from: data, count: length) }
        fields += 1
        bounds[fields] = used + length
    }

    mutating func endRecord(at line: Int) {
        records.append((line, recordFirst, fields - recordFirst))
        recordFirst = fields
    }

    /// Empties the batch, keeping the fields of the record under way from `full`, which is handed on.
    mutating func refill(continuing full: RecordBatch) {
        records.removeAll(keepingCapacity: true)
        fields = 0
        recordFirst = 0
        isLast = false
        failure = nil
        for index in full.recordFirst..<full.fields {
            append(full.bytes + full.bounds[index], full.bounds[index + 1] - full.bounds[index])
        }
    }
}

/// The batches between the thread that runs libcsv and the one that reads the records, in file order:
/// a ring of slots, each filled by the parser, then read and released by the reader (one of each).
private final class BatchPipe: @unchecked Sendable {
    let slotCount: Int
    /// A batch is handed on once it holds this many records.
    let batchRecords: Int
    let eachBlock: (@Sendable (UnsafeRawBufferPointer) -> Void)?

    let slots: UnsafeMutablePointer<RecordBatch>
    let filled = DispatchSemaphore(value: 0)
    /// Starts at 0 and is signalled once per slot: libdispatch refuses to dispose of a semaphore whose
    /// count is below the one it was created with, as this one's is at the end.
    let free = DispatchSemaphore(value: 0)
    let parsed = DispatchSemaphore(value: 0)
    var reading = 0

    /// The line the parser is on, and the line the record under way started on (nil between records).
    var line = 1
    var recordStart: Int?
    var filling: UnsafeMutablePointer<RecordBatch>

    init(slots count: Int, batchRecords: Int, eachBlock: (@Sendable (UnsafeRawBufferPointer) -> Void)?) {
        slotCount = count
        self.batchRecords = batchRecords
        self.eachBlock = eachBlock
        slots = .allocate(capacity: count)
        for index in 0..<count {
            (slots + index).initialize(to: RecordBatch())
            free.signal()
        }
        filling = slots
    }

    deinit {
        for index in 0..<slotCount { slots[index].deallocate() }
        slots.deinitialize(count: slotCount)
        slots.deallocate()
    }

    /// The reader's next batch, waiting for the parser to fill it.
    func next() -> UnsafeMutablePointer<RecordBatch> {
        filled.wait()
        return slots + reading % slotCount
    }

    /// The reader is done with the batch `next` gave: the parser may fill it again.
    func release() {
        reading += 1
        free.signal()
    }

    func waitUntilParsed() { parsed.wait() }

    /// Calls `body` with each record in file order, batch by batch as the parser hands them on; throws the
    /// error that ended the file early, after the records before it.
    func deliver(_ body: (CSVByteRecord) -> Void) throws {
        defer { waitUntilParsed() }
        while true {
            let batch = next()
            for record in batch.pointee.records {
                body(
                    CSVByteRecord(
                        line: record.line, count: record.count, bounds: batch.pointee.bounds + record.first,
                        base: UnsafeRawPointer(batch.pointee.bytes)))
            }
            if batch.pointee.isLast {
                if let failure = batch.pointee.failure { throw failure }
                return
            }
            release()
        }
    }

    /// libcsv ended a record, which began on `recordStart`'s line.
    fileprivate func endRecord() {
        filling.pointee.endRecord(at: recordStart ?? line)
        recordStart = nil
    }

    /// Hands the last batch to the reader, with the error that ended the file early, if one did.
    private func finish(_ failure: CSVReadError?) {
        filling.pointee.isLast = true
        filling.pointee.failure = failure
        filled.signal()
    }

    /// Hands the batch being filled to the reader and starts the next with the record under way.
    private func handOn() {
        free.wait()
        let next = slots + (slots.distance(to: filling) + 1) % slotCount
        next.pointee.refill(continuing: filling.pointee)
        filled.signal()
        filling = next
    }

    /// The parsing: each block fed to libcsv a physical line at a time, records gathered into batches.
    func parse(_ descriptor: Int32) {
        defer {
            close(descriptor)
            parsed.signal()
        }
        free.wait()
        var parser = csv_parser()
        guard csv_init(&parser, UInt8(CSV_STRICT | CSV_STRICT_FINI)) == 0 else {
            finish(.unreadable("the CSV parser could not start (out of memory)"))
            return
        }
        defer { csv_free(&parser) }
        let block = UnsafeMutableRawPointer.allocate(byteCount: LibCSV.blockSize, alignment: 16)
        defer { block.deallocate() }
        let context = Unmanaged.passUnretained(self).toOpaque()
        var atStart = true
        while true {
            let count = systemRead(descriptor, block, LibCSV.blockSize)
            if count < 0 { return finish(.unreadable(String(cString: strerror(errno)))) }
            if count == 0 { break }
            eachBlock?(UnsafeRawBufferPointer(start: block, count: count))
            var start = 0
            if atStart {
                atStart = false
                let bytes = block.assumingMemoryBound(to: UInt8.self)
                if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
            }
            while start < count {
                let newline = memchr(block + start, Int32(UInt8(ascii: "\n")), count - start)
                let end = newline.map { block.distance(to: $0) + 1 } ?? count
                if recordStart == nil,
                    UnsafeRawBufferPointer(start: block + start, count: end - start).contains(where: {
                        !isBlank($0)
                    })
                {
                    recordStart = line
                }
                let completed = filling.pointee.records.count
                let fed = csv_parse(&parser, block + start, end - start, onByteField, onByteRecordEnd, context)
                if fed != end - start {
                    // A record ended by a lone CR on the breaking line is not delivered: it is part of the break.
                    filling.pointee.records.removeLast(filling.pointee.records.count - completed)
                    return finish(.broken(line: recordStart ?? line, unterminatedQuote: false))
                }
                if newline != nil { line += 1 }
                start = end
                if filling.pointee.records.count >= batchRecords { handOn() }
            }
        }
        let brokenAt = recordStart
        if csv_fini(&parser, onByteField, onByteRecordEnd, context) != 0 {
            return finish(.broken(line: brokenAt ?? line, unterminatedQuote: true))
        }
        finish(nil)
    }
}

// The parser's pointer is the pipe's, unretained: the callbacks run inside `csv_parse` on the parsing thread.
private func onByteField(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<BatchPipe>.fromOpaque(context!).takeUnretainedValue().filling.pointee.append(data, length)
}

// The pipe lent, not taken: a reference taken from it was retained and released for every record.
private func onByteRecordEnd(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<BatchPipe>.fromOpaque(context!)._withUnsafeGuaranteedRef { $0.endRecord() }
}
