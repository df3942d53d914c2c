import Foundation

/// What the bytes of a file meant to be CSV text are, as Excel and other programs save it (SPEC §1.8):
/// decided once per file, before libcsv reads a record of it.
enum CSVBytes: Equatable {
    /// UTF-8, with or without a byte-order mark; or UTF-8 mixed with bytes that are not, rejected record by
    /// record in the column that holds them.
    case utf8
    /// Windows-1252 (Excel's "CSV (Comma delimited)"), decoded to UTF-8 here: a file that is not UTF-8,
    /// holds no multi-byte UTF-8 sequence, and none of the five bytes Windows-1252 leaves undefined.
    case windows1252(decoded: [UInt8])
    /// UTF-16 (Excel's "Unicode Text"), known by its byte-order mark.
    case utf16
    /// A workbook: an Office Open XML ZIP archive, or an Excel 97-2003 OLE file (`oldFormat`).
    case workbook(oldFormat: Bool)

    static func classify(_ bytes: [UInt8]) -> CSVBytes {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .utf16 }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .workbook(oldFormat: false) }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .workbook(oldFormat: true) }
        guard String(validating: bytes, as: UTF8.self) == nil, !bytes.starts(with: [0xEF, 0xBB, 0xBF]),
            !holdsMultiByteUTF8(bytes), !bytes.contains(where: undefinedInWindows1252.contains),
            let text = String(bytes: bytes, encoding: .windowsCP1252)
        else { return .utf8 }
        return .windows1252(decoded: Array(text.utf8))
    }

    /// The bytes Windows-1252 does not define: a file holding one is not Windows-1252.
    private static let undefinedInWindows1252: Set<UInt8> = [0x81, 0x8D, 0x8F, 0x90, 0x9D]

    /// Whether some lead byte starts a valid UTF-8 sequence of two to four bytes.
    private static func holdsMultiByteUTF8(_ bytes: [UInt8]) -> Bool {
        for index in bytes.indices where bytes[index] >= 0xC2 && bytes[index] <= 0xF4 {
            let length = bytes[index] >= 0xF0 ? 4 : bytes[index] >= 0xE0 ? 3 : 2
            guard index + length <= bytes.count else { continue }
            if String(validating: bytes[index..<index + length], as: UTF8.self) != nil { return true }
        }
        return false
    }
}
