import CLibCSV

/// A CSV file being written, a field at a time (`field`, then `endLine`) or a line at a time. A field
/// is quoted by libcsv's `csv_write` when it holds a comma, quote or line break, or begins or ends with
/// a space or tab (which an unquoted field loses on reading); a field a spreadsheet would run as a
/// formula (starting `=`, `+`, `-`, `@`, tab or CR) is first prefixed with `'` (SPEC §3).
public struct CSVText: Sendable {
    /// The bytes written so far and not yet taken.
    public private(set) var bytes: [UInt8] = []
    private var lineStarted = false
    private let guardsFormulas: Bool

    /// `guardingFormulas`: whether a field a spreadsheet would run is prefixed with `'`, as every output
    /// is. The generator writes its synthetic inputs as a spreadsheet saves them, without.
    public init(guardingFormulas: Bool = true) { guardsFormulas = guardingFormulas }

    /// Whole lines written by another text, appended as they are.
    public mutating func append(lines: [UInt8]) {
        precondition(!lineStarted, "lines are appended between lines")
        bytes += lines
    }

    /// The bytes written so far, handed over: the text goes on empty (an output writer takes them a
    /// megabyte at a time).
    public mutating func take() -> [UInt8] {
        let taken = bytes
        bytes = []
        return taken
    }

    /// A whole line of text fields.
    public mutating func line(_ fields: [String]) {
        for field in fields { self.field(field) }
        endLine()
    }

    public mutating func endLine() {
        bytes.append(UInt8(ascii: "\n"))
        lineStarted = false
    }

    public mutating func field(_ text: String) {
        if lineStarted { bytes.append(UInt8(ascii: ",")) }
        lineStarted = true
        Self.escape(text, guardingFormulas: guardsFormulas, into: &bytes)
    }

    /// A whole number, or an empty field for nil.
    public mutating func field(_ number: Int?) {
        guard let number, number >= 0 else { return field(number.map(String.init) ?? "") }
        // A whole number that is not negative needs neither quotes nor a formula guard: its digits go in
        // as they are.
        if lineStarted { bytes.append(UInt8(ascii: ",")) }
        lineStarted = true
        bytes.append(contentsOf: String(number).utf8)
    }

    /// The bytes `text` is written as: as it is, prefixed against formulas, quoted, or both.
    public static func escape(_ text: String, guardingFormulas: Bool = true, into bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            guard !utf8.isEmpty else { return }
            let prefixed = guardingFormulas && startsFormula(utf8)
            guard needsQuotes(utf8, afterPrefix: prefixed) else {
                if prefixed { bytes.append(UInt8(ascii: "'")) }
                bytes.append(contentsOf: utf8)
                return
            }
            let field = (prefixed ? [UInt8(ascii: "'")] : []) + Array(utf8)
            // At most every byte doubled, and the two quotes.
            var quoted = [UInt8](repeating: 0, count: 2 * field.count + 2)
            let written = quoted.withUnsafeMutableBytes { output in
                field.withUnsafeBytes { input in
                    csv_write(output.baseAddress, output.count, input.baseAddress, input.count)
                }
            }
            bytes.append(contentsOf: quoted[..<written])
        }
    }

    /// Whether a spreadsheet would run `text` as a formula, so that it is written with a `'` before it.
    public static func startsFormula(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { startsFormula($0) }
    }

    /// A spreadsheet runs a field that starts with `=`, `+`, `-`, `@`, tab or CR as a formula, and also
    /// one whose first visible character is one of the four, in ASCII or full width (`＝`), after
    /// characters that show nothing (zero-width spaces and joiners, a byte-order mark).
    static func startsFormula(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index + 3 <= utf8.count, isInvisible(utf8[index], utf8[index + 1], utf8[index + 2]) { index += 3 }
        guard index < utf8.count else { return false }
        switch utf8[index] {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        case 0xEF where index + 3 <= utf8.count && utf8[index + 1] == 0xBC:
            // U+FF0B ＋, U+FF0D －, U+FF1D ＝, U+FF20 ＠.
            return [0x8B, 0x8D, 0x9D, 0xA0].contains(utf8[index + 2])
        default: return false
        }
    }

    /// The UTF-8 of U+200B–U+200F (zero-width space, joiners, marks), U+2060 (word joiner) and U+FEFF.
    private static func isInvisible(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        (first == 0xE2 && second == 0x80 && (0x8B...0x8F).contains(third))
            || (first == 0xE2 && second == 0x81 && third == 0xA0) || (first == 0xEF && second == 0xBB && third == 0xBF)
    }

    /// Unquoted, libcsv would split the field at a comma or line break, misread a quote, or trim a space
    /// or tab at either end. A field given a `'` in front no longer begins with what it began with.
    static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>, afterPrefix prefixed: Bool) -> Bool {
        let isTrimmed = { (byte: UInt8?) in byte == UInt8(ascii: " ") || byte == 0x09 }
        if (!prefixed && isTrimmed(utf8.first)) || isTrimmed(utf8.last) { return true }
        for byte in utf8 where byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D {
            return true
        }
        return false
    }
}
