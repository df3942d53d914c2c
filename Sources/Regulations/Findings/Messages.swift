/// Every message the tool reports about its inputs, in one place (swift-format's way): each case is a
/// small factory that keeps the values it quotes, and knows its stable code and its severity. The
/// words are made only when the message is read (`description`), so a finding holds values, not text.
/// Each names the value and says what to do; the finding beside it names the file and line.
public enum Message: Sendable, Hashable, CustomStringConvertible {
    // MARK: The file as a table
    case fileUnreadable(reason: String)
    case csvUnterminatedQuote
    case csvBrokenStructure
    case emptyFile(table: String, required: [String])
    case tooManyRows(limit: Int, table: String)
    case headerNotUTF8
    case duplicateColumn(String)
    case missingColumn(String, found: QuotedList, table: String, required: [String])
    case unknownColumns(QuotedList, table: String)
    case fewerFields(Int, header: Int)
    case textBeyondHeader(field: Int, header: Int)
    case notUTF8(column: Quoted)
    case outsideBoardFolder(marks: String, boards: [Day], rows: Int)
    case notASheet

    // MARK: Sheets as Excel and other programs write them (SPEC §1.8)
    case encodingWindows1252
    case encodingUTF16
    case workbookNamedCSV(oldFormat: Bool)
    case wrongSeparator(String)
    case emptySheet
    case brokenWorkbook(reason: String)

    // MARK: One field
    case emptyField(String)
    case emptyInRow(String)
    case emptyYear
    case emptyAttempt
    case emptySubmittedOn
    case notACode(String, value: Quoted)
    case notADate(String, value: Quoted)
    case notANumber(String, value: Quoted, range: ClosedRange<Int>)
    case notAMark(Quoted)
    case markNotWhole(Quoted)
    case markNotInForm(Quoted)
    case markOutOfRange(Quoted)
    case badAttempt(Quoted)
    case badFlag(Quoted)
    case badSheetLanguage(Quoted)
    case badEnrolmentLanguage(Quoted)
    case badResitCap(Quoted)
    case badSPRCode(Quoted)
    case badStatus(Quoted)
    case badAttendance(Quoted)
    case unknownType(Quoted)
    case markMissing
    case markWithFlag(mark: Int, flag: Flag)

    // MARK: Rows presented at a board (SPEC §2.1)
    case outsideEnrolmentYear(rowYear: Quoted, boardYear: String, board: Day)
    case unknownEnrolment(student: Code, course: Code, occurrence: Code, year: String)
    case unknownEnrolmentZerosDropped(student: Code, enrolled: Code, course: Code, occurrence: Code)
    case nameMismatch(column: String, written: Quoted, enrolled: String, student: Code)
    case componentCodePadded(written: Code, readAs: Code, course: Code)
    case attendanceCourse(Code)
    case unknownComponent(Code, course: Code, components: [Code])
    case attemptNotAllowed(Int)
    case submittedAfterBoard(Day, board: Day)
    case studentWithdrawn(student: Code, course: Code, on: Day)
    case alreadyConcluded(outcome: Outcome, board: Day)
    case resitNotOpen(Code)
    case firstSitAlreadyCounted(Code)
    case submittedBeforeOpened(Day, opened: Day, attempt: Int)
    case conflict(component: Code, attempt: Int, rows: [String], more: Int)
    case duplicate(of: String, line: Int, entry: SitEntry)
    case lateSubmission(submitted: Day, deadline: Day, mark: Int)
    case marksOverdue(sit: String, component: Code, title: String, due: Day, lastBoard: Bool)

    // MARK: Sheets submitted through the service
    case notYourCourse(Code)
    case notThisSheet(course: Code, occurrence: Code, sheetCourse: Code, sheetOccurrence: Code)

