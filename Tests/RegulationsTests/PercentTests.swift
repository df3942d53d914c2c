import Testing

@testable import Regulations

@Suite struct PercentTests {
    @Test(arguments: [
        ("0", 0), ("80", 8000), ("100", 10_000), ("87.5", 8750), ("87.50", 8750), ("79.9", 7990), ("0.05", 5),
        ("100.0", 10_000), ("007", 700), ("7.05", 705), ("99.99", 9999), ("100.00", 10_000),
    ])
    func readsWholeAndDecimalPercentages(_ text: String, _ hundredths: Int) throws {
        #expect(try #require(Percent(text)).hundredths == hundredths)
    }

    @Test(arguments: [
        "", "-1", "100.01", "101", "87.555", "87.", ".5", "eighty", "87,5", "1000", " 80", "80 ", "8.5.1", "1..5",
        "+80", "٨٠", "80%", "9/", "9:", String(repeating: "9", count: 40), "1." + String(repeating: "5", count: 40),
    ])
    func refusesWhatIsNotAPercentage(_ text: String) {
        #expect(Percent(text) == nil)
    }

    @Test func printsAsRecorded() {
        #expect(Percent("87.50")!.description == "87.5")
        #expect(Percent("87.05")!.description == "87.05")
        #expect(Percent("80.0")!.description == "80")
    }

    @Test(arguments: [("79.9", Outcome.notAttended), ("80", .attended), ("80.0", .attended), ("100", .attended)])
    func attendanceIsComparedExactlyWithTheThreshold(_ text: String, _ outcome: Outcome) {
        var enrolment = Enrolment(key: WorkedExample.key, familyName: "Jones", givenNames: "Ann")
        enrolment.attendance = Percent(text)
        #expect(AttendanceRule.decide(enrolment, at: WorkedExample.year.boards[0], threshold: 80).outcome == outcome)
    }
}
