import Testing

@testable import Regulations

/// A message, and the code and severity README.md's table of exception codes gives it.
struct MessageCase: CustomTestStringConvertible, Sendable {
    let message: Message
    let code: FindingCode
    let severity: Severity

    init(_ message: Message, _ code: FindingCode, _ severity: Severity = .error) {
        self.message = message
        self.code = code
        self.severity = severity
    }

    var testDescription: String { "\(code.rawValue): \(message)" }
}

@Suite("Messages: every one in one place, with the code and severity of the exception-code table")
struct MessageTests {
    static let day = Day("2025-12-11")!
    static let mc4002 = Code("MC4002")!
    static let c001 = Code("001")!
    static let deadline = Register.DeadlineKey(
        course: mc4002, occurrence: Code("SEP")!, academicYear: "2025/26", component: c001)

    /// Every case of `Message`, as README.md's "Exception codes" lists its code and severity.
    static let table: [MessageCase] = [
        // The file as CSV.
        MessageCase(.fileUnreadable(reason: "No such file or directory"), .fileUnreadable),
        MessageCase(.csvUnterminatedQuote, .csvBroken),
        MessageCase(.csvBrokenStructure, .csvBroken),
        MessageCase(.emptyFile(table: "mark sheet", required: ["student_id", "mark"]), .emptyFile),
        MessageCase(.tooManyRows(limit: 1_000_000, table: "mark sheet"), .tooManyRows),
        MessageCase(.headerNotUTF8, .notUTF8),
        MessageCase(.duplicateColumn("student_id"), .duplicateColumn),
        MessageCase(
            .missingColumn("mark", found: ["student_id"], table: "mark sheet", required: ["student_id", "mark"]),
            .missingColumn),
        MessageCase(.unknownColumns(["Shoe Size"], table: "mark sheet"), .unknownColumn, .note),
        MessageCase(.fewerFields(2, header: 3), .fieldCount),
        MessageCase(.textBeyondHeader(field: 4, header: 3), .fieldCount),
        MessageCase(.notUTF8(column: "family_name"), .notUTF8),
        MessageCase(.outsideBoardFolder(marks: "marks", boards: [day], rows: 2), .outsideBoardFolder),
        MessageCase(.notASheet, .notASheet, .warning),
        // Sheets as Excel and other programs write them.
        MessageCase(.encodingWindows1252, .encodingWindows1252, .warning),
        MessageCase(.encodingUTF16, .encodingUTF16),
        MessageCase(.workbookNamedCSV(oldFormat: false), .notCSVWorkbook),
        MessageCase(.workbookNamedCSV(oldFormat: true), .notCSVWorkbook),
        MessageCase(.wrongSeparator("semicolons"), .wrongSeparator),
        MessageCase(.emptySheet, .emptySheet, .warning),
        MessageCase(.brokenWorkbook(reason: "the workbook is damaged"), .brokenWorkbook),
        // One field.
        MessageCase(.emptyField("title"), .missingValue),
        MessageCase(.emptyInRow("student_id"), .missingValue),
        MessageCase(.emptyYear, .missingValue),
        MessageCase(.emptyAttempt, .missingValue),
        MessageCase(.emptySubmittedOn, .missingValue),
        MessageCase(.notACode("course_code", value: "MC 4002"), .badCode),
        MessageCase(.notADate("deadline", value: "2025-13-01"), .badDate),
        MessageCase(.notANumber("credits", value: "ten", range: 0...999), .badNumber),
        MessageCase(.notAMark("abc"), .badMark),
        MessageCase(.markNotWhole("67.5"), .markNotWhole),
        MessageCase(.markNotInForm("67.000"), .badMark),
        MessageCase(.markOutOfRange("101"), .markOutOfRange),
        MessageCase(.badAttempt("one"), .badAttempt),
        MessageCase(.badFlag("X"), .badFlag),
        MessageCase(.badSheetLanguage("fr"), .badLanguage),
        MessageCase(.badEnrolmentLanguage("fr"), .badLanguage),
        MessageCase(.badResitCap("maybe"), .badValue),
        MessageCase(.badSPRCode("=1/1"), .badValue),
        MessageCase(.badStatus("left"), .badValue),
        MessageCase(.badAttendance("87.555"), .badNumber),
        MessageCase(.unknownType("evening-class"), .unknownType),
        MessageCase(.markMissing, .markMissing),
        MessageCase(.markWithFlag(mark: 55, flag: .absent), .markWithFlag),
        // Rows presented at a board.
        MessageCase(.outsideEnrolmentYear(rowYear: "2024/25", boardYear: "2025/26", board: day), .outsideEnrolmentYear),
        MessageCase(
            .unknownEnrolment(student: Code("A")!, course: mc4002, occurrence: Code("JAN")!, year: "2025/26"),
            .unknownEnrolment),
        MessageCase(
            .unknownEnrolmentZerosDropped(
                student: Code("123")!, enrolled: Code("00123")!, course: mc4002, occurrence: Code("SEP")!),
            .unknownEnrolment),
        MessageCase(
            .nameMismatch(column: "family_name", written: "Roberts", enrolled: "Jones", student: Code("A")!),
            .nameMismatch),
        MessageCase(
            .componentCodePadded(written: Code("1")!, readAs: c001, course: mc4002), .componentCodePadded, .warning),
        MessageCase(.attendanceCourse(Code("ATT101")!), .attendanceCourse),
        MessageCase(.unknownComponent(Code("003")!, course: mc4002, components: [c001]), .unknownComponent),
        MessageCase(.attemptNotAllowed(3), .attemptNotAllowed),
        MessageCase(.submittedAfterBoard(day, board: day), .submittedAfterBoard),
        MessageCase(.studentWithdrawn(student: Code("A")!, course: mc4002, on: day), .studentWithdrawn),
        MessageCase(.alreadyConcluded(outcome: .pass, board: day), .alreadyConcluded),
        MessageCase(.resitNotOpen(c001), .resitNotOpen),
        MessageCase(.firstSitAlreadyCounted(c001), .firstSitAlreadyCounted),
        MessageCase(.submittedBeforeOpened(day, opened: day, attempt: 2), .submittedBeforeOpened),
        MessageCase(.conflict(component: c001, attempt: 1, rows: ["mark 52 at a.csv:2"], more: 0), .conflict),
        MessageCase(.duplicate(of: "a.csv", line: 2, entry: .mark(67)), .duplicate, .warning),
        MessageCase(.lateSubmission(submitted: day, deadline: day, mark: 65), .lateSubmission, .warning),
        MessageCase(
            .marksOverdue(sit: "mark", component: c001, title: "Portfolio", due: day, lastBoard: false), .marksOverdue,
            .warning),
        // Sheets submitted through the service.
        MessageCase(.notYourCourse(Code("CE3005")!), .notYourCourse),
        MessageCase(
            .notThisSheet(
                course: Code("CE3005")!, occurrence: Code("JAN")!, sheetCourse: mc4002, sheetOccurrence: Code("SEP")!),
            .notThisSheet),
        // The register, deadlines and enrolments.
        MessageCase(.duplicateCourse(mc4002, firstLine: 2), .duplicateKey),
        MessageCase(.duplicateComponent(c001, course: mc4002, firstLine: 2), .duplicateKey),
        MessageCase(
            .duplicateDeadline(
                course: mc4002, occurrence: Code("SEP")!, year: "2025/26", component: c001, firstLine: 2),
            .duplicateKey),
        MessageCase(
            .duplicateEnrolment(
                student: Code("A")!, course: mc4002, occurrence: Code("SEP")!, year: "2025/26", firstLine: 2),
            .duplicateKey),
        MessageCase(.courseNotOnRegister(mc4002), .unknownCourse),
        MessageCase(.enrolmentCourseNotOnRegister(mc4002), .unknownCourse),
        MessageCase(.componentNotOfCourse(c001, course: mc4002), .unknownComponent),
        MessageCase(
            .componentsOnAttendanceCourse(course: Code("ATT101")!, component: c001), .componentsOnAttendanceCourse,
            .warning),
        MessageCase(.weightsNot100(course: mc4002, components: [c001], weights: [90]), .weightsNot100),
        MessageCase(.noComponents(mc4002), .noComponents),
        MessageCase(
            .noDeadline(course: mc4002, occurrence: Code("SEP")!, year: "2025/26", component: c001), .noDeadline),
        MessageCase(.withdrawnWithoutDate, .withdrawnWithoutDate),
        MessageCase(.creditsBelowMicroCredentialNorm(mc4002, credits: 15), .creditsOutsideNorm, .warning),
        MessageCase(.creditsOutsideNorm(mc4002, credits: 70, type: .microCredential), .creditsOutsideNorm),
        MessageCase(.noProfessionalBody(mc4002), .noProfessionalBody),
        MessageCase(.noExternalExaminerForMicroCredential(mc4002), .noExternalExaminer, .warning),
        MessageCase(.noExternalExaminerAtLevel(mc4002, level: 5), .noExternalExaminer, .warning),
        MessageCase(
            .deadlineOutsideYear(deadline, deadline: day, year: "2025/26", starts: day, ends: day),
            .deadlineOutsideYear, .warning),
        MessageCase(
            .deadlineAfterLastBoard(deadline, deadline: day, lastBoard: day, year: "2025/26"), .deadlineAfterLastBoard,
            .warning),
        MessageCase(
            .attendanceNotRecorded(student: Code("A")!, course: Code("ATT101")!), .attendanceNotRecorded, .warning),
    ]

