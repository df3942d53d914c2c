import Foundation
import Regulations

/// One mark sheet read from disk: its parsed rows and what was wrong with the rest.
public struct MarkSheet: Sendable {
    public var path: String
    public var display: String
    public var rows: [MarkRow] = []
    public var rowsRead = 0
    public var rowsRejected = 0
    public var findings: [Finding] = []
    /// The SHA-256 of the bytes parsed, for the manifest, when asked for (`board run` asks) and the file
    /// was read to its end.
    var sha256: String?

    /// Reads and parses one sheet. Rows that fail to parse are rejected here, each with its line. A row
    /// is parsed from its fields' bytes; the record is not kept. Each row names its sheet by `place`, the
    /// sheet's place in the list the caller reads (`readAll`'s files).
    public static func read(_ path: String, displayedAs display: String, place: Int, digesting: Bool = false)
        -> MarkSheet
    {
        var sheet = MarkSheet(path: path, display: display)
        var parseFindings: [Finding] = []
        var rejected = 0
        // Taken once: the static was checked for initialization at every field of every row.
        let columns = Self.columns
        let table = Tables.stream(
            path, displayedAs: display, schema: Schemas.markSheet, parsingAhead: false, digesting: digesting
        ) { row in
            let source = SourceLine(file: display, line: row.line)
            switch MarkRow.parse(bytes: { row[columns[$0.position]] }, at: source, sheet: place) {
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

    /// Each mark-sheet column's place in the schema, found once.
    private static let columns = MarkRow.Column.allCases.map { Schemas.markSheet.column($0.rawValue).index }

    /// Reads many sheets on all cores; the result is in the order of `files`, whatever order they finish in,
    /// and each row names its sheet by its place in `files`.
    public static func readAll(_ files: [(path: String, display: String)]) -> [MarkSheet] {
        readAll(files) { _, sheet in sheet }
    }

    /// Reads many sheets on all cores, each handed with its place in `files` to `finish` on the core that
    /// read it; the results are in the order of `files`.
    static func readAll<Value>(
        _ files: [(path: String, display: String)], digesting: Bool = false,
        finishing finish: @Sendable (Int, MarkSheet) -> Value
    ) -> [Value] {
        let slots = Slots<Value>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let sheet = read(files[index].path, displayedAs: files[index].display, place: index, digesting: digesting)
            slots.put(finish(index, sheet), at: index)
        }
        return slots.values
    }

    /// The board a sheet is presented to: the board date its folder is named by, if configured.
    public static func board(ofFolderOf path: String, in config: BoardConfig) -> Day? {
        config.board(namedBy: URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent)
    }
}

/// The result of `board check`: every finding in file and line order, and the row counts.
public struct CheckReport: Sendable {
    public var findings: [Finding] = []
    public var rowsRead = 0
    public var counted = 0
    public var superseded = 0
    public var rejected = 0

    public var errors: Int { findings.filter { $0.severity == .error }.count }
    public var warnings: Int { findings.filter { $0.severity == .warning }.count }

    /// `N rows: X accepted, Y rejected, Z warnings`, with superseded duplicates when there are any.
    public var summary: String {
        var line =
            "\(rowsRead) row\(rowsRead == 1 ? "" : "s"): \(counted) accepted, \(rejected) rejected, \(warnings) warning\(warnings == 1 ? "" : "s")"
        if superseded > 0 { line += " (\(superseded) duplicate\(superseded == 1 ? "" : "s") superseded)" }
        return line
    }
}

public enum SheetCheck {
    /// Reads the sheets on one core while the course register, components and deadlines are loaded on
    /// the other. Of the enrolment list (every row still checked) only the students the sheets name are
    /// kept: the only enrolments checking the sheets looks up.
    public static func readWithRegister(
        _ paths: [(path: String, display: String)], config: BoardConfig
    ) -> (sheets: [MarkSheet], register: RegisterLoad) {
        let sheets = Slots<[MarkSheet]>(count: 1)
        let reading = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: reading) {
            sheets.put(MarkSheet.readAll(paths), at: 0)
        }
        let load = RegisterLoad.load(config) {
            reading.wait()
            return .students(Set(sheets.values[0].flatMap { $0.rows.map(\.student) }))
        }
        reading.wait()
        return (sheets.values[0], load)
    }

    /// Checks sheets as if presented at `board` (or at the board of the folder each sits in), with
    /// every check of SPEC §2.1 that does not need the history of earlier boards.
    public static func check(
        _ sheets: [MarkSheet], board: Day?, config: BoardConfig, register: Register
    ) -> CheckReport {
        var report = CheckReport()
        var rowsByBoard: [Day: [MarkRow]] = [:]
        for var sheet in sheets {
            report.rowsRead += sheet.rowsRead
            guard let presentedAt = board ?? MarkSheet.board(ofFolderOf: sheet.path, in: config) else {
                report.rejected += sheet.rowsRead
                sheet.findings.append(
                    Finding(
                        .error, .outsideBoardFolder, at: SourceLine(file: sheet.display, line: 1),
                        "the sheet is not in a board folder (marks/<board date>/, one of \(config.allBoards.map(\.description).joined(separator: ", "))), so the board it is for is unknown; move it into its board's folder, or name the board with --board DATE"
                    ))
                report.findings += sheet.findings
                continue
            }
            report.rejected += sheet.rowsRejected
            report.findings += sheet.findings
            rowsByBoard[presentedAt, default: []] += sheet.rows
        }
        // Each row names its sheet by its place in `sheets`.
        let names = sheets.map(\.display)
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

/// One result slot per job, each written by exactly one worker, read once all have finished.
final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<Value?>
    private let count: Int

    init(count: Int) {
        self.count = count
        storage = .allocate(capacity: max(count, 1))
        storage.initialize(repeating: nil, count: count)
    }

    deinit {
        storage.deinitialize(count: count)
        storage.deallocate()
    }

    func put(_ value: Value, at index: Int) { storage[index] = value }

    var values: [Value] { (0..<count).map { storage[$0]! } }
}
