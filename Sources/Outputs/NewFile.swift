import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file added to a folder whole or not at all, never replacing one: a mark sheet submitted through
/// `board serve` appears in its board folder complete, under a name no other file has.
public enum NewFile {
    /// Writes `bytes` under a hidden temporary name in `folder` (synced, readable by owner and group),
    /// links it to `name` — which fails, leaving everything as it was, when `name` is taken — removes the
    /// temporary name and syncs the folder. Returns false when `name` is taken.
    public static func create(_ name: String, in folder: String, bytes: [UInt8]) throws(OutputError) -> Bool {
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true,
                attributes: [.posixPermissions: Int(OutputFolder.folderMode)])
        } catch {
            throw OutputError(path: folder, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        let temporary = ".\(name).partial-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        try OutputFolder.Files(folder: folder).write(temporary, bytes)
        let linked = link(folder + "/" + temporary, folder + "/" + name) == 0
        let failure = errno
        unlink(folder + "/" + temporary)
        guard linked else {
            if failure == EEXIST { return false }
            throw OutputError(
                path: folder + "/" + name, reason: "cannot create the file: \(String(cString: strerror(failure)))")
        }
        try OutputFolder.sync(folder)
        return true
    }
}
