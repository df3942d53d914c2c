/// `NS` non-submission, `AB` absent, `DEF` deferral (mitigating circumstances accepted).
public enum Flag: String, Sendable, CaseIterable {
    case nonSubmission = "NS"
    case absent = "AB"
    case deferral = "DEF"
}

/// What a row says about one sit: a mark, or a flag in its place.
public enum SitEntry: Hashable, Sendable, CustomStringConvertible {
    case mark(Int)
    case flag(Flag)

    public var description: String {
        switch self {
        case .mark(let mark): "mark \(mark)"
        case .flag(let flag): "flag \(flag.rawValue)"
        }
    }
}

/// One row of a mark sheet whose every field parsed (SPEC §1.7). Its comment is read, as any field,
/// but not kept: no rule, decision or output uses it, and at a large institution most rows have one.
///
/// Plain data, with no string or reference in it: a run copies ten million rows, from the sheets into
/// their boards' lists and into each enrolment's, and a row that held its sheet's name and its year as
/// strings was copied through its type's value witness and retained its sheet's name at every copy
/// (4.6 % of a run's CPU). So a row names its sheet by place and holds its year as bytes.
public struct MarkRow: Sendable {
    // Stored so that no field leaves a gap, the attempt and the entry in a few bytes: a run holds ten
    // million rows, and this order takes 84 bytes a row where the columns' order took 152.
    public var student: Code
    public var course: Code
    public var occurrence: Code
    public var component: Code
    public var academicYear: YearCode
    public var submittedOn: Day
    private var storedSheet: Int32
    private var storedLine: Int32
    private var storedAttempt: UInt16
    private var storedMark: Int16
    /// 0 for a mark; else the flag's place in `Flag.allCases`, plus one.
    private var storedFlag: UInt8
    public var language: Language

    /// The row's sheet, as its place in the list of sheets the rows were read from
    /// (`Presentation.sheets`, which names it).
    public var sheet: Int {
        get { Int(storedSheet) }
        set { storedSheet = Int32(clamping: newValue) }
    }

