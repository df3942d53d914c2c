import Foundation
import Regulations

/// One mark sheet read: its parsed rows and what was wrong with the rest.
public struct MarkSheet: Sendable {
    public var path: String
    /// The path as findings name it.
    public var display: String
    public var rows: [MarkRow] = []
    public var rowsRead = 0
    public var rowsRejected = 0
    /// Rows with no result yet (mark, flag and submitted_on blank): read, not presented (SPEC §1.7).
    public var rowsBlank = 0
    public var findings = Findings()
    /// The SHA-256 of the bytes read; nil when the file could not be read.
    public var sha256: String?

    /// Which files are mark sheets (SPEC §1.7): names ending in `.csv` or `.xlsx`, in any letter case.
    /// `board run` reads no other file of a board folder, and `board check` checks no other, so the two
    /// never disagree about what is a sheet.
    public static func isSheet(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered.hasSuffix(".csv") || lowered.hasSuffix(".xlsx")
    }

    /// Reads and parses one sheet from disk. Rows that fail to parse are rejected here, each with its
    /// line; each row names its sheet by `place`, the sheet's place in the list the caller reads.
    public static func read(_ path: String, displayedAs display: String, place: Int) -> MarkSheet {
        read(path: path, displayedAs: display, place: place) { body in
            Tables.read(path, displayedAs: display, schema: Schemas.markSheet, body)
        }
    }

    /// Reads and parses one sheet from its bytes, written as its `name` says (`.xlsx`: a workbook, else
    /// CSV): what a file on disk or an upload gives. A workbook not read within `workbookTimeLimit`
    /// seconds is damaged (`BROKEN_WORKBOOK`).
    public static func read(
        bytes: [UInt8], name: String, displayedAs display: String, place: Int,
        workbookTimeLimit: Double = TableFormat.workbookTimeLimit
    ) -> MarkSheet {
        read(path: name, displayedAs: display, place: place) { body in
            Tables.read(
                bytes: bytes, format: TableFormat(ofName: name), displayedAs: display, schema: Schemas.markSheet,
                workbookTimeLimit: workbookTimeLimit, body)
        }
    }

    private static func read(
        path: String, displayedAs display: String, place: Int,
        table read: ((TableRow) -> Void) -> TableFile
    ) -> MarkSheet {
        var sheet = MarkSheet(path: path, display: display)
        var parseFindings = Findings()
        var rejected = 0
        var blank = 0
        // Each column of the row, by its place among `MarkRow.Column.allCases`.
        let columns = MarkRow.Column.allCases.map { Schemas.markSheet.column($0.rawValue) }
        let table = read { row in
            switch MarkRow.parse({ row[columns[$0.position]] }, at: row.source, sheet: place) {
            case .sit(let parsed): sheet.rows.append(parsed)
            case .blank: blank += 1
            case .rejected(let problems):
                rejected += 1
                parseFindings += problems.findings
            }
        }
        sheet.rowsRead = table.rowsRead
        sheet.rowsRejected = table.rowsRejected
        sheet.findings = table.findings
        sheet.sha256 = table.sha256
        // A sheet rejected whole (its CSV breaks further down) presents none of the rows read before the
        // break: every row it holds is rejected, the blank ones too.
        if table.rejectedWhole {
            sheet.rows = []
        } else {
            sheet.rowsRejected += rejected
            sheet.rowsBlank = blank
            sheet.findings += parseFindings
            if sheet.rowsRead == 0 {
                sheet.findings.append(Finding(.emptySheet, at: SourceLine(file: display, line: 1)))
            }
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
