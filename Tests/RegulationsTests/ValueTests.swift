import Testing

@testable import Regulations

@Suite("Day: ISO and UK dates (SPEC §1)")
struct DayTests {
    @Test(arguments: [
        ("2025-11-28", 2025, 11, 28),
        ("28/11/2025", 2025, 11, 28),
        ("2024-02-29", 2024, 2, 29),
        ("29/02/2024", 2024, 2, 29),
        ("2000-02-29", 2000, 2, 29),
        ("0001-01-01", 1, 1, 1),
        ("9999-12-31", 9999, 12, 31),
        ("15/05/2026", 2026, 5, 15),
        ("5/1/2026", 2026, 1, 5),
        ("05/1/2026", 2026, 1, 5),
        ("5/01/2026", 2026, 1, 5),
        ("1/12/2025", 2025, 12, 1),
    ])
    func validForms(_ text: String, _ year: Int, _ month: Int, _ day: Int) throws {
        let parsed = try #require(Day(text))
        #expect(parsed.year == year && parsed.month == month && parsed.day == day)
    }

    @Test(arguments: [
        "2025-02-29", "29/02/2025", "1900-02-29", "2025-13-01", "2025-00-10", "2025-01-00", "2025-04-31",
        "31/04/2026", "2025-1-01", "005/1/2026", "5/1/26", "5//2026", "/5/1/2026", "5/1/2026/", "5-1-2026", "",
        "2025-11-28T00:00", " 2025-11-28", "2025-11-28 ",
        "2025/11/28", "28-11-2025", "24.11.2025", "28/11/25", "2025-11-2x", "0000-01-01", "12/31/2025",
        "２０２５-11-28",
    ])
    func invalidForms(_ text: String) {
        #expect(Day(text) == nil)
    }

    @Test func ukAndISOFormsAreTheSameDay() {
        #expect(Day("11/12/2025") == Day("2025-12-11"))
        #expect(Day("11/12/2025") != Day("2025-11-12"))
    }

    @Test(arguments: [
        ("2025-12-11", "2025-12-10"),
        ("2026-03-01", "2026-02-28"),
        ("2024-03-01", "2024-02-29"),
        ("2000-03-01", "2000-02-29"),
        ("2100-03-01", "2100-02-28"),
        ("2026-01-01", "2025-12-31"),
        ("2026-05-01", "2026-04-30"),
        ("2026-08-01", "2026-07-31"),
        ("2026-02-19", "2026-02-18"),
    ])
    func previous(_ text: String, _ expected: String) throws {
        let day = try #require(Day(text))
        #expect(day.previous.description == expected)
        #expect(day.previous < day)
    }

    @Test func ordering() throws {
        let texts = ["2026-07-23", "2025-12-11", "2026-02-19", "2025-12-10", "2026-06-18", "2025-01-31", "2024-12-31"]
        let days = texts.compactMap { Day($0) }
        #expect(days.count == texts.count)
        #expect(
            days.sorted().map(\.description) == [
                "2024-12-31", "2025-01-31", "2025-12-10", "2025-12-11", "2026-02-19", "2026-06-18", "2026-07-23",
            ])
        let december = try #require(Day("2025-12-31"))
        let january = try #require(Day("2026-01-01"))
        #expect(december < january && !(january < december) && !(december < december))
    }

    @Test(arguments: ["2025-11-28", "0001-01-01", "2024-02-29", "0999-09-09", "9999-12-31"])
    func descriptionRoundTrips(_ text: String) throws {
        let day = try #require(Day(text))
        #expect(day.description == text)
        #expect(Day(day.description) == day)
    }

    @Test func ukFormIsWrittenAsISO() {
        #expect(Day("05/01/2026")?.description == "2026-01-05")
    }

    @Test func memberwiseValidation() {
        #expect(Day(year: 2025, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 0, month: 1, day: 1) == nil)
        #expect(Day(year: 2025, month: 12, day: 32) == nil)
    }
}

@Suite("Code: validated, upper-cased codes (SPEC §1)")
struct CodeTests {
    @Test(arguments: ["A", "MC4002", "mc4002", "abcdefghijkl", "ABC-DEF_123", "001", "-", "_"])
    func valid(_ text: String) throws {
        let code = try #require(Code(text))
        #expect(code.description == text.uppercased())
    }

    @Test(arguments: [
        "", "abcdefghijklm", "MC 4002", "MC4002.", "MC/4002", "Llŷr", "ÉCOLE", "MC,1", "\"MC\"", " MC", "MC\t",
        "MC4002\n", "MC:1", "MC@1", "MC[1", "MC`1", "MC{1", "abcdefghijk\u{7F}",
    ])
    func invalid(_ text: String) {
        #expect(Code(text) == nil)
    }

