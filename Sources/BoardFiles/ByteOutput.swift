import Foundation

/// `number`'s decimal digits, zero-padded to `width` (at most 20), lent to `body`. Made from the last
/// digit into a small buffer on the stack, then handed over in order: reversing them in the output
/// retained its buffer for each number.
func withDecimalDigits(of number: UInt, width: Int = 1, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
        var start = digits.count
        var rest = number
        repeat {
            start -= 1
            digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
        while digits.count - start < width {
            start -= 1
            digits[start] = UInt8(ascii: "0")
        }
        body(UnsafeBufferPointer(rebasing: digits[start...]))
    }
}

extension UnsafeMutableRawPointer {
    /// Copies `count` bytes from `source`, which does not overlap them. Up to sixteen bytes (a code, a
    /// date, a mark, a word of the pack) are moved in two loads and two stores, without calling
    /// `memmove`, whose call cost more than the copy for the hundreds of millions of short fields a run
    /// reads and writes.
    @inline(__always)
    func copyFew(from source: UnsafeRawPointer, count: Int) {
        switch count {
        case 0: return
        case 1...3:
            // The first, middle and last bytes: for one, two or three bytes, all of them.
            let first = source.load(as: UInt8.self)
            let middle = source.load(fromByteOffset: count >> 1, as: UInt8.self)
            let last = source.load(fromByteOffset: count - 1, as: UInt8.self)
            storeBytes(of: first, as: UInt8.self)
            storeBytes(of: middle, toByteOffset: count >> 1, as: UInt8.self)
            storeBytes(of: last, toByteOffset: count - 1, as: UInt8.self)
        case 4...7:
            // The first four and the last four, overlapping in the middle.
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            storeBytes(of: head, as: UInt32.self)
            storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        case 8...16:
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            storeBytes(of: head, as: UInt64.self)
            storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        default: copyMemory(from: source, byteCount: count)
        }
    }
}

/// An output file's bytes, built a little at a time in a small buffer that is moved on a megabyte at a
/// time: straight into the file being written (`OutputFiles`), so a large run never holds a whole
/// output, or into `Data` for a file kept in memory. The buffer stays in cache and is reused.
///
/// The buffer is plain memory of a fixed size, not an array: a run appends to it hundreds of millions
/// of times, and an array checked that it was not shared, and whether it must grow, each time. So an
/// output is moved and lent (`inout`), never copied: two copies would write into the one buffer (debug
/// builds, which the tests use, check at each append that no other holds it).
struct ByteOutput {
    static let stretch = 1 << 20

    private var pending: Buffer
    /// How many bytes of `pending` are in use.
    private var count = 0
    private var written: Data
    /// The file the bytes go to; nil when they are kept.
    let file: OutputFile?

    /// Kept in memory. `capacity`: the expected size of the whole file.
    init(reservingCapacity capacity: Int = 0) {
        written = Data(capacity: capacity)
        file = nil
        pending = Buffer(size: min(max(capacity, 64 * 1024), Self.stretch + 64 * 1024))
    }

    /// Written into `file` as it is built. A little over `stretch`, so that the line under way when the
    /// buffer reaches a megabyte usually fits before it is moved on.
    init(into file: OutputFile) {
        written = Data()
        self.file = file
        pending = Buffer(size: Self.stretch + 64 * 1024)
    }

    mutating func append(_ byte: UInt8) {
        assert(isKnownUniquelyReferenced(&pending), "an output is written through one copy only")
        if count == pending.size { moveOn() }
        pending.start.storeBytes(of: byte, toByteOffset: count, as: UInt8.self)
        count += 1
    }

    mutating func append(contentsOf bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        assert(isKnownUniquelyReferenced(&pending), "an output is written through one copy only")
        if count + bytes.count > pending.size {
            moveOn()
            // More than the buffer holds: straight on, as it is.
            guard bytes.count <= pending.size else { return moveOn(bytes) }
        }
        (pending.start + count).copyFew(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: UnsafeRawBufferPointer(bytes))
    }
    mutating func append(contentsOf bytes: [UInt8]) { bytes.withUnsafeBytes { append(contentsOf: $0) } }
    mutating func append(contentsOf bytes: ArraySlice<UInt8>) { bytes.withUnsafeBytes { append(contentsOf: $0) } }
    mutating func append(contentsOf bytes: Slice<UnsafeBufferPointer<UInt8>>) {
        append(contentsOf: UnsafeBufferPointer(rebasing: bytes))
    }
    mutating func append(contentsOf bytes: Data) { bytes.withUnsafeBytes { append(contentsOf: $0) } }

    /// Moves the buffer on once it holds a megabyte; called between lines and rows.
    mutating func flushIfFull() {
        guard count >= Self.stretch else { return }
        moveOn()
    }

    private mutating func moveOn() {
        moveOn(UnsafeRawBufferPointer(start: pending.start, count: count))
        count = 0
    }

    private mutating func moveOn(_ bytes: UnsafeRawBufferPointer) {
        if let file { file.write(bytes) } else { written.append(contentsOf: bytes) }
    }

    /// Every byte kept, handed over (none when they went to a file); the output is empty afterwards.
    mutating func finish() -> Data {
        moveOn()
        defer { written = Data() }
        return written
    }

    /// Every byte kept, copied: for small files read as an array.
    var bytes: [UInt8] { [UInt8](written) + UnsafeRawBufferPointer(start: pending.start, count: count) }

    /// The buffer's memory, freed with the last output that holds it.
    private final class Buffer {
        let start: UnsafeMutableRawPointer
        let size: Int

        init(size: Int) {
            start = .allocate(byteCount: size, alignment: 64)
            self.size = size
        }

        deinit { start.deallocate() }
    }
}
