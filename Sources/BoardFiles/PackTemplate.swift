import Foundation
import Mustache

/// The rows of one of the pack's long tables: each row's texts one after another in one buffer, and
/// its flags. A row's names are the table's, given once. Hundreds of thousands of rows were each an
/// object holding a dozen strings, each string built, retained and released as the row was filled in;
/// the renderer now matches a list's tags to the names once for the list and writes each text's bytes
/// from the buffer. `Row` answers the same texts (as strings) and flags by name, so swift-mustache
/// renders the same.
public final class PackTable: Sendable, MustacheSequence {
    let textNames: [String]
    let flagNames: [String]
    private let bytes: [UInt8]
    /// Where each text ends in `bytes`, row after row, after a leading 0: text `t` of row `r` ends at
    /// `ends[r * textNames.count + t + 1]`.
    private let ends: [Int]
    private let flags: [Bool]
    public let count: Int

    private init(textNames: [String], flagNames: [String], bytes: [UInt8], ends: [Int], flags: [Bool], count: Int) {
        self.textNames = textNames
        self.flagNames = flagNames
        self.bytes = bytes
        self.ends = ends
        self.flags = flags
        self.count = count
    }

    /// One row, for swift-mustache and for tags that are not plain texts of the row.
    public struct Row: MustacheParent {
        let table: PackTable
        let position: Int

        public func child(named name: String) -> Any? { table.child(named: name, ofRow: position) }
    }

    public func makeIterator() -> some IteratorProtocol<Row> {
        (0..<count).lazy.map { Row(table: self, position: $0) }.makeIterator()
    }

    func withText<Result>(_ text: Int, ofRow row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        let at = row * textNames.count + text
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[ends[at]..<ends[at + 1]])) }
    }

    func child(named name: String, ofRow row: Int) -> Any? {
        if let text = textNames.firstIndex(of: name) {
            return withText(text, ofRow: row) { String(decoding: $0, as: UTF8.self) }
        }
        if let flag = flagNames.firstIndex(of: name) {
            // Typed: asked for `Any`, `flags[...]` is taken as TOMLKit's subscript, which boxes the flag
            // as a TOML value, and the template no longer sees a Bool.
            let value: Bool = flags[row * flagNames.count + flag]
            return value
        }
        return nil
    }

    /// A table built row by row: each row's texts, then its flags, in the order of their names.
    struct Builder {
        let textNames: [String]
        let flagNames: [String]
        private var bytes: [UInt8] = []
        private var ends = [0]
        private var flags: [Bool] = []

        init(texts: [String], flags: [String] = []) {
            textNames = texts
            flagNames = flags
        }

        var rows: Int { (ends.count - 1) / textNames.count }

        /// Room for `rows` rows of about `bytesPerRow` bytes of text: a table of tens of thousands of rows,
        /// grown as they came, was copied into fresh memory at every doubling.
        mutating func reserve(rows: Int, bytesPerRow: Int) {
            bytes.reserveCapacity(rows * bytesPerRow)
            ends.reserveCapacity(rows * textNames.count + 1)
            flags.reserveCapacity(rows * flagNames.count)
        }

        /// Adds bytes to the text under way, which `endText` ends.
        mutating func add(_ utf8: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: utf8) }

        /// Adds a string's bytes, read in place, to the text under way.
        mutating func add(_ text: String) {
            if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: text.utf8)
            }
        }

        mutating func endText() { ends.append(bytes.count) }

        mutating func text(_ text: String) {
            add(text)
            endText()
        }

        /// A number in decimal; nothing when nil.
        mutating func text(_ number: Int?) {
            if let number {
                if number < 0 { bytes.append(UInt8(ascii: "-")) }
                withDecimalDigits(of: number.magnitude) { bytes.append(contentsOf: $0) }
            }
            endText()
        }

        mutating func flag(_ flag: Bool) { flags.append(flag) }

        func finish() -> PackTable {
            precondition(rows * textNames.count == ends.count - 1 && rows * flagNames.count == flags.count)
            return PackTable(
                textNames: textNames, flagNames: flagNames, bytes: bytes, ends: ends, flags: flags, count: rows)
        }
    }
}

/// A long list whose elements are built and filled in apart from one another (a large pack's course
/// sections): the renderer fills in several at once, on every core, and writes them in their order.
protocol PackIndependentList: Sendable {
    var count: Int { get }
    func element(at position: Int) -> Any
}

