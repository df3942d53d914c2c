import Foundation

// The parts around the sheet data: relationships, the workbook, styles and shared strings.

/// One relationship of a part (`_rels/….rels`): what kind of part it points to, and where.
struct Relationship {
    let id: String
    /// The type URI; compared by its last segment, which is the same in transitional and strict files.
    let type: String
    /// The path of the target part in the archive.
    let target: String

    func isOfType(_ kind: String) -> Bool {
        type.hasSuffix("/" + kind)
    }

    /// The relationships of the part at `source`, from its `.rels` part; none if it has no `.rels` part.
    static func of(_ source: String, in container: ZIPContainer) throws(WorkbookError) -> [Relationship] {
        let folder = source.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let name = source.split(separator: "/").last ?? ""
        let path = (folder.isEmpty ? "" : folder + "/") + "_rels/\(name).rels"
        guard container.contains(path) else { return [] }
        let reader = RelationshipsReader(part: path, folder: folder)
        try reader.read(try container.part(path))
        return reader.relationships
    }
}

private final class RelationshipsReader: PartReader {
    let folder: String
    var relationships: [Relationship] = []

    init(part: String, folder: String) {
        self.folder = folder
        super.init(part: part)
    }

    override func start(_ element: String, _ attributes: [String: String]) {
        guard element == "Relationship", attributes["TargetMode"] != "External",
            let id = attributes["Id"], let type = attributes["Type"], let target = attributes["Target"]
        else { return }
        relationships.append(Relationship(id: id, type: type, target: resolve(target)))
    }

    /// A target is a URI: absolute from the package root when it starts with `/`, else relative to the
    /// folder of the part whose relationships these are.
    private func resolve(_ target: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments = decoded.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for segment in decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(String(segment))
            }
        }
        return segments.joined(separator: "/")
    }
}

/// `xl/workbook.xml`: the sheets in workbook order, and the date system.
final class WorkbookPartReader: PartReader {
    /// The part is a spreadsheet's workbook, not the main part of another kind of document (a `.docx`).
    var isWorkbook = false
    /// The relationship ids of the sheets, in the order the workbook shows them.
    var sheetRelationshipIDs: [String] = []
    /// Dates count from 1904 (old Mac Excel) rather than 1900.
    var date1904 = false

    override func start(_ element: String, _ attributes: [String: String]) {
        switch element {
        case "workbook":
            isWorkbook = true
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased())
        case "sheet":
            if let id = attribute("id", in: attributes) { sheetRelationshipIDs.append(id) }
        default:
            break
        }
    }
}

/// `xl/styles.xml`: which cell formats (`s` of a cell, an index into `cellXfs`) show a number as a date.
final class StylesReader: PartReader {
    private var formatCodes: [Int: String] = [:]
    private var cellFormatIDs: [Int] = []
    private var inCellXfs = false

    /// For each cell format, whether it shows a date.
    var dateStyles: [Bool] {
        cellFormatIDs.map { CellText.isDateFormat(id: $0, code: formatCodes[$0]) }
    }

    override func start(_ element: String, _ attributes: [String: String]) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                formatCodes[id] = code
            }
        case "cellXfs":
            inCellXfs = true
        // `xf` elements also make up `cellStyleXfs`, which cells do not index.
        case "xf" where inCellXfs:
            cellFormatIDs.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default:
            break
        }
    }

    override func end(_ element: String) {
        if element == "cellXfs" { inCellXfs = false }
    }
}

/// The text of a string item, `<si>` in the shared strings or `<is>` in a cell: its `<t>` elements, plain
/// or in rich-text runs, leaving out phonetic guides (`<rPh>`), which are reading aids, not content.
struct StringItemText {
    private(set) var text = ""
    private var inText = false
    private var phoneticDepth = 0

    mutating func start(_ element: String) {
        switch element {
        case "t" where phoneticDepth == 0: inText = true
        case "rPh": phoneticDepth += 1
        default: break
        }
    }

    mutating func end(_ element: String) {
        switch element {
        case "t": inText = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }

    mutating func characters(_ string: String) {
        if inText { text += string }
    }

    /// The text, with Excel's `_xHHHH_` escapes decoded.
    var value: String { CellText.decodingEscapes(text) }
}

/// `xl/sharedStrings.xml`: the strings cells of type `s` refer to by index.
final class SharedStringsReader: PartReader {
    var strings: [String] = []
    private var item: StringItemText?

    override func start(_ element: String, _ attributes: [String: String]) {
        if element == "si" { item = StringItemText() } else { item?.start(element) }
    }

    override func end(_ element: String) {
        if element == "si", let item {
            strings.append(item.value)
            self.item = nil
        } else {
            item?.end(element)
        }
    }

    override func characters(_ text: String) {
        item?.characters(text)
    }
}