    // MARK: The register, deadlines and enrolments (SPEC §1.2–1.6)
    case duplicateCourse(Code, firstLine: Int)
    case duplicateComponent(Code, course: Code, firstLine: Int)
    case duplicateDeadline(course: Code, occurrence: Code, year: Quoted, component: Code, firstLine: Int)
    case duplicateEnrolment(student: Code, course: Code, occurrence: Code, year: Quoted, firstLine: Int)
    case courseNotOnRegister(Code)
    case enrolmentCourseNotOnRegister(Code)
    case componentNotOfCourse(Code, course: Code)
    case componentsOnAttendanceCourse(course: Code, component: Code)
    case weightsNot100(course: Code, components: [Code], weights: [Int])
    case noComponents(Code)
    case noDeadline(course: Code, occurrence: Code, year: Quoted, component: Code)
    case withdrawnWithoutDate
    case creditsBelowMicroCredentialNorm(Code, credits: Int)
    case creditsOutsideNorm(Code, credits: Int, type: CourseType)
    case noProfessionalBody(Code)
    case noExternalExaminerForMicroCredential(Code)
    case noExternalExaminerAtLevel(Code, level: Int)
    case deadlineOutsideYear(Register.DeadlineKey, deadline: Day, year: String, starts: Day, ends: Day)
    case deadlineAfterLastBoard(Register.DeadlineKey, deadline: Day, lastBoard: Day, year: String)
    case attendanceNotRecorded(student: Code, course: Code)

    public var code: FindingCode {
        switch self {
        case .fileUnreadable: .fileUnreadable
        case .csvUnterminatedQuote, .csvBrokenStructure: .csvBroken
        case .emptyFile: .emptyFile
        case .tooManyRows: .tooManyRows
        case .headerNotUTF8, .notUTF8: .notUTF8
        case .duplicateColumn: .duplicateColumn
        case .missingColumn: .missingColumn
        case .unknownColumns: .unknownColumn
        case .fewerFields, .textBeyondHeader: .fieldCount
        case .outsideBoardFolder: .outsideBoardFolder
        case .notASheet: .notASheet
        case .encodingWindows1252: .encodingWindows1252
        case .encodingUTF16: .encodingUTF16
        case .workbookNamedCSV: .notCSVWorkbook
        case .wrongSeparator: .wrongSeparator
        case .emptySheet: .emptySheet
        case .brokenWorkbook: .brokenWorkbook
        case .emptyField, .emptyInRow, .emptyYear, .emptyAttempt, .emptySubmittedOn: .missingValue
        case .notACode: .badCode
        case .notADate: .badDate
        case .notANumber, .badAttendance: .badNumber
        case .notAMark, .markNotInForm: .badMark
        case .markNotWhole: .markNotWhole
        case .markOutOfRange: .markOutOfRange
        case .badAttempt: .badAttempt
        case .badFlag: .badFlag
        case .badSheetLanguage, .badEnrolmentLanguage: .badLanguage
        case .badResitCap, .badStatus, .badSPRCode: .badValue
        case .unknownType: .unknownType
        case .markMissing: .markMissing
        case .markWithFlag: .markWithFlag
        case .outsideEnrolmentYear: .outsideEnrolmentYear
        case .unknownEnrolment, .unknownEnrolmentZerosDropped: .unknownEnrolment
        case .nameMismatch: .nameMismatch
        case .componentCodePadded: .componentCodePadded
        case .attendanceCourse: .attendanceCourse
        case .unknownComponent, .componentNotOfCourse: .unknownComponent
        case .attemptNotAllowed: .attemptNotAllowed
        case .submittedAfterBoard: .submittedAfterBoard
        case .studentWithdrawn: .studentWithdrawn
        case .alreadyConcluded: .alreadyConcluded
        case .resitNotOpen: .resitNotOpen
        case .firstSitAlreadyCounted: .firstSitAlreadyCounted
        case .submittedBeforeOpened: .submittedBeforeOpened
        case .conflict: .conflict
        case .duplicate: .duplicate
        case .lateSubmission: .lateSubmission
        case .marksOverdue: .marksOverdue
        case .notYourCourse: .notYourCourse
        case .notThisSheet: .notThisSheet
        case .duplicateCourse, .duplicateComponent, .duplicateDeadline, .duplicateEnrolment: .duplicateKey
        case .courseNotOnRegister, .enrolmentCourseNotOnRegister: .unknownCourse
        case .componentsOnAttendanceCourse: .componentsOnAttendanceCourse
        case .weightsNot100: .weightsNot100
        case .noComponents: .noComponents
        case .noDeadline: .noDeadline
        case .withdrawnWithoutDate: .withdrawnWithoutDate
        case .creditsBelowMicroCredentialNorm, .creditsOutsideNorm: .creditsOutsideNorm
        case .noProfessionalBody: .noProfessionalBody
        case .noExternalExaminerForMicroCredential, .noExternalExaminerAtLevel: .noExternalExaminer
        case .deadlineOutsideYear: .deadlineOutsideYear
        case .deadlineAfterLastBoard: .deadlineAfterLastBoard
        case .attendanceNotRecorded: .attendanceNotRecorded
        }
    }

