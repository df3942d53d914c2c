import Regulations

/// The result of `board check`: every finding in file and line order, and the row counts.
public struct CheckReport: Sendable {
    public var findings = Findings()
    public var rowsRead = 0
    public var counted = 0
    public var superseded = 0
    public var rejected = 0
    /// Rows with no result yet: mark, flag and submitted_on blank (SPEC §1.7).
    public var blank = 0

    public var errors: Int { findings.count(of: .error) }
    public var warnings: Int { findings.count(of: .warning) }

    /// `N rows: X accepted, Y rejected, Z warnings`, with blank rows and superseded duplicates when there
    /// are any: rows = accepted + rejected + blank + superseded.
    public var summary: String {
        var line = "\(rowsRead) row\(rowsRead == 1 ? "" : "s"): \(counted) accepted, \(rejected) rejected"
        if blank > 0 { line += ", \(blank) blank (no result yet: not presented)" }
        line += ", \(warnings) warning\(warnings == 1 ? "" : "s")"
        if superseded > 0 { line += " (\(superseded) duplicate\(superseded == 1 ? "" : "s") superseded)" }
        return line
    }
}

public enum SheetCheck {
    /// Reads the sheets, then the register, keeping of the enrolment list (every row still checked)
    /// only the students the sheets name: the only enrolments checking the sheets looks up. A file named
    /// twice is read once; a file that is not a sheet is not read, and is said to be none, as a run says.
    public static func readWithRegister(
        _ paths: [(path: String, display: String)], config: BoardConfig
    ) -> (sheets: [MarkSheet], notSheets: [Finding], register: RegisterLoad) {
        var seen: Set<String> = []
        let named = paths.filter { seen.insert($0.path).inserted }
        let notSheets = named.filter { !MarkSheet.isSheet($0.path) }.map {
            Finding(.notASheet, at: SourceLine(file: $0.display, line: 0))
        }
        let sheets = MarkSheet.readAll(named.filter { MarkSheet.isSheet($0.path) })
        let students = Set(sheets.flatMap { $0.rows.map(\.student) })
        return (sheets, notSheets, RegisterLoad.load(config, keeping: .students(students)))
    }

    /// Checks sheets as if presented at `board` (or at the board of the folder each sits in), with
    /// every check of SPEC §2.1 that does not need the history of earlier boards. The sheets' findings
    /// are moved into the report, not copied; `notSheets` (files named that are not sheets, as
    /// `readWithRegister` finds them) join them in file order.
    public static func check(
        _ sheets: consuming [MarkSheet], notSheets: [Finding] = [], board: Day?, config: BoardConfig,
        register: Register
    ) -> CheckReport {
        var report = CheckReport()
        report.findings += notSheets
        var rowsByBoard: [Day: [MarkRow]] = [:]
        // Each row names its sheet by its place in `sheets`.
        let names = sheets.map(\.display)
        for index in sheets.indices {
            let sheet = sheets[index]
            sheets[index].findings = []
            sheets[index].rows = []
            report.rowsRead += sheet.rowsRead
            report.findings += sheet.findings
            guard let presentedAt = board ?? MarkSheet.board(ofFolderOf: sheet.path, in: config) else {
                report.rejected += sheet.rowsRead
                report.findings.append(
                    Finding(
                        .outsideBoardFolder(
                            marks: config.relative(config.marks), boards: config.allBoards, rows: sheet.rowsRead),
                        at: SourceLine(file: sheet.display, line: 1)))
                continue
            }
            report.rejected += sheet.rowsRejected
            report.blank += sheet.rowsBlank
            rowsByBoard[presentedAt, default: []] += sheet.rows
        }
        for (day, rows) in rowsByBoard {
            guard let year = config.year(ofBoard: day) else { continue }
            let presentation = Presentation(board: day, year: year, register: register, sheets: names)
            let screening = Screening.screen(rows, at: presentation)
            report.counted += screening.counted.count
            report.superseded += screening.superseded.count
            report.rejected += screening.rejectedCount
            report.findings += screening.findings
            report.findings += screening.counted.compactMap(presentation.lateSubmissionWarning)
        }
        report.findings.sortInFileOrder()
        return report
    }
}
