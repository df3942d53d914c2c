// The sheet data of a worksheet part: rows of cells, each cell read as text.

/// Reads `<sheetData>`: each `<row>` and its `<c>` cells, by their references (`r="C7"`) where they have
/// them, else following on from the row or cell before.
final class WorksheetReader: PartReader {
    private let sharedStrings: [String]
    private let dateStyles: [Bool]
    private let date1904: Bool

    private(set) var rows: [WorksheetRow] = []

    private var inSheetData = false
    private var rowNumber = 0
    private var cells: [String] = []
    /// The column the next cell without a reference is in.
    private var nextColumn = 0

    private var inCell = false
    /// The cell's `r`, if it has one.
    private var cellReference: String?
    private var cellColumn = 0
    private var cellType: String?
    private var cellStyle = 0
    private var inValue = false
    private var value = ""
    private var inlineText: StringItemText?

    init(part: String, sharedStrings: [String], dateStyles: [Bool], date1904: Bool) {
        self.sharedStrings = sharedStrings
        self.dateStyles = dateStyles
        self.date1904 = date1904
        super.init(part: part)
    }

    override func start(_ element: String, _ attributes: [String: String]) {
        if inlineText != nil {
            inlineText?.start(element)
            return
        }
        // The commonest elements first: the cases are tried in order.
        switch element {
        case "c" where inSheetData:
            inCell = true
            cellColumn = nextColumn
            cellReference = nil
            cellType = nil
            cellStyle = 0
            value = ""
            // One pass over the attributes rather than a lookup of each: this runs for every cell.
            for (name, attributeValue) in attributes {
                switch name {
                case "r": cellReference = attributeValue
                case "t": cellType = attributeValue
                case "s": cellStyle = Int(attributeValue) ?? 0
                default: break
                }
            }
            if let cellReference {
                guard let column = Self.column(ofReference: cellReference) else {
                    failure = .brokenCell(part: part, cell: "\"\(cellReference)\"", problem: "is not a cell reference")
                    return
                }
                cellColumn = column
            }
        case "v" where inCell:
            inValue = true
        case "is" where inCell:
            inlineText = StringItemText()
        case "row" where inSheetData:
            if let number = attributes["r"] {
                guard let row = Int(number), (1...Self.lastRow).contains(row) else {
                    failure = .brokenCell(part: part, cell: "row \"\(number)\"", problem: "is not a row number")
                    return
                }
                rowNumber = row
            } else {
                rowNumber += 1
            }
            cells = []
            nextColumn = 0
        case "sheetData":
            inSheetData = true
        default:
            break
        }
    }

    override func end(_ element: String) {
        if inlineText != nil && element != "is" {
            inlineText?.end(element)
            return
        }
        // The commonest elements first: the cases are tried in order.
        switch element {
        case "v":
            inValue = false
        case "c" where inCell:
            inCell = false
            nextColumn = cellColumn + 1
            guard let text = cellText(), !text.isEmpty else { return }
            while cells.count <= cellColumn { cells.append("") }
            cells[cellColumn] = text
        case "row" where inSheetData:
            // A row with no text in it (styled empty cells, say) is left out.
            if !cells.isEmpty { rows.append(WorksheetRow(number: rowNumber, cells: cells)) }
        case "is":
            value = inlineText?.value ?? ""
            inlineText = nil
        case "sheetData":
            inSheetData = false
        default:
            break
        }
    }

    override func characters(_ text: String) {
        if inValue {
            value += text
        } else if inlineText != nil {
            inlineText?.characters(text)
        }
    }

    /// The text of the cell just read, by its type (`t`); `nil` once `failure` is set.
    private func cellText() -> String? {
        // A cell with no value is empty, whatever its type says.
        if value.isEmpty { return value }
        // The commonest types first: the cases are tried in order.
        switch cellType {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                failure = .brokenCell(
                    part: part, cell: cellReference ?? Workbook.columnName(cellColumn) + String(rowNumber),
                    problem: "refers to shared string \"\(value)\", which the workbook does not have")
                return nil
            }
            return sharedStrings[index]
        case nil, "n":
            if dateStyles.indices.contains(cellStyle) && dateStyles[cellStyle],
                let date = CellText.isoDate(serial: value, date1904: date1904)
            {
                return date
            }
            return CellText.number(value) ?? value
        case "inlineStr":
            return value
        case "str":  // a formula's text result
            return CellText.decodingEscapes(value)
        case "b":
            return value == "1" ? "TRUE" : value == "0" ? "FALSE" : value
        case "d":  // an ISO 8601 date and time (`2026-01-05T00:00:00`), from writers other than Excel
            return String(value.prefix { $0 != "T" })
        default:  // "e", an error such as #N/A, and anything else: as written
            return value
        }
    }

    /// Excel's last row and column (XFD).
    static let lastRow = 1_048_576
    static let lastColumn = 16_384

    /// The 0-based column of a cell reference: 0 for `A1`, 27 for `AB7`; `nil` if it is not one.
    static func column(ofReference reference: String) -> Int? {
        var column = 0
        var letters = 0
        for byte in reference.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"): column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0: return column <= lastColumn ? column - 1 : nil
            default: return nil
            }
            letters += 1
            if letters > 3 { return nil }
        }
        return nil
    }
}
