import Foundation

/// An output file's bytes, built a little at a time in a small buffer that is moved on a megabyte at a
/// time: straight into the file being written (`OutputFiles`), so a large run never holds a whole
/// output, or into `Data` for a file kept in memory. The buffer stays in cache and is reused.
struct ByteOutput {
    static let stretch = 1 << 20

    private var pending: [UInt8] = []
    private var written: Data
    /// The file the bytes go to; nil when they are kept.
    let file: OutputFile?

    /// Kept in memory. `capacity`: the expected size of the whole file.
    init(reservingCapacity capacity: Int = 0) {
        written = Data(capacity: capacity)
        file = nil
        pending.reserveCapacity(min(capacity, Self.stretch))
    }

    /// Written into `file` as it is built.
    init(into file: OutputFile) {
        written = Data()
        self.file = file
        pending.reserveCapacity(Self.stretch)
    }

    mutating func append(_ byte: UInt8) { pending.append(byte) }
    mutating func append(contentsOf bytes: [UInt8]) { pending.append(contentsOf: bytes) }
    mutating func append(contentsOf bytes: ArraySlice<UInt8>) { pending.append(contentsOf: bytes) }
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) { pending.append(contentsOf: bytes) }
    mutating func append(contentsOf bytes: Slice<UnsafeBufferPointer<UInt8>>) { pending.append(contentsOf: bytes) }
    mutating func append(contentsOf bytes: Data) { pending.append(contentsOf: bytes) }

    /// Moves the buffer on once it holds a megabyte; called between lines and rows.
    mutating func flushIfFull() {
        guard pending.count >= Self.stretch else { return }
        moveOn()
    }

    private mutating func moveOn() {
        if let file { file.write(pending) } else { written.append(contentsOf: pending) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Every byte kept, handed over (none when they went to a file); the output is empty afterwards.
    mutating func finish() -> Data {
        moveOn()
        pending = []
        defer { written = Data() }
        return written
    }

    /// Every byte kept, copied: for small files read as an array.
    var bytes: [UInt8] { [UInt8](written) + pending }
}