    @Test(arguments: table)
    func aMessageHasTheCodeAndSeverityOfTheTable(_ item: MessageCase) {
        #expect(item.message.code == item.code)
        #expect(item.message.severity == item.severity)
        let finding = Finding(item.message, at: SourceLine(file: "a.csv", line: 3))
        #expect(finding.code == item.code && finding.severity == item.severity)
        #expect(finding.compilerStyle == "a.csv:3: \(item.severity.rawValue): \(item.message.description)")
    }

    @Test(arguments: table)
    func aMessageIsOneLineOfWords(_ item: MessageCase) {
        let text = item.message.description
        #expect(!text.isEmpty)
        #expect(text.trimmingSpaces == text, "\(text)")
        #expect(!text.contains("\n"), "\(text)")
    }

    /// A message packed, as a run holds its findings, and unpacked is the message it was, every byte read.
    @Test(arguments: table)
    func aMessagePackedIsTheMessageUnpacked(_ item: MessageCase) {
        var packed = Packed()
        item.message.pack(into: &packed)
        var bytes = Unpacking(packed, at: 0)
        #expect(Message.unpack(from: &bytes) == item.message)
        #expect(bytes.offset == packed.bytes.count)
    }

    /// Each case is packed under a number of its own, and the table above has an example of every one.
    @Test func everyCaseIsPackedUnderItsOwnNumber() {
        let numbers = Self.table.map { item in
            var packed = Packed()
            item.message.pack(into: &packed)
            return packed.bytes[0]
        }
        #expect(Set(numbers) == Set(0..<UInt8(Message.packedCases)))
    }

