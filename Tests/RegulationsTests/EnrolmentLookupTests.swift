import Testing

@testable import Regulations

/// A row names its enrolment by student, course, occurrence and academic year; the register finds the
/// enrolment by that key, and a row that matches on all but one part is no row of that enrolment.
@Suite struct EnrolmentLookupTests {
    static func key(_ student: Int, course: String = "MC4002", occurrence: String = "SEP", year: String = "2025/26")
        -> EnrolmentKey
    {
        EnrolmentKey(
            student: Code("\(20_000_000 + student)")!, course: Code(course)!, occurrence: Code(occurrence)!,
            academicYear: year)
    }

    /// Keys that differ in one part only, so every part of the key has to be compared.
    static let neighbours = [
        key(1), key(2), key(1, course: "MC4003"), key(1, occurrence: "JAN"), key(1, year: "2026/27"),
    ]

    static func register(_ keys: [EnrolmentKey]) -> Register {
        var register = SpecFixture.register
        register.enrolments = [:]
        for key in keys { register.enrolments[key] = Enrolment(key: key, familyName: "Roberts", givenNames: "Catrin") }
        return register
    }

    @Test func keysThatDifferInOnePartAreDifferentEnrolments() {
        let register = Self.register(Self.neighbours)
        #expect(register.enrolments.count == Self.neighbours.count)
        for key in Self.neighbours { #expect(register.enrolments[key]?.key == key) }
        #expect(register.enrolments[Self.key(3)] == nil)
        #expect(register.enrolments[Self.key(1, year: "2024/25")] == nil)
        #expect(Self.key(1, course: "mc4002", occurrence: "sep") == Self.key(1), "codes compare ignoring case")
    }

    /// The replay names the enrolment it screens (`screened`), so that its rows are matched without a
    /// search of the register: a row of a neighbouring enrolment must still be matched to its own.
    @Test(arguments: [nil, 1, 2, 3, 4] as [Int?])
    func aRowIsMatchedToItsOwnEnrolmentOnly(screened: Int?) {
        // Every neighbour but the first is enrolled.
        let register = Self.register(Array(Self.neighbours.dropFirst()))
        var presentation = SpecFixture.presentation
        presentation.register = register
        presentation.screened = screened.flatMap { register.enrolments[Self.neighbours[$0]] }
        for key in Self.neighbours {
            var row = SpecFixture.row()
            row.student = key.student
            row.course = key.course
            row.occurrence = key.occurrence
            row.academicYear = key.academicYear
            let found = presentation.enrolment(of: row)?.key
            #expect(found == (key == Self.neighbours[0] ? nil : key), "\(key)")
        }
    }

    @Test func aRowOfTheRightCodesInAnotherYearIsNotCounted() throws {
        var register = SpecFixture.register
        // Student A again, on the same course and occurrence, in the year before: the row of that year
        // is not the 2025/26 enrolment's, though every code matches.
        let earlier = EnrolmentKey(
            student: SpecFixture.studentA, course: SpecFixture.mc4002, occurrence: SpecFixture.sep,
            academicYear: "2024/25")
        register.enrolments[earlier] = Enrolment(key: earlier, familyName: "Roberts", givenNames: "Catrin")
        var otherYear = SpecFixture.row(line: 3, component: "002")
        otherYear.academicYear = "2024/25"
        var otherOccurrence = SpecFixture.row(line: 4, component: "002")
        otherOccurrence.occurrence = SpecFixture.code("JAN")
        let rows = [
            SpecFixture.row(line: 2), otherYear, otherOccurrence, SpecFixture.row(line: 5, student: "22655426"),
        ]
        let result = Replay(
            register: register, policy: Policy(), year: SpecFixture.academicYear, through: SpecFixture.firstBoard,
            sheets: SpecFixture.sheets, presented: [SpecFixture.firstBoard: rows]
        ).decideAll()
        #expect(result.counted == 1)
        #expect(result.rejected == 3)
        #expect(
            result.findings.filter { $0.severity == .error }.map(\.code) == [
                .outsideEnrolmentYear, .unknownEnrolment, .unknownEnrolment,
            ])
        #expect(result.findings.filter { $0.severity == .error }.map(\.line) == [3, 4, 5])
        // Only the year's enrolments are decided.
        #expect(!result.enrolments.contains { $0.enrolment.key == earlier })
        let decided = try #require(result.enrolments.first { $0.enrolment.key.course == SpecFixture.mc4002 })
        #expect(decided.enrolment.key.academicYear == SpecFixture.year)
        #expect(decided.components.map { $0.firstSit?.mark } == [70, nil])
    }
}
