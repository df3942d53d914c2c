import Testing

@testable import Regulations

/// The replay finds each row's enrolment in a table of the year's enrolments: a row names it by
/// student, course, occurrence and academic year, and a row that matches on all but one is no row
/// of that enrolment.
@Suite struct ReplayPlanTests {
    @Test func aRowFindsOnlyItsOwnEnrolment() throws {
        var register = SpecFixture.register
        // Student A again, on the same course and occurrence, in the year before: the row of that year
        // is not the 2025/26 enrolment's, though every code matches.
        let earlier = EnrolmentKey(
            student: SpecFixture.studentA, course: SpecFixture.mc4002, occurrence: SpecFixture.sep,
            academicYear: "2024/25")
        register.enrolments[earlier] = Enrolment(key: earlier, familyName: "Roberts", givenNames: "Catrin")
        var otherYear = SpecFixture.row(line: 3, component: "002")
        otherYear.academicYear = YearCode("2024/25")!
        var otherOccurrence = SpecFixture.row(line: 4, component: "002")
        otherOccurrence.occurrence = SpecFixture.code("JAN")
        let rows = [
            SpecFixture.row(line: 2), otherYear, otherOccurrence, SpecFixture.row(line: 5, student: "22655426"),
        ]
        let result = Replay.run(
            register: register, policy: Policy(), year: SpecFixture.academicYear, through: SpecFixture.firstBoard,
            sheets: SpecFixture.sheets, presented: [SpecFixture.firstBoard: rows])
        #expect(result.counted == 1)
        #expect(result.rejected == 3)
        #expect(result.findings.filter { $0.severity == .error }.map(\.line) == [3, 4, 5])
        let decided = try #require(
            result.enrolments.first { result.listed[$0.listedAt].key.course == SpecFixture.mc4002 })
        #expect(decided.components.map { $0.firstSit?.mark } == [70, nil])
    }
}
