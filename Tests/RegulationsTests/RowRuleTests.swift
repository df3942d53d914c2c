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
    /// Each example is the worked-example row with one change; a failure is reported at the example's
    /// own line in its rule's file.
    @Test(arguments: RuleExampleCase.all)
    func example(_ testCase: RuleExampleCase) {
        Self.expectAsTheExampleSays(testCase)
    }

    static func expectAsTheExampleSays(_ testCase: RuleExampleCase) {
        let rule = testCase.rule
        let example = testCase.example
        let at = example.location.sourceLocation
        var row = WorkedExample.row
        var presentation = WorkedExample.presentation
        example.change(&row, &presentation)

        let message = rule.check(row, presentation)
        #expect(
            (message != nil) == example.rejected,
            "\(rule.identifier.rawValue) \(example.rejected ? "let the row through" : "rejected it: \(message?.description ?? "")")",
            sourceLocation: at)
        if let message {
            #expect(message.code == rule.identifier, "a rule's message carries the rule's code", sourceLocation: at)
            #expect(message.severity == .error, "a rejected row is an error", sourceLocation: at)
            #expect(!message.description.isEmpty, "a rejection must say why", sourceLocation: at)
        }

        // Screening one row applies every rule in order; the example's rule decides it when it is the
        // first to fail, and a passing example must pass every rule.
        let firstFailing = RowRules.all.first { $0.check(row, presentation) != nil }
        let screening = Screening.screen([row], at: presentation)
        #expect(
            screening.counted.count + screening.superseded.count + screening.rejectedCount == 1, sourceLocation: at)
        if example.rejected {
            #expect(screening.rejectedCount == 1, sourceLocation: at)
            #expect(screening.counted.isEmpty, sourceLocation: at)
            if firstFailing?.identifier == rule.identifier {
                #expect(screening.findings.map(\.code) == [rule.identifier], sourceLocation: at)
                #expect(screening.findings.first?.severity == .error, sourceLocation: at)
                #expect(screening.findings.first?.message == message, sourceLocation: at)
                #expect(screening.findings.first?.line == row.line, sourceLocation: at)
                #expect(screening.findings.first?.file == presentation.sheets[row.sheet], sourceLocation: at)
            }
        } else {
            #expect(
                firstFailing == nil, "the passing example fails \(firstFailing?.identifier.rawValue ?? "")",
                sourceLocation: at)
            #expect(screening.rejectedCount == 0, sourceLocation: at)
            #expect(screening.counted.count == 1, sourceLocation: at)
            #expect(screening.findings.isEmpty, sourceLocation: at)
        }
    }

    /// A failing example is reported at its own line in its rule's file: here a rejecting example of one
    /// rule, run as if it were another's, which lets the row through.
    @Test func aFailingExampleIsReportedAtItsOwnLine() throws {
        let example = try #require(RowRules.SingleResit.examples.first { $0.rejected })
        withKnownIssue {
            Self.expectAsTheExampleSays(RuleExampleCase(rule: RowRules.OutsideEnrolmentYear.self, example: example))
        } matching: { issue in
            issue.sourceLocation?.fileID == example.location.fileID
                && issue.sourceLocation?.line == example.location.line
        }
    }

    /// One rule per file: an example records the line it is written on, in the file named for its rule.
    @Test(arguments: RuleExampleCase.all)
    func anExamplePointsAtItsOwnLineInItsRulesFile(_ testCase: RuleExampleCase) throws {
        let location = testCase.example.location
        let name = String(describing: testCase.rule)
        #expect(location.fileID == "Regulations/\(name).swift", sourceLocation: location.sourceLocation)
        #expect(location.filePath.hasSuffix("/RowRules/\(name).swift"), sourceLocation: location.sourceLocation)
        let line = try #require(try location.lines(1).first, sourceLocation: location.sourceLocation)
        #expect(
            line.contains("\"\(testCase.example.description)\""), "\(line)", sourceLocation: location.sourceLocation)
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
        let presentation = WorkedExample.presentation
        for rule in RowRules.all {
            #expect(rule.check(WorkedExample.row, presentation) == nil, "\(rule.identifier.rawValue)")
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
