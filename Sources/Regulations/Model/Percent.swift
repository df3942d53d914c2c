/// A percentage as recorded, to at most two decimal places (attendance of `87.5`), compared exactly.
public struct Percent: Comparable, Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public let hundredths: Int

    public init(integerLiteral whole: Int) { hundredths = whole * 100 }

    /// `0` to `100`, optionally with one or two decimals; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { (48...57).contains($0) } }
        guard isDigits(parts[0]), parts[0].utf8.count <= 3, let whole = Int(parts[0]) else { return nil }
        var fraction = 0
        if parts.count == 2 {
            guard isDigits(parts[1]), parts[1].utf8.count <= 2, let decimals = Int(parts[1]) else { return nil }
            fraction = parts[1].utf8.count == 1 ? decimals * 10 : decimals
        }
        guard whole * 100 + fraction <= 10_000 else { return nil }
        hundredths = whole * 100 + fraction
    }

    public var description: String {
        let fraction = hundredths % 100
        guard fraction != 0 else { return String(hundredths / 100) }
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction % 10 == 0 ? fraction / 10 : fraction)"
    }

    public static func < (lhs: Percent, rhs: Percent) -> Bool { lhs.hundredths < rhs.hundredths }
}
