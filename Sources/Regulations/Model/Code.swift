/// A course, occurrence, component or student code: 1–12 characters of `A-Z a-z 0-9 - _`,
/// compared case-insensitively and written upper-case, because codes become file names and export keys.
public struct Code: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The code upper-cased: at most 12 ASCII bytes, which a `String` holds in place, without memory of
    /// its own, so that a run's millions of codes are plain values.
    public let description: String

    /// nil unless `text` is 1–12 of `A-Z a-z 0-9 - _`.
    public init?(_ text: some StringProtocol) {
        let utf8 = text.utf8
        guard (1...12).contains(utf8.count) else { return nil }
        var isUpperCase = true
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
                UInt8(ascii: "_"):
                continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"): isUpperCase = false
            default: return nil
            }
        }
        description = isUpperCase ? String(text) : text.uppercased()
    }

    /// ASCII text compares as its bytes do.
    public static func < (lhs: Code, rhs: Code) -> Bool { lhs.description < rhs.description }
}
