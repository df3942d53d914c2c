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

    /// Accepts the ISO form `YYYY-MM-DD` and the UK form `DD/MM/YYYY`; anything else is nil.
    public init?(_ text: some StringProtocol) {
        // Read in one pass, without copying the text: a run reads a date in every row.
        var digits = 0
        var position = 0
        var iso = true
        var uk = true
        for byte in text.utf8 {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            switch position {
            case 4, 7:
                if byte == UInt8(ascii: "-") { uk = false } else if isDigit { iso = false } else { return nil }
            case 2, 5:
                if byte == UInt8(ascii: "/") { iso = false } else if isDigit { uk = false } else { return nil }
            default:
                guard isDigit else { return nil }
            }
            if isDigit { digits = digits * 10 + Int(byte - UInt8(ascii: "0")) }
            position += 1
            guard position <= 10 else { return nil }
        }
        guard position == 10 else { return nil }
        // The digits of YYYY-MM-DD run YYYYMMDD, those of DD/MM/YYYY run DDMMYYYY.
        if iso {
            self.init(year: digits / 10000, month: digits / 100 % 100, day: digits % 100)
        } else if uk {
            self.init(year: digits % 10000, month: digits / 10000 % 100, day: digits / 1_000_000)
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
