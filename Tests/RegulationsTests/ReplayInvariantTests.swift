import Testing

@testable import Regulations

/// A small deterministic generator, so a failing seed can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        var value = state
        value ^= value >> 33
        value &*= 0xff51_afd7_ed55_8ccd
        value ^= value >> 33
        return value
    }
}

/// Random years of sheets for the worked-example course: invariants that must hold for any input.
@Suite struct ReplayInvariantTests {
    static let seeds: [UInt64] = Array(1...25)
    static let boards = WorkedExample.year.boards

    struct Scenario {
        var register: Register
        /// Three sheets for each board, `marks/<board>/sheet-<n>.csv`, the board's at 3 × its place.
        var sheets = boards.flatMap { board in (0..<3).map { "marks/\(board)/sheet-\($0).csv" } }
        var presented: [Day: [MarkRow]]
        var total: Int { presented.values.reduce(0) { $0 + $1.count } }
    }

    static func scenario(seed: UInt64) -> Scenario {
        var random = SeededGenerator(seed: seed)
        var register = WorkedExample.register()
        register.courses[WorkedExample.course] = register.courses[WorkedExample.course]?.with(
            resitCap: Bool.random(using: &random) ? nil : false)
        var presented: [Day: [MarkRow]] = [:]
        for index in 0..<30 {
            let student = Code("S\(index)")!
            let key = WorkedExample.key(for: student, on: WorkedExample.course)
            var enrolment = Enrolment(key: key, familyName: "Student", givenNames: "\(index)")
            if Int.random(in: 0..<10, using: &random) == 0 {
                enrolment.status = .withdrawn
                enrolment.statusDate = Day(year: 2026, month: Int.random(in: 1...6, using: &random), day: 10)
            }
            register.enrolments[key] = enrolment
            for (position, board) in boards.enumerated() {
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    let entry: SitEntry =
                        switch Int.random(in: 0..<10, using: &random) {
                        case 0: .flag(.deferral)
                        case 1: .flag(.nonSubmission)
                        case 2: .flag(.absent)
                        default: .mark(Int.random(in: 0...100, using: &random))
                        }
                    let earliest = position == 0 ? Day("2025-11-01")! : boards[position - 1]
                    let submitted = Day(
                        year: earliest.year, month: earliest.month,
                        day: min(28, earliest.day + Int.random(in: 0...20, using: &random)))!
                    let rows = presented[board, default: []]
                    presented[board, default: []].append(
                        MarkRow(
                            sheet: position * 3 + index % 3, line: rows.count + 2,
                            student: student, course: WorkedExample.course, occurrence: WorkedExample.occurrence,
                            academicYear: "2025/26",
                            component: Code(Bool.random(using: &random) ? "001" : "002")!,
                            attempt: Int.random(in: 1...3, using: &random) == 3 ? 2 : 1, entry: entry,
                            submittedOn: submitted))
                }
            }
        }
        return Scenario(register: register, presented: presented)
    }

    static func replay(_ scenario: Scenario, through board: Day) -> Replay {
        Replay(
            register: scenario.register, policy: WorkedExample.policy, year: WorkedExample.year, through: board,
            sheets: scenario.sheets, presented: scenario.presented)
    }

    static func decide(_ scenario: Scenario, through board: Day) -> ReplayResult {
        replay(scenario, through: board).decideAll()
    }

    /// What decisions.csv would say, for comparing runs.
    static func summary(_ result: ReplayResult) -> [String] {
        result.enrolments.map { enrolment in
            let decision = enrolment.decision
            return [
                enrolment.enrolment.key.student.description, decision.outcome.rawValue,
                decision.reason?.rawValue ?? "",
                "\(decision.attempt ?? 0)", "\(decision.actualMark ?? -1)", "\(decision.agreedMark ?? -1)",
                decision.board.description, decision.resitDue?.description ?? "",
            ].joined(separator: ",")
        }
    }

    @Test(arguments: seeds)
    func everyRowReconciles(seed: UInt64) {
        let scenario = Self.scenario(seed: seed)
        for board in Self.boards {
            let result = Self.decide(scenario, through: board)
            let presentedSoFar = scenario.presented.filter { $0.key <= board }.values.reduce(0) { $0 + $1.count }
            #expect(result.counted + result.superseded + result.rejected == presentedSoFar)
        }
    }

    /// Every row rejected has its one error, and every row superseded its one DUPLICATE warning, at its
    /// sheet and line; the only other findings are the marks overdue, against the enrolment list.
    @Test(arguments: seeds)
    func everyRejectedOrSupersededRowHasItsFinding(seed: UInt64) {
        let scenario = Self.scenario(seed: seed)
        let sheets = Set(scenario.sheets)
        for board in Self.boards {
            let result = Self.decide(scenario, through: board)
            #expect(result.findings.count(of: .error) == result.rejected)
            #expect(result.findings.count { $0.code == .duplicate } == result.superseded)
            let others = result.findings.filter { $0.severity != .error && $0.code != .duplicate }
            #expect(others.allSatisfy { $0.code == .marksOverdue && $0.file == "enrolments.csv" })
            #expect(result.findings.filter { $0.code != .marksOverdue }.allSatisfy { sheets.contains($0.file) })
        }
    }

    @Test(arguments: seeds)
    func reorderingRowsWithinABoardChangesNoDecision(seed: UInt64) {
        let scenario = Self.scenario(seed: seed)
        var shuffled = scenario
        var random = SeededGenerator(seed: seed * 7919)
        shuffled.presented = scenario.presented.mapValues { $0.shuffled(using: &random) }
        for board in Self.boards {
            let (original, reordered) = (Self.decide(scenario, through: board), Self.decide(shuffled, through: board))
            #expect(Self.summary(original) == Self.summary(reordered))
            #expect(Array(original.findings).inFileOrder() == Array(reordered.findings).inFileOrder())
        }
    }

    /// A run decides ranges of enrolments on several cores at once and combines the parts in order: the
    /// result is the one a replay on one thread gives, decisions, counts and findings in the same order,
    /// however the enrolments are cut (an empty range and a range of one included).
    @Test(arguments: seeds)
    func decidingInRangesOnSeveralThreadsChangesNothing(seed: UInt64) async {
        let scenario = Self.scenario(seed: seed)
        for board in Self.boards {
            let replay = Self.replay(scenario, through: board)
            let alone = replay.decideAll()
            let count = replay.enrolments.count
            let cuts = [0, 0, 1, 2] + (1...7).map { 2 + (count - 2) * $0 / 7 }
            let ranges = zip(cuts, cuts.dropFirst()).map { $0..<$1 }
            let parts = await withTaskGroup(of: (Int, ReplayResult).self) { group in
                for (index, range) in ranges.enumerated() { group.addTask { (index, replay.decide(range)) } }
                var parts = [ReplayResult?](repeating: nil, count: ranges.count)
                for await (index, part) in group { parts[index] = part }
                return parts.compactMap { $0 }
            }
            let together = replay.combine(parts)
            #expect(together.enrolments.map(\.enrolment.key) == alone.enrolments.map(\.enrolment.key))
            #expect(Self.summary(together) == Self.summary(alone))
            #expect(together.findings.map(\.message) == alone.findings.map(\.message))
            #expect(
                [together.counted, together.superseded, together.rejected]
                    == [alone.counted, alone.superseded, alone.rejected])
        }
    }

    @Test(arguments: seeds)
    func splittingASheetIntoTwoFilesChangesNoDecision(seed: UInt64) {
        let scenario = Self.scenario(seed: seed)
        var split = scenario
        // Each sheet's second part follows all the first parts in the list.
        split.sheets += scenario.sheets.map { $0 + "-part2.csv" }
        split.presented = scenario.presented.mapValues { rows in
            rows.enumerated().map { index, row in
                var moved = row
                if index % 2 == 1 {
                    moved.sheet += scenario.sheets.count
                    moved.line = index + 2
                }
                return moved
            }
        }
        let last = Self.boards.last!
        #expect(Self.summary(Self.decide(scenario, through: last)) == Self.summary(Self.decide(split, through: last)))
    }

    @Test(arguments: seeds)
    func aCappedAgreedMarkNeverExceedsThePassMark(seed: UInt64) {
        let scenario = Self.scenario(seed: seed)
        let capped = WorkedExample.policy.resitCapApplies(to: scenario.register.courses[WorkedExample.course]!)
        for board in Self.boards {
            for result in Self.decide(scenario, through: board).enrolments where result.decision.outcome == .passResit {
                let decision = result.decision
                #expect(decision.actualMark! >= 40)
                #expect(decision.agreedMark! == (capped ? 40 : decision.actualMark!))
            }
        }
    }

    @Test(arguments: seeds)
    func aConcludedOutcomeNeverChangesAndLaterBoardsAreNotRead(seed: UInt64) {
        let scenario = Self.scenario(seed: seed)
        var earlier: [String: String] = [:]
        for board in Self.boards {
            let result = Self.decide(scenario, through: board)
            var onlyUpToBoard = scenario
            onlyUpToBoard.presented = scenario.presented.filter { $0.key <= board }
            #expect(Self.summary(result) == Self.summary(Self.decide(onlyUpToBoard, through: board)))
            for line in Self.summary(result) where !line.hasPrefix("A,") {
                let student = String(line.prefix { $0 != "," })
                if let concluded = earlier[student] { #expect(line == concluded) }
                let outcome = result.enrolments.first {
                    $0.enrolment.key == WorkedExample.key(for: Code(student)!, on: WorkedExample.course)
                }!.decision.outcome
                if outcome.concludes { earlier[student] = earlier[student] ?? line }
            }
            // Every enrolment of the year is decided at every board.
            #expect(result.enrolments.count == scenario.register.enrolments.count)
        }
    }
}
