/// Why a file could not be read as an Excel workbook. Its `description` says so in words a course leader
/// can act on: what the file is, and what to do.
public enum WorkbookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A password-protected workbook: Excel keeps an encrypted `.xlsx` inside an OLE compound file.
    case passwordProtected
    /// An Excel 97–2003 workbook (`.xls`): an OLE compound file, not Office Open XML.
    case oldExcelFormat
    /// Not a ZIP archive, as every `.xlsx` file is.
    case notZIP
    /// A ZIP archive whose directory cannot be read: cut short, or damaged.
    case damagedZIP
    /// A ZIP archive without the workbook part: some other kind of file (or a damaged one).
    case noWorkbookPart
    /// The workbook lists no worksheet.
    case noWorksheet
    /// A part the workbook refers to is not in the archive.
    case missingPart(String)
    /// A part whose compressed bytes cannot be unpacked.
    case damagedPart(String)
    /// A part that unpacks to more than 256 MB: a ZIP bomb, or far more than a mark sheet.
    case partTooLarge(String)
    /// A part that is not well-formed XML.
    case brokenXML(part: String, line: Int, column: Int)
    /// A cell whose content contradicts the rest of the workbook, such as a shared string it does not have.
    case brokenCell(part: String, cell: String, problem: String)
    /// The temporary copy the workbook is read from could not be written in `folder`.
    case noTemporaryCopy(folder: String)
    /// The workbook was not read within `seconds`: a damaged part kept the reader going round.
    case notReadInTime(seconds: Double)

    public var description: String {
        let saveAgain = "open it in Excel or LibreOffice and save it again as an Excel Workbook (.xlsx)"
        switch self {
        case .passwordProtected:
            return
                "the workbook is protected by a password, so it cannot be read; remove the password "
                + "(Excel: File > Info > Protect Workbook > Encrypt with Password) and save it again"
        case .oldExcelFormat:
            return
                "the file is an Excel 97–2003 workbook (.xls), which cannot be read; "
                + "open it in Excel and save it as an Excel Workbook (.xlsx)"
        case .notZIP:
            return
                "the file is not an Excel workbook (an .xlsx file is a ZIP archive, and this is not one); \(saveAgain)"
        case .damagedZIP:
            return
                "the workbook is damaged or incomplete (it may have been cut short while copying or uploading); "
                + saveAgain
        case .noWorkbookPart:
            return
                "the file is a ZIP archive but not an Excel workbook "
                + "(another kind of document, or a damaged workbook); "
                + saveAgain
        case .noWorksheet:
            return "the workbook has no worksheet, only charts or nothing at all; put the marks on a worksheet"
        case .missingPart(let part):
            return "the workbook is damaged: it refers to \(part), which is not in the file; \(saveAgain)"
        case .damagedPart(let part):
            return "the workbook is damaged: \(part) cannot be unpacked; \(saveAgain)"
        case .partTooLarge(let part):
            return
                "the workbook is too large to read: \(part) unpacks to more than "
                + "\(Workbook.partSizeLimit / (1 << 20)) MB; split the marks into smaller sheets"
        case .brokenXML(let part, let line, let column):
            return
                "the workbook is damaged: \(part) is not well-formed XML (line \(line), column \(column)); "
                + saveAgain
        case .brokenCell(let part, let cell, let problem):
            return "the workbook is damaged: cell \(cell) in \(part) \(problem); \(saveAgain)"
        case .notReadInTime(let seconds):
            return
                "the workbook could not be unpacked within \(Int(seconds)) second\(seconds == 1 ? "" : "s"): part of it is damaged; "
                + saveAgain
        case .noTemporaryCopy(let folder):
            return
                "the workbook could not be read: no temporary copy of it could be written in \(folder); "
                + "make room there, or set TMPDIR to a folder that has room"
        }
    }
}
