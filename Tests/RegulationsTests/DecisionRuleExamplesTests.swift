import Testing

@testable import Regulations

/// A decision rule's example, named for the test report: "first-sits-complete: A: 001=70, 002=55".
struct DecisionCase: CustomTestStringConvertible, Sendable {
    let rule: any DecisionRule.Type
    let example: BoardExample
    var testDescription: String { "\(rule.identifier): \(example.description)" }

    static let all = DecisionRules.all.flatMap { rule in rule.examples.map { DecisionCase(rule: rule, example: $0) } }
}

/// The examples of every decision rule are its tests, as a SwiftLint rule's examples are: a failure is
/// reported at the example's own line in its rule's file.
@Suite struct DecisionRuleExamples {
    @Test(arguments: DecisionCase.all)
    func decidesAsTheExampleSays(_ item: DecisionCase) {
        let example = item.example
        let at = example.location.sourceLocation
        let decision = example.replay().decision
        #expect(decision.outcome == example.outcome, sourceLocation: at)
        #expect(decision.reason == example.reason, sourceLocation: at)
        if let marks = example.marks {
            #expect(decision.actualMark == marks.actual, sourceLocation: at)
            #expect(decision.agreedMark == marks.agreed, sourceLocation: at)
        } else {
            #expect(decision.actualMark == nil, sourceLocation: at)
            #expect(decision.agreedMark == nil, sourceLocation: at)
        }
        #expect(decision.board == Day(example.decidedAt ?? example.board)!, sourceLocation: at)
    }

    /// An example may sit under the rule that decides it, or under an earlier rule whose limit it shows
    /// (the rule does not apply, and a later one decides): never under a rule after the one that decides.
    static func mayBeListed(under rule: String, decidedBy decider: String) -> Bool {
        guard let listed = DecisionRules.numbered(rule), let decided = DecisionRules.numbered(decider) else {
            return false
        }
        return decided.number >= listed.number
    }

    static func expectListedWhereItMayBe(_ item: DecisionCase) {
        let decided = item.example.replay().decision.rule
        #expect(
            Self.mayBeListed(under: item.rule.identifier, decidedBy: decided),
            "decided by \(decided), a rule before \(item.rule.identifier): move the example to the rule that decides it",
            sourceLocation: item.example.location.sourceLocation)
    }

    @Test(arguments: DecisionCase.all)
    func exampleIsDecidedByItsRuleOrALaterOne(_ item: DecisionCase) {
        Self.expectListedWhereItMayBe(item)
    }

    /// The check above can fail, and says so at the example's own line: the first rule's own example,
    /// listed under the last rule, is refused.
    @Test func anExampleListedUnderALaterRuleFailsAtItsOwnLine() throws {
        let first = try #require(DecisionRules.all.first)
        let last = try #require(DecisionRules.all.last)
        let example = try #require(first.examples.first { $0.replay().decision.rule == first.identifier })
        withKnownIssue {
            Self.expectListedWhereItMayBe(DecisionCase(rule: last, example: example))
        } matching: { issue in
            issue.sourceLocation?.fileID == example.location.fileID
                && issue.sourceLocation?.line == example.location.line
        }
        Self.expectListedWhereItMayBe(DecisionCase(rule: first, example: example))
    }

    /// An example decided by the first rule does not belong under any later rule, and a rule that is
    /// not a decision rule decides no example.
    @Test func theListingCheckRefusesAnExampleUnderALaterRule() throws {
        let first = try #require(DecisionRules.all.first)
        let withdrawn = try #require(first.examples.first { $0.replay().decision.rule == first.identifier })
        let decider = withdrawn.replay().decision.rule
        #expect(Self.mayBeListed(under: first.identifier, decidedBy: decider))
        for later in DecisionRules.all.dropFirst() {
            #expect(!Self.mayBeListed(under: later.identifier, decidedBy: decider), "\(later.identifier)")
        }
        #expect(!Self.mayBeListed(under: first.identifier, decidedBy: AttendanceRule.identifier))
    }

    /// Each rule shows itself deciding, not only its limits.
    @Test(arguments: DecisionRules.all.map { $0.identifier })
    func everyRuleDecidesAtLeastOneOfItsExamples(_ identifier: String) throws {
        let rule = try #require(DecisionRules.numbered(identifier)).rule
        #expect(rule.examples.contains { $0.replay().decision.rule == identifier })
    }

    @Test(arguments: DecisionRules.all.map { $0.identifier })
    func everyRuleIsDescribed(_ identifier: String) throws {
        let rule = try #require(DecisionRules.numbered(identifier)).rule
        #expect(!rule.regulation.trimmingSpaces.isEmpty)
        #expect(!rule.name.isEmpty)
        #expect(rule.examples.count >= 2)
        #expect(Set(rule.examples.map(\.description)).count == rule.examples.count, "example names repeat")
    }

    @Test func rulesAreNumberedInTheOrderTheyApply() {
        for (index, rule) in DecisionRules.all.enumerated() {
            #expect(DecisionRules.numbered(rule.identifier)?.number == index + 1)
        }
        #expect(DecisionRules.numbered("no-such-rule") == nil)
        #expect(Set(DecisionRules.all.map { $0.identifier }).count == DecisionRules.all.count)
    }

    /// One rule per file: an example records the line it is written on, in the file named for its rule.
    @Test(arguments: DecisionCase.all)
    func anExamplePointsAtItsOwnLineInItsRulesFile(_ item: DecisionCase) throws {
        let location = item.example.location
        let name = String(describing: item.rule)
        #expect(location.fileID == "Regulations/\(name).swift", sourceLocation: location.sourceLocation)
        #expect(location.filePath.hasSuffix("/DecisionRules/\(name).swift"), sourceLocation: location.sourceLocation)
        // The call starts on the recorded line; its description is on that line or the next.
        let lines = try location.lines(2)
        #expect(lines.first?.contains(".init(") == true, "\(lines)", sourceLocation: location.sourceLocation)
        #expect(
            lines.contains { $0.contains("\"\(item.example.description)\"") }, "\(lines)",
            sourceLocation: location.sourceLocation)
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
