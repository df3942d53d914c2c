/// A calendar day, as boards, deadlines and submissions are recorded: no time, no time zone.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `year << 9 | month << 5 | day`: four bytes, ordered as the calendar is.
    private let packed: Int32

    public var year: Int { Int(packed >> 9) }
    public var month: Int { Int(packed >> 5) & 15 }
    public var day: Int { Int(packed) & 31 }

    /// A valid Gregorian date, or nil (30 February, month 13, …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.length(ofMonth: month, in: year)).contains(day)
        else { return nil }
        packed = Int32(year << 9 | month << 5 | day)
    }

    /// Accepts the ISO form `YYYY-MM-DD` and the UK form `D/M/YYYY`, with one- or two-digit day and
    /// month (`05/01/2026` and `5/1/2026` are both 5 January 2026); anything else is nil.
    public init?(_ text: some StringProtocol) {
        // Read in one pass, without copying the text: a run reads a date in every row. The three groups
        // of digits and the two separators between them; a group of more than four digits is no date.
        var groups = (0, 0, 0)
        var widths = (0, 0, 0)
        var group = 0
        var separator: UInt8 = 0
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                let digit = Int(byte - UInt8(ascii: "0"))
                switch group {
                case 0: (groups.0, widths.0) = (groups.0 * 10 + digit, widths.0 + 1)
                case 1: (groups.1, widths.1) = (groups.1 * 10 + digit, widths.1 + 1)
                default: (groups.2, widths.2) = (groups.2 * 10 + digit, widths.2 + 1)
                }
                guard widths.0 <= 4, widths.1 <= 4, widths.2 <= 4 else { return nil }
            } else if (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/")) && group < 2
                && (separator == 0 || separator == byte)
            {
                separator = byte
                group += 1
            } else {
                return nil
            }
        }
        guard group == 2 else { return nil }
        if separator == UInt8(ascii: "-"), widths == (4, 2, 2) {
            self.init(year: groups.0, month: groups.1, day: groups.2)
        } else if separator == UInt8(ascii: "/"), (1...2).contains(widths.0), (1...2).contains(widths.1), widths.2 == 4
        {
            self.init(year: groups.2, month: groups.1, day: groups.0)
        } else {
            return nil
        }
    }

    /// The ISO form, as every output writes a date.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.packed < rhs.packed }

    /// The day before: a resit or deferred sit is due the day before the next board.
    public var previous: Day {
        if day > 1 { return Day(year: year, month: month, day: day - 1)! }
        if month > 1 {
            return Day(year: year, month: month - 1, day: Day.length(ofMonth: month - 1, in: year))!
        }
        return Day(year: year - 1, month: 12, day: 31)!
    }

    static func length(ofMonth month: Int, in year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
