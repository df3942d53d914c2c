/// HTML written a piece at a time, for the board pack's long tables and lists: markup fixed in the
/// program goes in as it is, and every value is escaped as swift-mustache escapes it (`<`, `>`, `&`,
/// `"` and `'`), so that a row reads the same whichever of the two wrote it.
struct HTMLText {
    private(set) var bytes: [UInt8] = []
    /// How many rows or list items were written.
    private(set) var count = 0

    /// The HTML as text.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Markup fixed in the program (a literal).
    mutating func markup(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    /// A value, escaped. swift-mustache escapes characters, not bytes: where a byte to escape stands
    /// beside one that is not ASCII (a combining mark after `<` makes another character, which it
    /// leaves alone), the value is escaped character by character as it does.
    mutating func value(_ value: String) {
        let utf8 = value.utf8
        guard utf8.contains(where: Self.isEscaped) else { return bytes.append(contentsOf: utf8) }
        guard utf8.contains(where: { $0 >= 0x80 }) else {
            for byte in utf8 { append(escaping: byte) }
            return
        }
        for character in value {
            if let byte = character.asciiValue, character != "\r\n" {
                append(escaping: byte)
            } else {
                bytes.append(contentsOf: character.utf8)
            }
        }
    }

    private mutating func append(escaping byte: UInt8) {
        switch byte {
        case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
        case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
        case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
        case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
        case UInt8(ascii: "'"): bytes.append(contentsOf: "&#39;".utf8)
        default: bytes.append(byte)
        }
    }

    /// `<td>value</td>`.
    mutating func cell(_ value: String) {
        markup("<td>")
        self.value(value)
        markup("</td>")
    }

    /// `<a href="target">text</a>`: a link to another page of the pack.
    mutating func link(to target: String, _ text: String) {
        markup("<a href=\"")
        value(target)
        markup("\">")
        value(text)
        markup("</a>")
    }

    /// `<td><a href="target">text</a></td>`.
    mutating func linkCell(to target: String, _ text: String) {
        markup("<td>")
        link(to: target, text)
        markup("</td>")
    }

    /// `<td><span class="badge o-OUTCOME">OUTCOME</span></td>`, with `notes` (a reason, a due date) each
    /// on a line below the badge: most outcomes have none, and columns of their own would stand empty.
    mutating func outcomeCell(_ outcome: String, notes: [String] = []) {
        markup("<td><span class=\"badge o-")
        value(outcome)
        markup("\">")
        value(outcome)
        markup("</span>")
        for note in notes {
            markup("<span class=\"note\">")
            value(note)
            markup("</span>")
        }
        markup("</td>")
    }

    /// `<td><span class="badge s-SEVERITY">SEVERITY</span></td>`.
    mutating func severityCell(_ severity: String) {
        markup("<td><span class=\"badge s-")
        value(severity)
        markup("\">")
        value(severity)
        markup("</span></td>")
    }

    /// A table row of `body`'s cells, on a line of its own after the first.
    mutating func row(_ body: (inout HTMLText) -> Void) {
        if !bytes.isEmpty { markup("\n") }
        markup("<tr>")
        body(&self)
        markup("</tr>")
        count += 1
    }

    /// A list item of `body`'s content, on a line of its own after the first.
    mutating func item(_ body: (inout HTMLText) -> Void) {
        if !bytes.isEmpty { markup("\n") }
        markup("<li>")
        body(&self)
        markup("</li>")
        count += 1
    }

    private static func isEscaped(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"): true
        default: false
        }
    }
}
