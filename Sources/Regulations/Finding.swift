/// How serious a finding is: an error rejects a row, a file or the run; a warning is for the board to
/// see; a note is housekeeping (an ignored column).
public enum Severity: String, Sendable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// Stable codes for everything the tool reports. These appear in `exceptions.csv`; never rename one.
public enum FindingCode: String, Sendable, CaseIterable {
    // The file as CSV.
    case fileUnreadable = "FILE_UNREADABLE"
    case csvBroken = "CSV_BROKEN"
    case fieldCount = "FIELD_COUNT"
    case notUTF8 = "NOT_UTF8"
    case emptyFile = "EMPTY_FILE"
    case missingColumn = "MISSING_COLUMN"
    case duplicateColumn = "DUPLICATE_COLUMN"
    case unknownColumn = "UNKNOWN_COLUMN"
    case outsideBoardFolder = "OUTSIDE_BOARD_FOLDER"
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
    case unknownEnrolment = "UNKNOWN_ENROLMENT"
    case attendanceCourse = "ATTENDANCE_COURSE"
    case outsideEnrolmentYear = "OUTSIDE_ENROLMENT_YEAR"
    case unknownComponent = "UNKNOWN_COMPONENT"
    case attemptNotAllowed = "ATTEMPT_NOT_ALLOWED"
    case resitNotOpen = "RESIT_NOT_OPEN"
    case firstSitAlreadyCounted = "FIRST_SIT_ALREADY_COUNTED"
    case submittedAfterBoard = "SUBMITTED_AFTER_BOARD"
    case alreadyConcluded = "ALREADY_CONCLUDED"
    case studentWithdrawn = "STUDENT_WITHDRAWN"
    case submittedBeforeOpened = "SUBMITTED_BEFORE_OPENED"
    case conflict = "CONFLICT"
    case duplicate = "DUPLICATE"
    case lateSubmission = "LATE_SUBMISSION"
    case notCSV = "NOT_A_CSV_FILE"
    case marksOverdue = "MARKS_OVERDUE"
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
    case yearNotConfigured = "YEAR_NOT_CONFIGURED"
}

/// One thing the tool found, with where it was found and a message a course leader can act on.
///
/// Its texts are held together in one shared box, replaced only when one of them is changed: a run copies
/// its tens of thousands of findings from the replay's parts into one list and from there into its
/// exceptions, on one core while the other waits, and a copy of five strings counted up to five
/// references, two of them atomically (the sheet's name and the message).
public struct Finding: Sendable, Hashable {
    public var severity: Severity
    public var code: FindingCode
    /// Physical line of the file (1 = header, also used for a problem with the file as a whole); 0 when
    /// the file could not be opened.
    public var line: Int
    private var shared: Shared

    private struct Texts: Hashable {
        var file: String
        var student: String
        var course: String
        var component: String
        var message: String
    }

    /// The texts, held by reference: equal and hashed as the texts they hold.
    private final class Shared: Sendable, Hashable {
        let texts: Texts

        init(_ texts: Texts) { self.texts = texts }

        static func == (lhs: Shared, rhs: Shared) -> Bool { lhs === rhs || lhs.texts == rhs.texts }
        func hash(into hasher: inout Hasher) { hasher.combine(texts) }
    }

    public var file: String {
        get { shared.texts.file }
        set { change(\.file, to: newValue) }
    }
    public var student: String {
        get { shared.texts.student }
        set { change(\.student, to: newValue) }
    }
    public var course: String {
        get { shared.texts.course }
        set { change(\.course, to: newValue) }
    }
    public var component: String {
        get { shared.texts.component }
        set { change(\.component, to: newValue) }
    }
    public var message: String {
        get { shared.texts.message }
        set { change(\.message, to: newValue) }
    }

    /// Gives this finding its own texts, one of them changed: its copies keep theirs.
    private mutating func change(_ text: WritableKeyPath<Texts, String>, to value: String) {
        var texts = shared.texts
        texts[keyPath: text] = value
        shared = Shared(texts)
    }

    public init(
        _ severity: Severity, _ code: FindingCode, at source: SourceLine, student: String = "",
        course: String = "", component: String = "", _ message: String
    ) {
        self.severity = severity
        self.code = code
        line = source.line
        shared = Shared(
            Texts(file: source.file, student: student, course: course, component: component, message: message))
    }

    /// `FILE:LINE: severity: message`, the form compilers and editors use.
    public var compilerStyle: String {
        "\(file):\(line): \(severity.rawValue): \(message)"
    }
}

extension [Finding] {
    /// How many findings have `severity`, each read in place: `count(where:)` copied each finding, and
    /// retained its strings, for each of a large run's tens of thousands.
    public func count(of severity: Severity) -> Int {
        var count = 0
        for index in indices where self[index].severity == severity { count += 1 }
        return count
    }
}
