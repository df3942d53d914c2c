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
    }

    @Test(arguments: ["plain", "with, comma", "=SUM(A1)", "\"quoted\"", " spaced ", "", "Llŷr"])
    func bytesAreWrittenAsTheirText(text: String) {
        let bytes = Array(text.utf8)
        let fromBytes = written { output in bytes.withUnsafeBufferPointer { output.field(utf8: $0) } }
        #expect(fromBytes == written { $0.field(text) })
    }
}