/// A board pack template read once and rendered straight into bytes. It follows swift-mustache (which
/// still decides what is valid Mustache, and renders whatever this does not take) exactly: the same
/// tokens and standalone lines, the same lookup of names through the enclosing values, the same HTML
/// escaping. swift-mustache builds a `String` per tag and casts each value several times over; at
/// hundreds of thousands of decision rows that was most of a large run.
///
/// Taken: text, `{{name}}`, `{{{name}}}`, `{{&name}}`, sections, inverted sections and comments, with
/// the default delimiters. Left to swift-mustache: partials, blocks, delimiter changes, pragmas,
/// transforms (`name(...)`), and text it reads as characters where this reads bytes (a line break
/// other than LF or CRLF, a character made of several Unicode scalars).
struct PackTemplate {
    enum Node {
        case text([UInt8])
        case value(Name, escaped: Bool)
        case section(Name, [Node], inverted: Bool)
    }

    /// A tag's name: `a.b` looks `a` up through the enclosing values, then `b` in it; `.` and a name
    /// that starts with a dot look only in the current value.
    struct Name {
        var parts: [String]
        var currentOnly: Bool

        init(_ text: String) {
            parts = text.split(separator: ".").map(String.init)
            currentOnly = text.first == "."
        }
    }

    private struct Unsupported: Error {}

    let nodes: [Node]
    /// How many bytes of a `PackIndependentList`'s elements may be filled in and not yet written: a few
    /// course sections of a large pack.
    var bytesAhead = 16 << 20

    /// nil when the template needs swift-mustache (see above).
    init?(_ template: String) {
        let bytes = Array(template.utf8)
        var crlf = 0
        for index in bytes.indices where bytes[index] == 0x0D {
            // A CR alone ends a line for some of swift-mustache's checks and not for others.
            guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { return nil }
            crlf += 1
        }
        guard template.unicodeScalars.count - crlf == template.count,
            !template.unicodeScalars.contains(where: { $0 != "\r" && $0 != "\n" && Character($0).isNewline })
        else { return nil }
        var scanner = Scanner(bytes)
        guard let nodes = try? Self.parse(&scanner, section: nil, newLine: true) else { return nil }
        self.nodes = nodes
    }

    // MARK: - Reading the template, as swift-mustache's parser does

    private struct Scanner {
        let bytes: [UInt8]
        var at = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { at == bytes.count }
        var current: UInt8? { atEnd ? nil : bytes[at] }

        /// The length of the line break at `index` (LF or CRLF), 0 when there is none.
        func newline(at index: Int) -> Int {
            guard index < bytes.count else { return 0 }
            if bytes[index] == 0x0A { return 1 }
            if bytes[index] == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { return 2 }
            return 0
        }

        mutating func skip(while predicate: (UInt8) -> Bool) -> ArraySlice<UInt8> {
            let start = at
            while at < bytes.count, predicate(bytes[at]) { at += 1 }
            return bytes[start..<at]
        }

        mutating func read(_ text: String) -> Bool {
            let expected = Array(text.utf8)
            guard bytes.count - at >= expected.count, bytes[at..<at + expected.count].elementsEqual(expected) else {
                return false
            }
            at += expected.count
            return true
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    private static func isWhitespace(_ byte: UInt8) -> Bool { isBlank(byte) || byte == 0x0A || byte == 0x0D }
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"),
            UInt8(ascii: "?"), UInt8(ascii: "*"):
            true
        default: false
        }
    }

