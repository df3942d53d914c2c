import Foundation
import ZIPFoundation

// The ZIP container of a workbook. Every ZIPFoundation call of the module is in this file.

/// The parts of a workbook's ZIP archive, looked up by path.
struct ZIPContainer {
    private let archive: Archive
    /// Entries by lower-cased path: part names in an Office Open XML package are case-insensitive.
    private let entries: [String: Entry]

    /// Opens `data` as a ZIP archive, or says what else it is.
    init(_ data: Data) throws(WorkbookError) {
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
