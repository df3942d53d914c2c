import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output that could not be written; nothing partial is left behind.
public struct OutputError: Error, Sendable {
    public let path: String
    public let reason: String
}

/// Writes a folder of files so that it appears complete or not at all: the files go into a temporary
/// folder beside the target, each is fsynced as it is closed, and the folder is renamed into place. A
/// previous folder of the same name is moved aside first and removed only once the new one is in place.
public enum OutputFolder {
    /// Files holding personal data are readable by owner and group only.
    static let fileMode: mode_t = 0o640
    static let folderMode: mode_t = 0o750

    public static func write(_ files: [(name: String, bytes: Data)], to target: String) throws(OutputError) {
        try write(to: target) { folder in
            for file in files { try folder.emit(file.name, file.bytes) }
        }
    }

    /// Writes the files `produce` builds in `OutputFiles`, each straight to disk as it is built, so no
    /// whole file need be held in memory. All or nothing, as above.
    static func write(to target: String, producing produce: (OutputFiles) throws -> Void) throws(OutputError) {
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(folderMode)])
        } catch {
            throw OutputError(path: parent, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        let temporary = "\(parent)/.\(name).partial-\(getpid())"
        let previous = "\(parent)/.\(name).previous-\(getpid())"
        removeLeftovers(of: name, in: parent)
        guard mkdir(temporary, folderMode) == 0 else { throw failure(temporary, "cannot create a folder") }
        do {
            let files = OutputFiles(folder: temporary)
            try produce(files)
            // Each file was synced as it was closed (`OutputFile.close`); then the folders that hold them.
            for subfolder in files.subfolders.sorted() { try sync(temporary + "/" + subfolder) }
            try sync(temporary)
            let replacing = FileManager.default.fileExists(atPath: target)
            if replacing {
                guard rename(target, previous) == 0 else {
                    throw failure(target, "cannot move the previous pack aside")
                }
            }
            guard rename(temporary, target) == 0 else {
                let error = failure(target, "cannot move the new pack into place")
                if replacing { _ = rename(previous, target) }
                throw error
            }
            try sync(parent)
            if replacing { try? FileManager.default.removeItem(atPath: previous) }
        } catch let error as OutputError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw OutputError(path: target, reason: "\(error)")
        }
    }

    /// A run killed mid-write leaves its temporary folder; a run killed between the two renames leaves
    /// the previous pack aside. Both are tidied before writing: the previous pack is restored if the
    /// target is missing, so a crash never loses the last complete pack.
    private static func removeLeftovers(of name: String, in parent: String) {
        let files = FileManager.default
        let target = parent + "/" + name
        for entry in (try? files.contentsOfDirectory(atPath: parent)) ?? [] {
            let path = parent + "/" + entry
            if entry.hasPrefix(".\(name).partial-") {
                try? files.removeItem(atPath: path)
            } else if entry.hasPrefix(".\(name).previous-") {
                if files.fileExists(atPath: target) {
                    try? files.removeItem(atPath: path)
                } else {
                    _ = rename(path, target)
                }
            }
        }
    }

    private static func sync(_ folder: String) throws(OutputError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw failure(folder, "cannot open the folder to sync it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure(folder, "cannot sync the folder") }
    }

    static func failure(_ path: String, _ what: String) -> OutputError {
        OutputError(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// Where a run's files go as they are built: each straight into its file in the folder being written,
/// or, with no folder, kept in memory. Files may be built on several threads at once.
final class OutputFiles: @unchecked Sendable {
    private let folder: String?
    private let lock = NSLock()
    // Guarded by `lock`.
    private var created: Set<String> = []
    private var madeSubfolders: Set<String> = []
    private var digests: [String: String] = [:]
    private var sizes: [String: Int] = [:]
    private var keptFiles: [String: Data] = [:]

    /// Into `folder`; nil keeps the files in memory.
    init(folder: String? = nil) { self.folder = folder }

    /// A new file's output. File names come from the program, never from input data.
    func open(_ name: String, expecting capacity: Int = 0) throws(OutputError) -> ByteOutput {
        guard let folder else { return ByteOutput(reservingCapacity: capacity) }
        lock.lock()
        defer { lock.unlock() }
        precondition(created.insert(name).inserted, "\(name) is written once")
        if name.contains("/") {
            let subfolder = (name as NSString).deletingLastPathComponent
            if madeSubfolders.insert(subfolder).inserted, mkdir(folder + "/" + subfolder, OutputFolder.folderMode) != 0
            {
                throw OutputFolder.failure(folder + "/" + subfolder, "cannot create a folder")
            }
        }
        let file = try OutputFile(path: folder + "/" + name)
        return ByteOutput(into: file)
    }

    /// Finishes a file opened with `open`, recording its digest.
    func close(_ name: String, _ output: inout ByteOutput) throws(OutputError) {
        let kept = output.finish()
        let (digest, size) =
            try output.file.map { file throws(OutputError) in try file.close() } ?? (sha256(of: kept), kept.count)
        lock.lock()
        defer { lock.unlock() }
        digests[name] = digest
        sizes[name] = size
        if folder == nil { keptFiles[name] = kept }
    }

    /// A file built whole.
    func emit(_ name: String, _ bytes: Data) throws(OutputError) {
        var output = try open(name, expecting: bytes.count)
        bytes.withUnsafeBytes { output.append(contentsOf: $0.bindMemory(to: UInt8.self)) }
        try close(name, &output)
    }

    /// A file built by `body`, in `open`'s output.
    func build(_ name: String, expecting capacity: Int = 0, _ body: (inout ByteOutput) throws -> Void) throws {
        var output = try open(name, expecting: capacity)
        try body(&output)
        try close(name, &output)
    }

    func digest(of name: String) -> String? { lock.withLock { digests[name] } }
    func size(of name: String) -> Int? { lock.withLock { sizes[name] } }
    func kept(_ name: String) -> Data? { lock.withLock { keptFiles[name] } }
    var subfolders: Set<String> { lock.withLock { madeSubfolders } }
}

/// One output file being written: its bytes go to disk as they are built, and through its SHA-256. A
/// failed write is kept and reported when the file is closed, so the builders need not stop for it.
final class OutputFile: @unchecked Sendable {
    let path: String
    private let descriptor: Int32
    // Used by one builder at a time.
    private var hasher = SHA256()
    private var size = 0
    /// Bytes up to here are on disk and out of the page cache.
    private var handedOver = 0
    private var failed: OutputError?

    /// How much is written before it is handed to the disk (see `handOver`).
    static let window = 8 << 20

    init(path: String) throws(OutputError) {
        self.path = path
        descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL, OutputFolder.fileMode)
        guard descriptor >= 0 else { throw OutputFolder.failure(path, "cannot create the file") }
    }

    /// Digests and writes the bytes a piece at a time, handing each window over as it fills: a long part
    /// of the board pack (a file's 35,000 exceptions, 11 MiB) written whole went into the page cache all at
    /// once, fresh memory for every page of it, 60 ms on one core at the end of a run.
    func write(_ buffer: UnsafeRawBufferPointer) {
        guard failed == nil, buffer.count > 0 else { return }
        var start = 0
        while start < buffer.count {
            let bytes = UnsafeRawBufferPointer(rebasing: buffer[start..<min(start + Self.piece, buffer.count)])
            hasher.update(bufferPointer: bytes)
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failed = OutputFolder.failure(path, "cannot write the file")
                    return
                }
                offset += count
            }
            size += bytes.count
            start += bytes.count
            if size - handedOver >= Self.window { handOver() }
        }
    }

    /// The most written at once: as much as `ByteOutput` moves on.
    static let piece = ByteOutput.stretch

    /// Waits for the disk to take what is written so far and drops it from the page cache. A run writes
    /// its outputs once and never reads them back; left in the cache, gigabytes of them made the kernel
    /// find fresh memory for every page, which on a virtual machine cost several times the writing
    /// itself. The other files are built while this one waits.
    private func handOver() {
        guard fdatasync(descriptor) == 0 else {
            failed = OutputFolder.failure(path, "cannot write the file")
            return
        }
        // From the page the last window ended in: only whole pages are dropped.
        let start = handedOver & ~4095
        _ = posix_fadvise(descriptor, off_t(start), off_t(size - start), POSIX_FADV_DONTNEED)
        handedOver = size
    }

    /// Syncs and closes the file: its digest and size, or the first failure to write it. Synced here, on
    /// the thread that built it, while the other files are still being built: synced one after another
    /// once all were written, they kept both cores waiting for the disk for 30 ms at the end of a run.
    func close() throws(OutputError) -> (sha256: String, size: Int) {
        if failed == nil, fsync(descriptor) != 0 { failed = OutputFolder.failure(path, "cannot write the file") }
        if Glibc.close(descriptor) != 0, failed == nil {
            failed = OutputFolder.failure(path, "cannot write the file")
        }
        if let failed { throw failed }
        return (hexadecimal(hasher.finalize()), size)
    }
}