    /// One level of the template, up to the end of `section` (or of the text).
    private static func parse(_ scanner: inout Scanner, section: String?, newLine startsLine: Bool) throws -> [Node] {
        var nodes: [Node] = []
        var newLine = startsLine
        var whiteSpaceBefore: [UInt8] = []
        while !scanner.atEnd {
            if newLine { whiteSpaceBefore = Array(scanner.skip(while: isBlank)) }
            let text = try readUntilTagOrNewline(&scanner)
            let newlineLength = scanner.newline(at: scanner.at)
            if newlineLength > 0 {
                nodes.append(.text(whiteSpaceBefore + text + scanner.bytes[scanner.at..<scanner.at + newlineLength]))
                newLine = true
                scanner.at += newlineLength
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = []
                newLine = false
            }
            guard let kind = scanner.current else { break }
            func keepWhiteSpace() {
                if !whiteSpaceBefore.isEmpty {
                    nodes.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = []
                }
            }
            var setNewLine = false
            switch kind {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                scanner.at += 1
                let name = try parseName(&scanner)
                if newLine && lineFinished(&scanner) { setNewLine = true } else { keepWhiteSpace() }
                let body = try parse(&scanner, section: name, newLine: setNewLine)
                nodes.append(.section(Name(name), body, inverted: kind == UInt8(ascii: "^")))
            case UInt8(ascii: "/"):
                scanner.at += 1
                guard try parseName(&scanner) == section else { throw Unsupported() }
                if !(newLine && lineFinished(&scanner)) { keepWhiteSpace() }
                return nodes
            case UInt8(ascii: "!"):
                scanner.at += 1
                while !scanner.read("}}") {
                    guard !scanner.atEnd else { throw Unsupported() }
                    scanner.at += 1
                }
                setNewLine = newLine && lineFinished(&scanner)
            case UInt8(ascii: "{"):
                keepWhiteSpace()
                scanner.at += 1
                let name = try parseName(&scanner)
                guard scanner.read("}") else { throw Unsupported() }
                nodes.append(.value(Name(name), escaped: false))
            case UInt8(ascii: "&"):
                keepWhiteSpace()
                scanner.at += 1
                nodes.append(.value(Name(try parseName(&scanner)), escaped: false))
            case UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "$"), UInt8(ascii: "="), UInt8(ascii: "%"):
                throw Unsupported()
            default:
                keepWhiteSpace()
                nodes.append(.value(Name(try parseName(&scanner)), escaped: true))
            }
            newLine = setNewLine
        }
        guard section == nil else { throw Unsupported() }
        return nodes
    }

    /// Text up to a line break (left unread) or an opening `{{` (read).
    private static func readUntilTagOrNewline(_ scanner: inout Scanner) throws -> [UInt8] {
        var text: [UInt8] = []
        while let byte = scanner.current, scanner.newline(at: scanner.at) == 0 {
            if byte == UInt8(ascii: "{") {
                guard scanner.bytes.count - scanner.at >= 2 else { throw Unsupported() }
                if scanner.read("{{") { break }
            }
            text.append(byte)
            scanner.at += 1
        }
        return text
    }

    private static func parseName(_ scanner: inout Scanner) throws -> String {
        _ = scanner.skip(while: isWhitespace)
        let name = String(decoding: scanner.skip(while: isNameByte), as: UTF8.self)
        _ = scanner.skip(while: isWhitespace)
        guard scanner.read("}}") else { throw Unsupported() }
        return name
    }

    /// A standalone tag: only blanks follow it on its line, which is then read to its end.
    private static func lineFinished(_ scanner: inout Scanner) -> Bool {
        if scanner.atEnd { return true }
        var end = scanner.at
        while end < scanner.bytes.count, isBlank(scanner.bytes[end]) { end += 1 }
        let newlineLength = scanner.newline(at: end)
        guard newlineLength > 0 else { return false }
        scanner.at = end + newlineLength
        return true
    }

    // MARK: - Rendering, as swift-mustache renders

    /// A value a section opened. Whether it names its children is found once, when it is opened, not
    /// at each lookup in it.
    private enum Scope {
        case row(PackTable, Int)
        case parent(any MustacheParent)
        case other(Any)

        init(_ value: Any) {
            if let row = PackTemplate.exactly(value, PackTable.Row.self) {
                self = .row(row.table, row.position)
            } else if let parent = value as? MustacheParent {
                self = .parent(parent)
            } else {
                self = .other(value)
            }
        }

        var value: Any {
            switch self {
            case .row(let table, let row): PackTable.Row(table: table, position: row)
            case .parent(let parent): parent
            case .other(let value): value
            }
        }

        func child(named name: String) -> Any? {
            switch self {
            case .row(let table, let row): return table.child(named: name, ofRow: row)
            case .parent(let parent): return parent.child(named: name)
            case .other(let value):
                // As swift-mustache does for a value that does not name its children: by reflection.
                guard let match = Mirror(reflecting: value).children.first(where: { $0.label == name }) else {
                    return nil
                }
                let child = Mirror(reflecting: match.value)
                guard child.displayStyle == .optional else { return match.value }
                return child.children.first?.value
            }
        }
    }

    /// The template filled in from `root`, whose values are `MustacheParent`s, strings, numbers,
    /// booleans and arrays of them, as the board pack's are.
    func render(_ root: Any, into output: inout ByteOutput) {
        var stack = [Scope(root)]
        render(nodes, stack: &stack, into: &output)
    }

    private func render(_ nodes: [Node], stack: inout [Scope], into output: inout ByteOutput) {
        for index in nodes.indices { render(nodes, at: index, stack: &stack, into: &output) }
    }

    /// One node, read in place (by index), not copied out with its text and names retained.
    private func render(_ nodes: [Node], at index: Int, stack: inout [Scope], into output: inout ByteOutput) {
        switch nodes[index] {
        case .text(let text):
            output.append(contentsOf: text)
        case .value(let name, let escaped):
            // A row's own text is written from its bytes; any other name is looked up through the
            // enclosing values.
            if case .row(let table, let row) = stack[stack.count - 1], name.parts.count == 1, !name.currentOnly,
                let text = table.textNames.firstIndex(of: name.parts[0])
            {
                table.withText(text, ofRow: row) { Self.write($0, escaped: escaped, into: &output) }
                return
            }
            guard let value = Self.lookUp(name, in: stack) else { return }
            if let text = Self.exactly(value, String.self) {
                Self.write(text, escaped: escaped, into: &output)
            } else if let number = Self.exactly(value, Int.self) {
                // Its digits, as `String(describing:)` writes them, without asking the number which
                // protocols it follows: counts and marks fill a course section's summary.
                if number < 0 { output.append(UInt8(ascii: "-")) }
                withDecimalDigits(of: number.magnitude) { output.append(contentsOf: $0) }
            } else {
                Self.write(String(describing: value), escaped: escaped, into: &output)
            }
        case .section(let name, let body, let inverted):
            let value = Self.lookUp(name, in: stack)
            // A flag first, then a table, each known by its type: no flag is a list, and asking a flag
            // whether it is one, for each row of a table, cost more than the row's text.
            if let flag = value.flatMap({ Self.exactly($0, Bool.self) }) {
                if flag != inverted { render(body, stack: &stack, into: &output) }
            } else if let table = value.flatMap({ Self.exactly($0, PackTable.self) }) {
                renderList(table, body, inverted: inverted, stack: &stack, into: &output)
            } else if let list = value as? any MustacheSequence {
                renderList(list, body, inverted: inverted, stack: &stack, into: &output)
            } else if let value {
                guard !inverted else { return }
                stack.append(Scope(value))
                render(body, stack: &stack, into: &output)
                stack.removeLast()
            } else if inverted {
                render(body, stack: &stack, into: &output)
            }
        }
    }

    /// `value` when it is a `T` itself, asked by comparing types: a cast that fails asks the runtime
    /// whether the value's type can be bridged to a `T`, searching its protocols, for each of the dozens
    /// of tags of each course section.
    fileprivate static func exactly<T>(_ value: Any, _: T.Type) -> T? {
        type(of: value) == T.self ? (value as! T) : nil
    }

    /// A section over a list: once per element, or once with the empty list when inverted.
    private func renderList(
        _ list: some Sequence, _ body: [Node], inverted: Bool, stack: inout [Scope], into output: inout ByteOutput
    ) {
        if inverted {
            var elements = list.makeIterator()
            guard elements.next() == nil else { return }
            stack.append(Scope(list))
            render(body, stack: &stack, into: &output)
            stack.removeLast()
            return
        }
        // Told apart by the list's type, not by casting the list: cast to a class, a Swift array was
        // bridged to an NSArray first, each of its elements boxed, for every list of every course section.
        let kind = type(of: list)
        if kind is any PackIndependentList.Type {
            return renderInParallel(list as! any PackIndependentList, body, stack: stack, into: &output)
        }
        if kind == PackTable.self {
            return renderRows(list as! PackTable, body, stack: &stack, into: &output)
        }
        for element in list {
            stack.append(Scope(element))
            render(body, stack: &stack, into: &output)
            stack.removeLast()
            output.flushIfFull()
        }
    }

    /// A section over a table's rows: each of its tags that names one of the rows' texts is matched to
    /// it once, for the table; any other tag is filled in as for any element.
    private func renderRows(_ table: PackTable, _ body: [Node], stack: inout [Scope], into output: inout ByteOutput) {
        // The body as steps that hold no references: reading a text node's bytes out of the body retained
        // them, for each text of each row. Its texts are copied, one after another, into `texts`.
        enum Step {
            case text(Range<Int>)
            case field(Int, escaped: Bool)
            case node(Int)
        }
        var texts: [UInt8] = []
        let steps = body.indices.map { index -> Step in
            switch body[index] {
            case .text(let text):
                texts.append(contentsOf: text)
                return .text(texts.count - text.count..<texts.count)
            case .value(let name, let escaped):
                guard name.parts.count == 1, !name.currentOnly,
                    let field = table.textNames.firstIndex(of: name.parts[0])
                else { return .node(index) }
                return .field(field, escaped: escaped)
            case .section: return .node(index)
            }
        }
        // The row is a scope only for tags that are not its texts (most tables have none).
        let needsScope = steps.contains { if case .node = $0 { true } else { false } }
        texts.withUnsafeBufferPointer { texts in
            for row in 0..<table.count {
                if needsScope { stack.append(.row(table, row)) }
                for step in steps {
                    switch step {
                    case .text(let range): output.append(contentsOf: UnsafeBufferPointer(rebasing: texts[range]))
                    case .field(let field, let escaped):
                        table.withText(field, ofRow: row) { Self.write($0, escaped: escaped, into: &output) }
                    case .node(let index): render(body, at: index, stack: &stack, into: &output)
                    }
                }
                if needsScope { stack.removeLast() }
                output.flushIfFull()
            }
        }
    }

    /// Each element of `list` filled in on whichever core is free, each into bytes of its own, and written
    /// in the list's order as soon as it and every one before it are filled in: the same bytes as filling
    /// them in one after another. Writing (the output's digest and the file's write) is done by whichever
    /// core finds the next part ready, and the other cores fill in the elements after it meanwhile, up to
    /// `bytesAhead` bytes not yet written: one long element (a file of thousands of exceptions) holds up
    /// only the writing, not the other cores, as it did when each batch of elements waited for its longest.
    private func renderInParallel(
        _ list: any PackIndependentList, _ body: [Node], stack: [Scope], into output: inout ByteOutput
    ) {
        // The enclosing values are only read while the elements are filled in.
        let enclosing = UncheckedSendable(stack)
        let parts = PartsInOrder(count: list.count, bytesAhead: bytesAhead)
        withUnsafeMutablePointer(to: &output) { output in
            // Only the core holding `.write` writes to the output.
            let writer = UncheckedSendable(output)
            DispatchQueue.concurrentPerform(iterations: ProcessInfo.processInfo.activeProcessorCount) { _ in
                while let job = parts.next() {
                    switch job {
                    case .fillIn(let position):
                        var stack = enclosing.value
                        stack.append(Scope(list.element(at: position)))
                        var part = ByteOutput()
                        render(body, stack: &stack, into: &part)
                        parts.filledIn(part.finish(), at: position)
                    case .write(let ready):
                        for part in ready {
                            writer.value.pointee.append(contentsOf: part)
                            writer.value.pointee.flushIfFull()
                        }
                        parts.written(ready)
                    }
                }
            }
        }
    }

    /// A name's value: its first part from the innermost value that has it, the rest from within that.
    private static func lookUp(_ name: Name, in stack: [Scope]) -> Any? {
        if name.currentOnly { return lookUp(name.parts[...], from: stack.last!.value) }
        guard let first = name.parts.first else { return stack.last!.value }
        // By index, innermost first: each scope is asked in place, not copied out of the stack.
        for index in stack.indices.reversed() {
            if let child = stack[index].child(named: first) {
                return name.parts.count == 1 ? child : lookUp(name.parts.dropFirst(), from: child)
            }
        }
        return nil
    }

    private static func lookUp(_ parts: ArraySlice<String>, from object: Any) -> Any? {
        var object = object
        for part in parts {
            guard let child = Scope(object).child(named: part) else { return nil }
            object = child
        }
        return object
    }

    /// `text`, HTML-escaped as swift-mustache escapes: `<`, `>`, `&`, `"` and `'`, character by character.
    private static func write(_ text: String, escaped: Bool, into output: inout ByteOutput) {
        // Read in place: a copy of the string, to call `withUTF8`, retained it.
        var done = text.utf8.withContiguousStorageIfAvailable { writeASCII($0, escaped: escaped, into: &output) }
        if done == nil {
            var text = text
            done = text.withUTF8 { writeASCII($0, escaped: escaped, into: &output) }
        }
        if done != true { writeByCharacter(text, into: &output) }
    }

    /// A text's UTF-8 bytes, written as `write(_:escaped:into:)` writes the text.
    private static func write(_ utf8: UnsafeBufferPointer<UInt8>, escaped: Bool, into output: inout ByteOutput) {
        if !writeASCII(utf8, escaped: escaped, into: &output) {
            writeByCharacter(String(decoding: utf8, as: UTF8.self), into: &output)
        }
    }

    /// Writes the text and returns true unless it is to be escaped and a byte to escape stands beside one
    /// that is not ASCII: there a mark may combine with `<` into another character (or a prefix with it),
    /// which swift-mustache, escaping characters, leaves as it is. Beside ASCII, or at either end, such a
    /// byte is a character of its own, so bytes and characters agree.
    private static func writeASCII(
        _ utf8: UnsafeBufferPointer<UInt8>, escaped: Bool, into output: inout ByteOutput
    ) -> Bool {
        guard escaped else {
            output.append(contentsOf: utf8)
            return true
        }
        // One pass finds whether the text has anything to escape (most has not), and where.
        // The bytes `entity` escapes, all below 64, as bits: `"`, `&`, `'`, `<` and `>`.
        let escapedBelow64: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E
        var plain = true
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x40 && (escapedBelow64 >> byte) & 1 == 1 else { continue }
            plain = false
            if index > 0 && utf8[index - 1] >= 0x80 || index + 1 < utf8.count && utf8[index + 1] >= 0x80 {
                return false
            }
        }
        if plain {
            output.append(contentsOf: utf8)
            return true
        }
        var start = 0
        for index in utf8.indices {
            guard let entity = entity(utf8[index]) else { continue }
            output.append(contentsOf: utf8[start..<index])
            output.append(contentsOf: entity)
            start = index + 1
        }
        output.append(contentsOf: utf8[start...])
        return true
    }

    private static func writeByCharacter(_ text: String, into output: inout ByteOutput) {
        for character in text {
            if let byte = character.asciiValue, character != "\r\n", let entity = entity(byte) {
                output.append(contentsOf: entity)
            } else {
                output.append(contentsOf: Array(character.utf8))
            }
        }
    }

    private static let lessThan = Array("&lt;".utf8), greaterThan = Array("&gt;".utf8)
    private static let ampersand = Array("&amp;".utf8), quote = Array("&quot;".utf8), apostrophe = Array("&#39;".utf8)

    private static func entity(_ byte: UInt8) -> [UInt8]? {
        switch byte {
        case UInt8(ascii: "<"): lessThan
        case UInt8(ascii: ">"): greaterThan
        case UInt8(ascii: "&"): ampersand
        case UInt8(ascii: "\""): quote
        case UInt8(ascii: "'"): apostrophe
        default: nil
        }
    }
}

