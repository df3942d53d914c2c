import Foundation
import ZIPFoundation

// The ZIP container of a workbook. Every ZIPFoundation call of the module is in this file.

/// The parts of a workbook's ZIP archive, looked up by path.
struct ZIPContainer {
    private let archive: Archive
    /// Entries by lower-cased path: part names in an Office Open XML package are case-insensitive.
    private let entries: [String: Entry]

    /// Opens `data` as a ZIP archive, or says what else it is. `reading`, when given, is told the path of
    /// the temporary copy the archive is read from, so that a reading that hangs can be stopped.
    init(_ data: Data, reading: Reading? = nil) throws(WorkbookError) {
        // An OLE compound file: Excel 97–2003's format, and the wrapper Excel puts round an encrypted .xlsx.
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An encrypted .xlsx holds a stream named "EncryptedPackage"; OLE names are UTF-16LE.
            let encryptedPackage = Data("EncryptedPackage".utf16.flatMap { [UInt8($0), 0] })
            throw data.range(of: encryptedPackage) == nil ? .oldExcelFormat : .passwordProtected
        }
        guard data.starts(with: [0x50, 0x4B]) else { throw .notZIP }  // "PK", as every ZIP record begins
        // Read from a temporary copy, readable by its owner alone: ZIPFoundation's in-memory archive traps
        // (it crashes the program) on a damaged file whose offsets point past its end (ZIPFoundation pull
        // request 394); its archive on a file reads nothing there, and the file is refused.
        let folder = FileManager.default.temporaryDirectory
        let copy = folder.appendingPathComponent("workbook-\(UUID().uuidString).xlsx")
        guard FileManager.default.createFile(atPath: copy.path, contents: data, attributes: [.posixPermissions: 0o600])
        else { throw .noTemporaryCopy(folder: folder.path) }
        reading?.copy = copy.path
        // Once the archive has the copy open, its name can go.
        defer { try? FileManager.default.removeItem(at: copy) }
        do {
            archive = try Archive(url: copy, accessMode: .read)
        } catch {
            throw .damagedZIP
        }
        entries = Dictionary(archive.map { ($0.path.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        // No entry at all: its directory is lost (ZIPFoundation finds none where it points past the end).
        guard !entries.isEmpty else { throw .damagedZIP }
    }

    func contains(_ path: String) -> Bool {
        entries[path.lowercased()] != nil
    }

    /// The unpacked bytes of the part at `path`, checked against their CRC-32.
    func part(_ path: String) throws(WorkbookError) -> Data {
        guard let entry = entries[path.lowercased()] else { throw .missingPart(path) }
        struct TooLarge: Error {}
        var bytes = Data()
        bytes.reserveCapacity(Int(min(entry.uncompressedSize, UInt64(Workbook.partSizeLimit))))
        do {
            // The size is counted as the part unpacks: the one the archive declares may lie (a ZIP bomb).
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard bytes.count + chunk.count <= Workbook.partSizeLimit else { throw TooLarge() }
                bytes.append(chunk)
            }
        } catch is TooLarge {
            throw .partTooLarge(path)
        } catch {
            throw .damagedPart(path)
        }
        return bytes
    }

    /// A ZIP archive of `parts`, in that order, deflated. Every entry is dated 1 January 1980, the
    /// earliest date a ZIP can hold, so that the same parts always give the same bytes.
    static func archive(of parts: [(path: String, bytes: Data)]) -> Data {
        let date = Date(timeIntervalSince1970: 315_532_800)  // 1980-01-01T00:00:00Z; ZIPFoundation reads it in UTC
        do {
            let archive = try Archive(accessMode: .create)
            for part in parts {
                try archive.addEntry(
                    with: part.path, type: .file, uncompressedSize: Int64(part.bytes.count), modificationDate: date,
                    compressionMethod: .deflate
                ) { position, size in
                    part.bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            return archive.data!  // an archive created in memory keeps its bytes there
        } catch {
            // Only a full disk or a bug can make writing to memory fail, and the disk is not involved.
            fatalError("writing a ZIP archive in memory failed: \(error)")
        }
    }
}

/// One workbook being read on a thread of its own, as `Workbook.rows(ofFirstSheetIn:within:)` reads it.
///
/// ZIPFoundation 0.9.20 on Linux inflates a part until zlib says its stream has ended, reading the
/// archive file on past the part; a damaged part whose stream runs on to the end of the file never ends,
/// and the loop calls `read` at the end of the file for ever (fixed upstream after 0.9.20). Such a
/// reading is stopped by replacing the file descriptor of the temporary copy, which only that reading
/// has open, with one of a folder: its next `read` fails (EISDIR), ZIPFoundation throws, and the part is
/// reported damaged. The descriptor is found by its link in `/proc/self/fd`.
final class Reading: @unchecked Sendable {
    private let lock = NSLock()
    private var path: String?
    private var outcome: Result<[WorksheetRow], WorkbookError>?

    /// The temporary copy's path, once it is written.
    var copy: String? {
        get { lock.withLock { path } }
        set { lock.withLock { path = newValue } }
    }

    var result: Result<[WorksheetRow], WorkbookError>? {
        get { lock.withLock { outcome } }
        set { lock.withLock { outcome = newValue } }
    }

    /// Makes every read of the temporary copy fail from now on; false when no descriptor of it was found.
    func stop() -> Bool {
        guard let copy, let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        else { return false }
        var stopped = false
        for name in descriptors {
            guard let descriptor = Int32(name),
                let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name),
                target == copy || target == copy + " (deleted)"
            else { continue }
            let folder = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard folder >= 0 else { continue }
            // Atomic: the descriptor's number stays taken, so no other file can come to bear it.
            if dup2(folder, descriptor) == descriptor { stopped = true }
            close(folder)
        }
        return stopped
    }
}
