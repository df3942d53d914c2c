import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

// Every XMLParser call of the module is in this file.

/// A streaming reader of one XML part of a workbook: libxml2's SAX parser, through Foundation's
/// `XMLParser`, hands each element to `start` and `end` as it goes, so no tree of a large sheet is built.
/// Element names come without their namespace prefix: writers differ in the prefixes they use.
class PartReader: NSObject, XMLParserDelegate {
    /// The part's path in the archive, for messages.
    let part: String
    /// Set by a subclass that finds the part inconsistent; reading stops and throws it.
    var failure: WorkbookError?

    init(part: String) {
        self.part = part
    }

    func start(_ element: String, _ attributes: [String: String]) {}
    func end(_ element: String) {}
    func characters(_ text: String) {}

    /// Open elements, and whether there was any: Foundation's XMLParser on Linux reports success for a part
    /// that stops short, and for one with no element at all, so the reader counts for itself.
    private var depth = 0
    private var sawElement = false

    /// Reads `bytes` through `start`, `end` and `characters`.
    final func read(_ bytes: Data) throws(WorkbookError) {
        let parser = XMLParser(data: bytes)
        parser.delegate = self
        let finished = parser.parse()
        if let failure { throw failure }
        guard finished, sawElement, depth == 0 else {
            // The part ends too early: said at its end.
            let lastLine = bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? bytes.startIndex
            let lines = bytes.reduce(into: 1) { count, byte in if byte == 0x0A { count += 1 } }
            throw .brokenXML(part: part, line: lines, column: bytes.endIndex - lastLine + 1)
        }
    }

    final func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
    ) {
        depth += 1
        sawElement = true
        start(Self.localName(elementName), attributeDict)
        if failure != nil { parser.abortParsing() }
    }

    final func parser(
        _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?
    ) {
        depth -= 1
        end(Self.localName(elementName))
        if failure != nil { parser.abortParsing() }
    }

    /// libxml2's warnings (codes 27, 93, 97–100, 102, 106, 107) and namespace errors (200–299) leave the
    /// XML readable; XMLParser reports them as errors all the same, and goes on after real ones too.
    private static let harmlessCodes: Set<Int> = [27, 93, 97, 98, 99, 100, 102, 106, 107]

    final func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        let code = (parseError as NSError).code
        guard !Self.harmlessCodes.contains(code) && !(200..<300).contains(code) else { return }
        if failure == nil {
            failure = .brokenXML(part: part, line: parser.lineNumber, column: parser.columnNumber)
        }
        parser.abortParsing()
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) {
        characters(string)
    }

    final func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        characters(String(decoding: CDATABlock, as: UTF8.self))
    }

    /// `c` for both `c` and `x:c`.
    private static func localName(_ name: String) -> String {
        guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
        return String(name[name.utf8.index(after: colon)...])
    }
}

/// The value of the attribute whose local name is `name`, whatever its prefix (`r:id`, `id`).
func attribute(_ name: String, in attributes: [String: String]) -> String? {
    attributes[name] ?? attributes.first { $0.key.hasSuffix(":" + name) }?.value
}
