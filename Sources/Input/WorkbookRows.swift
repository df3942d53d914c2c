import CSV
import Foundation
import Workbook

/// The rows of a workbook's first worksheet, read within a time limit: a workbook not read in a minute
/// is damaged (see `Workbook.rows(ofFirstSheetIn:within:)`), and is refused as such.
enum WorkbookRows {
    static func read(_ bytes: [UInt8], within limit: Double) -> Result<[WorksheetRow], WorkbookError> {
        Result { () throws(WorkbookError) in try Workbook.rows(ofFirstSheetIn: Data(bytes), within: limit) }
    }
}

/// A workbook's first worksheet as a CSV sheet, as the reader reads it: what the submission service
/// keeps of a sheet sent as a workbook (SPEC §8), so that every later run reads that file as the check
/// read the upload.
public enum WorkbookCSV {
    /// Each row's cells trimmed, as the reader trims them, and written without formula guards, so that
    /// reading the CSV gives the same fields back; a row as wide as the header at least (a worksheet
    /// stores no empty cell at a row's end, where a CSV record would stop short); each row on the line
    /// of its row number (blank lines
    /// stand for the rows a worksheet leaves out), so that findings name the row Excel shows, up to a
    /// cell that holds a line break. UTF-8 with a byte-order mark, as a template is, so that Excel shows
    /// Welsh names as written. nil for a workbook that cannot be read.
    public static func convert(_ bytes: [UInt8], within limit: Double = TableFormat.workbookTimeLimit) -> [UInt8]? {
        guard case .success(let rows) = WorkbookRows.read(bytes, within: limit) else { return nil }
        var text = CSVText(guardingFormulas: false)
        text.append(lines: [0xEF, 0xBB, 0xBF])
        // The line the next record starts on.
        var line = 1
        var width = 0
        for row in rows {
            while line < row.number {
                text.endLine()
                line += 1
            }
            var cells = row.cells.map { $0.trimmed() }
            cells += Array(repeating: "", count: max(0, width - cells.count))
            // The first row with text in it is the header.
            if width == 0 { width = cells.lastIndex { !$0.isEmpty }.map { $0 + 1 } ?? 0 }
            text.line(cells)
            line += 1 + cells.reduce(0) { $0 + lineBreaks(in: $1) }
        }
        return text.take()
    }

    /// CR, LF and CRLF each end a line, as the CSV reader counts them.
    private static func lineBreaks(in text: String) -> Int {
        let bytes = Array(text.utf8)
        return bytes.indices.count { index in
            bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A))
        }
    }
}
