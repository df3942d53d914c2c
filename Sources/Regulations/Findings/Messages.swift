/// Every message the tool reports about its inputs, in one place (swift-format's way): each case is a
/// small factory that keeps the values it quotes, and knows its stable code and its severity. The
/// words are made only when the message is read (`description`), so a finding holds values, not text.
/// Each names the value and says what to do; the finding beside it names the file and line.
public enum Message: Sendable, Hashable, CustomStringConvertible {
    // MARK: The file as CSV
    case fileUnreadable(reason: String)
    case csvUnterminatedQuote
    case csvBrokenStructure
    case emptyFile(table: String, required: [String])
    case tooManyRows(limit: Int, table: String)
    case headerNotUTF8
    case duplicateColumn(String)
    case missingColumn(String, found: [String], table: String, required: [String])
    case unknownColumns([String], table: String)
    case fieldCount(Int, header: Int)
    case notUTF8(field: Int)
    case outsideBoardFolder(marks: String, boards: [Day], rows: Int)
    case notCSV

    // MARK: One field
    case emptyField(String)
    case emptyInRow(String)
    case emptyYear
    case emptyAttempt
    case emptySubmittedOn
    case notACode(String, value: String)
    case notADate(String, value: String)
    case notANumber(String, value: String, range: ClosedRange<Int>)
    case notAMark(String)
    case markNotWhole(String)
    case markNotInForm(String)
    case markOutOfRange(String)
    case badAttempt(String)
    case badFlag(String)
    case badSheetLanguage(String)
    case badEnrolmentLanguage(String)
    case badResitCap(String)
    case badSPRCode(String)
    case badStatus(String)
    case badAttendance(String)
    case unknownType(String)
    case markMissing
    case markWithFlag(mark: Int, flag: Flag)

    // MARK: Rows presented at a board (SPEC §2.1)
    case outsideEnrolmentYear(rowYear: String, boardYear: String, board: Day)
    case unknownEnrolment(student: Code, course: Code, occurrence: Code, year: String)
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

    // MARK: The register, deadlines and enrolments (SPEC §1.2–1.6)
    case duplicateCourse(Code, firstLine: Int)
    case duplicateComponent(Code, course: Code, firstLine: Int)
    case duplicateDeadline(course: Code, occurrence: Code, year: String, component: Code, firstLine: Int)
    case duplicateEnrolment(student: Code, course: Code, occurrence: Code, year: String, firstLine: Int)
    case courseNotOnRegister(Code)
    case enrolmentCourseNotOnRegister(Code)
    case componentNotOfCourse(Code, course: Code)
    case componentsOnAttendanceCourse(course: Code, component: Code)
    case weightsNot100(course: Code, components: [Code], weights: [Int])
    case noComponents(Code)
    case noDeadline(course: Code, occurrence: Code, year: String, component: Code)
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
        case .fieldCount: .fieldCount
        case .outsideBoardFolder: .outsideBoardFolder
        case .notCSV: .notCSV
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
        case .unknownEnrolment: .unknownEnrolment
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
        case .notCSV, .duplicate, .lateSubmission, .marksOverdue, .componentsOnAttendanceCourse,
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
            "required column \(column) is missing; the header has: \(found.joined(separator: ", ")). A \(table) needs: \(required.joined(separator: ", "))"
        case .unknownColumns(let columns, let table):
            "column\(columns.count == 1 ? "" : "s") \(columns.map { "\"\($0)\"" }.joined(separator: ", ")) \(columns.count == 1 ? "is" : "are") not used by a \(table) and will be ignored"
        case .fieldCount(let count, let header):
            "this row has \(count) field\(count == 1 ? "" : "s") but the header has \(header); a field containing a comma must be in double quotes"
        case .notUTF8(let field):
            "field \(field + 1) holds bytes that are not UTF-8 text; save the file as \"CSV UTF-8\" and submit it again"
        case .outsideBoardFolder(let marks, let boards, let rows):
            "the sheet is not in a board folder (\(marks)/<board date>/, one of \(boards.map(\.description).joined(separator: ", "))), so no board can take its \(rows) row\(rows == 1 ? "" : "s"); move it into the folder of the board it is for (board check can also be told the board with --board DATE)"
        case .notCSV:
            "this file is not a .csv mark sheet and was not read; if it holds marks, save it as CSV UTF-8 with a name ending in .csv (lower case)"

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
            "\(column) \"\(value)\" is not a valid code: use 1-12 letters, digits, '-' or '_'"
        case .notADate(let column, let value):
            "\(column) \"\(value)\" is not a date; write YYYY-MM-DD or DD/MM/YYYY"
        case .notANumber(let column, let value, let range):
            "\(column) \"\(value)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)"
        case .notAMark(let value):
            "mark \"\(value)\" is not a number; write a whole mark from 0 to 100"
        case .markNotWhole(let value):
            "mark \"\(value)\" is not a whole number; marks are agreed as whole numbers 0-100, so round it before submitting"
        case .markNotInForm(let value):
            "mark \"\(value)\" is not in the accepted form; write a whole mark from 0 to 100, e.g. 67"
        case .markOutOfRange(let value):
            "mark \(value) is out of range; marks run from 0 to 100"
        case .badAttempt(let value):
            "attempt \"\(value)\" is not 1 or 2; write exactly 1 for a first sit or 2 for the resit"
        case .badFlag(let value):
            "flag \"\(value)\" is not recognised; use NS, AB, DEF or leave it blank"
        case .badSheetLanguage(let value):
            "language \"\(value)\" is not recognised; use en or cy, or leave it blank"
        case .badEnrolmentLanguage(let value):
            "language \"\(value)\" must be en, cy or blank"
        case .badResitCap(let value):
            "resit_cap \"\(value)\" must be yes, no or blank"
        case .badSPRCode(let value):
            "spr_code \"\(value)\" is not a SITS SPR code: use letters, digits and / - _ . only, starting with a letter or digit (such as 12345678/1), so that the SITS files and the export ledger name the student alike"
        case .badStatus(let value):
            "status \"\(value)\" must be active or withdrawn"
        case .badAttendance(let value):
            "attendance \"\(value)\" must be a percentage from 0 to 100, e.g. 85 or 87.5"
        case .unknownType(let value):
            "type \"\(value)\" is not known; use one of \(CourseType.allCases.map(\.rawValue).joined(separator: ", "))"
        case .markMissing:
            "no mark and no flag; write the mark, or NS, AB or DEF in the flag column"
        case .markWithFlag(let mark, let flag):
            "mark \(mark) given with flag \(flag.rawValue); a flagged sit has no mark: clear one of them"

        case .outsideEnrolmentYear(let rowYear, let boardYear, let board):
            "academic_year \(rowYear) is not the year of this board (\(boardYear), board \(board)): marks are only presented within the academic year of initial enrolment"
        case .unknownEnrolment(let student, let course, let occurrence, let year):
            "student \(student) is not enrolled on \(course) occurrence \(occurrence) in \(year); check the student id, course and occurrence against the enrolment list"
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
