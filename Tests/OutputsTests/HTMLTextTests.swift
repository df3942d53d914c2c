import Mustache
import Testing

@testable import Outputs

// The board pack's long tables are written as HTML by `HTMLText` and put into the template unescaped:
// every value in them must be escaped exactly as swift-mustache escapes `{{value}}`, so that a row
// reads the same whichever of the two wrote it, and no input can turn into markup.

@Suite struct HTMLTextTests {
    private func mustache(_ template: String, _ values: [String: Any]) throws -> String {
        try MustacheTemplate(string: template).render(values)
    }

    /// Escaped by bytes where that agrees with swift-mustache's escaping by characters: a byte to escape
    /// that a neighbour not ASCII could join into another character is left to characters.
    @Test(arguments: [
        "Gwenllïan", "O'Brien, Siân", "Siân <b>", "<Siân>", "É<É", "<\u{301}", "a\u{301}&b", "\"\u{301}x",
        "\u{600}<x", "x\u{600}'", "&\u{200D}", "\u{1F469}\u{200D}<", "plain <&>\"'", "'", "ŵ", "", "\r\n<",
        "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "a\r\n&b", "&amp;",
    ])
    func aValueIsEscapedAsSwiftMustacheEscapesIt(text: String) throws {
        var html = HTMLText()
        html.value(text)
        #expect(html.text == (try mustache("{{text}}", ["text": text])))
    }

    @Test func markupIsWrittenAsItIs() {
        var html = HTMLText()
        html.markup("<td class=\"num\">")
        html.value("<&>")
        html.markup("</td>")
        #expect(html.text == "<td class=\"num\">&lt;&amp;&gt;</td>")
    }

    /// The rows the pack's tables hold, as the template's sections rendered them before they were
    /// written ahead: cells, outcome and severity badges, one row to a line.
    @Test(arguments: [
        ["22655425", "Roberts, Catrin", "PASS", "error"],
        ["<b>x</b>", "O'Brien, \"Shiv\" & co", "WITHDRAWN", "warning"],
        ["", "Gwenllïan ŵ ŷ â", "'\"><script>", "note"],
    ])
    func rowsAreWhatTheTemplateWouldRender(values: [String]) throws {
        let template =
            "{{#rows}}<tr><td>{{a}}</td><td>{{b}}</td><td><span class=\"badge o-{{o}}\">{{o}}</span></td><td><span class=\"badge s-{{s}}\">{{s}}</span></td></tr>\n{{/rows}}"
        let row: [String: Any] = ["a": values[0], "b": values[1], "o": values[2], "s": values[3]]
        var html = HTMLText()
        for _ in 0..<3 {
            html.row { row in
                row.cell(values[0])
                row.cell(values[1])
                row.outcomeCell(values[2])
                row.severityCell(values[3])
            }
        }
        #expect(html.text + "\n" == (try mustache(template, ["rows": [row, row, row]])))
    }

    @Test func noRowsIsNoText() {
        let html = HTMLText()
        #expect(html.text.isEmpty && html.bytes.isEmpty)
    }
}
