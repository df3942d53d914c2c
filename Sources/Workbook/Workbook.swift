import Foundation

/// One row of a worksheet that holds some text.
public struct WorksheetRow: Equatable, Sendable {
    /// The row's number in the worksheet, from 1: the number Excel shows at its left.
    public let number: Int
    /// The row's cells as text, by column (A is 0), up to its last non-empty cell; `""` for an empty cell.
    public let cells: [String]

    public init(number: Int, cells: [String]) {
        self.number = number
        self.cells = cells
    }
}

/// Excel workbooks (`.xlsx`, Office Open XML spreadsheets) read from and written to bytes.
public enum Workbook {
    /// The most any part of a workbook may unpack to, in bytes: 256 MB, some 300,000 rows of a mark sheet.
    /// A ZIP bomb (a small file that unpacks to gigabytes) is refused before it fills the memory.
    static let partSizeLimit = 256 << 20

    /// The rows of the first worksheet of the workbook `data`, in the order the sheet holds them; rows with
    /// no text in them are left out, so their numbers do not appear.
    ///
    /// The first worksheet is the first in the order the workbook shows its tabs (hidden or not; chart
    /// sheets are passed over), whatever its part is called. Each cell becomes text:
    /// - text, shared or inline, as written, rich-text runs joined and phonetic guides left out;
    /// - a number as its shortest round-trip decimal (`67`, `67.5`, never `67.0`; plain digits below 10²¹,
    ///   so `1E+20` is `100000000000000000000`, `1e+21` beyond), or, when its format shows a date, that
    ///   date as `YYYY-MM-DD` (the 1900 or the 1904 date system, as the workbook says);
    /// - a formula as its cached result (none, if the writer stored none: then the cell is empty);
    /// - a boolean as `TRUE` or `FALSE`, as Excel shows it; an error as its text, such as `#N/A`.
    public static func rows(ofFirstSheetIn data: Data) throws(WorkbookError) -> [WorksheetRow] {
        try rows(ofFirstSheetIn: data, reading: nil)
    }

    /// `rows(ofFirstSheetIn:)`, read on a thread of its own within `seconds`: a workbook not read by then
    /// (ZIPFoundation 0.9.20 can loop for ever on one kind of damaged part: see `Reading`) is stopped and
    /// refused, `WorkbookError.notReadInTime`.
    public static func rows(ofFirstSheetIn data: Data, within seconds: Double) throws(WorkbookError)
        -> [WorksheetRow]
    {
        let reading = Reading()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            reading.result = Result { () throws(WorkbookError) in try rows(ofFirstSheetIn: data, reading: reading) }
            finished.signal()
        }
        // libxml2 and XMLParser recurse a little for each open element: room for deep, odd documents.
        thread.stackSize = 16 << 20
        thread.start()
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            // Stopped, the reading ends in moments; if it cannot be, it is left to end with the process.
            if reading.stop() { finished.wait() }
            throw .notReadInTime(seconds: seconds)
        }
        return try reading.result!.get()
    }

    private static func rows(ofFirstSheetIn data: Data, reading: Reading?) throws(WorkbookError) -> [WorksheetRow] {
        let container = try ZIPContainer(data, reading: reading)
        let packageRelationships = try Relationship.of("", in: container)
        guard let workbookPath = packageRelationships.first(where: { $0.isOfType("officeDocument") })?.target,
            container.contains(workbookPath)
        else { throw .noWorkbookPart }
        let workbook = WorkbookPartReader(part: workbookPath)
        try workbook.read(container.part(workbookPath))
        guard workbook.isWorkbook else { throw .noWorkbookPart }

        let relationships = try Relationship.of(workbookPath, in: container)
        let worksheets = relationships.filter { $0.isOfType("worksheet") }
        let firstSheet = workbook.sheetRelationshipIDs.lazy.compactMap { id in worksheets.first { $0.id == id } }.first
        guard let sheet = firstSheet else { throw .noWorksheet }

        var sharedStrings: [String] = []
        if let path = relationships.first(where: { $0.isOfType("sharedStrings") })?.target {
            let reader = SharedStringsReader(part: path)
            try reader.read(container.part(path))
            sharedStrings = reader.strings
        }
        var dateStyles: [Bool] = []
        if let path = relationships.first(where: { $0.isOfType("styles") })?.target {
            let reader = StylesReader(part: path)
            try reader.read(container.part(path))
            dateStyles = reader.dateStyles
        }
        let reader = WorksheetReader(
            part: sheet.target, sharedStrings: sharedStrings, dateStyles: dateStyles, date1904: workbook.date1904)
        try reader.read(container.part(sheet.target))
        return reader.rows
    }

    /// The letters of the 0-based column `index`: `A` for 0, `AB` for 27.
    static func columnName(_ index: Int) -> String {
        var letters: [UInt8] = []
        var rest = index + 1
        while rest > 0 {
            letters.insert(UInt8(ascii: "A") + UInt8((rest - 1) % 26), at: 0)
            rest = (rest - 1) / 26
        }
        return String(decoding: letters, as: UTF8.self)
    }
}
