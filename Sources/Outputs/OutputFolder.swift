import Crypto
import Foundation
import Input

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An output that could not be written; nothing partial is left behind.
public struct OutputError: Error, Sendable {
    public let path: String
    public let reason: String
    /// The new folder was already in place when this happened: the previous one is gone.
    public let afterReplacing: Bool

    public init(path: String, reason: String, afterReplacing: Bool = false) {
        self.path = path
        self.reason = reason
        self.afterReplacing = afterReplacing
    }
}

/// Writes a folder of files so that it appears complete or not at all: the files go into a temporary
/// folder beside the target, are synced, and the folder is renamed into place. A previous folder of the
/// same name is moved aside first and removed only once the new one is in place.
public enum OutputFolder {
    /// Files holding personal data are readable by owner and group only.
    static let fileMode: mode_t = 0o640
    static let folderMode: mode_t = 0o750
    /// How much of a file is written at once before it is synced.
    static let window = 8 << 20

    /// The steps of writing a folder, in order: `reached` is told of each as it is done (a test kills
    /// the process there, to prove that every interruption leaves the previous folder or the new one).
    public enum Step: Int, CaseIterable, Sendable {
        /// 1: every file written and synced in the temporary folder beside the target.
        case written = 1
        /// 2: the previous folder, if any, moved aside (`.<name>.previous-<pid>`).
        case previousMovedAside
        /// 3: the new folder renamed into place.
        case replaced
        /// 4: the parent folder synced.
        case synced
        /// 5: the previous folder removed.
        case previousRemoved
    }

    /// Writes into `target` what `fill` writes into the folder it is given.
    public static func write(
        to target: String, reached: (Step) -> Void = { _ in }, _ fill: (Files) throws -> Void
    ) throws(OutputError) {
        let staging = try Staging(target)
        do {
            try fill(staging.files)
        } catch {
            throw staging.discard(after: error)
        }
        try staging.publish(reached: reached)
    }

    /// Writes into `target` what `fill` writes into the folder it is given, for a `fill` that awaits
    /// (credentials are signed asynchronously). An error of `fill`'s own that is not an `OutputError`
    /// comes out as it is, for the caller to say what it means; nothing is left written either way.
    public static func write(to target: String, _ fill: (Files) async throws -> Void) async throws {
        let staging = try Staging(target)
        do {
            try await fill(staging.files)
        } catch {
            _ = staging.discard(after: error)
            throw error
        }
        try staging.publish(reached: { _ in })
    }

    /// A folder being written beside its target, until it is published in the target's place or discarded.
    private struct Staging {
        let target: String
        let parent: String
        let temporary: String
        let previous: String
        let files: Files

        init(_ target: String) throws(OutputError) {
            self.target = target
            parent = (target as NSString).deletingLastPathComponent
            let name = (target as NSString).lastPathComponent
            do {
                try FileManager.default.createDirectory(
                    atPath: parent, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(folderMode)])
            } catch {
                throw OutputError(path: parent, reason: "cannot create the folder (\(error.localizedDescription))")
            }
            temporary = "\(parent)/.\(name).partial-\(getpid())"
            previous = "\(parent)/.\(name).previous-\(getpid())"
            try recoverStranded(in: parent)
            guard mkdir(temporary, folderMode) == 0 else { throw failure(temporary, "cannot create a folder") }
            files = Files(folder: temporary)
        }

