import Testing

@testable import Regulations

/// One example of one row rule, named "<identifier>: <example description>".
struct RuleExampleCase: CustomTestStringConvertible, Sendable {
    let rule: any RowRule.Type
    let example: RowExample

    var testDescription: String { "\(rule.identifier.rawValue): \(example.description)" }

    static let all: [RuleExampleCase] = RowRules.all.flatMap { rule in
        rule.examples.map { RuleExampleCase(rule: rule, example: $0) }
    }
}

@Suite("Row rules (SPEC §2.1): the examples are the tests")
struct RowRuleTests {
    @Test(arguments: RuleExampleCase.all)
    func example(_ testCase: RuleExampleCase) {
        var row = SpecFixture.baseRow
        var presentation = SpecFixture.presentation
        testCase.example.change(&row, &presentation)

        let reason = testCase.rule.check(row, presentation)
        #expect(
            (reason != nil) == testCase.example.rejected,
            "\(testCase.rule.identifier.rawValue) \(testCase.example.rejected ? "let the row through" : "rejected it: \(reason ?? "")")"
        )
        if let reason {
            #expect(!reason.isEmpty, "a rejection must say why")
        }

        // Screening one row applies every rule in order; the example's rule decides it when it is the
        // first to fail, and a passing example must pass every rule.
        let firstFailing = RowRules.all.first { $0.check(row, presentation) != nil }
        let screening = Screening.screen([row], at: presentation)
        #expect(screening.counted.count + screening.superseded.count + screening.rejectedCount == 1)
        if testCase.example.rejected {
            #expect(screening.rejectedCount == 1)
            #expect(screening.counted.isEmpty)
            if firstFailing?.identifier == testCase.rule.identifier {
                #expect(screening.findings.map(\.code) == [testCase.rule.identifier])
                #expect(screening.findings.first?.severity == .error)
                #expect(screening.findings.first?.message == reason)
                #expect(screening.findings.first?.line == row.line)
                #expect(screening.findings.first?.file == SpecFixture.sheets[row.sheet])
            }
        } else {
            #expect(firstFailing == nil, "the passing example fails \(firstFailing?.identifier.rawValue ?? "")")
            #expect(screening.rejectedCount == 0)
            #expect(screening.counted.count == 1)
            #expect(screening.findings.isEmpty)
        }
    }

    @Test(arguments: RowRules.all.map { $0.identifier })
    func everyRuleHasBothKindsOfExampleAndARegulation(_ identifier: FindingCode) throws {
        let rule = try #require(RowRules.all.first { $0.identifier == identifier })
        #expect(rule.examples.contains { !$0.rejected }, "no passing example")
        #expect(rule.examples.contains { $0.rejected }, "no rejecting example")
        #expect(!rule.regulation.trimmingSpaces.isEmpty)
        #expect(rule.examples.allSatisfy { !$0.description.isEmpty })
        #expect(Set(rule.examples.map(\.description)).count == rule.examples.count, "example names repeat")
    }

    @Test func ruleIdentifiersAreDistinct() {
        let identifiers = RowRules.all.map { $0.identifier }
        #expect(Set(identifiers).count == identifiers.count)
    }

    @Test func theBaseRowPassesEveryRule() {
        let presentation = SpecFixture.presentation
        for rule in RowRules.all {
            #expect(rule.check(SpecFixture.baseRow, presentation) == nil, "\(rule.identifier.rawValue)")
        }
    }

    @Test func findingCodesAreDistinctAndUpperSnake() {
        let raw = FindingCode.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        for code in raw {
            let allowed = code.utf8.allSatisfy { (65...90).contains($0) || (48...57).contains($0) || $0 == 95 }
            #expect(allowed && !code.hasPrefix("_") && !code.hasSuffix("_") && !code.contains("__"), "\(code)")
            #expect(code.first.map { $0.isLetter } == true, "\(code)")
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
