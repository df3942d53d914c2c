/// One rule of SPEC §2.3, self-describing in the manner of a SwiftLint rule: a stable identifier, the
/// sentence of the Procedure or SPEC it implements, and examples that are also its tests. At each
/// board, for an enrolment not yet concluded, the first rule that applies decides.
public protocol DecisionRule: Sendable {
    static var identifier: String { get }
    static var name: String { get }
    static var regulation: String { get }
    /// The decision, or nil when the rule does not apply.
    static func decide(_ context: BoardContext) -> Decision?
    static var examples: [BoardExample] { get }
}

public enum DecisionRules {
    public static let all: [any DecisionRule.Type] = [
        StudentWithdrawal.self, Deferred.self, NotYetDue.self, MarksMissing.self, FirstSitsComplete.self,
        ResitsComplete.self,
    ]

    /// The decision of the first rule that applies; the last two rules between them cover every case.
    static func first(_ context: BoardContext) -> Decision {
        for rule in all {
            if let decision = rule.decide(context) { return decision }
        }
        preconditionFailure("no decision rule applied at \(context.board)")
    }

    /// The rule of `identifier`, with its number in the order the rules apply (from 1).
    public static func numbered(_ identifier: String) -> (number: Int, rule: any DecisionRule.Type)? {
        all.firstIndex { $0.identifier == identifier }.map { ($0 + 1, all[$0]) }
    }
}

/// What a decision rule sees of one enrolment at one board.
public struct BoardContext: Sendable {
    public var board: Day
    public var year: AcademicYear
    public var enrolment: Enrolment
    public var passMark: Int
    public var resitCap: Bool
    public var components: [ComponentRecord]
    /// Components whose sit was deferred at this board.
    public var deferredHere: [Code]

    public var nextBoard: Day? { year.board(after: board) }
    public var isLastBoard: Bool { nextBoard == nil }
    /// 2 once a board has referred any component, else 1.
    public var attempt: Int { components.contains { $0.attempt == 2 } ? 2 : 1 }
    /// Every component has a counted sit for its current attempt.
    public var allSitsCounted: Bool { components.allSatisfy { $0.current != nil } }

    /// The codes of the components with no counted sit that `include` picks.
    func missing(where include: (ComponentRecord) -> Bool) -> [Code] {
        components.filter { $0.current == nil && include($0) }.map(\.component.code)
    }

    /// The course mark from the current sits.
    var courseMark: CourseMark {
        CourseMark(components.map { (weight: $0.component.weight, mark: $0.current?.mark ?? 0) })
    }

    /// The codes of the components that stop the course passing: below the pass mark or their qualifying mark.
    var failing: [Code] {
        components.filter { record in
            let mark = record.current?.mark ?? 0
            return mark < passMark || mark < (record.component.qualifyingMark ?? 0)
        }.map(\.component.code)
    }

    /// The course passes when M reaches the pass mark and every qualifying mark is reached.
    func passes(_ mark: CourseMark) -> Bool {
        mark.value >= passMark
            && components.allSatisfy { ($0.current?.mark ?? 0) >= ($0.component.qualifyingMark ?? 0) }
    }
}
