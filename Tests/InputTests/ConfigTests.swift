import Foundation
import Regulations
import Testing

@testable import Input

/// One way to break the fixture's `board.toml`, and the key the refusal must name (SPEC §1.1).
struct BrokenConfigCase: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let replace: String
    let with: String
    let key: String

    static let boards = "boards = [2025-12-11, 2026-02-19, 2026-06-18, 2026-07-23]"
    static func secondYear(_ code: String, _ starts: String) -> String {
        "\(boards)\n\n[[academic_years]]\ncode = \"\(code)\"\nstarts = \(starts)\nends = 2027-07-31\nboards = [2026-12-10]"
    }

    static let all: [BrokenConfigCase] = [
        BrokenConfigCase(
            testDescription: "a board after the year ends", replace: boards,
            with: "boards = [2025-12-11, 2026-02-19, 2026-06-18, 2026-08-23]", key: "academic_years[0].boards[3]"),
        BrokenConfigCase(
            testDescription: "a board before the year starts", replace: boards,
            with: "boards = [2025-07-11, 2026-02-19]", key: "academic_years[0].boards[0]"),
        BrokenConfigCase(
            testDescription: "boards out of order", replace: boards,
            with: "boards = [2025-12-11, 2026-06-18, 2026-02-19, 2026-07-23]", key: "academic_years[0].boards[2]"),
        BrokenConfigCase(
            testDescription: "the same board twice", replace: boards,
            with: "boards = [2025-12-11, 2025-12-11, 2026-07-23]", key: "academic_years[0].boards[1]"),
        BrokenConfigCase(
            testDescription: "a board that is not a date", replace: boards, with: "boards = [2025-12-11, \"soon\"]",
            key: "academic_years[0].boards[1]"),
        BrokenConfigCase(
            testDescription: "no boards", replace: boards, with: "boards = []", key: "academic_years[0].boards"),
        BrokenConfigCase(
            testDescription: "overlapping years", replace: boards, with: secondYear("2026/27", "2026-07-01"),
            key: "academic_years[1]"),
        BrokenConfigCase(
            testDescription: "a year code configured twice", replace: boards, with: secondYear("2025/26", "2026-08-01"),
            key: "academic_years[1].code"),
        BrokenConfigCase(
            testDescription: "ends before starts", replace: "ends = 2026-07-31", with: "ends = 2025-07-31",
            key: "academic_years[0].ends"),
        BrokenConfigCase(
            testDescription: "a year code that is not consecutive years", replace: "code = \"2025/26\"",
            with: "code = \"2025/27\"", key: "academic_years[0].code"),
        BrokenConfigCase(
            testDescription: "pass_mark 101", replace: "pass_mark = 40", with: "pass_mark = 101",
            key: "policy.pass_mark"),
        BrokenConfigCase(
            testDescription: "pass_mark \"forty\"", replace: "pass_mark = 40", with: "pass_mark = \"forty\"",
            key: "policy.pass_mark"),
        BrokenConfigCase(
            testDescription: "pass_mark_level7 -1", replace: "pass_mark_level7 = 50", with: "pass_mark_level7 = -1",
            key: "policy.pass_mark_level7"),
        BrokenConfigCase(
            testDescription: "resit_cap \"yes\"", replace: "resit_cap = true", with: "resit_cap = \"yes\"",
            key: "policy.resit_cap"),
        BrokenConfigCase(
            testDescription: "ayr_code \"2025-26\"", replace: "ayr_code = \"2025/6\"", with: "ayr_code = \"2025-26\"",
            key: "policy.ayr_code"),
        BrokenConfigCase(
            testDescription: "missing institution.name", replace: "name = \"Wrexham University\"\n", with: "",
            key: "institution.name"),
        BrokenConfigCase(
            testDescription: "an institution code with a space", replace: "code = \"WREX\"", with: "code = \"WREX U\"",
            key: "institution.code"),
        BrokenConfigCase(
            testDescription: "missing academic_years",
            replace: "[[academic_years]]\ncode = \"2025/26\"\nstarts = 2025-08-01\nends = 2026-07-31\n\(boards)",
            with: "",
            key: "academic_years"),
    ]
}

@Suite("board.toml")
struct ConfigTests {
    func loadError(_ text: String) throws -> ConfigError? {
        try withTemporaryFolder { folder -> ConfigError? in
            let path = try folder.write("board.toml", text)
            do throws(ConfigError) {
                _ = try BoardConfig.load(from: path)
                return nil
            } catch {
                return error
            }
        }
    }