        /// Moves the folder written into the target's place, the previous one aside until then.
        func publish(reached: (Step) -> Void) throws(OutputError) {
            do {
                try syncFiles(in: temporary)
                reached(.written)
                let replacing = FileManager.default.fileExists(atPath: target)
                if replacing {
                    guard rename(target, previous) == 0 else {
                        throw failure(target, "cannot move the previous pack aside")
                    }
                }
                reached(.previousMovedAside)
                guard rename(temporary, target) == 0 else {
                    let error = failure(target, "cannot move the new pack into place")
                    if replacing { _ = rename(previous, target) }
                    throw error
                }
                reached(.replaced)
                do {
                    try sync(parent)
                } catch {
                    throw OutputError(path: error.path, reason: error.reason, afterReplacing: true)
                }
                reached(.synced)
                if replacing {
                    do {
                        try FileManager.default.removeItem(atPath: previous)
                    } catch {
                        throw OutputError(
                            path: previous,
                            reason:
                                "the new folder is in place, but the previous one, which holds personal data, could not be removed (\(systemReason(error))); remove it by hand",
                            afterReplacing: true)
                    }
                }
                reached(.previousRemoved)
            } catch {
                throw discard(after: error)
            }
        }

        /// Removes the folder being written, and says why as an output error.
        func discard(after error: any Error) -> OutputError {
            try? FileManager.default.removeItem(atPath: temporary)
            return error as? OutputError ?? OutputError(path: target, reason: "\(error)")
        }
    }

    /// What runs killed mid-write left in `parent`, the folder of a year's board packs: a temporary
    /// folder is removed; a previous pack moved aside (a run killed between its two renames) is put
    /// back when its board's folder is missing, and removed when the new one is in place. Called with
    /// the year's lock held, before every run writes, so that no crash leaves a board without its last
    /// complete pack, nor personal data in a hidden folder, for longer than until the next run.
    public static func recoverStranded(in parent: String) throws(OutputError) {
        let files = FileManager.default
        for entry in (try? files.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(".") {
            let path = parent + "/" + entry
            let parts = entry.dropFirst().split(separator: ".", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let target = parent + "/" + parts[0]
            do {
                if parts[1].hasPrefix("partial-") {
                    try files.removeItem(atPath: path)
                } else if parts[1].hasPrefix("previous-") {
                    if files.fileExists(atPath: target) {
                        try files.removeItem(atPath: path)
                    } else if rename(path, target) != 0 {
                        throw failure(path, "cannot put back the board pack a stopped run moved aside")
                    }
                }
            } catch let error as OutputError {
                throw error
            } catch {
                throw OutputError(
                    path: path,
                    reason: "cannot remove what a stopped run left (\(systemReason(error))); remove it by hand")
            }
        }
    }

    /// The folder being written.
    public struct Files: Sendable {
        let folder: String

        /// Writes one file (a name the program chose, never one from input data), synced, readable by
        /// owner and group; returns its SHA-256.
        @discardableResult
        public func write(_ name: String, _ bytes: [UInt8]) throws(OutputError) -> String {
            try write(name) { (file: inout OutputFile) throws(OutputError) in try file.append(bytes) }
        }

        /// Writes one file of text, as its UTF-8 bytes, read in place.
        @discardableResult
        public func write(_ name: String, text: String) throws(OutputError) -> String {
            var text = text
            return try write(name) { (file: inout OutputFile) throws(OutputError) in
                try text.withUTF8 { buffer in
                    Result { () throws(OutputError) in try file.append(UnsafeRawBufferPointer(buffer)) }
                }.get()
            }
        }

        /// Writes one file a part at a time, each written as `fill` appends it, so that the whole file is
        /// never held: synced, readable by owner and group; returns its SHA-256.
        @discardableResult
        public func write(_ name: String, appending fill: (inout OutputFile) throws(OutputError) -> Void)
            throws(OutputError) -> String
        {
            let path = folder + "/" + name
            if name.contains("/") {
                do {
                    try FileManager.default.createDirectory(
                        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
                        attributes: [.posixPermissions: Int(folderMode)])
                } catch {
                    throw OutputError(path: path, reason: "cannot create its folder (\(error.localizedDescription))")
                }
            }
            var file = try OutputFile(path: path)
            do {
                try fill(&file)
                return try file.finish()
            } catch {
                file.abandon()
                throw error
            }
        }
    }

    /// Every file written into `folder`, and the folders that hold them, on the disk. On Linux, in one
    /// call for the whole file system: a pack of thousands of course pages synced one file at a time
    /// waited for the disk thousands of times, seconds on a shared machine, where one wait does. Elsewhere
    /// each file was synced as it was written, and the folders are synced here.
    private static func syncFiles(in folder: String) throws(OutputError) {
        if let syncFileSystem {
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
            guard descriptor >= 0 else { throw failure(folder, "cannot open the folder to sync it") }
            defer { close(descriptor) }
            guard syncFileSystem(descriptor) == 0 else { throw failure(folder, "cannot write the files") }
        } else {
            for subfolder in try subfolders(of: folder) { try sync(subfolder) }
            try sync(folder)
        }
    }

    /// A file being written into the folder: each part written as it comes, digested, and handed to
    /// the disk a window at a time.
    public struct OutputFile {
        let path: String
        private let descriptor: Int32
        private var written = 0
        private var synced = 0
        private var hasher = SHA256()

        fileprivate init(path: String) throws(OutputError) {
            self.path = path
            descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, fileMode)
            guard descriptor >= 0 else { throw failure(path, "cannot create the file") }
        }

        public mutating func append(_ bytes: [UInt8]) throws(OutputError) {
            try bytes.withUnsafeBytes { buffer in Result { () throws(OutputError) in try append(buffer) } }.get()
        }

        mutating func append(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
            hasher.update(bufferPointer: bytes)
            var done = 0
            while done < bytes.count {
                let count = writeToFile(descriptor, bytes.baseAddress! + done, min(bytes.count - done, window))
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { throw failure(path, "cannot write the file") }
                done += count
                written += count
                // Each window is handed to the disk and dropped from the page cache once written: a run
                // writes its outputs once and never reads them back, and hundreds of megabytes left in
                // the cache made the kernel find fresh memory for every page, on a virtual machine
                // several times the cost of the writing itself.
                if written - synced >= window { try sync() }
            }
        }

        private mutating func sync() throws(OutputError) {
            guard fdatasync(descriptor) == 0 else { throw failure(path, "cannot write the file") }
            _ = posix_fadvise(descriptor, off_t(synced), off_t(written - synced), POSIX_FADV_DONTNEED)
            synced = written
        }

        fileprivate mutating func finish() throws(OutputError) -> String {
            // Where the folder's files are synced together, a file's last window waits for that.
            if !syncsFolderAtOnce {
                try sync()
                guard fsync(descriptor) == 0 else { throw failure(path, "cannot write the file") }
            }
            guard close(descriptor) == 0 else { throw failure(path, "cannot write the file") }
            return hexadecimal(hasher.finalize())
        }

        /// Closes a file that failed; the folder it is in is removed whole.
        fileprivate func abandon() { close(descriptor) }
    }

    private static func subfolders(of folder: String) throws(OutputError) -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { folder + "/" + $0 }
                .filter {
                    var isFolder: ObjCBool = false
                    return FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && isFolder.boolValue
                }
        } catch {
            throw OutputError(path: folder, reason: "cannot list the folder (\(error.localizedDescription))")
        }
    }

    static func sync(_ folder: String) throws(OutputError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw failure(folder, "cannot open the folder to sync it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure(folder, "cannot sync the folder") }
    }

    static func failure(_ path: String, _ what: String) -> OutputError {
        OutputError(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// Linux's `syncfs(2)`: writes every file and folder of a file system to the disk, reporting an error of
/// any since the descriptor was opened. A GNU extension, which the Swift module of the C library leaves
/// out, so it is looked up by name; nil where there is none.
private let syncFileSystem: (@convention(c) (Int32) -> Int32)? = {
    #if os(Linux)
        dlsym(nil, "syncfs").map { unsafeBitCast($0, to: (@convention(c) (Int32) -> Int32).self) }
    #else
        nil
    #endif
}()

/// Whether the files of a folder are synced together once written, rather than each as it is written.
private let syncsFolderAtOnce = syncFileSystem != nil

/// The system's `write`, out of reach of the method of that name.
private func writeToFile(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
