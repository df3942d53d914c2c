import Regulations
import Testing

@testable import BoardFiles

/// The writers put codes and other text into CSV from their bytes; what they write must be what writing
/// the same text as a string writes, formula neutralising and quoting included.
@Suite struct CSVTextTests {
    private func written(_ write: (inout CSVText) -> Void) -> String {
        var text = CSVText()
        write(&text)
        text.endLine()
        return String(decoding: text.bytes, as: UTF8.self)
    }

    @Test(arguments: ["MC4002", "-123", "A_B-C", "999999999999", "x"])
    func aCodeIsWrittenAsItsText(code: String) throws {
        let code = try #require(Code(code))
        let fromBytes = written { $0.field(code) }
        #expect(fromBytes == written { $0.field(code.description) })
        #expect(fromBytes.hasPrefix("'") == code.description.hasPrefix("-"), "a leading - is neutralised")
        var repeated: [UInt8] = []
        CSVText.append(code, to: &repeated)
        #expect(repeated == CSVText.encoded(code.description), "a code escaped once for many lines")
    }

    @Test(arguments: ["plain", "with, comma", "=SUM(A1)", "\"quoted\"", " spaced ", "", "Llŷr"])
    func bytesAreWrittenAsTheirText(text: String) {
        let bytes = Array(text.utf8)
        let fromBytes = written { output in bytes.withUnsafeBufferPointer { output.field(utf8: $0) } }
        #expect(fromBytes == written { $0.field(text) })
    }

    /// What is written reads back, through libcsv, as the text, or the text after `'` when a spreadsheet
    /// would run it: libcsv trims a space or tab at either end of an unquoted field even when a combining
    /// mark follows it, so such a field is quoted.
    @Test(arguments: [
        "plain", "with, comma", "=SUM(A1)", "-2", "\"quoted\"", " spaced ", "\tTab", "line\nbreak", "cr\rhere",
        "Llŷr, \"Ll\" Jones", " \u{301}accent first", "accent last \u{301}", "trailing tab\t", "@home, again",
    ])
    func whatIsWrittenReadsBackAsTheText(text: String) throws {
        let line = written { output in
            output.field(text)
            output.field("next")
        }
        let read = try readCSV(line)
        let neutralised = "=+-@\t\r".utf8.contains(text.utf8.first!) ? "'" + text : text
        #expect(read.error == nil)
        #expect(read.fields == [[neutralised, "next"]])
    }

    /// A field is quoted exactly when it holds a comma, quote or line break, wherever it stands in a field
    /// of any length; bytes near those four, and the bytes of accented letters, are not mistaken for them.
    @Test(arguments: [",", "\"", "\n", "\r", "-", ".", "+", "\u{0B}", "\u{0C}", "\u{0E}", "!", "#", "l", "ŷ", "¬", "€"])
    func aFieldIsQuotedWhenItHoldsASplittingByte(byte: String) throws {
        let splits = [",", "\"", "\n", "\r"].contains(byte)
        for length in 1...24 {
            for place in 0..<length {
                var characters = Array(repeating: "a", count: length)
                characters[place] = byte
                let text = characters.joined()
                let line = written { $0.field(text) }
                #expect(line.hasPrefix("\"") == splits, "\(length) bytes, \(byte.debugDescription) at \(place)")
                let read = try readCSV(line)
                #expect(read.fields == [[(place == 0 && "=+-@\t\r".contains(byte) ? "'" : "") + text]])
            }
        }
    }

    /// Numbers are written as their text; those under 100 byte by byte.
    @Test(arguments: [0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 123_456, -1, -40])
    func aNumberIsWrittenAsItsText(number: Int) {
        #expect(written { $0.field(number) } == written { $0.field(String(number)) })
        #expect(written { $0.field(number) } == (number < 0 ? "'" : "") + "\(number)\n")
    }

    @Test(arguments: ["A", "COM", "001", ""] as [StaticString])
    func aLiteralIsWrittenAsItsText(literal: StaticString) {
        #expect(written { $0.field(literal: literal) } == written { $0.field(literal.description) })
    }

    /// Short fields are copied without `memmove`, by overlapping loads and stores: every length copies
    /// exactly its bytes, and nothing beside them.
    @Test(arguments: 0...40)
    func aFewBytesAreCopiedExactly(count: Int) {
        let source = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        var target = [UInt8](repeating: 0xEE, count: count + 16)
        source.withUnsafeBytes { from in
            target.withUnsafeMutableBytes { to in
                (to.baseAddress! + 8).copyFew(from: from.baseAddress ?? UnsafeRawPointer(to.baseAddress!), count: count)
            }
        }
        #expect(Array(target[8..<(8 + count)]) == source)
        #expect(target[..<8].allSatisfy { $0 == 0xEE } && target[(8 + count)...].allSatisfy { $0 == 0xEE })
    }
}