    /// Every code of exceptions.csv is reported by some message, so the table above covers them all.
    @Test func everyFindingCodeHasAMessage() {
        #expect(Set(Self.table.map(\.code)) == Set(FindingCode.allCases))
    }

    /// A row rule's message carries the rule's own identifier as its code (SwiftLint's rule identifier).
    @Test(arguments: RowRules.all.map { $0.identifier })
    func aRowRulesRejectionsCarryItsIdentifier(_ identifier: FindingCode) throws {
        let rule = try #require(RowRules.all.first { $0.identifier == identifier })
        for example in rule.examples where example.rejected {
            var row = WorkedExample.row
            var presentation = WorkedExample.presentation
            example.change(&row, &presentation)
            let checked = rule.check(row, presentation)
            let message = try #require(checked, sourceLocation: example.location.sourceLocation)
            #expect(message.code == identifier, sourceLocation: example.location.sourceLocation)
            #expect(message.severity == .error, sourceLocation: example.location.sourceLocation)
        }
    }

    /// OUTSIDE_BOARD_FOLDER is worded once, for `board check` and `board run` alike: the folder to move the
    /// sheet into, the boards it may be, the rows it holds, and the option that names the board.
    @Test func aSheetOutsideABoardFolderIsToldWhereToGo() {
        let boards = ["2025-12-11", "2026-02-19"].map { Day($0)! }
        let one = Message.outsideBoardFolder(marks: "marks", boards: boards, rows: 1).description
        let many = Message.outsideBoardFolder(marks: "marks", boards: boards, rows: 3).description
        #expect(one.contains("marks/<board date>/") && one.contains("2025-12-11, 2026-02-19"), "\(one)")
        #expect(one.contains("its 1 row;") && many.contains("its 3 rows;"), "\(one) / \(many)")
        #expect(one.contains("--board DATE"))
    }

    /// Messages that quote a value quote it whole, so a course leader can find it in the sheet.
    @Test(arguments: [
        (Message.notAMark("6 7"), "\"6 7\""), (.markNotWhole("67.5"), "\"67.5\""), (.badFlag("Q"), "\"Q\""),
        (.notACode("student_id", value: "2265 5425"), "\"2265 5425\""), (.notADate("deadline", value: "x"), "\"x\""),
        (.unknownColumns(["Shoe Size", "notes"], table: "t"), "\"Shoe Size\", \"notes\""),
        (.fewerFields(2, header: 3), "2 fields but the header has 3"),
        (.textBeyondHeader(field: 4, header: 3), "field 4 of this row holds text, beyond the header's 3 columns"),
        (.notUTF8(column: "comment"), "column \"comment\""),
    ])
    func aMessageQuotesItsValue(_ message: Message, _ quoted: String) {
        #expect(message.description.contains(quoted), "\(message.description)")
    }
}
