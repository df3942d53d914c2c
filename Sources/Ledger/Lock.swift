import Foundation
import Input
import Outputs
import Regulations

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The lock file of an output folder is held by another process.
public struct LockHeld: Error, Sendable {
    public let path: String
    /// The holder's process id, as it wrote it into the lock file; nil when it had not written it yet.
    public let pid: Int32?
}

/// An exclusive `flock` on a lock file, held for the life of the value (the kernel drops it when the
/// process ends, however it ends, so a crashed run never leaves a stale lock). The holder writes its
/// pid into the file so that a refused run can name it.
public final class OutputLock {
    private let file: FileHandle
    public let path: String

    private init(file: FileHandle, path: String) {
        self.file = file
        self.path = path
    }

    deinit { try? file.close() }

    /// Takes the lock at once or throws `LockHeld`; never waits. Creates the file and its folder. A link
    /// or anything but a regular file at the lock's path is refused, never written through.
    public static func acquire(_ path: String) throws -> OutputLock {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw OutputError(path: folder, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o640)
        guard descriptor >= 0 else {
            throw OutputError(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw OutputError(path: path, reason: "the lock file is not a regular file; remove it and run again")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let failure = errno
            if failure == EWOULDBLOCK { throw LockHeld(path: path, pid: holder(of: file)) }
            throw OutputError(path: path, reason: "cannot lock the file: \(String(cString: strerror(failure)))")
        }
        try? file.truncate(atOffset: 0)
        try? file.write(contentsOf: Data("\(getpid())\n".utf8))
        return OutputLock(file: file, path: path)
    }

    private static func holder(of file: FileHandle) -> Int32? {
        try? file.seek(toOffset: 0)
        guard let bytes = try? file.readToEnd() else { return nil }
        return Int32(String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

extension BoardConfig {
    /// `<reports>/<year>/.lock`: held by `board run` while it writes a board pack of that year.
    public func runLockPath(board: Day, reports: String) -> String {
        reports + "/" + (year(ofBoard: board)?.folderName ?? board.description) + "/.lock"
    }

    /// `<exports>/.lock`: held by `board export`.
    public var exportLockPath: String { exports + "/.lock" }
}