    public var severity: Severity {
        switch self {
        case .unknownColumns: .note
        case .notASheet, .encodingWindows1252, .emptySheet, .componentCodePadded, .duplicate, .lateSubmission,
            .marksOverdue, .componentsOnAttendanceCourse,
            .creditsBelowMicroCredentialNorm, .noExternalExaminerForMicroCredential, .noExternalExaminerAtLevel,
            .deadlineOutsideYear, .deadlineAfterLastBoard, .attendanceNotRecorded:
            .warning
        default: .error
        }
    }

    public var description: String {
        switch self {
        case .fileUnreadable(let reason):
            "cannot read the file: \(reason)"
        case .csvUnterminatedQuote:
            "a quoted field that starts in this record is never closed, so the rest of the file cannot be read; add the closing double quote. The whole file is rejected"
        case .csvBrokenStructure:
            "the CSV structure breaks in the record starting here (a double quote inside an unquoted field, or text after a closing quote); write a quote inside a field as two quotes and put the field in quotes. The whole file is rejected"
        case .emptyFile(let table, let required):
            "the file is empty; a \(table) starts with a header row: \(required.joined(separator: ","))"
        case .tooManyRows(let limit, let table):
            "the file holds more than \(limit) rows, more than any \(table) sends a board, so it is not read: check that it is the right file. The whole file is rejected"
        case .headerNotUTF8:
            "the header row is not UTF-8 text; save the file as \"CSV UTF-8\""
        case .duplicateColumn(let column):
            "column \(column) appears more than once in the header; keep one"
        case .missingColumn(let column, let found, let table, let required):
            "required column \(column) is missing; the header has: \(found.joined { $0.text }). A \(table) needs: \(required.joined(separator: ", "))"
        case .unknownColumns(let columns, let table):
            "column\(columns.count == 1 ? "" : "s") \(columns.joined { $0.description }) \(columns.count == 1 ? "is" : "are") not used by a \(table) and will be ignored"
        case .fewerFields(let count, let header):
            "this row has \(count) field\(count == 1 ? "" : "s") but the header has \(header): a field is missing, or a line break inside a field is not in double quotes; compare the row with the header"
        case .textBeyondHeader(let field, let header):
            "field \(field) of this row holds text, beyond the header's \(header) columns: a field containing a comma must be in double quotes, and text kept beside the marks needs a column with a header"
        case .notUTF8(let column):
            "column \(column) holds bytes that are not UTF-8 text, in a file that is UTF-8 elsewhere; retype the characters of that field, or save the file as \"CSV UTF-8 (Comma delimited)\" and submit it again"
        case .outsideBoardFolder(let marks, let boards, let rows):
            "the sheet is not in a board folder (\(marks)/<board date>/, one of \(boards.map(\.description).joined(separator: ", "))), so no board can take its \(rows) row\(rows == 1 ? "" : "s"); move it into the folder of the board it is for (board check can also be told the board with --board DATE)"
        case .notASheet:
            "this file is not a mark sheet (a name ending in .csv or .xlsx) and was not read; if it holds marks, save it as \"CSV UTF-8 (Comma delimited)\" (.csv) or as an Excel Workbook (.xlsx)"
        case .encodingWindows1252:
            "the file is not UTF-8: it was saved as Windows-1252 (Excel's \"CSV (Comma delimited)\") and is read as such; next time save it as \"CSV UTF-8 (Comma delimited)\", which keeps every character as typed"
        case .encodingUTF16:
            "the file was saved as Unicode Text (UTF-16), which is not CSV; save it as \"CSV UTF-8 (Comma delimited)\" and submit it again. The whole file is rejected"
        case .workbookNamedCSV(let oldFormat):
            oldFormat
                ? "the file is an Excel 97-2003 workbook (.xls), not CSV, though its name ends in .csv; open it in Excel and save it as \"CSV UTF-8 (Comma delimited)\" or as an Excel Workbook (.xlsx). The whole file is rejected"
                : "the file is an Excel workbook, not CSV, though its name ends in .csv; save it as \"CSV UTF-8 (Comma delimited)\", or name it .xlsx. The whole file is rejected"
        case .wrongSeparator(let separator):
            "the columns are separated by \(separator), not commas; save the file with commas as \"CSV UTF-8 (Comma delimited)\" (Excel uses semicolons where a comma is the decimal separator: choose the comma in the save options). The whole file is rejected"
        case .emptySheet:
            "the sheet has a header and no rows, so nothing in it is presented; fill in the marks, or remove the sheet"
        case .brokenWorkbook(let reason):
            "\(reason). The whole file is rejected"

        case .emptyField(let column):
            "\(column) is empty; it is required"
        case .emptyInRow(let column):
            "\(column) is empty; every row needs one"
        case .emptyYear:
            "academic_year is empty; write the year of enrolment, e.g. 2025/26"
        case .emptyAttempt:
            "attempt is empty; write 1 for a first sit or 2 for the resit"
        case .emptySubmittedOn:
            "submitted_on is empty; write the date the work was submitted or recorded"
        case .notACode(let column, let value):
            "\(column) \(value) is not a valid code: use 1-12 letters, digits, '-' or '_'"
        case .notADate(let column, let value):
            "\(column) \(value) is not a date; write YYYY-MM-DD, or D/M/YYYY as 5/1/2026"
        case .notANumber(let column, let value, let range):
            "\(column) \(value) must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .notAMark(let value):
            "mark \(value) is not a number; write a whole mark from 0 to 100"
        case .markNotWhole(let value):
            "mark \(value) is not a whole number; marks are agreed as whole numbers 0-100, so round it before submitting"
        case .markNotInForm(let value):
            "mark \(value) is not in the accepted form; write a whole mark from 0 to 100, e.g. 67"
        case .markOutOfRange(let value):
            "mark \(value) is out of range; marks run from 0 to 100"
        case .badAttempt(let value):
            "attempt \(value) is not 1 or 2; write exactly 1 for a first sit or 2 for the resit"
        case .badFlag(let value):
            "flag \(value) is not recognised; use NS, AB, DEF or leave it blank"
        case .badSheetLanguage(let value):
            "language \(value) is not recognised; use en or cy, or leave it blank"
        case .badEnrolmentLanguage(let value):
            "language \(value) must be en, cy or blank"
        case .badResitCap(let value):
            "resit_cap \(value) must be yes, no or blank"
        case .badSPRCode(let value):
            "spr_code \(value) is not a SITS SPR code: use letters, digits and / - _ . only, starting with a letter or digit (such as 12345678/1), so that the SITS files and the export ledger name the student alike"
        case .badStatus(let value):
            "status \(value) must be active or withdrawn"
        case .badAttendance(let value):
            "attendance \(value) must be a percentage from 0 to 100, e.g. 85 or 87.5"
        case .unknownType(let value):
            "type \(value) is not known; use one of \(CourseType.allCases.map(\.rawValue).joined(separator: ", "))"
        case .markMissing:
            "no mark and no flag; write the mark, or NS, AB or DEF in the flag column"
        case .markWithFlag(let mark, let flag):
            "mark \(mark) given with flag \(flag.rawValue); a flagged sit has no mark: clear one of them"

        case .outsideEnrolmentYear(let rowYear, let boardYear, let board):
            "academic_year \(rowYear) is not the year of this board (\(boardYear), board \(board)): marks are only presented within the academic year of initial enrolment"
        case .unknownEnrolment(let student, let course, let occurrence, let year):
            "student \(student) is not enrolled on \(course) occurrence \(occurrence) in \(year); check the student id, course and occurrence against the enrolment list"
        case .unknownEnrolmentZerosDropped(let student, let enrolled, let course, let occurrence):
            "student \(student) is not enrolled on \(course) occurrence \(occurrence), but student \(enrolled) is: Excel may have removed the leading zeros; format the student_id column as Text and write the id in full (the row is not corrected for you)"
        case .nameMismatch(let column, let written, let enrolled, let student):
            "\(column) \(written) does not match the enrolment of student \(student) (\(Quoted(enrolled))): was the sheet sorted on one column only? Check the row against the enrolment list before a mark lands on the wrong student"
        case .componentCodePadded(let written, let readAs, let course):
            "component \(written) is read as \(readAs), the component of \(course) it stands for (Excel drops the leading zeros of a code it takes for a number); format the component column as Text to keep the zeros"
        case .attendanceCourse(let course):
            "\(course) is a Certificate of Attendance course: non-credit courses are not presented to boards, so this row is not needed (record attendance in the enrolment list)"
        case .unknownComponent(let component, let course, let components):
            "component \(component) is not a component of \(course) (it has \(components.map(\.description).joined(separator: ", "))); check the component code"
        case .attemptNotAllowed(let attempt):
            "attempt \(attempt) is not allowed: write 1 for the first sit or 2 for the single resit; there is no second resit"
        case .submittedAfterBoard(let submitted, let board):
            "submitted_on \(submitted) is on or after the board of \(board): work submitted then belongs to the next board's sheet, or the date is wrong"
        case .studentWithdrawn(let student, let course, let date):
            "student \(student) withdrew from \(course) on \(date), before this board; the mark cannot be presented"
        case .alreadyConcluded(let outcome, let board):
            "the enrolment was already concluded (\(outcome.rawValue) at the board of \(board)); later marks cannot change it"
        case .resitNotOpen(let component):
            "no resit is open for component \(component): an earlier board did not refer it, or its resit is already counted; if this is a first sit write attempt 1"
        case .firstSitAlreadyCounted(let component):
            "the first sit of component \(component) was already counted at an earlier board; a resit is attempt 2"
        case .submittedBeforeOpened(let submitted, let opened, let attempt):
            "submitted on \(submitted), on or before the board of \(opened) that opened this \(attempt == 2 ? "resit" : "deferred sit"); the new sit must be submitted after that board"
        case .conflict(let component, let attempt, let rows, let more):
            "conflicting rows for component \(component) attempt \(attempt) (\(rows.joined(separator: "; "))\(more > 0 ? "; and \(more) more" : "")): none is counted until one corrected row is submitted"
        case .duplicate(let file, let line, let entry):
            "duplicate of \(file):\(line) (same \(entry)); this row is superseded, the first is counted"
        case .lateSubmission(let submitted, let deadline, let mark):
            "submitted on \(submitted), after the deadline of \(deadline): the mark \(mark) will count as a late non-submission (mark 0, grade L); check the date, or record mitigating circumstances as DEF"
        case .marksOverdue(let sit, let component, let title, let due, let lastBoard):
            "no \(sit) for component \(component) (\(title), due \(due)) has been presented to a board"
                + (lastBoard
                    ? "; marks were not agreed within the academic year, so the student is withdrawn"
                    : "; the course leader must submit it to the next board")

        case .notYourCourse(let course):
            "this row is for course \(course), which is not on your account, so it is not read; remove it, or ask the Assessment and Awards team to add the course to your account"
        case .notThisSheet(let course, let occurrence, let sheetCourse, let sheetOccurrence):
            "this row is for \(course) occurrence \(occurrence), but this upload is the sheet of \(sheetCourse) occurrence \(sheetOccurrence); move the row to that course's sheet and upload it there"

        case .duplicateCourse(let course, let firstLine):
            "course \(course) is already on the register at line \(firstLine); keep one row per course"
        case .duplicateComponent(let component, let course, let firstLine):
            "component \(component) of \(course) is already listed at line \(firstLine)"
        case .duplicateDeadline(let course, let occurrence, let year, let component, let firstLine):
            "a deadline for \(course) \(occurrence) \(year) component \(component) is already set at line \(firstLine); keep one"
        case .duplicateEnrolment(let student, let course, let occurrence, let year, let firstLine):
            "student \(student) is already enrolled on \(course) \(occurrence) \(year) at line \(firstLine); keep one row"
        case .courseNotOnRegister(let course):
            "course \(course) is not on the course register; add it to courses.csv or correct the code"
        case .enrolmentCourseNotOnRegister(let course):
            "course \(course) is not on the course register; the enrolment cannot be decided"
        case .componentNotOfCourse(let component, let course):
            "component \(component) is not a component of \(course) in components.csv"
        case .componentsOnAttendanceCourse(let course, let component):
            "\(course) is an attendance course, which is not assessed; component \(component) is ignored"
        case .weightsNot100(let course, let components, let weights):
            "the weights of \(course)'s components add up to \(weights.reduce(0, +)), not 100 (\(zip(components, weights).map { "\($0)=\($1)" }.joined(separator: ", "))); correct them so the course mark is defined"
        case .noComponents(let course):
            "\(course) has students but no components in components.csv, so no course mark can be computed"
        case .noDeadline(let course, let occurrence, let year, let component):
            "\(course) occurrence \(occurrence) (\(year)) has students but no deadline for component \(component); add it to deadlines.csv"
        case .withdrawnWithoutDate:
            "the student is withdrawn but status_date is empty; write the date they withdrew"
        case .creditsBelowMicroCredentialNorm(let course, let credits):
            "\(course) carries \(credits) credits; a micro-credential is normally not less than 20 credits (Procedure §7.1)"
        case .creditsOutsideNorm(let course, let credits, let type):
            "\(course) carries \(credits) credits, outside the \(type.creditBand.lowerBound == type.creditBand.upperBound ? "\(type.creditBand.lowerBound)" : "\(type.creditBand.lowerBound)-\(type.creditBand.upperBound)") of a \(type.name) (Procedure §7.1): its students are decided but no certificate is issued until the register is corrected"
        case .noProfessionalBody(let course):
            "\(course) is a Professional Certificate with no professional_body: no certificate is issued until the endorsing body is recorded"
        case .noExternalExaminerForMicroCredential(let course):
            "\(course) has no external examiner; micro-credentials at any level require external examination (Procedure §8)"
        case .noExternalExaminerAtLevel(let course, let level):
            "\(course) is at level \(level) with no external examiner; credit-bearing short courses at level 5 or above should have external examiner oversight (Procedure §8)"
        case .deadlineOutsideYear(let key, let deadline, let year, let starts, let ends):
            "the deadline \(deadline) for \(key.course) \(key.occurrence) component \(key.component) falls outside \(year) (\(starts) to \(ends)); its students cannot be presented within the year"
        case .deadlineAfterLastBoard(let key, let deadline, let lastBoard, let year):
            "the deadline \(deadline) for \(key.course) \(key.occurrence) component \(key.component) is on or after the year's last board (\(lastBoard)); its students cannot be presented within \(year)"
        case .attendanceNotRecorded(let student, let course):
            "attendance is not recorded for \(student) on \(course); it counts as 0% until it is"
        }
    }
}

