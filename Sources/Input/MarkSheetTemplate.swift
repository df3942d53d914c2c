import CSV
import Foundation
import Regulations
import Workbook

/// The mark sheet a course team starts from (SPEC §6): the sits it owes a board, one row each, with the
/// columns a team fills in left blank. `board template` writes them; filled in and checked at the board,
/// a template gives no error, and its rows left empty are blank rows.
public enum MarkSheetTemplate {
    public enum Format: String, CaseIterable, Sendable {
        case csv
        case xlsx
    }

    /// The columns, in this order; the last five are the team's to fill in.
    public static let columns: [MarkRow.Column] = [
        .studentID, .familyName, .givenNames, .courseCode, .occurrence, .academicYear, .component, .componentTitle,
        .weight, .attempt, .due, .mark, .flag, .submittedOn, .language, .comment,
    ]

    /// The columns whose cells a workbook keeps as text, so that Excel cannot strip a code's zeros or turn
    /// a date into a number: codes, ids and dates.
    static let textColumns: [MarkRow.Column] = [
        .studentID, .courseCode, .occurrence, .academicYear, .component, .due, .submittedOn,
    ]

    /// The sheets the course teams owe `board`, as the replay of the boards before it leaves them. Reads
    /// the sheets presented to those boards, having verified the sealed ones among them against their
    /// seals (SPEC §7). Throws `UnreadableFolder` for a folder of them that cannot be listed, and
    /// `BrokenSeals` for a sealed board's sheets changed, added or removed.
    public static func owed(config: BoardConfig, register: Register, board: Day, seals: SealBook) throws
        -> [OwedSheet]
    {
        let year = config.year(ofBoard: board)!
        var read: SheetsRead?
        if let previous = year.boards.last(where: { $0 < board }) {
            read = try SheetsRead.read(config, through: previous)
        }
        try seals.verify(year.boards.filter { $0 < board }, config: config, sheets: read?.sheets ?? [])
        return Replay.sitsOwed(
            at: board, year: year, register: register, policy: config.policy,
            sheets: read?.sheets.map(\.display) ?? [], presented: read?.presented ?? [:])
    }

    /// `<COURSE>-<OCCURRENCE>-<B>.csv` or `.xlsx`: made of codes and a date alone.
    public static func fileName(of sheet: OwedSheet, board: Day, format: Format) -> String {
        "\(sheet.course.code)-\(sheet.occurrence)-\(board).\(format.rawValue)"
    }

    /// The file's bytes: CSV as UTF-8 with a byte-order mark (so that Excel shows Welsh names as written),
    /// each field guarded against formulas as every output is; or a workbook of text cells.
    public static func file(of sheet: OwedSheet, board: Day, format: Format) -> [UInt8] {
        let header = columns.map(\.rawValue)
        let rows = sheet.sits.map(row)
        switch format {
        case .csv:
            var text = CSVText()
            text.line(header)
            for row in rows { text.line(row) }
            return [0xEF, 0xBB, 0xBF] + text.bytes
        case .xlsx:
            let textColumns = Set(textColumns.compactMap { columns.firstIndex(of: $0) })
            return Array(
                Workbook.write(
                    header: header, rows: rows, textColumns: textColumns,
                    sheetName: "\(sheet.course.code)-\(sheet.occurrence)-\(board)"))
        }
    }

    /// One sit's row, in the order of `columns`: the team's five columns blank.
    static func row(_ sit: OwedSit) -> [String] {
        columns.map { column in
            switch column {
            case .studentID: sit.enrolment.key.student.description
            case .familyName: sit.enrolment.familyName
            case .givenNames: sit.enrolment.givenNames
            case .courseCode: sit.enrolment.key.course.description
            case .occurrence: sit.enrolment.key.occurrence.description
            case .academicYear: sit.enrolment.key.academicYear
            case .component: sit.component.code.description
            case .componentTitle: sit.component.title
            case .weight: String(sit.component.weight)
            case .attempt: String(sit.attempt)
            case .due: sit.due.description
            case .mark, .flag, .submittedOn, .language, .comment: ""
            }
        }
    }
}
