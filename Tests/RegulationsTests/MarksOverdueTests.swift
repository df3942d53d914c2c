import Testing

@testable import Regulations

// MARKS_OVERDUE asks the course leader to submit a mark that has not come. It is not raised for a
// student who withdrew (SPEC §3.1): no one can follow that advice.

@Suite struct MarksOverdueTests {
    /// MC4002 SEP 2025/26: two components due 2025-11-28; no mark presented at the board of 2025-12-11.
    static func findings(status: EnrolmentStatus, statusDate: String?) -> (Decision, [Finding]) {
        let course = Code("MC4002")!
        let occurrence = Code("SEP")!
        let board = Day("2025-12-11")!
        let year = AcademicYear(
            code: "2025/26", starts: Day("2025-08-01")!, ends: Day("2026-07-31")!,
            boards: [board, Day("2026-02-19")!])
        let key = EnrolmentKey(
            student: Code("22655425")!, course: course, occurrence: occurrence, academicYear: "2025/26")
        let components = ["001", "002"].map {
            Component(course: course, code: Code($0)!, title: "Part \($0)", weight: 50)
        }
        var deadlines: [Register.DeadlineKey: Day] = [:]
        for component in components {
            deadlines[
                .init(course: course, occurrence: occurrence, academicYear: "2025/26", component: component.code)] =
                Day("2025-11-28")!
        }
        let register = Register(
            courses: [course: Course(code: course, title: "Data", type: .microCredential, credits: 20, level: 4)],
            components: [course: components], deadlines: deadlines,
            enrolments: [
                key: Enrolment(
                    key: key, familyName: "Roberts", givenNames: "Catrin", status: status,
                    statusDate: statusDate.flatMap { Day($0) })
            ])
        let result = Replay(
            register: register, policy: Policy(), year: year, through: board, sheets: [], presented: [:]
        ).decideAll()
        return (result.enrolments[0].decision, Array(result.findings))
    }

    @Test func anActiveStudentsMissingMarksAreChased() {
        let (decision, findings) = Self.findings(status: .active, statusDate: nil)
        #expect(decision.outcome == .pending && decision.reason == .marksOverdue)
        #expect(findings.map(\.code) == [.marksOverdue, .marksOverdue])
        #expect(findings.map(\.component) == ["001", "002"])
    }

    @Test func aStudentWhoWithdrewIsNotChased() {
        let (decision, findings) = Self.findings(status: .withdrawn, statusDate: "2025-11-20")
        #expect(decision.outcome == .withdrawn && decision.reason == .studentWithdrew)
        #expect(findings.isEmpty)
    }

    /// Withdrawing on the board day is not "before the board": the board still decides, and chases.
    @Test func aStudentWhoWithdrawsOnTheBoardDayIsStillChased() {
        let (decision, findings) = Self.findings(status: .withdrawn, statusDate: "2025-12-11")
        #expect(decision.outcome == .pending)
        #expect(findings.map(\.code) == [.marksOverdue, .marksOverdue])
    }
}
