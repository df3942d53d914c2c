/// How serious a finding is: an error rejects a row, a file or the run; a warning is for the board to
/// see; a note is housekeeping (an ignored column).
public enum Severity: String, Sendable, Comparable, CaseIterable {
    case error
    case warning
    case note

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Stable codes for everything the tool reports. These appear in `exceptions.csv`; never rename one
/// (NOT_A_CSV_FILE became NOT_A_SHEET when sheets could be workbooks, as SPEC §1.7 names it).
public enum FindingCode: String, Sendable, CaseIterable {
    // The file as a table.
    case fileUnreadable = "FILE_UNREADABLE"
    case csvBroken = "CSV_BROKEN"
    case fieldCount = "FIELD_COUNT"
    case notUTF8 = "NOT_UTF8"
    case emptyFile = "EMPTY_FILE"
    case tooManyRows = "TOO_MANY_ROWS"
    case missingColumn = "MISSING_COLUMN"
    case duplicateColumn = "DUPLICATE_COLUMN"
    case unknownColumn = "UNKNOWN_COLUMN"
    case outsideBoardFolder = "OUTSIDE_BOARD_FOLDER"
    case notASheet = "NOT_A_SHEET"
    // Sheets as Excel and other programs write them (SPEC §1.8).
    case encodingWindows1252 = "ENCODING_WINDOWS_1252"
    case encodingUTF16 = "ENCODING_UTF16"
    case notCSVWorkbook = "NOT_CSV_WORKBOOK"
    case wrongSeparator = "WRONG_SEPARATOR"
    case emptySheet = "EMPTY_SHEET"
    case brokenWorkbook = "BROKEN_WORKBOOK"
    case componentCodePadded = "COMPONENT_CODE_PADDED"
    // One field.
    case missingValue = "MISSING_VALUE"
    case badCode = "BAD_CODE"
    case badDate = "BAD_DATE"
    case badNumber = "BAD_NUMBER"
    case badMark = "BAD_MARK"
    case markNotWhole = "MARK_NOT_WHOLE"
    case markOutOfRange = "MARK_OUT_OF_RANGE"
    case badAttempt = "BAD_ATTEMPT"
    case badFlag = "BAD_FLAG"
    case badLanguage = "BAD_LANGUAGE"
    case badValue = "BAD_VALUE"
    case markMissing = "MARK_MISSING"
    case markWithFlag = "MARK_WITH_FLAG"
    // Rows presented at a board (SPEC §2.1).
    case outsideEnrolmentYear = "OUTSIDE_ENROLMENT_YEAR"
    case unknownEnrolment = "UNKNOWN_ENROLMENT"
    case nameMismatch = "NAME_MISMATCH"
    case attendanceCourse = "ATTENDANCE_COURSE"
    case unknownComponent = "UNKNOWN_COMPONENT"
    case attemptNotAllowed = "ATTEMPT_NOT_ALLOWED"
    case submittedAfterBoard = "SUBMITTED_AFTER_BOARD"
    case studentWithdrawn = "STUDENT_WITHDRAWN"
    case alreadyConcluded = "ALREADY_CONCLUDED"
    case resitNotOpen = "RESIT_NOT_OPEN"
    case firstSitAlreadyCounted = "FIRST_SIT_ALREADY_COUNTED"
    case submittedBeforeOpened = "SUBMITTED_BEFORE_OPENED"
    case conflict = "CONFLICT"
    case duplicate = "DUPLICATE"
    case lateSubmission = "LATE_SUBMISSION"
    case marksOverdue = "MARKS_OVERDUE"
    // Sheets submitted through the service (SPEC §8).
    case notYourCourse = "NOT_YOUR_COURSE"
    case notThisSheet = "NOT_THIS_SHEET"
    // The register, deadlines and enrolments (SPEC §1.2–1.6).
    case duplicateKey = "DUPLICATE_KEY"
    case unknownCourse = "UNKNOWN_COURSE"
    case unknownType = "UNKNOWN_TYPE"
    case weightsNot100 = "WEIGHTS_NOT_100"
    case noComponents = "NO_COMPONENTS"
    case componentsOnAttendanceCourse = "ATTENDANCE_COURSE_COMPONENTS"
    case noDeadline = "NO_DEADLINE"
    case withdrawnWithoutDate = "WITHDRAWN_WITHOUT_DATE"
    case creditsOutsideNorm = "CREDITS_OUTSIDE_NORM"
    case noProfessionalBody = "NO_PROFESSIONAL_BODY"
    case noExternalExaminer = "NO_EXTERNAL_EXAMINER"
    case deadlineOutsideYear = "DEADLINE_OUTSIDE_YEAR"
    case deadlineAfterLastBoard = "DEADLINE_AFTER_LAST_BOARD"
    case attendanceNotRecorded = "ATTENDANCE_NOT_RECORDED"
}

/// One thing the tool found: what (its message, which carries its code and severity), where, and for
/// which student, course and component.
public struct Finding: Sendable, Hashable {
    public var message: Message
    public var file: String
    /// Physical line of the file (1 = header, also used for a problem with the file as a whole); 0 when
    /// the file could not be opened.
    public var line: Int
    public var student: String
    public var course: String
    public var component: String

    public init(
        _ message: Message, at source: SourceLine, student: String = "", course: String = "", component: String = ""
    ) {
        self.message = message
        file = source.file
        line = source.line
        // What a row held, however long, is kept only as a message quotes it.
        self.student = Quoted.cut(student)
        self.course = Quoted.cut(course)
        self.component = Quoted.cut(component)
    }

    /// A finding packed before (`Findings`), its values already cut.
    init(message: Message, file: String, line: Int, student: String, course: String, component: String) {
        self.message = message
        self.file = file
        self.line = line
        self.student = student
        self.course = course
        self.component = component
    }

    public var severity: Severity { message.severity }
    public var code: FindingCode { message.code }
    public var source: SourceLine { SourceLine(file: file, line: line) }

    /// `FILE:LINE: severity: message`, the form compilers and editors use.
    public var compilerStyle: String { "\(file):\(line): \(severity.rawValue): \(message)" }
}

extension Finding {
    /// Where a finding falls in file order: its file, line and severity.
    typealias FileOrderKey = (file: String, line: Int, severity: Severity)

    /// File order: by file name (as bytes), then line, then severity.
    static func precedesInFileOrder(_ left: FileOrderKey, _ right: FileOrderKey) -> Bool {
        if left.file != right.file { return left.file.utf8.lexicographicallyPrecedes(right.file.utf8) }
        if left.line != right.line { return left.line < right.line }
        return left.severity < right.severity
    }
}

extension [Finding] {
    public func count(of severity: Severity) -> Int { count { $0.severity == severity } }

    /// Puts the findings in file order (`Finding.precedesInFileOrder`); findings equal in that keep the
    /// order they came in (Swift's sort is stable).
    public mutating func sortInFileOrder() {
        sort { Finding.precedesInFileOrder(($0.file, $0.line, $0.severity), ($1.file, $1.line, $1.severity)) }
    }

    /// The findings in file order, as a new array.
    public func inFileOrder() -> [Finding] {
        var sorted = self
        sorted.sortInFileOrder()
        return sorted
    }
}
