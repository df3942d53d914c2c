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
/// folder beside the target, each is fsynced, and the folder is renamed into place. A previous folder
/// of the same name is moved aside first and removed only once the new one is in place.
public enum OutputFolder {
    /// Files holding personal data are readable by owner and group only.
    static let fileMode: mode_t = 0o640
    static let folderMode: mode_t = 0o750

    public static func write(_ files: [(name: String, bytes: Data)], to target: String) throws(OutputError) {
        try write(to: target) { emit in
            for file in files { try emit(file.name, file.bytes) }
        }
    }

    /// Writes the files `produce` hands to `emit`, each as soon as it is given, so only one file's
    /// bytes need be held at a time. Subfolders are created as names need them. All or nothing, as above.
    public static func write(
        to target: String, producing produce: (_ emit: (String, Data) throws -> Void) throws -> Void
    ) throws(OutputError) {
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
            // File names come from the program, never from input data.
            var subfolders: Set<String> = []
            var files: [String] = []
            func emit(_ name: String, _ bytes: Data) throws {
                if name.contains("/") {
                    let subfolder = (name as NSString).deletingLastPathComponent
                    if subfolders.insert(subfolder).inserted, mkdir(temporary + "/" + subfolder, folderMode) != 0 {
                        throw failure(temporary + "/" + subfolder, "cannot create a folder")
                    }
                }
                try writeFile(bytes, to: temporary + "/" + name)
                files.append(temporary + "/" + name)
            }
            try produce(emit)
            // Synced once all are written, so the disk takes each file while the next ones are built.
            for file in files { try syncFile(file) }
            for subfolder in subfolders.sorted() { try sync(temporary + "/" + subfolder) }
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

    private static func writeFile(_ bytes: Data, to path: String) throws(OutputError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, fileMode)
        guard descriptor >= 0 else { throw failure(path, "cannot create the file") }
        defer { close(descriptor) }
        var offset = 0
        let written: Bool = bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let count = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += count
            }
            return true
        }
        guard written else { throw failure(path, "cannot write the file") }
    }

    private static func syncFile(_ path: String) throws(OutputError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw failure(path, "cannot open the file to sync it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure(path, "cannot write the file") }
    }

    private static func sync(_ folder: String) throws(OutputError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw failure(folder, "cannot open the folder to sync it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw failure(folder, "cannot sync the folder") }
    }

    private static func failure(_ path: String, _ what: String) -> OutputError {
        OutputError(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}
