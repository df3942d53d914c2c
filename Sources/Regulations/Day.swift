/// A calendar day, as boards, deadlines and submissions are recorded: no time, no time zone.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// `year << 9 | month << 5 | day`: four bytes, ordered as the calendar is, because a run keeps
    /// several dates for each of a million rows and compares them all the time.
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
        // Read in place: a run parses a date on every one of a million rows.
        let parsed =
            text.utf8.withContiguousStorageIfAvailable(Day.parse)
            ?? Array(text.utf8).withUnsafeBufferPointer(Day.parse)
        guard let parsed else { return nil }
        self = parsed
    }

    /// The same, from the bytes of the text.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        guard let parsed = bytes.withMemoryRebound(to: UInt8.self, Day.parse) else { return nil }
        self = parsed
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Day? {
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes.count == 10 else { return nil }
        if bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
        {
            return Day(year: year, month: month, day: day)
        } else if bytes[2] == UInt8(ascii: "/"), bytes[5] == UInt8(ascii: "/"),
            let day = number(0..<2), let month = number(3..<5), let year = number(6..<10)
        {
            return Day(year: year, month: month, day: day)
        }
        return nil
    }

    /// ISO form, as every output writes it.
    public var description: String {
        // Written digit by digit (a year is 1-9999): the board pack writes several dates a row.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
            func put(_ value: Int, endingAt end: Int, width: Int) {
                var rest = value
                for index in (end - width..<end).reversed() {
                    text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, endingAt: 4, width: 4)
            text[4] = UInt8(ascii: "-")
            put(month, endingAt: 7, width: 2)
            text[7] = UInt8(ascii: "-")
            put(day, endingAt: 10, width: 2)
            return String(decoding: UnsafeBufferPointer(text), as: UTF8.self)
        }
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
