import Testing

@testable import Regulations

/// A change to student A's sheet row and the finding codes SPEC §1.7 makes of it (empty: it parses).
struct RowCase: CustomTestStringConvertible, Sendable {
    let name: String
    let changes: [MarkRow.Column: String]
    let codes: [FindingCode]

    var testDescription: String { name }

    init(_ name: String, _ changes: [MarkRow.Column: String], _ codes: [FindingCode] = []) {
        self.name = name
        self.changes = changes
        self.codes = codes
    }
}

@Suite("MarkRow.parse: the fields of a mark sheet row (SPEC §1.7)")
struct MarkRowTests {
    static let cases: [RowCase] = [
        RowCase("a mark and no flag", [:]),
        RowCase("NS with no mark", [.mark: "", .flag: "NS"]),
        RowCase("AB with no mark", [.mark: "", .flag: "AB"]),
        RowCase("DEF with no mark", [.mark: "", .flag: "DEF"]),
        RowCase("flag in lower case", [.mark: "", .flag: "ns"]),
        RowCase("flag in mixed case", [.mark: "", .flag: "Def"]),
        RowCase("'-' as the mark with a flag", [.mark: "-", .flag: "ab"]),
        RowCase("mark 67.00", [.mark: "67.00"]),
        RowCase("mark 0", [.mark: "0"]),
        RowCase("attempt 2", [.attempt: "2"]),
        RowCase("attempt 3 parses; the single-resit rule rejects it later", [.attempt: "3"]),
        RowCase("a UK date", [.submittedOn: "20/11/2025"]),
        RowCase("language en", [.language: "en"]),
        RowCase("language cy", [.language: "cy"]),
        RowCase("language CY", [.language: "CY"]),
        RowCase("lower-case codes", [.studentID: "ab12", .courseCode: "mc4002", .occurrence: "sep"]),
        RowCase("a comment with commas, quotes and a line break", [.comment: "Good, \"clear\"\nwork"]),
        // Quoted fields keep their spaces (libcsv trims unquoted ones before parse sees them).
        RowCase(
            "quoted fields with surrounding spaces", [.studentID: " 22655425 ", .mark: " 70 ", .attempt: " 1 "],
            [.badCode, .badMark, .badAttempt]),

        RowCase("no mark and no flag", [.mark: ""], [.markMissing]),
        RowCase("'-' as the mark and no flag", [.mark: "-"], [.markMissing]),
        RowCase("a mark with NS", [.flag: "NS"], [.markWithFlag]),
        RowCase("a mark with DEF", [.mark: "0", .flag: "def"], [.markWithFlag]),
        RowCase("an unknown flag", [.mark: "", .flag: "X"], [.badFlag]),
        RowCase("'-' as the flag", [.flag: "-"], [.badFlag]),
        RowCase("mark 67.5", [.mark: "67.5"], [.markNotWhole]),
        RowCase("mark 101", [.mark: "101"], [.markOutOfRange]),
        RowCase("mark abc", [.mark: "abc"], [.badMark]),
        RowCase("a bad mark and a bad flag", [.mark: "abc", .flag: "Q"], [.badMark, .badFlag]),
        RowCase("attempt one", [.attempt: "one"], [.badAttempt]),
        RowCase("attempt 1.0", [.attempt: "1.0"], [.badAttempt]),
        RowCase("attempt -1", [.attempt: "-1"], [.badAttempt]),
        RowCase("attempt empty", [.attempt: ""], [.missingValue]),
        RowCase("submitted_on 24.11.2025", [.submittedOn: "24.11.2025"], [.badDate]),
        RowCase("submitted_on 2025-02-29", [.submittedOn: "2025-02-29"], [.badDate]),
        RowCase("submitted_on empty", [.submittedOn: ""], [.missingValue]),
        RowCase("language fr", [.language: "fr"], [.badLanguage]),
        RowCase("language welsh", [.language: "welsh"], [.badLanguage]),
        RowCase("student_id empty", [.studentID: ""], [.missingValue]),
        RowCase("course_code empty", [.courseCode: ""], [.missingValue]),
        RowCase("occurrence empty", [.occurrence: ""], [.missingValue]),
        RowCase("component empty", [.component: ""], [.missingValue]),
        RowCase("academic_year empty", [.academicYear: ""], [.missingValue]),
        // A year of any length is read; the row rules judge it (OUTSIDE_ENROLMENT_YEAR), not the parser.
        RowCase("academic_year of 15 characters", [.academicYear: "2025/26-2026/27"]),
        RowCase("academic_year of 16 characters", [.academicYear: "2025/26-2026/27x"]),
        RowCase("academic year with a space", [.academicYear: "2025 26"]),
        RowCase("a flag in capitals with '-' as the mark", [.mark: "-", .flag: "DEF"]),
        RowCase("mark 100", [.mark: "100"]),
        RowCase("mark 007", [.mark: "007"]),
        RowCase("attempt 0 parses; the single-resit rule rejects it later", [.attempt: "0"]),
        RowCase("attempt 12", [.attempt: "12"]),
        RowCase("attempt 1000", [.attempt: "1000"], [.badAttempt]),
        RowCase("a code of 12 characters", [.courseCode: "MC4002123456"]),
        RowCase("a code with '-' and '_'", [.component: "a-1_b"]),
        RowCase("language En", [.language: "En"]),
        RowCase("a UK date that does not exist", [.submittedOn: "31/04/2026"], [.badDate]),
        RowCase("a code that is not ASCII", [.studentID: "2265é"], [.badCode]),
        RowCase("a student id with a space", [.studentID: "2265 5425"], [.badCode]),
        RowCase("a course code of 13 characters", [.courseCode: "MC40021234567"], [.badCode]),
        RowCase("a component with a dot", [.component: "00.1"], [.badCode]),
        RowCase(
            "several problems in one row",
            [.studentID: "", .mark: "67.5", .submittedOn: "tomorrow", .language: "fr", .attempt: "x"],
            [.missingValue, .badAttempt, .markNotWhole, .badDate, .badLanguage]),
    ]

