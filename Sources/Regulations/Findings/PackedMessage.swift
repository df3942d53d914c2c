/// A message as bytes: its case's number, then the values it quotes, as `Packed` writes them. A run of
/// a million rejected rows holds a million messages (issue 25): as values each takes the room of the
/// largest case, ~100 bytes; packed, the message of a mark `7O` takes five. A case's number is its
/// place below; the round-trip test packs an example of every case, so a case numbered in one switch
/// and not the other fails it.
extension Message {
    /// How many cases there are; a case's number is below it.
    static let packedCases = 83

    func pack(into out: inout Packed) {
        switch self {
        case .fileUnreadable(let reason): out.case(0, reason)
        case .csvUnterminatedQuote: out.case(1)
        case .csvBrokenStructure: out.case(2)
        case .emptyFile(let table, let required): out.case(3, table, required)
        case .tooManyRows(let limit, let table): out.case(4, limit, table)
        case .headerNotUTF8: out.case(5)
        case .duplicateColumn(let column): out.case(6, column)
        case .missingColumn(let column, let found, let table, let required): out.case(7, column, found, table, required)
        case .unknownColumns(let columns, let table): out.case(8, columns, table)
        case .fewerFields(let count, let header): out.case(9, count, header)
        case .textBeyondHeader(let field, let header): out.case(10, field, header)
        case .notUTF8(let column): out.case(11, column)
        case .outsideBoardFolder(let marks, let boards, let rows): out.case(12, marks, boards, rows)
        case .notASheet: out.case(13)
        case .encodingWindows1252: out.case(14)
        case .encodingUTF16: out.case(15)
        case .workbookNamedCSV(let oldFormat): out.case(16, oldFormat)
        case .wrongSeparator(let separator): out.case(17, separator)
        case .emptySheet: out.case(18)
        case .brokenWorkbook(let reason): out.case(19, reason)
        case .emptyField(let column): out.case(20, column)
        case .emptyInRow(let column): out.case(21, column)
        case .emptyYear: out.case(22)
        case .emptyAttempt: out.case(23)
        case .emptySubmittedOn: out.case(24)
        case .notACode(let column, let value): out.case(25, column, value)
        case .notADate(let column, let value): out.case(26, column, value)
        case .notANumber(let column, let value, let range): out.case(27, column, value, range)
        case .notAMark(let value): out.case(28, value)
        case .markNotWhole(let value): out.case(29, value)
        case .markNotInForm(let value): out.case(30, value)
        case .markOutOfRange(let value): out.case(31, value)
        case .badAttempt(let value): out.case(32, value)
        case .badFlag(let value): out.case(33, value)
        case .badSheetLanguage(let value): out.case(34, value)
        case .badEnrolmentLanguage(let value): out.case(35, value)
        case .badResitCap(let value): out.case(36, value)
        case .badSPRCode(let value): out.case(37, value)
        case .badStatus(let value): out.case(38, value)
        case .badAttendance(let value): out.case(39, value)
        case .unknownType(let value): out.case(40, value)
        case .markMissing: out.case(41)
        case .markWithFlag(let mark, let flag): out.case(42, mark, flag)
        case .outsideEnrolmentYear(let rowYear, let boardYear, let board): out.case(43, rowYear, boardYear, board)
        case .unknownEnrolment(let student, let course, let occurrence, let year):
            out.case(44, student, course, occurrence, year)
        case .unknownEnrolmentZerosDropped(let student, let enrolled, let course, let occurrence):
            out.case(45, student, enrolled, course, occurrence)
        case .nameMismatch(let column, let written, let enrolled, let student):
            out.case(46, column, written, enrolled, student)
        case .componentCodePadded(let written, let readAs, let course): out.case(47, written, readAs, course)
        case .attendanceCourse(let course): out.case(48, course)
        case .unknownComponent(let component, let course, let components): out.case(49, component, course, components)
        case .attemptNotAllowed(let attempt): out.case(50, attempt)
        case .submittedAfterBoard(let submitted, let board): out.case(51, submitted, board)
        case .studentWithdrawn(let student, let course, let date): out.case(52, student, course, date)
        case .alreadyConcluded(let outcome, let board): out.case(53, outcome, board)
        case .resitNotOpen(let component): out.case(54, component)
        case .firstSitAlreadyCounted(let component): out.case(55, component)
        case .submittedBeforeOpened(let submitted, let opened, let attempt): out.case(56, submitted, opened, attempt)
        case .conflict(let component, let attempt, let rows, let more): out.case(57, component, attempt, rows, more)
        case .duplicate(let file, let line, let entry): out.case(58, file, line, entry)
        case .lateSubmission(let submitted, let deadline, let mark): out.case(59, submitted, deadline, mark)
        case .marksOverdue(let sit, let component, let title, let due, let lastBoard):
            out.case(60, sit, component, title, due, lastBoard)
        case .notYourCourse(let course): out.case(61, course)
        case .notThisSheet(let course, let occurrence, let sheetCourse, let sheetOccurrence):
            out.case(62, course, occurrence, sheetCourse, sheetOccurrence)
        case .duplicateCourse(let course, let firstLine): out.case(63, course, firstLine)
        case .duplicateComponent(let component, let course, let firstLine): out.case(64, component, course, firstLine)
        case .duplicateDeadline(let course, let occurrence, let year, let component, let firstLine):
            out.case(65, course, occurrence, year, component, firstLine)
        case .duplicateEnrolment(let student, let course, let occurrence, let year, let firstLine):
            out.case(66, student, course, occurrence, year, firstLine)
        case .courseNotOnRegister(let course): out.case(67, course)
        case .enrolmentCourseNotOnRegister(let course): out.case(68, course)
        case .componentNotOfCourse(let component, let course): out.case(69, component, course)
        case .componentsOnAttendanceCourse(let course, let component): out.case(70, course, component)
        case .weightsNot100(let course, let components, let weights): out.case(71, course, components, weights)
        case .noComponents(let course): out.case(72, course)
        case .noDeadline(let course, let occurrence, let year, let component):
            out.case(73, course, occurrence, year, component)
        case .withdrawnWithoutDate: out.case(74)
        case .creditsBelowMicroCredentialNorm(let course, let credits): out.case(75, course, credits)
        case .creditsOutsideNorm(let course, let credits, let type): out.case(76, course, credits, type)
        case .noProfessionalBody(let course): out.case(77, course)
        case .noExternalExaminerForMicroCredential(let course): out.case(78, course)
        case .noExternalExaminerAtLevel(let course, let level): out.case(79, course, level)
        case .deadlineOutsideYear(let key, let deadline, let year, let starts, let ends):
            out.case(80, key, deadline, year, starts, ends)
        case .deadlineAfterLastBoard(let key, let deadline, let lastBoard, let year):
            out.case(81, key, deadline, lastBoard, year)
        case .attendanceNotRecorded(let student, let course): out.case(82, student, course)
        }
    }