/// A value from an input, as a message quotes it: in double quotes, and at most 40 characters of it
/// (Unicode scalars), then `…` and its length in bytes (SPEC §1.8), so that a 50 MB field makes a short
/// message. It is cut when the message is made, so a finding never holds more of a field than it shows.
public struct Quoted: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The value as quoted, without the quotes: whole, or cut and followed by `…`.
    public let text: String
    /// The value's length in bytes, when it was cut.
    public let cutFrom: Int?

    /// The most characters of a value a message quotes.
    public static let limit = 40

    public init(_ value: some StringProtocol) {
        // 40 bytes or fewer are 40 characters or fewer: the common case needs no counting.
        let scalars = value.unicodeScalars
        if value.utf8.count <= Self.limit
            || scalars.index(scalars.startIndex, offsetBy: Self.limit + 1, limitedBy: scalars.endIndex) == nil
        {
            text = String(value)
            cutFrom = nil
        } else {
            var kept = String.UnicodeScalarView()
            kept.append(contentsOf: scalars.prefix(Self.limit))
            text = String(kept) + "…"
            cutFrom = value.utf8.count
        }
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// A value quoted before, as `Packed` kept it.
    init(text: String, cutFrom: Int?) {
        self.text = text
        self.cutFrom = cutFrom
    }

    /// `"67.5"`, or `"aaaa…" (52428800 bytes)`.
    public var description: String { "\"\(text)\"" + (cutFrom.map { " (\($0) bytes)" } ?? "") }

    /// A value kept beside a finding (its student, course or component), cut as a quoted one is.
    public static func cut(_ value: String) -> String {
        let quoted = Quoted(value)
        return quoted.cutFrom == nil ? value : quoted.text + " (\(quoted.cutFrom!) bytes)"
    }
}

/// Values a message lists, such as the names of a header: at most 20 of them, each quoted as `Quoted`
/// is, then how many more there are, so that a header of a million columns makes a short message.
public struct QuotedList: Sendable, Hashable, ExpressibleByArrayLiteral {
    public let values: [Quoted]
    /// How many values there were, listed or not.
    public let count: Int

    /// The most values a message lists.
    public static let limit = 20

    public init(_ values: some Collection<String>) {
        self.values = values.prefix(Self.limit).map { Quoted($0) }
        count = values.count
    }

    public init(arrayLiteral values: String...) { self.init(values) }

    /// Values listed before, as `Packed` kept them.
    init(values: [Quoted], count: Int) {
        self.values = values
        self.count = count
    }

    /// The values, each as `text` makes it, separated by commas, and `and N more` when some are left out.
    func joined(_ text: (Quoted) -> String) -> String {
        values.map(text).joined(separator: ", ") + (count > values.count ? " and \(count - values.count) more" : "")
    }
}
