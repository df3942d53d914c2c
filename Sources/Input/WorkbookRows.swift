import Foundation
import Workbook

/// The rows of a workbook's first worksheet, read within a time limit: a workbook not read in a minute
/// is damaged (see `Workbook.rows(ofFirstSheetIn:within:)`), and is refused as such.
enum WorkbookRows {
    static func read(_ bytes: [UInt8], within limit: Double) -> Result<[WorksheetRow], WorkbookError> {
        Result { () throws(WorkbookError) in try Workbook.rows(ofFirstSheetIn: Data(bytes), within: limit) }
    }
}