    @Test func twelveCharactersIsTheLimit() {
        #expect(Code(String(repeating: "9", count: 12)) != nil)
        #expect(Code(String(repeating: "9", count: 13)) == nil)
    }

    @Test func equalityIgnoresCase() {
        #expect(Code("mc4002") == Code("MC4002"))
        #expect(Code("sep") == Code("Sep"))
        #expect(Code("mc4002")?.hashValue == Code("MC4002")?.hashValue)
        #expect(Set([Code("jan")!, Code("JAN")!, Code("Jan")!]).count == 1)
        #expect(Code("MC4002") != Code("MC4003"))
    }

    /// A deadline's key hashes its codes alone; keys of the same codes in two years are still two keys.
    @Test func deadlinesOfTwoYearsAreTwoKeys() {
        let key = { (year: String) in
            Register.DeadlineKey(
                course: Code("MC4002")!, occurrence: Code("SEP")!, academicYear: year, component: Code("001")!)
        }
        let deadlines = [key("2024/25"): Day("2024-11-28")!, key("2025/26"): Day("2025-11-28")!]
        #expect(deadlines.count == 2)
        #expect(deadlines[key("2025/26")] == Day("2025-11-28"))
        #expect(deadlines[key("2023/24")] == nil)
    }

    @Test func orderIsByUpperCasedText() {
        let codes = ["mc4002", "CE3005", "at0001", "MC3001"].compactMap { Code($0) }
        #expect(codes.sorted().map(\.description) == ["AT0001", "CE3005", "MC3001", "MC4002"])
    }