/// The elements of a `PackIndependentList` handed out to the cores that fill them in, and their bytes
/// handed back and out again, in the list's order, to one core at a time to write.
private final class PartsInOrder: @unchecked Sendable {
    enum Job {
        case fillIn(Int)
        case write([Data])
    }

    private let condition = NSCondition()
    // All below only with `condition` locked.
    private var parts: [Data?]
    private var nextToFillIn = 0
    private var nextToWrite = 0
    private var writing = false
    /// Bytes filled in and not yet written.
    private var pending = 0
    private let bytesAhead: Int

    init(count: Int, bytesAhead: Int) {
        parts = Array(repeating: nil, count: count)
        self.bytesAhead = bytesAhead
    }

    /// What to do next; nil once every element is written. Waits while there is nothing to do: then an
    /// element is being filled in or parts written on another core, which ends by waking this one.
    func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            // Writing first: it lets the bytes go.
            if !writing, nextToWrite < parts.count, parts[nextToWrite] != nil {
                var ready: [Data] = []
                while nextToWrite < parts.count, let part = parts[nextToWrite] {
                    ready.append(part)
                    parts[nextToWrite] = nil
                    nextToWrite += 1
                }
                writing = true
                return .write(ready)
            }
            if nextToFillIn < parts.count, pending < bytesAhead {
                nextToFillIn += 1
                return .fillIn(nextToFillIn - 1)
            }
            if nextToWrite == parts.count, !writing { return nil }
            condition.wait()
        }
    }

    func filledIn(_ part: Data, at position: Int) {
        condition.lock()
        parts[position] = part
        pending += part.count
        condition.broadcast()
        condition.unlock()
    }

    func written(_ ready: [Data]) {
        condition.lock()
        writing = false
        pending -= ready.reduce(0) { $0 + $1.count }
        condition.broadcast()
        condition.unlock()
    }
}

/// A value handed to other threads that only read it while the sender waits for them.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
