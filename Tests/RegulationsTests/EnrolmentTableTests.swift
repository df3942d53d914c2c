import Testing

@testable import Regulations

@Suite("The register's enrolments, found by key")
struct EnrolmentTableTests {
    static func key(_ student: Int, course: String = "MC4002", occurrence: String = "SEP", year: String = "2025/26")
        -> EnrolmentKey
    {
        EnrolmentKey(
            student: Code("\(20_000_000 + student)")!, course: Code(course)!, occurrence: Code(occurrence)!,
            academicYear: year)
    }

    static func enrolment(_ key: EnrolmentKey, family: String = "Roberts") -> Enrolment {
        Enrolment(key: key, familyName: family, givenNames: "Catrin")
    }

    /// Keys that differ in one part only, so every part of the key has to be compared.
    static let neighbours = [
        key(1), key(2), key(1, course: "MC4003"), key(1, occurrence: "JAN"), key(1, year: "2026/27"),
    ]

    @Test func findsEachOfManyEnrolmentsAddedOneByOneAndNoOther() {
        var table = EnrolmentTable()
        // Enough to grow the table of places several times.
        for student in 0..<5_000 { table[Self.key(student)] = Self.enrolment(Self.key(student)) }
        #expect(table.count == 5_000)
        for student in 0..<5_000 {
            #expect(table.place(of: Self.key(student)) == student)
            #expect(table[Self.key(student)]?.key == Self.key(student))
        }
        #expect(table[Self.key(5_000)] == nil)
        #expect(table[Self.key(1, year: "2026/27")] == nil)
    }

    @Test func listedAtOnceOrOneByOneTheyAreFoundTheSame() {
        let listed = EnrolmentTable(Self.neighbours.map { Self.enrolment($0) })
        var added = EnrolmentTable()
        for key in Self.neighbours { added[key] = Self.enrolment(key) }
        for (place, key) in Self.neighbours.enumerated() {
            #expect(listed.place(of: key) == place)
            #expect(added.place(of: key) == place)
        }
        #expect(listed.keys == Self.neighbours)
        #expect(Array(listed.map(\.key)) == Self.neighbours)
    }

    @Test func settingAnEnrolmentAgainReplacesItInItsPlace() {
        var table = EnrolmentTable(Self.neighbours.map { Self.enrolment($0) })
        table[Self.neighbours[2]]?.status = .withdrawn
        table[Self.neighbours[3]] = Self.enrolment(Self.neighbours[3], family: "Hughes")
        #expect(table.count == Self.neighbours.count)
        #expect(table.listed[2].status == .withdrawn)
        #expect(table[Self.neighbours[3]]?.familyName == "Hughes")
        #expect(table.listed.filter { $0.status == .withdrawn }.count == 1)
    }

    @Test func settingNilTakesAnEnrolmentOffAndKeepsTheOthersFound() {
        var table = EnrolmentTable(Self.neighbours.map { Self.enrolment($0) })
        table[Self.neighbours[1]] = nil
        table[Self.key(99)] = nil
        #expect(table.count == Self.neighbours.count - 1)
        #expect(table[Self.neighbours[1]] == nil)
        for key in Self.neighbours where key != Self.neighbours[1] { #expect(table[key]?.key == key) }
    }

    @Test func anEmptyTableFindsNothing() {
        let table: EnrolmentTable = [:]
        #expect(table.isEmpty)
        #expect(table[Self.key(1)] == nil)
        #expect(table.place(of: Self.key(1)) == nil)
    }
}
