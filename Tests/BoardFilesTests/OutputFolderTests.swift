import Crypto
import Foundation
import Testing

@testable import BoardFiles

// A run's files go to disk as they are built, a window at a time, and leave the page cache as they
// go. Whatever the windows, the file holds every byte in order and its digest is of those bytes.

@Suite struct OutputFolderTests {
    /// Bytes that differ from one megabyte to the next, so a window written twice or skipped shows.
    private func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 20) }
    }

    /// `appending`: the builder's pieces, of odd sizes as the writers move their buffers on, or larger
    /// than the file writes at once (a long part of the board pack).
    @Test(
        arguments: [0, 1, OutputFile.window - 1, OutputFile.window, 2 * OutputFile.window + 12_345],
        [700_001, 2 * OutputFile.window + 3 * OutputFile.piece + 1])
    func aFileOfSeveralWindowsHoldsEveryByteAndItsDigest(size: Int, appending: Int) throws {
        try withTemporaryFolder { folder in
            let bytes = pattern(size)
            let target = folder.path + "/2025-26/2026-07-23"
            try OutputFolder.write(to: target) { files in
                try files.build("large.csv") { output in
                    var start = 0
                    while start < bytes.count {
                        let end = min(bytes.count, start + appending)
                        output.append(contentsOf: bytes[start..<end])
                        output.flushIfFull()
                        start = end
                    }
                }
                let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
                #expect(files.digest(of: "large.csv") == digest)
                #expect(files.size(of: "large.csv") == size)
            }
            let written = try Data(contentsOf: URL(fileURLWithPath: target + "/large.csv"))
            #expect(written == Data(bytes))
        }
    }

    /// An output's buffer has a fixed size: a piece that does not fit moves it on first, one larger than
    /// the buffer goes straight on, and single bytes fill it to the last; kept or written, no byte is lost.
    @Test(arguments: [1, 7, 65_537, 3 * ByteOutput.stretch + 5], [false, true])
    func piecesOfAnySizeKeepEveryByteInOrder(piece: Int, toFile: Bool) throws {
        try withTemporaryFolder { folder in
            let bytes = pattern(ByteOutput.stretch * 2 + piece * 3 + 11)
            let target = folder.path + "/2025-26/2026-07-23"
            var kept: Data?
            try OutputFolder.write(to: target) { files in
                let files = toFile ? files : OutputFiles()
                try files.build("pieces.csv") { output in
                    var start = 0
                    while start < bytes.count {
                        let end = min(bytes.count, start + piece)
                        if piece == 1 {
                            output.append(bytes[start])
                        } else {
                            output.append(contentsOf: bytes[start..<end])
                        }
                        if start % 3 == 0 { output.flushIfFull() }
                        start = end
                    }
                }
                #expect(files.size(of: "pieces.csv") == bytes.count)
                kept = files.kept("pieces.csv")
            }
            let result = try kept ?? Data(contentsOf: URL(fileURLWithPath: target + "/pieces.csv"))
            // Compared here, not inside #expect: a failure would print megabytes of both.
            let holdsEveryByte = result == Data(bytes)
            #expect(holdsEveryByte, "\(result.count) bytes of \(bytes.count)")
        }
    }

    /// Two copies of an output would write into one buffer: a debug build stops at the second's append.
    @Test func anOutputWrittenThroughTwoCopiesStops() async {
        await #expect(processExitsWith: .failure) {
            var output = ByteOutput()
            var copy = output
            output.append(1)
            copy.append(2)
        }
    }
}
