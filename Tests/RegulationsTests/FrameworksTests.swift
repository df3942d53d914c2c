import Testing

@testable import Regulations

@Suite("Frameworks: ECTS credits, EQF level and QF-EHEA cycle of a course (UNIC standard)")
struct FrameworksTests {
    @Test(arguments: [(0, "0"), (10, "5"), (15, "7.5"), (20, "10"), (25, "12.5"), (60, "30"), (1, "0.5")])
    func ectsAreHalfTheCredits(_ credits: Int, _ ects: String) {
        #expect(Frameworks.ects(ofCQFW: credits) == ects)
    }

    @Test(arguments: [(1, 2), (2, 3), (3, 4), (4, 5), (5, 5), (6, 6), (7, 7), (8, 8)])
    func eqfLevel(_ cqfw: Int, _ eqf: Int) {
        #expect(Frameworks.eqfLevel(ofCQFW: cqfw) == eqf)
    }

    static let cycles: [(Int, Frameworks.Cycle?)] = [
        (3, nil), (4, nil), (5, .short), (6, .first), (7, .second), (8, .third),
    ]

    @Test(arguments: cycles)
    func cycle(_ cqfw: Int, _ cycle: Frameworks.Cycle?) {
        #expect(Frameworks.cycle(ofCQFW: cqfw) == cycle)
    }
}
