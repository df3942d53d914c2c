import Foundation
import Regulations
import Testing

@testable import Input

@Suite("Keeping only some students' enrolments")
struct EnrolmentSelectionTests {
    static let student = Code("25649144")!

    @Test(
        "every register problem is found whichever enrolments are kept",
        arguments: RegisterCase.fatal + RegisterCase.quality)
    func sameFindings(_ input: RegisterCase) throws {
        try withTemporaryFolder { folder in
            let config = try BoardConfig.load(from: try RegisterFixture().with(input.edits).write(into: folder))
            let all = RegisterLoad.load(config)
            for selection in [EnrolmentSelection.students([Self.student]), .academicYear("2025/26")] {
                let some = RegisterLoad.load(config, keeping: selection)
                #expect(some.fatal == all.fatal)
                #expect(some.quality == all.quality)
                #expect(some.inputs.map(\.rows) == all.inputs.map(\.rows))
            }
        }
    }

    @Test("a run keeps its academic year's enrolments, each as a full load holds it")
    func onlyOneAcademicYear() throws {
        let fixture = RegisterFixture().with([
            .append("40000002,Hughes,Elin,MC4002,SEP,2026/27,active,,,en,", to: .enrolments),
            .append("MC4002,SEP,2026/27,001,2026-11-27\nMC4002,SEP,2026/27,002,2026-11-27", to: .deadlines),
        ])
        try withTemporaryFolder { folder in
            let (config, all) = try fixture.load(in: folder)
            let year = RegisterLoad.load(config, keeping: .academicYear("2025/26"))
            #expect(all.register.enrolments.keys.contains { $0.academicYear == "2026/27" })
            #expect(year.register.enrolments.keys.allSatisfy { $0.academicYear == "2025/26" })
            #expect(
                Set(year.register.enrolments.keys)
                    == Set(all.register.enrolments.keys.filter { $0.academicYear == "2025/26" }))
            for (key, enrolment) in year.register.enrolments {
                #expect(enrolment.source == all.register.enrolments[key]?.source)
            }
        }
    }

    /// A board pack lists only the register warnings of its year (SPEC §3.1): another year's attendance
    /// not recorded, or deadline badly placed, is that year's runs' business.
    @Test("a run's register warnings are those of its academic year")
    func warningsOfTheRunsYear() throws {
        var fixture = RegisterFixture().with([
            .append("40000003,Evans,Mari,AT0001,SEP,2026/27,active,,,en,", to: .enrolments),
            .append("MC4002,SEP,2026/27,001,2027-09-01\nMC4002,SEP,2026/27,002,2026-11-27", to: .deadlines),
        ])
        fixture.toml += """

            [[academic_years]]
            code = "2026/27"
            starts = 2026-08-01
            ends = 2027-07-31
            boards = [2026-12-10, 2027-07-22]

            """
        try withTemporaryFolder { folder in
            let (config, all) = try fixture.load(in: folder)
            func otherYear(_ finding: Finding) -> Bool {
                finding.student == "40000003" || (finding.file.hasSuffix("deadlines.csv") && finding.line == 5)
            }
            #expect(all.quality.filter(otherYear).map(\.code) == [.attendanceNotRecorded, .deadlineOutsideYear])
            let year = RegisterLoad.load(config, keeping: .academicYear("2025/26"))
            #expect(year.quality == all.quality.filter { !otherYear($0) })
            #expect(RegisterLoad.load(config, keeping: .academicYear("2026/27")).quality.contains(where: otherYear))
        }
    }

    @Test("only the named students' enrolments are kept, each as a full load holds it")
    func onlyNamedStudents() throws {
        try withTemporaryFolder { folder in
            let (config, all) = try RegisterFixture().load(in: folder)
            let some = RegisterLoad.load(config, keeping: .students([Self.student, Code("30000001")!]))
            #expect(Set(some.register.enrolments.keys.map(\.student.description)) == ["25649144", "30000001"])
            for (key, enrolment) in some.register.enrolments {
                let whole = try #require(all.register.enrolments[key])
                #expect(enrolment.familyName == whole.familyName && enrolment.givenNames == whole.givenNames)
                #expect(enrolment.language == whole.language && enrolment.sprCode == whole.sprCode)
                #expect(enrolment.source == whole.source && enrolment.status == whole.status)
            }
            #expect(RegisterLoad.load(config, keeping: .students([])).register.enrolments.isEmpty)
        }
    }

    @Test("every field of an enrolment row is read as written")
    func fieldsAsWritten() throws {
        let fixture = RegisterFixture().with([
            .append(
                "40000001,Ap Dafydd,\"Siân \"\"Sia\"\", Mair\",mc4002,sep,2025/26,Withdrawn,03/11/2025,,CY,40000001/2",
                to: .enrolments),
            .append("40000002,Lloyd,Gwen,AT0001,SEP,2025/26,active,,87.5,en,", to: .enrolments),
        ])
        try withTemporaryFolder { folder in
            let (_, load) = try fixture.load(in: folder)
            #expect(load.fatal.isEmpty, "\(load.fatal.map(\.compilerStyle))")
            let key = EnrolmentKey(
                student: Code("40000001")!, course: Code("MC4002")!, occurrence: Code("SEP")!, academicYear: "2025/26")
            let enrolment = try #require(load.register.enrolments[key])
            #expect(enrolment.familyName == "Ap Dafydd" && enrolment.givenNames == "Siân \"Sia\", Mair")
            #expect(enrolment.status == .withdrawn && enrolment.statusDate == Day("2025-11-03"))
            #expect(enrolment.language == .welsh && enrolment.sprCode == "40000001/2" && enrolment.attendance == nil)
            #expect(enrolment.source == SourceLine(file: "enrolments.csv", line: 6))
            let attending = try #require(load.register.enrolments.values.first { $0.key.student == Code("40000002") })
            #expect(attending.attendance == Percent("87.5") && attending.sprCode == "40000002/1")
        }
    }

    @Test("an occurrence written in another case, or with a year of more than 16 bytes, is the same occurrence")
    func occurrenceSpellings() throws {
        let longYear = "2025/26 (extended)"
        let fixture = RegisterFixture().with([
            .append("40000001,Lloyd,Gwen,CE3005,SEP,\(longYear),active,,,,", to: .enrolments),  // 6
            .append("40000002,Lloyd,Huw,CE3005,SEP,\(longYear),active,,,,", to: .enrolments),  // 7
            .append("40000001,Lloyd,Gwen,ce3005,sep,\(longYear),active,,,,", to: .enrolments),  // 8
            .append("40000003,Price,Ann,ce3005,Sep,2025/26,active,,,,", to: .enrolments),  // 9
            .append("40000003,Price,Ann,CE3005,SEP,2025/26,active,,,,", to: .enrolments),  // 10
        ])
        try withTemporaryFolder { folder in
            let (_, load) = try fixture.load(in: folder)
            #expect(
                load.fatal.located == [
                    Located(.enrolments, 6, .noDeadline), Located(.enrolments, 8, .duplicateKey),
                    Located(.enrolments, 10, .duplicateKey),
                ])
            #expect(
                load.fatal[1].message.description.contains("CE3005 SEP \"\(longYear)\" at line 6"),
                "\(load.fatal[1].message)")
            #expect(load.fatal[2].message.description.contains("at line 9"), "\(load.fatal[2].message)")
        }
    }

    /// An enrolment list of many occurrences, long enough to cross the reader's batches.
    static func longList(_ extra: String) -> RegisterFixture {
        var fixture = RegisterFixture()
        let rows = (1...30_000).map { "5\(String(format: "%07d", $0)),Jones,Ann,CE3005,SEP,2025/26,active,,,en,\n" }
        fixture.enrolments += rows.joined() + extra
        return fixture
    }

    @Test("problems far apart in a long list are all found, at their lines")
    func longListProblems() throws {
        // Lines: the fixture's 5, then 30,000 rows (6 to 30005), then these.
        let fixture = Self.longList(
            "50000007,Jones,Ann,ce3005,Sep,2025/26,active,,,en,\n"
                + "60000001,Price,Huw,CE3005,SEP,2025/26,withdrawn,,,,\n"
                + "60000002,Price,Huw,CE3005,SEP,2025/26,active,,,fr,\n")
        try withTemporaryFolder { folder in
            let (config, load) = try fixture.load(in: folder)
            #expect(
                load.fatal.located == [
                    Located(.enrolments, 30006, .duplicateKey), Located(.enrolments, 30007, .withdrawnWithoutDate),
                    Located(.enrolments, 30008, .badLanguage),
                ])
            #expect(
                load.fatal.first?.message.description.contains("at line 12") == true, "\(load.fatal.map(\.message))")
            #expect(RegisterLoad.load(config, keeping: .students([Self.student])).fatal == load.fatal)
        }
    }

    @Test("a break at the end of a long list rejects it whole: no enrolment, no problem of a row")
    func longListBroken() throws {
        let fixture = Self.longList(
            "60000001,Price,Huw,CE3005,SEP,2025/26,withdrawn,,,,\n"
                + "60000002,\"Price,Huw,CE3005,SEP,2025/26,active,,,,\n")
        try withTemporaryFolder { folder in
            let (_, load) = try fixture.load(in: folder)
            #expect(load.fatal.located == [Located(.enrolments, 30007, .csvBroken)])
            #expect(load.register.enrolments.isEmpty)
            #expect(load.inputs.last?.rows == 30_006)
        }
    }
}