    /// The row's line in its sheet, counting the header as line 1.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = Int32(clamping: newValue) }
    }

    /// 1 for a first sit, 2 for the resit (a sheet may say up to 999, which the row checks refuse).
    public var attempt: Int {
        get { Int(storedAttempt) }
        set { storedAttempt = UInt16(clamping: newValue) }
    }

    public var entry: SitEntry {
        get { storedFlag == 0 ? .mark(Int(storedMark)) : .flag(Flag.allCases[Int(storedFlag) - 1]) }
        set {
            switch newValue {
            case .mark(let mark):
                storedMark = Int16(clamping: mark)
                storedFlag = 0
            case .flag(let flag):
                storedMark = 0
                storedFlag = UInt8(Flag.allCases.firstIndex(of: flag)! + 1)
            }
        }
    }

    public init(
        sheet: Int, line: Int, student: Code, course: Code, occurrence: Code, academicYear: YearCode,
        component: Code, attempt: Int, entry: SitEntry, submittedOn: Day, language: Language = .english
    ) {
        self.student = student
        self.course = course
        self.occurrence = occurrence
        self.component = component
        self.academicYear = academicYear
        self.submittedOn = submittedOn
        storedSheet = 0
        storedLine = 0
        storedAttempt = 0
        storedMark = 0
        storedFlag = 0
        self.language = language
        self.sheet = sheet
        self.line = line
        self.attempt = attempt
        self.entry = entry
    }

    public var enrolment: EnrolmentKey {
        EnrolmentKey(student: student, course: course, occurrence: occurrence, academicYear: academicYear.description)
    }

    /// Whether the row is for the enrolment with these codes and year, compared as integers: building
    /// the row's key made a string of its year.
    public func isFor(_ key: EnrolmentKey, year: YearCode?) -> Bool {
        student == key.student && course == key.course && occurrence == key.occurrence && academicYear == year
    }

    /// Whether two rows are for the same enrolment.
    public func isForEnrolment(of other: MarkRow) -> Bool {
        student == other.student && course == other.course && occurrence == other.occurrence
            && academicYear == other.academicYear
    }

    /// The columns of a mark sheet, as SPEC §1.7 names them.
    public enum Column: String, CaseIterable, Sendable {
        case studentID = "student_id"
        case courseCode = "course_code"
        case occurrence
        case academicYear = "academic_year"
        case component
        case attempt
        case mark
        case flag
        case submittedOn = "submitted_on"
        case language
        case comment

        /// The column's place among `allCases`, for readers that resolve every column once.
        public var position: Int {
            switch self {
            case .studentID: 0
            case .courseCode: 1
            case .occurrence: 2
            case .academicYear: 3
            case .component: 4
            case .attempt: 5
            case .mark: 6
            case .flag: 7
            case .submittedOn: 8
            case .language: 9
            case .comment: 10
            }
        }

        public var isRequired: Bool {
            switch self {
            case .mark, .flag, .language, .comment: false
            default: true
            }
        }
    }

    /// Parses one row from its fields' bytes, valid only during the call. A row in the usual form
    /// (valid codes, a whole mark or a flag in capitals, an ISO or UK date, `en`, `cy` or no language) is
    /// read without making its fields into text, most of reading a million rows; any other row is parsed
    /// from its text by `parse(_:at:)`, which words its problems. Either way the row is the same.
    /// `source` names the row's sheet in its findings; `sheet` is the sheet's place the row keeps.
    public static func parse(
        bytes field: (Column) -> UnsafeRawBufferPointer, at source: SourceLine, sheet: Int
    ) -> Result<MarkRow, RowProblems> {
        if let row = usualRow(field, at: source, sheet: sheet) { return .success(row) }
        return parse({ String(decoding: field($0), as: UTF8.self) }, at: source, sheet: sheet)
    }

    /// The row, when every field is in the usual form; nil sends it to `parse(_:at:)`.
    private static func usualRow(_ field: (Column) -> UnsafeRawBufferPointer, at source: SourceLine, sheet: Int)
        -> MarkRow?
    {
        guard let student = Code(field(.studentID)), let course = Code(field(.courseCode)),
            let occurrence = Code(field(.occurrence)), let component = Code(field(.component)),
            let submittedOn = Day(field(.submittedOn))
        else { return nil }
        let yearBytes = field(.academicYear)
        let attempt = field(.attempt)
        guard !yearBytes.isEmpty, let year = YearCode(yearBytes), attempt.count == 1, let digit = attempt.first,
            (48...57).contains(digit)
        else {
            return nil
        }
        let mark = field(.mark)
        let flag = field(.flag)
        let entry: SitEntry
        if flag.isEmpty {
            guard (1...3).contains(mark.count), mark.allSatisfy({ (48...57).contains($0) }) else { return nil }
            let value = mark.reduce(0) { $0 * 10 + Int($1 - 48) }
            guard value <= 100 else { return nil }
            entry = .mark(value)
        } else {
            guard mark.isEmpty || (mark.count == 1 && mark[0] == UInt8(ascii: "-")),
                let named = Flag.allCases.first(where: { $0.rawValue.utf8.elementsEqual(flag) })
            else { return nil }
            entry = .flag(named)
        }
        let languageBytes = field(.language)
        let language: Language
        if languageBytes.isEmpty || languageBytes.elementsEqual("en".utf8) {
            language = .english
        } else if languageBytes.elementsEqual("cy".utf8) {
            language = .welsh
        } else {
            return nil
        }
        return MarkRow(
            sheet: sheet, line: source.line, student: student, course: course, occurrence: occurrence,
            academicYear: year, component: component, attempt: Int(digit - 48),
            entry: entry, submittedOn: submittedOn, language: language)
    }

    /// Parses one row's fields. Every field problem is reported, not only the first, so a course
    /// leader can mend the row in one go.
    public static func parse(
        _ value: (Column) -> String, at source: SourceLine, sheet: Int
    ) -> Result<MarkRow, RowProblems> {
        var problems: [Finding] = []
        let student = value(.studentID)
        let course = value(.courseCode)
        let component = value(.component)
        func report(_ code: FindingCode, _ message: String) {
            problems.append(
                Finding(.error, code, at: source, student: student, course: course, component: component, message))
        }
        // The text is the one already read for the findings where there is one: a field is made into a
        // `String` once per row.
        func code(_ column: Column, _ text: String) -> Code? {
            if text.isEmpty {
                report(.missingValue, "\(column.rawValue) is empty; every row needs one")
                return nil
            }
            guard let code = Code(text) else {
                report(
                    .badCode,
                    "\(column.rawValue) \"\(text)\" is not a valid code: use 1-12 letters, digits, '-' or '_'")
                return nil
            }
            return code
        }
        let studentCode = code(.studentID, student)
        let courseCode = code(.courseCode, course)
        let occurrence = code(.occurrence, value(.occurrence))
        let componentCode = code(.component, component)

        let yearText = value(.academicYear)
        let academicYear = YearCode(yearText)
        if yearText.isEmpty {
            report(.missingValue, "academic_year is empty; write the year of enrolment, e.g. 2025/26")
        } else if academicYear == nil {
            // A row holds its year in 15 bytes; no academic year is longer (board.toml's are 7).
            report(
                .outsideEnrolmentYear,
                "academic_year \"\(yearText)\" is not an academic year such as 2025/26: marks are only presented within the academic year of initial enrolment"
            )
        }

        let attemptText = value(.attempt)
        var attempt: Int?
        if attemptText.isEmpty {
            report(.missingValue, "attempt is empty; write 1 for a first sit or 2 for the resit")
        } else if attemptText.utf8.count <= 3, let number = Int(attemptText), number >= 0,
            attemptText.utf8.allSatisfy({ (48...57).contains($0) }), attemptText == String(number)
        {
            attempt = number
        } else {
            report(
                .badAttempt,
                "attempt \"\(attemptText)\" is not 1 or 2; write exactly 1 for a first sit or 2 for the resit")
        }

        let markText = value(.mark)
        let flagText = value(.flag)
        var mark: Int?
        var markOK = true
        if !markText.isEmpty && markText != "-" {
            switch Marks.parse(markText) {
            case .success(let parsed): mark = parsed
            case .failure(let problem):
                markOK = false
                report(problem.code, problem.message)
            }
        }
        var flag: Flag?
        var flagOK = true
        if !flagText.isEmpty {
            flag = Flag(rawValue: flagText.uppercased())
            if flag == nil {
                flagOK = false
                report(.badFlag, "flag \"\(flagText)\" is not recognised; use NS, AB, DEF or leave it blank")
            }
        }
        var entry: SitEntry?
        if markOK && flagOK {
            switch (mark, flag) {
            case (let mark?, nil): entry = .mark(mark)
            case (nil, let flag?): entry = .flag(flag)
            case (nil, nil):
                report(.markMissing, "no mark and no flag; write the mark, or NS, AB or DEF in the flag column")
            case (let mark?, let flag?):
                report(
                    .markWithFlag,
                    "mark \(mark) given with flag \(flag.rawValue); a flagged sit has no mark: clear one of them")
            }
        }

        let submittedText = value(.submittedOn)
        var submittedOn: Day?
        if submittedText.isEmpty {
            report(.missingValue, "submitted_on is empty; write the date the work was submitted or recorded")
        } else if let day = Day(submittedText) {
            submittedOn = day
        } else {
            report(.badDate, "submitted_on \"\(submittedText)\" is not a date; write YYYY-MM-DD or DD/MM/YYYY")
        }

        let languageText = value(.language)
        var language: Language? = .english
        if !languageText.isEmpty {
            language = Language(rawValue: languageText.lowercased())
            if language == nil {
                report(.badLanguage, "language \"\(languageText)\" is not recognised; use en or cy, or leave it blank")
            }
        }

        guard problems.isEmpty, let studentCode, let courseCode, let occurrence, let academicYear, let componentCode,
            let attempt, let entry, let submittedOn, let language
        else { return .failure(RowProblems(findings: problems)) }
        return .success(
            MarkRow(
                sheet: sheet, line: source.line, student: studentCode, course: courseCode, occurrence: occurrence,
                academicYear: academicYear, component: componentCode, attempt: attempt, entry: entry,
                submittedOn: submittedOn, language: language))
    }
}