    /// Codes order, equal and print exactly as their upper-cased text does: prefixes, `-` and `_` beside
    /// digits and letters, twelve-character codes that differ only in their last bytes. decisions.csv
    /// puts enrolments in order by course, occurrence and student, then year.
    @Test(arguments: 1...5)
    func codesOrderAsTheirText(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let alphabet = Array("AB09-_Zz")
        func text() -> String {
            let length = [1, 2, 7, 8, 9, 11, 12][Int(random.next() % 7)]
            return String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
        }
        let texts = (0..<500).map { _ in text() } + ["ABCDEFGHIJK", "ABCDEFGHIJK0", "ABCDEFGHIJKL", "ABCDEFGH"]
        let codes = texts.map { Code($0)! }
        for (code, text) in zip(codes, texts) { #expect(code.description == text.uppercased()) }
        for (lhs, rhs) in zip(codes, codes.shuffled(using: &random)) {
            #expect((lhs < rhs) == (lhs.description < rhs.description))
            #expect((lhs == rhs) == (lhs.description == rhs.description))
        }
        let keys = (0..<2_000).map { _ in
            EnrolmentKey(
                student: codes.randomElement(using: &random)!, course: codes.randomElement(using: &random)!,
                occurrence: codes.randomElement(using: &random)!,
                academicYear: ["2025/26", "2024/25"].randomElement(using: &random)!)
        }
        let all = Array(Set(keys))
        let byText = all.sorted {
            [$0.course.description, $0.occurrence.description, $0.student.description, $0.academicYear]
                .lexicographicallyPrecedes(
                    [$1.course.description, $1.occurrence.description, $1.student.description, $1.academicYear])
        }
        #expect(all.sorted() == byText)
    }

    /// A code read from a sheet's field is valid exactly when its text is 1-12 of `A-Z a-z 0-9 - _`.
    @Test(arguments: [
        "MC4002", "mc4002", "Mc4002", "001", "A", "ABCDEFGHIJKL", "abcdefghijkl", "ABCDEFGHIJKLM", "", "A-B_C",
        "a b", " MC4002", "MC4002 ", "MC40.2", "Siân", "ÀB", "K\u{212A}", "12345678", "123456789", "0",
        "-", "_", "z9", "Z9", "MC4002\0",
    ])
    func aCodeIsValidExactlyWhenItsBytesAre(_ text: String) {
        let isCode =
            text.utf8.count <= 12 && !text.isEmpty
            && text.utf8.allSatisfy {
                (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
                    || $0 == UInt8(ascii: "_")
            }
        #expect((Code(text) != nil) == isCode)
        #expect(Code(text)?.description == (isCode ? text.uppercased() : nil))
        #expect(Code(text[...]) == Code(text), "a substring reads as its string")
    }
}

/// A mark cell and what SPEC §1.7 makes of it.
struct MarkCase: CustomTestStringConvertible, Sendable {
    let text: String
    let expected: Expected

    enum Expected: Sendable {
        case success(Int)
        case failure(FindingCode)
    }

    var testDescription: String {
        switch expected {
        case .success(let value): "\"\(text)\" is \(value)"
        case .failure(let code): "\"\(text)\" is \(code.rawValue)"
        }
    }

    static func value(_ text: String, _ value: Int) -> MarkCase { MarkCase(text: text, expected: .success(value)) }
    static func error(_ text: String, _ code: FindingCode) -> MarkCase {
        MarkCase(text: text, expected: .failure(code))
    }
}

@Suite("Marks: whole numbers 0-100 (SPEC §1.7)")
struct MarksTests {
    @Test(arguments: [
        MarkCase.value("0", 0), .value("7", 7), .value("67", 67), .value("100", 100), .value("67.0", 67),
        .value("67.00", 67), .value("067", 67), .value("000", 0), .value("100.0", 100), .value("100.00", 100),
        .value("58.00", 58), .value("0.0", 0),
        .error("67.5", .markNotWhole), .error("67.50", .markNotWhole), .error("67.05", .markNotWhole),
        .error("101", .markOutOfRange), .error("999", .markOutOfRange), .error("101.0", .markOutOfRange),
        // Not one to three digits, optionally followed by .0 or .00: not a mark at all.
        .error("-1", .badMark), .error("abc", .badMark), .error("", .badMark), .error("6 7", .badMark),
        .error("1e2", .badMark), .error("67.000", .badMark), .error("1000", .badMark), .error("0067", .badMark),
        .error("67.", .badMark), .error(".5", .badMark), .error("+67", .badMark), .error("67,0", .badMark),
        .error("67.0.0", .badMark), .error("٦٧", .badMark), .error("67%", .badMark), .error("-", .badMark),
    ])
    func parse(_ testCase: MarkCase) {
        let result = Marks.parse(testCase.text)
        switch (result, testCase.expected) {
        case (.success(let value), .success(let expected)):
            #expect(value == expected)
        case (.failure(let problem), .failure(let expected)):
            #expect(problem.code == expected)
            #expect(problem.description.contains("\"\(testCase.text)\"") || problem.description.contains(testCase.text))
        case (.success(let value), .failure(let expected)):
            Issue.record("accepted as \(value); expected \(expected.rawValue)")
        case (.failure(let problem), .success(let expected)):
            Issue.record("refused with \(problem.code.rawValue): \(problem); expected \(expected)")
        }
    }

    @Test func everyWholeMarkParses() {
        for mark in 0...100 {
            #expect((try? Marks.parse(String(mark)).get()) == mark)
            #expect((try? Marks.parse("\(mark).0").get()) == mark)
            #expect((try? Marks.parse("\(mark).00").get()) == mark)
        }
    }
}

/// A finding is a value: a copy changed leaves the original as it was.
@Suite struct FindingValueTests {
    static let finding = Finding(
        .notAMark("abc"), at: SourceLine(file: "marks/a.csv", line: 3), student: "S1", course: "MC4002",
        component: "001")

    static var texts: [String: WritableKeyPath<Finding, String>] {
        ["file": \.file, "student": \.student, "course": \.course, "component": \.component]
    }

    @Test(arguments: ["file", "student", "course", "component"])
    func changingACopysTextLeavesTheOriginal(_ name: String) throws {
        let text = try #require(Self.texts[name])
        var changed = Self.finding
        changed[keyPath: text] = "changed"
        #expect(changed[keyPath: text] == "changed")
        #expect(Self.finding[keyPath: text] != "changed")
        #expect(changed != Self.finding)
        for (other, path) in Self.texts where other != name {
            #expect(changed[keyPath: path] == Self.finding[keyPath: path])
        }
    }

    @Test func changingACopysMessageLeavesTheOriginal() {
        var changed = Self.finding
        changed.message = .markOutOfRange("101")
        #expect(changed.code == .markOutOfRange)
        #expect(Self.finding.code == .badMark)
        #expect(Self.finding.message.description.contains("\"abc\""))
    }

    @Test func findingsMadeApartWithTheSameValuesAreEqual() {
        let again = Finding(
            .notAMark("abc"), at: SourceLine(file: "marks/a.csv", line: 3), student: "S1", course: "MC4002",
            component: "001")
        #expect(again == Self.finding)
        #expect(again.hashValue == Self.finding.hashValue)
        #expect(Set([again, Self.finding]).count == 1)
        #expect(again.source == SourceLine(file: "marks/a.csv", line: 3))
    }
}