    @Test(arguments: cases)
    func parse(_ testCase: RowCase) {
        let result = SheetRow().with(testCase.changes).parse(line: 7)
        switch result {
        case .success(let row):
            #expect(testCase.codes.isEmpty, "parsed, but expected \(testCase.codes.map(\.rawValue))")
            #expect(row.sheet == SheetRow.sheet && row.line == 7)
        case .failure(let problems):
            #expect(
                problems.findings.map(\.code).sorted { $0.rawValue < $1.rawValue }
                    == testCase.codes.sorted { $0.rawValue < $1.rawValue },
                "\(problems.findings.map(\.message))")
            for finding in problems.findings {
                #expect(finding.severity == .error)
                #expect(finding.file == "sheet.csv" && finding.line == 7)
                #expect(!finding.message.description.isEmpty)
            }
        }
    }

    @Test func theParsedRowHoldsEveryField() throws {
        let row = try SheetRow().with([
            .studentID: "ab12", .courseCode: "mc4002", .occurrence: "sep", .component: "002", .attempt: "2",
            .mark: "58.00", .submittedOn: "18/02/2026", .language: "CY", .comment: "resit, \"late\"",
        ]).parse().get()
        #expect(row.student.description == "AB12")
        #expect(row.course.description == "MC4002")
        #expect(row.occurrence.description == "SEP")
        #expect(row.academicYear.description == "2025/26")
        #expect(row.component.description == "002")
        #expect(row.attempt == 2)
        #expect(row.entry == .mark(58))
        #expect(row.submittedOn.description == "2026-02-18")
        #expect(row.language == .welsh)
        #expect(row.enrolment.student == Code("ab12"))
    }

    @Test(arguments: MarkRow.Column.allCases.enumerated().map { ($0.offset, $0.element) })
    func eachColumnKnowsItsPosition(position: Int, column: MarkRow.Column) {
        #expect(column.position == position)
    }

    @Test func blankLanguageIsEnglish() throws {
        #expect(try SheetRow().parse().get().language == .english)
    }

    @Test(arguments: [("ns", Flag.nonSubmission), ("Ab", .absent), ("DEF", .deferral), ("def", .deferral)])
    func flagsAreCaseInsensitive(_ text: String, _ flag: Flag) throws {
        let row = try SheetRow().with([.mark: "-", .flag: text]).parse().get()
        #expect(row.entry == .flag(flag))
    }

    @Test func findingsNameTheRowAndTheValue() throws {
        let problems = try #require(
            SheetRow().with([.mark: "67.5", .submittedOn: "24.11.2025"]).parse().failure)
        #expect(
            problems.findings.allSatisfy { $0.student == "22655425" && $0.course == "MC4002" && $0.component == "001" })
        #expect(problems.findings.contains { $0.message.description.contains("67.5") })
        #expect(problems.findings.contains { $0.message.description.contains("24.11.2025") })
    }

    /// An academic year is read as written, whatever its length, and judged by the row rules (SPEC §2.1):
    /// a year that is not the board's is OUTSIDE_ENROLMENT_YEAR, however long.
    @Test(arguments: [
        "2025/26", "2025/26-2026/27", "2025/26-2026/27x", "academic year 2025 to 2026", "ä", "2025/26 Ŵ",
        String(repeating: "2025/26 ", count: 40),
    ])
    func anAcademicYearOfAnyLengthIsReadAndJudgedByTheRules(_ year: String) throws {
        let row = try SheetRow().with([.academicYear: year]).parse().get()
        #expect(row.academicYear == year)
        #expect(row.enrolment.academicYear == year)
        let screening = Screening.screen([row], at: SpecFixture.presentation)
        if year == SpecFixture.year {
            #expect(screening.counted.count == 1 && screening.findings.isEmpty)
        } else {
            #expect(screening.findings.map(\.code) == [.outsideEnrolmentYear])
            #expect(
                screening.findings.first?.message
                    == .outsideEnrolmentYear(rowYear: Quoted(year), boardYear: "2025/26", board: SpecFixture.firstBoard)
            )
        }
    }

    @Test func requiredColumnsAreThoseOfTheSpec() {
        #expect(
            Set(MarkRow.Column.allCases.filter(\.isRequired).map(\.rawValue)) == [
                "student_id", "course_code", "occurrence", "academic_year", "component", "attempt", "submitted_on",
            ])
        #expect(
            Set(MarkRow.Column.allCases.filter { !$0.isRequired }.map(\.rawValue)) == [
                "mark", "flag", "language", "comment", "family_name", "given_names", "component_title", "due",
                "weight",
            ])
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}
