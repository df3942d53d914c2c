import Crypto
import Foundation

/// One input file that was read: what the manifest and the reconciliation need.
public struct InputFile: Sendable {
    public var path: String
    public var rows: Int
    /// The SHA-256 of the bytes read; nil when the file could not be read.
    public var sha256: String?
}

/// Why an input file could not be read, in words for the person who named it.
public struct UnreadableFile: Error, Sendable {
    public let reason: String
}

enum FileBytes {
    /// The whole file. Only a regular file is read: a folder, a device or a pipe named as a sheet or a
    /// register file is refused rather than waited on.
    static func read(_ path: String) throws(UnreadableFile) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw UnreadableFile(reason: String(cString: strerror(errno))) }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw UnreadableFile(reason: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw UnreadableFile(reason: "it is not a regular file") }
        do {
            return [UInt8](try file.readToEnd() ?? Data())
        } catch {
            throw UnreadableFile(reason: error.localizedDescription)
        }
    }
}

/// The system's own words for why a file or folder cannot be used (`No such file or directory`,
/// `Permission denied`), where it gave them.
public func systemReason(_ error: any Error) -> String {
    let error = error as NSError
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    switch (error.domain, error.code) {
    case (NSCocoaErrorDomain, NSFileReadNoSuchFileError), (NSCocoaErrorDomain, NSFileNoSuchFileError):
        return String(cString: strerror(ENOENT))
    case (NSCocoaErrorDomain, NSFileReadNoPermissionError): return String(cString: strerror(EACCES))
    default: return error.localizedDescription
    }
}

/// A digest in lower-case hexadecimal, as `sha256sum` prints it.
public func sha256(of bytes: some DataProtocol) -> String { hexadecimal(SHA256.hash(data: bytes)) }

/// A digest's bytes in lower-case hexadecimal.
public func hexadecimal(_ digest: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    return String(decoding: digest.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
}
