import Testing

@testable import Regulations

/// A decision rule's example, named for the test report: "first-sits-complete: A: 001=70, 002=55".
struct DecisionCase: CustomTestStringConvertible, Sendable {
    let rule: DecisionRule
    let example: BoardExample
    var testDescription: String { "\(rule.identifier): \(example.description)" }
}

/// The examples of every decision rule are its tests, as a SwiftLint rule's examples are.
@Suite struct DecisionRuleExamples {
    static let cases = DecisionRule.all.flatMap { rule in rule.examples.map { DecisionCase(rule: rule, example: $0) } }

    @Test(arguments: cases)
    func decidesAsTheExampleSays(_ item: DecisionCase) {
        let example = item.example
        let result = example.replay()
        let decision = result.decision
        #expect(decision.outcome == example.outcome)
        #expect(decision.reason == example.reason)
        if let marks = example.marks {
            #expect(decision.actualMark == marks.actual)
            #expect(decision.agreedMark == marks.agreed)
        } else {
            #expect(decision.actualMark == nil)
            #expect(decision.agreedMark == nil)
        }
        #expect(decision.board == Day(example.decidedAt ?? example.board)!)
    }

    /// An example belongs to the rule that decided it, or to an earlier rule the example shows
    /// does not apply, so a reader finds each regulation's cases beside it.
    @Test(arguments: cases)
    func exampleIsDecidedByItsRuleOrShowsItsLimit(_ item: DecisionCase) {
        let decision = item.example.replay().decision
        let ruleIndex = DecisionRule.all.firstIndex { $0.identifier == item.rule.identifier }!
        let decidedIndex = DecisionRule.all.firstIndex { $0.identifier == decision.rule }!
        #expect(decidedIndex >= ruleIndex || decidedIndex == ruleIndex)
    }

    @Test(arguments: DecisionRule.all.map(\.identifier))
    func everyRuleIsDescribed(_ identifier: String) {
        let rule = DecisionRule.all.first { $0.identifier == identifier }!
        #expect(!rule.regulation.isEmpty)
        #expect(!rule.name.isEmpty)
        #expect(rule.examples.count >= 2)
    }
}

@Suite struct CourseMarkArithmetic {
    @Test(arguments: [
        ([(60, 70), (40, 55)], 64),
        ([(60, 30), (40, 45)], 36),
        ([(60, 52), (40, 45)], 49),
        ([(60, 58), (40, 60)], 59),
        ([(50, 39), (50, 40)], 40),  // 39.5 rounds half up
        ([(50, 38), (50, 39)], 39),  // 38.5 rounds half up
        ([(50, 0), (50, 1)], 1),  // 0.5 rounds half up
        ([(30, 33), (70, 33)], 33),
        ([(100, 100)], 100),
        ([(100, 0)], 0),
        ([(33, 50), (33, 51), (34, 49)], 50),  // 49.99
    ])
    func roundsHalfUpInIntegers(_ parts: [(Int, Int)], _ expected: Int) {
        #expect(CourseMark(parts.map { (weight: $0.0, mark: $0.1) }).value == expected)
    }

    @Test func showsItsArithmetic() {
        #expect(CourseMark([(60, 70), (40, 55)]).arithmetic == "60% × 70 + 40% × 55 = 64.00 → 64")
        #expect(CourseMark([(50, 39), (50, 40)]).arithmetic == "50% × 39 + 50% × 40 = 39.50 → 40")
    }
}
