// How cell contents become text: numbers, dates, and Excel's escapes for characters XML cannot hold.

enum CellText {
    /// A number cell's value as its digits: the shortest decimal that reads back as the same double
    /// (`67`, `67.5`, `0.30000000000000004`), laid out as JavaScript's `Number.prototype.toString` lays
    /// it out: plain decimal from 10⁻⁶ up to 10²¹ (`100000000000000000000` for `1E+20`), exponent form
    /// beyond (`1e+21`, `1e-7`). `nil` when `value` is not a finite number.
    static func number(_ value: String) -> String? {
        // Whole numbers, most of a mark sheet's, are mostly written as their digits already: up to 15
        // digits, without leading zeros, they are their own shortest round-trip form.
        let utf8 = value.utf8
        if (1...15).contains(utf8.count), utf8.first != UInt8(ascii: "0") || utf8.count == 1,
            utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        {
            return value
        }
        guard let double = Double(value), double.isFinite else { return nil }
        if double == 0 { return "0" }
        // Swift's description holds the shortest round-trip digits: "67.0", "1e+20", "1.5e-07".
        let parts = double.magnitude.description.split(separator: "e")
        let mantissa = parts[0]
        let point = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        // The value is 0.digits × 10^exponent, the digits without leading or trailing zeros.
        var exponent =
            mantissa.distance(from: mantissa.startIndex, to: point) + (parts.count == 2 ? Int(parts[1]) ?? 0 : 0)
        var digits = Substring(mantissa.filter { $0 != "." })
        while digits.first == "0" {
            digits.removeFirst()
            exponent -= 1
        }
        while digits.last == "0" { digits.removeLast() }

        let sign = double < 0 ? "-" : ""
        if digits.count <= exponent && exponent <= 21 {
            return sign + digits + String(repeating: "0", count: exponent - digits.count)
        } else if 0 < exponent && exponent <= 21 {
            return sign + digits.prefix(exponent) + "." + digits.dropFirst(exponent)
        } else if -6 < exponent && exponent <= 0 {
            return sign + "0." + String(repeating: "0", count: -exponent) + digits
        }
        let fraction = digits.dropFirst()
        return sign + digits.prefix(1) + (fraction.isEmpty ? "" : "." + fraction) + (exponent > 0 ? "e+" : "e-")
            + String((exponent - 1).magnitude)
    }

    /// The ISO date (`YYYY-MM-DD`) of a date serial: days since 31 December 1899 (keeping Excel's
    /// 29 February 1900, serial 60, which Lotus 1-2-3 had and never was), or since 1 January 1904 in the
    /// 1904 date system. The time of day is dropped. `nil` outside the dates Excel shows (it shows
    /// `#####`): before serial 1 (1900) or 0 (1904), or after 9999-12-31.
    static func isoDate(serial: String, date1904: Bool) -> String? {
        guard let value = Double(serial) else { return nil }
        // Rounded to the millisecond first, as Excel does, so 46027.99999999999 is 46028.
        let day = ((value * 86_400_000).rounded() / 86_400_000).rounded(.down)
        guard date1904 ? (0...2_957_003).contains(day) : (1...2_958_465).contains(day) else { return nil }
        let serialDay = Int(day)
        if !date1904 && serialDay == 60 { return "1900-02-29" }
        // Days since 1970-01-01: the 1904 epoch is 24,107 days before it, the 1900 one 25,569 (serial 0
        // being 30 December 1899 once the fictitious leap day is behind), or 25,568 before that day.
        let daysSince1970 = serialDay - (date1904 ? 24_107 : serialDay < 60 ? 25_568 : 25_569)
        let (year, month, dayOfMonth) = civilDate(daysSince1970: daysSince1970)
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(dayOfMonth, 2))"
    }

    /// The proleptic Gregorian date of a day count from 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civilDate(daysSince1970: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSince1970 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Whether number format `id` shows a date: its code when the workbook defines one (`formatCode`),
    /// else Excel's built-in date and time formats 14–22, 45 and 47. Built-in 46, `[h]:mm:ss`, is a
    /// duration, as an elapsed-time code is in a format of the workbook's own.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        guard let code else { return (14...22).contains(id) || id == 45 || id == 47 }
        // The first section (positive numbers) decides. Quoted text, escaped characters, the characters
        // after `_` and `*` (spacing and fill), and bracketed parts (`[Red]`, `[$-809]`) are not codes; an
        // elapsed-time bracket (`[h]`, `[mm]`, `[ss]`) makes it a duration, not a date.
        var characters = code.lowercased().makeIterator()
        while let character = characters.next() {
            switch character {
            case ";": return false
            case "d", "m", "y": return true
            case "\"": while let next = characters.next(), next != "\"" {}
            case "\\", "_", "*": _ = characters.next()
            case "[":
                var bracket = ""
                while let next = characters.next(), next != "]" { bracket.append(next) }
                if !bracket.isEmpty && bracket.allSatisfy({ "hms".contains($0) }) { return false }
            default: continue
            }
        }
        return false
    }

    /// `text` with Excel's escapes decoded: `_xHHHH_` stands for the UTF-16 code unit HHHH (Excel writes
    /// `_x000D_` for a carriage return, and `_x005F_` for an underscore that starts such a sequence).
    static func decodingEscapes(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let units = Array(text.utf16)
        var decoded: [UInt16] = []
        decoded.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            if let unit = escapedUnit(in: units, at: index) {
                decoded.append(unit)
                index += 7
            } else {
                decoded.append(units[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF16.self)
    }

    /// `text` with every `_xHHHH_` in it protected as `_x005F_xHHHH_`, so Excel reads it as written.
    static func encodingEscapes(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        let units = Array(text.utf16)
        var encoded: [UInt16] = []
        for index in units.indices {
            if escapedUnit(in: units, at: index) != nil { encoded += "_x005F".utf16 }
            encoded.append(units[index])
        }
        return String(decoding: encoded, as: UTF16.self)
    }

    /// The code unit of an `_xHHHH_` escape starting at `index`, if one does.
    private static func escapedUnit(in units: [UInt16], at index: Int) -> UInt16? {
        guard index + 7 <= units.count, units[index] == 0x5F, units[index + 1] == 0x78, units[index + 6] == 0x5F
        else { return nil }
        var value: UInt16 = 0
        for unit in units[(index + 2)..<(index + 6)] {
            let digit: UInt16
            switch unit {
            case 0x30...0x39: digit = unit - 0x30  // 0-9
            case 0x41...0x46: digit = unit - 0x37  // A-F
            case 0x61...0x66: digit = unit - 0x57  // a-f
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }
}
