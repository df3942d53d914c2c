import Foundation

// Writing a workbook of one worksheet whose cells are all text. The parts are the ones Excel and
// LibreOffice need and no more: no theme, no document properties.

extension Workbook {
    /// A workbook of one worksheet named `sheetName`: `header` in a bold first row that stays in view
    /// (frozen) as the sheet scrolls, then `rows`. Every value is written as a text cell (number format
    /// `@`), so Excel keeps it as written: `001` keeps its zeros, `2026-01-05` and `=1+1` stay text.
    /// Empty values leave their cell empty. Columns are as wide as their longest value, within reason.
    ///
    /// - Parameters:
    ///   - textColumns: the 0-based columns whose empty cells are formatted as text too, so that what
    ///     someone types there later is kept as typed (a code with its leading zeros, a date as written)
    ///     rather than turned into a number or a date.
    ///   - sheetName: the tab's name; characters Excel does not allow in one (`[ ] : * ? / \`) are left
    ///     out and it is cut to Excel's 31 characters (`Sheet1` if nothing is left).
    /// - Returns: the `.xlsx` file's bytes; the same arguments always give the same bytes.
    ///
    /// Characters XML 1.0 cannot hold (control characters other than tab, line feed and carriage return)
    /// are left out of every value; everything else reads back through `rows(ofFirstSheetIn:)` exactly.
    public static func write(header: [String], rows: [[String]], textColumns: Set<Int>, sheetName: String) -> Data {
        let table = [header] + rows
        let columnCount = max(table.map(\.count).max() ?? 0, (textColumns.max() ?? -1) + 1)
        var strings = SharedStrings()
        var sheetData = ""
        for (index, row) in table.enumerated() {
            let number = index + 1
            sheetData += "<row r=\"\(number)\">"
            for (column, value) in row.enumerated() {
                let text = xmlCharacters(value)
                guard !text.isEmpty else { continue }
                let style = number == 1 ? Style.boldText : Style.text
                sheetData +=
                    "<c r=\"\(columnName(column))\(number)\" s=\"\(style)\" t=\"s\"><v>\(strings.index(text))</v></c>"
            }
            sheetData += "</row>"
        }

        var columns = ""
        for column in 0..<columnCount {
            let longest = table.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
            let style = textColumns.contains(column) ? " style=\"\(Style.text)\"" : ""
            let width = min(max(longest, 8), 60) + 2
            columns += "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(width)\" customWidth=\"1\"\(style)/>"
        }
        let lastCell = columnCount == 0 ? "A1" : "\(columnName(columnCount - 1))\(table.count)"
        let worksheet = """
            \(declaration)<worksheet xmlns="\(mainNamespace)" xmlns:r="\(relationshipsNamespace)">\
            <dimension ref="A1:\(lastCell)"/>\
            <sheetViews><sheetView tabSelected="1" workbookViewId="0">\
            <pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
            <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
            <sheetFormatPr defaultRowHeight="15"/>\
            \(columns.isEmpty ? "" : "<cols>\(columns)</cols>")\
            <sheetData>\(sheetData)</sheetData>\
            <pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>\
            </worksheet>
            """

        return ZIPContainer.archive(of: [
            ("[Content_Types].xml", Data(contentTypes.utf8)),
            ("_rels/.rels", Data(packageRelationships.utf8)),
            ("xl/workbook.xml", Data(workbook(sheetName: excelSheetName(sheetName)).utf8)),
            ("xl/_rels/workbook.xml.rels", Data(workbookRelationships.utf8)),
            ("xl/worksheets/sheet1.xml", Data(worksheet.utf8)),
            ("xl/styles.xml", Data(styles.utf8)),
            ("xl/sharedStrings.xml", Data(strings.part.utf8)),
        ])
    }

    /// The cell formats of `styles`, by their index in `cellXfs`.
    private enum Style {
        static let text = 1
        static let boldText = 2
    }

    /// The strings of the sheet, each once, in the order they first appear.
    private struct SharedStrings {
        /// Keyed by the UTF-8 bytes: String equality would merge `é` and `e` + combining acute, which
        /// must each read back as written.
        private var indices: [[UInt8]: Int] = [:]
        private var items = ""
        private var count = 0

        mutating func index(_ text: String) -> Int {
            count += 1
            let key = Array(text.utf8)
            if let index = indices[key] { return index }
            let index = indices.count
            indices[key] = index
            items += "<si><t xml:space=\"preserve\">\(xmlEscaped(CellText.encodingEscapes(text)))</t></si>"
            return index
        }

        var part: String {
            """
            \(declaration)<sst xmlns="\(mainNamespace)" count="\(count)" uniqueCount="\(indices.count)">\
            \(items)</sst>
            """
        }
    }

    /// `text` without the characters XML 1.0 does not allow: controls other than tab, LF and CR, and
    /// U+FFFE and U+FFFF.
    private static func xmlCharacters(_ text: String) -> String {
        let allowed = { (scalar: Unicode.Scalar) in
            scalar.value >= 0x20
                ? scalar.value != 0xFFFE && scalar.value != 0xFFFF : [0x09, 0x0A, 0x0D].contains(scalar.value)
        }
        if text.unicodeScalars.allSatisfy(allowed) { return text }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter(allowed))
        return String(kept)
    }

    /// `text` escaped for XML content or an attribute value. A carriage return is written as a character
    /// reference: written as itself, an XML parser reads it as a line feed.
    private static func xmlEscaped(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\r": escaped += "&#13;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// A name Excel accepts for a sheet tab.
    private static func excelSheetName(_ name: String) -> String {
        let kept = xmlCharacters(name).filter { !"[]:*?/\\".contains($0) }
        var trimmed = Substring(kept)
        while trimmed.first == "'" { trimmed.removeFirst() }
        while trimmed.last == "'" { trimmed.removeLast() }
        var result = ""
        for character in trimmed where result.utf16.count + character.utf16.count <= 31 {
            result.append(character)
        }
        return result.isEmpty ? "Sheet1" : result
    }

    private static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    private static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    private static let relationshipsNamespace =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let packageRelationshipsNamespace =
        "http://schemas.openxmlformats.org/package/2006/relationships"

    private static let contentTypes = """
        \(declaration)<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        <Override PartName="/xl/sharedStrings.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
        </Types>
        """

    private static let packageRelationships = """
        \(declaration)<Relationships xmlns="\(packageRelationshipsNamespace)">\
        <Relationship Id="rId1" Type="\(relationshipsNamespace)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    private static func workbook(sheetName: String) -> String {
        """
        \(declaration)<workbook xmlns="\(mainNamespace)" xmlns:r="\(relationshipsNamespace)">\
        <bookViews><workbookView/></bookViews>\
        <sheets><sheet name="\(xmlEscaped(sheetName))" sheetId="1" r:id="rId1"/></sheets>\
        </workbook>
        """
    }

    private static let workbookRelationships = """
        \(declaration)<Relationships xmlns="\(packageRelationshipsNamespace)">\
        <Relationship Id="rId1" Type="\(relationshipsNamespace)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(relationshipsNamespace)/styles" Target="styles.xml"/>\
        <Relationship Id="rId3" Type="\(relationshipsNamespace)/sharedStrings" Target="sharedStrings.xml"/>\
        </Relationships>
        """

    /// Cell formats: 0 the default, 1 text (`@`, built-in number format 49), 2 bold text for the header.
    private static let styles = """
        \(declaration)<styleSheet xmlns="\(mainNamespace)">\
        <fonts count="2">\
        <font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        </fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill>\
        <fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>\
        </cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