/// The reasons one row could not be read; the row is rejected once, whatever their number.
public struct RowProblems: Error, Sendable {
    public let findings: [Finding]
}

/// Whole marks 0–100 (SPEC §1.7).
public enum Marks {
    public struct Problem: Error, Sendable {
        public let code: FindingCode
        public let message: String
    }

    /// One to three digits, optionally followed by `.0` or `.00`: `67.00` is 67; `67.5` is refused.
    public static func parse(_ text: String) -> Result<Int, Problem> {
        // The common case, a plain whole mark, is read without splitting the text.
        if (1...3).contains(text.utf8.count), text.utf8.allSatisfy({ (48...57).contains($0) }) {
            let value = text.utf8.reduce(0) { $0 * 10 + Int($1 - 48) }
            if value <= 100 { return .success(value) }
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { (48...57).contains($0) } }
        guard isDigits(whole), parts.count == 1 || isDigits(parts[1]) else {
            return .failure(
                Problem(code: .badMark, message: "mark \"\(text)\" is not a number; write a whole mark from 0 to 100"))
        }
        if parts.count == 2 && parts[1].contains(where: { $0 != "0" }) {
            return .failure(
                Problem(
                    code: .markNotWhole,
                    message:
                        "mark \"\(text)\" is not a whole number; marks are agreed as whole numbers 0-100, so round it before submitting"
                ))
        }
        guard whole.utf8.count <= 3, parts.count == 1 || parts[1].utf8.count <= 2, let value = Int(whole) else {
            return .failure(
                Problem(
                    code: .badMark,
                    message: "mark \"\(text)\" is not in the accepted form; write a whole mark from 0 to 100, e.g. 67"))
        }
        guard value <= 100 else {
            return .failure(
                Problem(code: .markOutOfRange, message: "mark \(text) is out of range; marks run from 0 to 100"))
        }
        return .success(value)
    }
}
