import Foundation
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
    private let descriptor: Int32
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    /// Takes the lock at once or throws `LockHeld`; never waits. Creates the file and its folder.
    public static func acquire(_ path: String) throws -> OutputLock {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
        } catch {
            throw OutputError(path: folder, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw OutputError(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            if errno == EINTR { continue }
            let failure = errno
            let holder = readPid(descriptor)
            close(descriptor)
            if failure == EWOULDBLOCK { throw LockHeld(path: path, pid: holder) }
            throw OutputError(path: path, reason: "cannot lock the file: \(String(cString: strerror(failure)))")
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = text.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return OutputLock(descriptor: descriptor, path: path)
    }

    private static func readPid(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

extension BoardConfig {
    /// `<reports>/<year>/.lock`: held by `board run` while it writes a board pack of that year.
    public func runLockPath(board: Day, reports: String) -> String {
        reports + "/" + (self.year(ofBoard: board)?.folderName ?? board.description) + "/.lock"
    }
}
