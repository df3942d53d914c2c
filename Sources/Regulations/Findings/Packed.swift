/// Values written as bytes, one after another, and read back in the same order: how `Findings` holds a
/// run's findings in tens of bytes each. A number takes one byte below 64, a string its length and its
/// UTF-8 bytes. Nothing outside the run reads these bytes, so the form may change with the code.
/// (Foundation's coders write JSON or property lists, which spell out every key and type: several
/// times these bytes, for values that never leave the process.)
struct Packed: Sendable {
    private(set) var bytes: [UInt8] = []

    mutating func append(contentsOf other: Packed) { bytes += other.bytes }

    /// A message's case number, then its values.
    mutating func `case`<each Value: PackedValue>(_ number: UInt8, _ values: repeat each Value) {
        bytes.append(number)
        self.values(repeat each values)
    }

    mutating func values<each Value: PackedValue>(_ values: repeat each Value) {
        for value in repeat each values { value.pack(into: &self) }
    }

    mutating func byte(_ byte: UInt8) { bytes.append(byte) }

    /// Seven bits a byte, low first, the high bit set on all but the last; the sign is folded into the
    /// lowest bit (zig-zag), so that small negative numbers are short too.
    mutating func number(_ value: Int) {
        var folded = UInt(bitPattern: (value << 1) ^ (value >> (Int.bitWidth - 1)))
        while folded >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: folded) | 0x80)
            folded >>= 7
        }
        bytes.append(UInt8(folded))
    }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            number(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
}

/// Reads what `Packed` wrote, from a place in its bytes.
struct Unpacking {
    private let bytes: [UInt8]
    private(set) var offset: Int

    init(_ packed: Packed, at offset: Int) {
        bytes = packed.bytes
        self.offset = offset
    }

    mutating func byte() -> UInt8 {
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func number() -> Int {
        var folded: UInt = 0
        var shift = 0
        while true {
            let byte = byte()
            folded |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
        }
        return Int(bitPattern: folded >> 1) ^ -Int(bitPattern: folded & 1)
    }

    mutating func text() -> String {
        let count = number()
        defer { offset += count }
        return String(decoding: bytes[offset..<offset + count], as: UTF8.self)
    }

    /// The next value, of the type the caller asks for.
    mutating func next<Value: PackedValue>() -> Value { Value.unpack(from: &self) }
}

/// A value a message quotes, as bytes.
protocol PackedValue {
    func pack(into packed: inout Packed)
    static func unpack(from bytes: inout Unpacking) -> Self
}

extension Int: PackedValue {
    func pack(into packed: inout Packed) { packed.number(self) }
    static func unpack(from bytes: inout Unpacking) -> Int { bytes.number() }
}

extension String: PackedValue {
    func pack(into packed: inout Packed) { packed.text(self) }
    static func unpack(from bytes: inout Unpacking) -> String { bytes.text() }
}

extension Bool: PackedValue {
    func pack(into packed: inout Packed) { packed.byte(self ? 1 : 0) }
    static func unpack(from bytes: inout Unpacking) -> Bool { bytes.byte() == 1 }
}

extension Array: PackedValue where Element: PackedValue {
    func pack(into packed: inout Packed) {
        packed.number(count)
        for element in self { element.pack(into: &packed) }
    }

    static func unpack(from bytes: inout Unpacking) -> [Element] {
        (0..<bytes.number()).map { _ in bytes.next() }
    }
}

extension ClosedRange<Int>: PackedValue {
    func pack(into packed: inout Packed) {
        packed.number(lowerBound)
        packed.number(upperBound)
    }

    static func unpack(from bytes: inout Unpacking) -> ClosedRange<Int> {
        let lowerBound = bytes.number()
        return lowerBound...bytes.number()
    }
}

extension Quoted: PackedValue {
    func pack(into packed: inout Packed) {
        packed.text(text)
        packed.number(cutFrom ?? -1)
    }

    static func unpack(from bytes: inout Unpacking) -> Quoted {
        let text = bytes.text()
        let cutFrom = bytes.number()
        return Quoted(text: text, cutFrom: cutFrom < 0 ? nil : cutFrom)
    }
}

extension QuotedList: PackedValue {
    func pack(into packed: inout Packed) {
        values.pack(into: &packed)
        packed.number(count)
    }

    static func unpack(from bytes: inout Unpacking) -> QuotedList {
        let values: [Quoted] = bytes.next()
        return QuotedList(values: values, count: bytes.number())
    }
}

extension Code: PackedValue {
    func pack(into packed: inout Packed) { packed.text(description) }
    // A code packed was a valid code.
    static func unpack(from bytes: inout Unpacking) -> Code { Code(bytes.text())! }
}

extension Day: PackedValue {
    func pack(into packed: inout Packed) { packed.number(year << 9 | month << 5 | day) }

    static func unpack(from bytes: inout Unpacking) -> Day {
        let packed = bytes.number()
        return Day(year: packed >> 9, month: packed >> 5 & 15, day: packed & 31)!
    }
}

extension Register.DeadlineKey: PackedValue {
    func pack(into packed: inout Packed) {
        packed.values(course, occurrence, academicYear, component)
    }

    static func unpack(from bytes: inout Unpacking) -> Register.DeadlineKey {
        Register.DeadlineKey(
            course: bytes.next(), occurrence: bytes.next(), academicYear: bytes.next(), component: bytes.next())
    }
}

extension SitEntry: PackedValue {
    func pack(into packed: inout Packed) {
        switch self {
        case .mark(let mark): packed.case(0, mark)
        case .flag(let flag): packed.case(1, flag)
        }
    }

    static func unpack(from bytes: inout Unpacking) -> SitEntry {
        bytes.byte() == 0 ? .mark(bytes.next()) : .flag(bytes.next())
    }
}

/// An enumeration without values, as its place among its cases.
protocol PackedByPlace: PackedValue, CaseIterable, Equatable where AllCases == [Self] {}

extension PackedByPlace {
    func pack(into packed: inout Packed) { packed.byte(UInt8(Self.allCases.firstIndex(of: self)!)) }
    static func unpack(from bytes: inout Unpacking) -> Self { allCases[Int(bytes.byte())] }
}

extension Flag: PackedByPlace {}
extension Outcome: PackedByPlace {}
extension CourseType: PackedByPlace {}
