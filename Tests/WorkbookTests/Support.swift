import Foundation

@testable import Workbook

/// The bytes of a fixture in `Fixtures/` (its README says what made each).
func fixture(_ name: String) throws -> Data {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    return try Data(contentsOf: folder.appendingPathComponent(name))
}

/// A row as `Workbook.rows` gives it.
func row(_ number: Int, _ cells: String...) -> WorksheetRow {
    WorksheetRow(number: number, cells: cells)
}

let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
let relationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/// A workbook made of the given parts, each an XML text; `nil` leaves a part out. Its sheets are
/// `xl/worksheets/sheet1.xml` (relationship `rId1`) and, if `secondSheet`, `sheet2.xml` (`rId2`).
func workbook(
    sheet: String,
    secondSheet: String? = nil,
    sharedStrings: String? = nil,
    styles: String? = nil,
    workbookXML: String =
        "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relationshipsNamespace)\"><sheets>"
        + "<sheet name=\"Marks\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
) -> Data {
    func relationship(_ id: String, _ type: String, _ target: String) -> String {
        "<Relationship Id=\"\(id)\" Type=\"\(relationshipsNamespace)/\(type)\" Target=\"\(target)\"/>"
    }
    var relationships = [relationship("rId1", "worksheet", "worksheets/sheet1.xml")]
    var parts: [(path: String, bytes: Data)] = [
        (
            "_rels/.rels",
            Data(
                ("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + relationship("rId1", "officeDocument", "xl/workbook.xml") + "</Relationships>").utf8)
        ),
        ("xl/workbook.xml", Data(workbookXML.utf8)),
        ("xl/worksheets/sheet1.xml", Data(sheet.utf8)),
    ]
    if let secondSheet {
        relationships.append(relationship("rId2", "worksheet", "worksheets/sheet2.xml"))
        parts.append(("xl/worksheets/sheet2.xml", Data(secondSheet.utf8)))
    }
    if let sharedStrings {
        relationships.append(relationship("rId3", "sharedStrings", "sharedStrings.xml"))
        parts.append(("xl/sharedStrings.xml", Data(sharedStrings.utf8)))
    }
    if let styles {
        relationships.append(relationship("rId4", "styles", "styles.xml"))
        parts.append(("xl/styles.xml", Data(styles.utf8)))
    }
    parts.append(
        (
            "xl/_rels/workbook.xml.rels",
            Data(
                ("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + relationships.joined() + "</Relationships>").utf8)
        ))
    return ZIPContainer.archive(of: parts)
}

/// A worksheet part whose `<sheetData>` holds `rows`.
func sheet(_ rows: String) -> String {
    "<worksheet xmlns=\"\(mainNamespace)\"><sheetData>\(rows)</sheetData></worksheet>"
}