    static func unpack(from bytes: inout Unpacking) -> Message {
        let number = bytes.byte()
        switch number {
        case 0: return .fileUnreadable(reason: bytes.next())
        case 1: return .csvUnterminatedQuote
        case 2: return .csvBrokenStructure
        case 3: return .emptyFile(table: bytes.next(), required: bytes.next())
        case 4: return .tooManyRows(limit: bytes.next(), table: bytes.next())
        case 5: return .headerNotUTF8
        case 6: return .duplicateColumn(bytes.next())
        case 7: return .missingColumn(bytes.next(), found: bytes.next(), table: bytes.next(), required: bytes.next())
        case 8: return .unknownColumns(bytes.next(), table: bytes.next())
        case 9: return .fewerFields(bytes.next(), header: bytes.next())
        case 10: return .textBeyondHeader(field: bytes.next(), header: bytes.next())
        case 11: return .notUTF8(column: bytes.next())
        case 12: return .outsideBoardFolder(marks: bytes.next(), boards: bytes.next(), rows: bytes.next())
        case 13: return .notASheet
        case 14: return .encodingWindows1252
        case 15: return .encodingUTF16
        case 16: return .workbookNamedCSV(oldFormat: bytes.next())
        case 17: return .wrongSeparator(bytes.next())
        case 18: return .emptySheet
        case 19: return .brokenWorkbook(reason: bytes.next())
        case 20: return .emptyField(bytes.next())
        case 21: return .emptyInRow(bytes.next())
        case 22: return .emptyYear
        case 23: return .emptyAttempt
        case 24: return .emptySubmittedOn
        case 25: return .notACode(bytes.next(), value: bytes.next())
        case 26: return .notADate(bytes.next(), value: bytes.next())
        case 27: return .notANumber(bytes.next(), value: bytes.next(), range: bytes.next())
        case 28: return .notAMark(bytes.next())
        case 29: return .markNotWhole(bytes.next())
        case 30: return .markNotInForm(bytes.next())
        case 31: return .markOutOfRange(bytes.next())
        case 32: return .badAttempt(bytes.next())
        case 33: return .badFlag(bytes.next())
        case 34: return .badSheetLanguage(bytes.next())
        case 35: return .badEnrolmentLanguage(bytes.next())
        case 36: return .badResitCap(bytes.next())
        case 37: return .badSPRCode(bytes.next())
        case 38: return .badStatus(bytes.next())
        case 39: return .badAttendance(bytes.next())
        case 40: return .unknownType(bytes.next())
        case 41: return .markMissing
        case 42: return .markWithFlag(mark: bytes.next(), flag: bytes.next())
        case 43: return .outsideEnrolmentYear(rowYear: bytes.next(), boardYear: bytes.next(), board: bytes.next())
        case 44:
            return .unknownEnrolment(
                student: bytes.next(), course: bytes.next(), occurrence: bytes.next(), year: bytes.next())
        case 45:
            return .unknownEnrolmentZerosDropped(
                student: bytes.next(), enrolled: bytes.next(), course: bytes.next(), occurrence: bytes.next())
        case 46:
            return .nameMismatch(
                column: bytes.next(), written: bytes.next(), enrolled: bytes.next(), student: bytes.next())
        case 47: return .componentCodePadded(written: bytes.next(), readAs: bytes.next(), course: bytes.next())
        case 48: return .attendanceCourse(bytes.next())
        case 49: return .unknownComponent(bytes.next(), course: bytes.next(), components: bytes.next())
        case 50: return .attemptNotAllowed(bytes.next())
        case 51: return .submittedAfterBoard(bytes.next(), board: bytes.next())
        case 52: return .studentWithdrawn(student: bytes.next(), course: bytes.next(), on: bytes.next())
        case 53: return .alreadyConcluded(outcome: bytes.next(), board: bytes.next())
        case 54: return .resitNotOpen(bytes.next())
        case 55: return .firstSitAlreadyCounted(bytes.next())
        case 56: return .submittedBeforeOpened(bytes.next(), opened: bytes.next(), attempt: bytes.next())
        case 57:
            return .conflict(component: bytes.next(), attempt: bytes.next(), rows: bytes.next(), more: bytes.next())
        case 58: return .duplicate(of: bytes.next(), line: bytes.next(), entry: bytes.next())
        case 59: return .lateSubmission(submitted: bytes.next(), deadline: bytes.next(), mark: bytes.next())
        case 60:
            return .marksOverdue(
                sit: bytes.next(), component: bytes.next(), title: bytes.next(), due: bytes.next(),
                lastBoard: bytes.next())
        case 61: return .notYourCourse(bytes.next())
        case 62:
            return .notThisSheet(
                course: bytes.next(), occurrence: bytes.next(), sheetCourse: bytes.next(),
                sheetOccurrence: bytes.next())
        case 63: return .duplicateCourse(bytes.next(), firstLine: bytes.next())
        case 64: return .duplicateComponent(bytes.next(), course: bytes.next(), firstLine: bytes.next())
        case 65:
            return .duplicateDeadline(
                course: bytes.next(), occurrence: bytes.next(), year: bytes.next(), component: bytes.next(),
                firstLine: bytes.next())
        case 66:
            return .duplicateEnrolment(
                student: bytes.next(), course: bytes.next(), occurrence: bytes.next(), year: bytes.next(),
                firstLine: bytes.next())
        case 67: return .courseNotOnRegister(bytes.next())
        case 68: return .enrolmentCourseNotOnRegister(bytes.next())
        case 69: return .componentNotOfCourse(bytes.next(), course: bytes.next())
        case 70: return .componentsOnAttendanceCourse(course: bytes.next(), component: bytes.next())
        case 71: return .weightsNot100(course: bytes.next(), components: bytes.next(), weights: bytes.next())
        case 72: return .noComponents(bytes.next())
        case 73:
            return .noDeadline(
                course: bytes.next(), occurrence: bytes.next(), year: bytes.next(), component: bytes.next())
        case 74: return .withdrawnWithoutDate
        case 75: return .creditsBelowMicroCredentialNorm(bytes.next(), credits: bytes.next())
        case 76: return .creditsOutsideNorm(bytes.next(), credits: bytes.next(), type: bytes.next())
        case 77: return .noProfessionalBody(bytes.next())
        case 78: return .noExternalExaminerForMicroCredential(bytes.next())
        case 79: return .noExternalExaminerAtLevel(bytes.next(), level: bytes.next())
        case 80:
            return .deadlineOutsideYear(
                bytes.next(), deadline: bytes.next(), year: bytes.next(), starts: bytes.next(), ends: bytes.next())
        case 81:
            return .deadlineAfterLastBoard(
                bytes.next(), deadline: bytes.next(), lastBoard: bytes.next(), year: bytes.next())
        case 82: return .attendanceNotRecorded(student: bytes.next(), course: bytes.next())
        default: preconditionFailure("message number \(number) was never packed")
        }
    }
}