    @Test("the SampleData-style config loads, with paths resolved against its folder")
    func validConfig() throws {
        try withTemporaryFolder { folder in
            let path = try folder.write("institution/board.toml", RegisterFixture().toml)
            let config = try BoardConfig.load(from: path)
            let base = folder.path + "/institution"
            #expect(config.institution.name == "Wrexham University")
            #expect(config.institution.nameWelsh == "Prifysgol Wrecsam")
            #expect(config.institution.code == Code("WREX"))
            #expect(config.folder == base)
            #expect(config.courses == base + "/register/courses.csv")
            #expect(config.components == base + "/register/components.csv")
            #expect(config.deadlines == base + "/register/deadlines.csv")
            #expect(config.enrolments == base + "/enrolments.csv")
            #expect(config.marks == base + "/marks")
            #expect(config.reports == folder.path + "/Reports")
            #expect(config.exports == folder.path + "/Reports/exports")
            #expect(config.relative(config.courses) == "register/courses.csv")
            let year = try #require(config.academicYears.first)
            #expect(config.academicYears.count == 1)
            #expect(year.code == "2025/26")
            #expect(year.starts == Day("2025-08-01"))
            #expect(year.ends == Day("2026-07-31"))
            #expect(year.boards == ["2025-12-11", "2026-02-19", "2026-06-18", "2026-07-23"].map { Day($0)! })
            #expect(config.year(ofBoard: Day("2026-02-19")!)?.code == "2025/26")
            #expect(config.year(ofBoard: Day("2026-02-20")!) == nil)
        }
    }

    @Test("policy values are read, not defaulted")
    func policyValues() throws {
        let text = RegisterFixture().toml
            .replacingOccurrences(of: "pass_mark = 40", with: "pass_mark = 45")
            .replacingOccurrences(of: "pass_mark_level7 = 50", with: "pass_mark_level7 = 55")
            .replacingOccurrences(of: "resit_cap = true", with: "resit_cap = false")
            .replacingOccurrences(of: "attendance_threshold = 80", with: "attendance_threshold = 75")
            .replacingOccurrences(of: "ayr_code = \"2025/6\"", with: "ayr_code = \"25/26\"")
            .replacingOccurrences(
                of: "courses = \"register/courses.csv\"", with: "courses = \"/srv/register/courses.csv\"")
        try withTemporaryFolder { folder in
            let config = try BoardConfig.load(from: try folder.write("board.toml", text))
            #expect(config.policy.passMark == 45)
            #expect(config.policy.passMarkLevel7 == 55)
            #expect(config.policy.resitCap == false)
            #expect(config.policy.attendanceThreshold == 75)
            #expect(config.policy.ayrCode == .short)
            #expect(config.courses == "/srv/register/courses.csv", "an absolute path is kept as it is")
        }
    }

    @Test("two years that neither overlap nor repeat are accepted")
    func twoYears() throws {
        let text = RegisterFixture().toml.replacingOccurrences(
            of: BrokenConfigCase.boards, with: BrokenConfigCase.secondYear("2026/27", "2026-08-01"))
        try withTemporaryFolder { folder in
            let config = try BoardConfig.load(from: try folder.write("board.toml", text))
            #expect(config.academicYears.map(\.code) == ["2025/26", "2026/27"])
            #expect(config.year(ofBoard: Day("2026-12-10")!)?.code == "2026/27")
        }
    }

    @Test("a broken config is refused with a problem naming its key", arguments: BrokenConfigCase.all)
    func brokenConfig(_ input: BrokenConfigCase) throws {
        let valid = RegisterFixture().toml
        try #require(valid.contains(input.replace), "the case's text is in the fixture")
        let error = try #require(try loadError(valid.replacingOccurrences(of: input.replace, with: input.with)))
        #expect(error.problems.map(\.key).contains(input.key), "keys reported: \(error.problems.map(\.key))")
        #expect(error.problems.allSatisfy { !$0.message.isEmpty })
        #expect(error.file.hasSuffix("board.toml"))
    }

    @Test("every problem is reported at once")
    func everyProblemAtOnce() throws {
        let text = RegisterFixture().toml
            .replacingOccurrences(of: "name = \"Wrexham University\"\n", with: "")
            .replacingOccurrences(of: "pass_mark = 40", with: "pass_mark = 101")
            .replacingOccurrences(of: "ayr_code = \"2025/6\"", with: "ayr_code = \"2025-26\"")
            .replacingOccurrences(of: BrokenConfigCase.boards, with: "boards = [2026-02-19, 2025-12-11]")
        let error = try #require(try loadError(text))
        #expect(
            Set(error.problems.map(\.key))
                == ["institution.name", "policy.pass_mark", "policy.ayr_code", "academic_years[0].boards[1]"])
    }

    @Test("invalid TOML is refused at the line it breaks")
    func invalidTOML() throws {
        let valid = RegisterFixture().toml
        let text = valid.replacingOccurrences(of: "pass_mark = 40", with: "pass_mark = = 40")
        let line =
            try #require(
                text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex {
                    $0.hasPrefix("pass_mark = =")
                }) + 1
        let error = try #require(try loadError(text))
        #expect(error.problems.count == 1)
        #expect(error.problems.first?.line == line)
        #expect(error.problems.first?.message.contains("not valid TOML") == true)
    }

    @Test("a missing config file is refused with a message that says how to name it")
    func missingFile() throws {
        try withTemporaryFolder { folder in
            do throws(ConfigError) {
                _ = try BoardConfig.load(from: folder.path + "/nowhere/board.toml")
                Issue.record("a missing config loaded")
            } catch {
                #expect(error.problems.count == 1)
                #expect(error.problems.first?.message.contains("cannot read the config file") == true)
                #expect(error.problems.first?.message.contains("--config") == true)
            }
        }
    }
}
