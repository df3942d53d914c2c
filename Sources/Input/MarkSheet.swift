import Foundation
import Regulations

/// One mark sheet read from disk: its parsed rows and what was wrong with the rest.
public struct MarkSheet: Sendable {
    public var path: String
    /// The path as findings name it.
    public var display: String
    public var rows: [MarkRow] = []
    public var rowsRead = 0
    public var rowsRejected = 0
    public var findings: [Finding] = []
    /// The SHA-256 of the bytes read; nil when the file could not be read.
    public var sha256: String?

    /// Reads and parses one sheet. Rows that fail to parse are rejected here, each with its line; each
    /// row names its sheet by `place`, the sheet's place in the list the caller reads.
    public static func read(_ path: String, displayedAs display: String, place: Int) -> MarkSheet {
        var sheet = MarkSheet(path: path, display: display)
        var parseFindings: [Finding] = []
        var rejected = 0
        // Each column of the row, by its place among `MarkRow.Column.allCases`.
        let columns = MarkRow.Column.allCases.map { Schemas.markSheet.column($0.rawValue) }
        let table = Tables.read(path, displayedAs: display, schema: Schemas.markSheet) { row in
            switch MarkRow.parse({ row[columns[$0.position]] }, at: row.source, sheet: place) {
            case .success(let parsed): sheet.rows.append(parsed)
            case .failure(let problems):
                rejected += 1
                parseFindings += problems.findings
            }
        }
        sheet.rowsRead = table.rowsRead
        sheet.rowsRejected = table.rowsRejected
        sheet.findings = table.findings
        sheet.sha256 = table.sha256
        // A sheet rejected whole (its CSV breaks further down) presents none of the rows read before the break.
        if table.rejectedWhole {
            sheet.rows = []
        } else {
            sheet.rowsRejected += rejected
            sheet.findings += parseFindings
        }
        return sheet
    }

    /// Reads many sheets on every core; the result is in the order of `files`, and each row names its
    /// sheet by its place in `files`.
    public static func readAll(_ files: [(path: String, display: String)]) -> [MarkSheet] {
        parallelMap(Array(files.enumerated())) { place, file in
            read(file.path, displayedAs: file.display, place: place)
        }
    }

    /// The board a sheet is presented to: the board date its folder is named by, if configured.
    public static func board(ofFolderOf path: String, in config: BoardConfig) -> Day? {
        config.board(namedBy: URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
    }
}
