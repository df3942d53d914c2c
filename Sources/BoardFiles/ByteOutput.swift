import Foundation

/// An output file's bytes, built a little at a time in a small buffer that is moved into `Data` a
/// megabyte at a time. The buffer stays in cache and is reused, so each byte is copied once, into
/// memory touched once, and the whole file is handed over as `Data` with no further copy.
struct ByteOutput {
    static let stretch = 1 << 20

    private var pending: [UInt8] = []
    private var written: Data

    /// `capacity`: the expected size of the whole file.
    init(reservingCapacity capacity: Int = 0) {
        written = Data(capacity: capacity)
        pending.reserveCapacity(min(capacity, Self.stretch))
    }

    mutating func append(_ byte: UInt8) { pending.append(byte) }
    mutating func append(contentsOf bytes: [UInt8]) { pending.append(contentsOf: bytes) }
    mutating func append(contentsOf bytes: ArraySlice<UInt8>) { pending.append(contentsOf: bytes) }
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) { pending.append(contentsOf: bytes) }
    mutating func append(contentsOf bytes: Slice<UnsafeBufferPointer<UInt8>>) { pending.append(contentsOf: bytes) }

    /// Reverses the last `count` bytes (numbers are written from their last digit).
    mutating func reverseLast(_ count: Int) { pending[(pending.count - count)...].reverse() }

    /// Moves the buffer into the file once it holds a megabyte; called between lines and rows, so the
    /// digits being reversed are always in the buffer.
    mutating func flushIfFull() {
        guard pending.count >= Self.stretch else { return }
        written.append(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }

    /// Every byte, handed over; the output is empty afterwards.
    mutating func finish() -> Data {
        written.append(contentsOf: pending)
        pending = []
        defer { written = Data() }
        return written
    }

    /// Every byte, copied: for small files read as an array.
    var bytes: [UInt8] { [UInt8](written) + pending }
}
