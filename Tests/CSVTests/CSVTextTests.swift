import CSV
import Testing

/// The one CSV writer: what it writes reads back, through libcsv, as what was written, a field a
/// spreadsheet would run neutralised with `'` (SPEC §3) unless told otherwise.
@Suite struct CSVTextTests {
    private func written(guardingFormulas: Bool = true, _ write: (inout CSVText) -> Void) -> String {
        var text = CSVText(guardingFormulas: guardingFormulas)
        write(&text)
        text.endLine()
        return String(decoding: text.bytes, as: UTF8.self)
    }

    static func neutralised(_ text: String) -> String {
        "=+-@\t\r".utf8.contains(text.utf8.first ?? 0) ? "'" + text : text
    }

    /// libcsv trims a space or tab at either end of an unquoted field even when a combining mark follows
    /// it, so such a field is quoted.
    @Test(arguments: [
        "plain", "with, comma", "=SUM(A1)", "-2", "\"quoted\"", " spaced ", "\tTab", "line\nbreak", "cr\rhere",
        "Llŷr, \"Ll\" Jones", " \u{301}accent first", "accent last \u{301}", "trailing tab\t", "@home, again",
    ])
    func whatIsWrittenReadsBackAsTheText(text: String) {
        let line = written { output in
            output.field(text)
            output.field("next")
        }
        let read = readCSV(line)
        #expect(read.error == nil)
        #expect(read.fields == [[Self.neutralised(text), "next"]])
    }

    /// The generator writes its inputs as a spreadsheet saves them: nothing is prefixed, and what is
    /// written still reads back as the text.
    @Test(arguments: ["=SUM(A1)", "-2", "+44 1234", "@home, again", "\tTab", "plain"])
    func withoutGuardingFormulasTheTextIsWrittenAsItIs(text: String) {
        let line = written(guardingFormulas: false) { $0.field(text) }
        #expect(readCSV(line).fields == [[text]])
        #expect(!line.hasPrefix("'") && !line.hasPrefix("\"'"))
    }

    /// A field is quoted exactly when it holds a comma, quote or line break, wherever it stands in a field
    /// of any length; bytes near those four, and the bytes of accented letters, are not mistaken for them.
    @Test(arguments: [",", "\"", "\n", "\r", "-", ".", "+", "\u{0B}", "\u{0C}", "\u{0E}", "!", "#", "l", "ŷ", "¬", "€"])
    func aFieldIsQuotedWhenItHoldsASplittingByte(byte: String) {
        let splits = [",", "\"", "\n", "\r"].contains(byte)
        for length in 1...24 {
            for place in 0..<length {
                var characters = Array(repeating: "a", count: length)
                characters[place] = byte
                let text = characters.joined()
                let line = written { $0.field(text) }
                #expect(line.hasPrefix("\"") == splits, "\(length) bytes, \(byte.debugDescription) at \(place)")
                #expect(readCSV(line).fields == [[(place == 0 && "=+-@\t\r".contains(byte) ? "'" : "") + text]])
            }
        }
    }

    /// A spreadsheet runs a field whose first visible character is `=`, `+`, `-` or `@`, in ASCII or full
    /// width, whatever shows nothing before it; tab and CR run too.
    @Test(arguments: [
        ("=1", true), ("+44", true), ("-2", true), ("@x", true), ("\t1", true), ("\r1", true), ("＝SUM(A1)", true),
        ("＋1", true), ("－1", true), ("＠x", true), ("\u{200B}=1", true), ("\u{200D}\u{200B}+1", true),
        ("\u{2060}@x", true), ("\u{FEFF}-1", true), ("\u{200B}", false), ("\u{200B}x", false), ("x=1", false),
        ("", false), ("'=1", false), ("＃1", false), (" =1", false), ("1-2", false),
    ])
    func aFieldASpreadsheetWouldRunIsPrefixed(text: String, runs: Bool) {
        #expect(CSVText.startsFormula(text) == runs)
        // Written second on its line: a byte-order mark at the very start of a file is not read as text.
        let line = written { output in
            output.field("a")
            output.field(text)
        }
        #expect(readCSV(line).fields == [["a", runs ? "'" + text : text]], "\(line)")
        let unguarded = written(guardingFormulas: false) { output in
            output.field("a")
            output.field(text)
        }
        #expect(readCSV(unguarded).fields == [["a", text]])
    }

    @Test(arguments: [0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 123_456, -1, -40])
    func aNumberIsWrittenAsItsText(number: Int) {
        #expect(written { $0.field(number) } == written { $0.field(String(number)) })
        #expect(written { $0.field(number) } == (number < 0 ? "'" : "") + "\(number)\n")
    }

    @Test func noNumberIsAnEmptyField() {
        #expect(written { $0.field(nil as Int?) } == "\n")
        #expect(
            written { output in
                output.field(nil as Int?)
                output.field("x")
                output.field(nil as Int?)
            } == ",x,\n")
    }

    @Test func aLineIsItsFieldsThenItsEnd() {
        var text = CSVText()
        text.line(["a", "b, c", "=1"])
        text.line([])
        text.line([""])
        #expect(String(decoding: text.bytes, as: UTF8.self) == "a,\"b, c\",'=1\n\n\n")
    }

    @Test(arguments: ["plain", "with, comma", "=SUM(A1)", " spaced ", "", "Llŷr \"x\""], [true, false])
    func escapingAFieldIsWritingIt(text: String, guardingFormulas: Bool) {
        var bytes: [UInt8] = []
        CSVText.escape(text, guardingFormulas: guardingFormulas, into: &bytes)
        bytes.append(UInt8(ascii: "\n"))
        #expect(
            String(decoding: bytes, as: UTF8.self) == written(guardingFormulas: guardingFormulas) { $0.field(text) })
    }

    /// An output writer takes the bytes a megabyte at a time; lines written elsewhere are appended whole.
    @Test func bytesTakenLeaveTheTextEmptyAndLinesAppendAsTheyAre() {
        var text = CSVText()
        text.line(["a", "b"])
        #expect(text.take() == Array("a,b\n".utf8))
        #expect(text.bytes.isEmpty)
        var other = CSVText()
        other.line(["c"])
        other.line(["d, e"])
        text.line(["x"])
        text.append(lines: other.take())
        text.field("y")
        text.endLine()
        #expect(String(decoding: text.take(), as: UTF8.self) == "x\nc\n\"d, e\"\ny\n")
        #expect(text.take().isEmpty)
    }
}
