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
/// but not kept: no rule, decision or output uses it.
public struct MarkRow: Sendable {
    /// The row's sheet, as its place in the list of sheets the rows were read from (`Presentation.sheets`
    /// names it): a run holds millions of rows, and a sheet's name once.
    public var sheet: Int
    /// The row's line in its sheet, counting the header as line 1.
    public var line: Int
    public var student: Code
    public var course: Code
    public var occurrence: Code
    public var academicYear: String
    public var component: Code
    /// 1 for a first sit, 2 for the resit (a sheet may say up to 999, which the row checks refuse).
    public var attempt: Int
    public var entry: SitEntry
    public var submittedOn: Day
    public var language: Language
    /// The names the sheet gives the student, as written; empty where it gives none (SPEC §1.7: checked
    /// against the enrolment, to catch a sheet sorted on one column).
    public var familyName: String
    public var givenNames: String

    public init(
        sheet: Int, line: Int, student: Code, course: Code, occurrence: Code, academicYear: String,
        component: Code, attempt: Int, entry: SitEntry, submittedOn: Day, language: Language = .english,
        familyName: String = "", givenNames: String = ""
    ) {
        self.sheet = sheet
        self.line = line
        self.student = student
        self.course = course
        self.occurrence = occurrence
        self.academicYear = academicYear
        self.component = component
        self.attempt = attempt
        self.entry = entry
        self.submittedOn = submittedOn
        self.language = language
        self.familyName = familyName
        self.givenNames = givenNames
    }

    public var enrolment: EnrolmentKey {
        EnrolmentKey(student: student, course: course, occurrence: occurrence, academicYear: academicYear)
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
        case familyName = "family_name"
        case givenNames = "given_names"
        /// Written by `board template` for people to read; not checked (SPEC §1.7).
        case componentTitle = "component_title"
        case due
        case weight

        /// The column's place among `allCases`.
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
            case .familyName: 11
            case .givenNames: 12
            case .componentTitle: 13
            case .due: 14
            case .weight: 15
            }
        }

        public var isRequired: Bool {
            switch self {
            case .studentID, .courseCode, .occurrence, .academicYear, .component, .attempt, .submittedOn: true
            default: false
            }
        }
    }

    /// Parses one row's fields. Every field problem is reported, not only the first, so a course
    /// leader can mend the row in one go; the row is rejected once, whatever their number.
    public static func parse(_ value: (Column) -> String, at source: SourceLine, sheet: Int) -> ParsedRow {
        // A blank row (SPEC §1.7): mark (`-` counts as blank), flag and submitted_on all blank is a sit
        // the team has no result for yet, such as a template row left empty. Whatever else it holds, it is
        // not presented and not an error.
        let markText = value(.mark)
        let flagText = value(.flag)
        let submittedText = value(.submittedOn)
        if (markText.isEmpty || markText == "-") && flagText.isEmpty && submittedText.isEmpty { return .blank }
        var problems: [Finding] = []
        let student = value(.studentID)
        let course = value(.courseCode)
        let component = value(.component)
        func report(_ message: Message) {
            problems.append(Finding(message, at: source, student: student, course: course, component: component))
        }
        func code(_ column: Column, _ text: String) -> Code? {
            if text.isEmpty {
                report(.emptyInRow(column.rawValue))
                return nil
            }
            guard let code = Code(text) else {
                report(.notACode(column.rawValue, value: Quoted(text)))
                return nil
            }
            return code
        }
        let studentCode = code(.studentID, student)
        let courseCode = code(.courseCode, course)
        let occurrence = code(.occurrence, value(.occurrence))
        let componentCode = code(.component, component)

        let year = value(.academicYear)
        if year.isEmpty { report(.emptyYear) }

        let attemptText = value(.attempt)
        var attempt: Int?
        if attemptText.isEmpty {
            report(.emptyAttempt)
        } else if attemptText.utf8.count <= 3, attemptText.utf8.allSatisfy({ (48...57).contains($0) }),
            let number = Int(attemptText), attemptText == String(number)
        {
            attempt = number
        } else {
            report(.badAttempt(Quoted(attemptText)))
        }

        var mark: Int?
        var markOK = true
        if !markText.isEmpty && markText != "-" {
            switch Marks.parse(markText) {
            case .success(let parsed): mark = parsed
            case .failure(let problem):
                markOK = false
                report(problem)
            }
        }
        var flag: Flag?
        if !flagText.isEmpty {
            flag = Flag(rawValue: flagText.uppercased())
            if flag == nil { report(.badFlag(Quoted(flagText))) }
        }
        var entry: SitEntry?
        if markOK && (flagText.isEmpty || flag != nil) {
            switch (mark, flag) {
            case (let mark?, nil): entry = .mark(mark)
            case (nil, let flag?): entry = .flag(flag)
            case (nil, nil): report(.markMissing)
            case (let mark?, let flag?): report(.markWithFlag(mark: mark, flag: flag))
            }
        }

        var submittedOn: Day?
        if submittedText.isEmpty {
            report(.emptySubmittedOn)
        } else if let day = Day(submittedText) {
            submittedOn = day
        } else {
            report(.notADate(Column.submittedOn.rawValue, value: Quoted(submittedText)))
        }

        let languageText = value(.language)
        var language: Language? = .english
        if !languageText.isEmpty {
            language = Language(rawValue: languageText.lowercased())
            if language == nil { report(.badSheetLanguage(Quoted(languageText))) }
        }

        guard problems.isEmpty, let studentCode, let courseCode, let occurrence, let componentCode, let attempt,
            let entry, let submittedOn, let language
        else { return .rejected(RowProblems(findings: problems)) }
        return .sit(
            MarkRow(
                sheet: sheet, line: source.line, student: studentCode, course: courseCode, occurrence: occurrence,
                academicYear: year, component: componentCode, attempt: attempt, entry: entry,
                submittedOn: submittedOn, language: language, familyName: value(.familyName),
                givenNames: value(.givenNames)))
    }
}

/// What one row of a mark sheet is, once read.
public enum ParsedRow: Sendable {
    /// A sit with its result, to be presented.
    case sit(MarkRow)
    /// A blank row: mark, flag and submitted_on blank. Counted as blank, nothing else.
    case blank
    /// A row some field of which does not parse: rejected, with a finding for each such field.
    case rejected(RowProblems)
}

/// The reasons one row could not be read; the row is rejected once, whatever their number.
public struct RowProblems: Error, Sendable {
    public let findings: [Finding]
}

/// Whole marks 0–100 (SPEC §1.7).
public enum Marks {
    /// One to three digits, optionally followed by `.0` or `.00`: `67.00` is 67; `67.5` is refused.
    public static func parse(_ text: String) -> Result<Int, Message> {
        // A plain whole mark, as almost every row has, needs no splitting.
        if text.utf8.count <= 3, text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int(text), value <= 100 {
            return .success(value)
        }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let isDigits = { (part: Substring) in !part.isEmpty && part.utf8.allSatisfy { (48...57).contains($0) } }
        guard isDigits(whole), parts.count == 1 || isDigits(parts[1]) else {
            return .failure(.notAMark(Quoted(text)))
        }
        if parts.count == 2 && parts[1].contains(where: { $0 != "0" }) { return .failure(.markNotWhole(Quoted(text))) }
        guard whole.utf8.count <= 3, parts.count == 1 || parts[1].utf8.count <= 2, let value = Int(whole) else {
            return .failure(.markNotInForm(Quoted(text)))
        }
        guard value <= 100 else { return .failure(.markOutOfRange(Quoted(text))) }
        return .success(value)
    }
}

extension Message: Error {}
