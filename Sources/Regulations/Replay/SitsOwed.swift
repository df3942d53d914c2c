/// One sit a course team owes a board: a row of its mark sheet template (SPEC §6).
public struct OwedSit: Sendable {
    public let enrolment: Enrolment
    public let component: Component
    /// 1 for a first sit (a deferred first sit included), 2 for a resit.
    public let attempt: Int
    public let due: Day
}

/// The sits one course and occurrence owes a board: one template.
public struct OwedSheet: Sendable {
    public let course: Course
    public let occurrence: Code
    /// Sorted by component, then family name, given names and student id.
    public let sits: [OwedSit]
}

extension Replay {
    /// The sits the course teams owe board `board` of `year`, as the replay of the year's boards before it
    /// leaves them (SPEC §6): for each enrolment of the year on a course presented to boards that is
    /// neither concluded nor withdrawn before `board`, each component whose current sit is uncounted and
    /// due before `board` — a first sit whose deadline has passed, a resit opened by a referral, a
    /// deferred sit. One sheet per course and occurrence that owes any, in course and occurrence order.
    ///
    /// `presented`: the rows presented to each board before `board` (later boards' are not read), read
    /// from `sheets`.
    public static func sitsOwed(
        at board: Day, year: AcademicYear, register: Register, policy: Policy, sheets: [String],
        presented: [Day: [MarkRow]]
    ) -> [OwedSheet] {
        precondition(year.boards.contains(board), "a template is for one of the year's boards")
        // Each enrolment's components as the boards before this one left them; none replayed before the
        // year's first board, where every sit is as the register sets it.
        var replayed: [EnrolmentKey: EnrolmentResult] = [:]
        if let previous = year.boards.last(where: { $0 < board }) {
            let replay = Replay(
                register: register, policy: policy, year: year, through: previous, sheets: sheets,
                presented: presented, keepingTrail: false)
            for result in replay.decideAll().enrolments { replayed[result.enrolment.key] = result }
        }
        var owed: [EnrolmentKey.Occurrence: [OwedSit]] = [:]
        for enrolment in register.enrolments.values where enrolment.key.academicYear == year.code {
            guard let course = register.courses[enrolment.key.course], course.isPresentedToBoards,
                !enrolment.withdrew(before: board)
            else { continue }
            let records: [ComponentRecord]
            if let result = replayed[enrolment.key] {
                guard !result.decision.outcome.concludes else { continue }
                records = result.components
            } else {
                records = (register.components[course.code] ?? []).map { component in
                    ComponentRecord(
                        component: component,
                        due: register.deadline(for: enrolment.key, component: component.code) ?? year.ends)
                }
            }
            for record in records where record.current == nil && record.due < board {
                owed[enrolment.key.occurrenceKey, default: []].append(
                    OwedSit(enrolment: enrolment, component: record.component, attempt: record.attempt, due: record.due)
                )
            }
        }
        return owed.keys.sorted().map { key in
            OwedSheet(
                course: register.courses[key.course]!, occurrence: key.occurrence,
                sits: owed[key]!.sorted(by: OwedSit.inTemplateOrder))
        }
    }
}

extension OwedSit {
    /// By component, then family name, given names (each case-insensitively, then as written) and student id.
    static func inTemplateOrder(_ lhs: OwedSit, _ rhs: OwedSit) -> Bool {
        if lhs.component.code != rhs.component.code { return lhs.component.code < rhs.component.code }
        for (left, right) in [
            (lhs.enrolment.familyName, rhs.enrolment.familyName), (lhs.enrolment.givenNames, rhs.enrolment.givenNames),
        ] where left != right {
            let (leftKey, rightKey) = (left.lowercased(), right.lowercased())
            return leftKey != rightKey ? leftKey < rightKey : left < right
        }
        return lhs.enrolment.key.student < rhs.enrolment.key.student
    }
}

extension EnrolmentKey {
    /// A course and an occurrence: what one template is for.
    public struct Occurrence: Hashable, Comparable, Sendable {
        public let course: Code
        public let occurrence: Code

        public static func < (lhs: Occurrence, rhs: Occurrence) -> Bool {
            (lhs.course, lhs.occurrence) < (rhs.course, rhs.occurrence)
        }
    }

    var occurrenceKey: Occurrence { Occurrence(course: course, occurrence: occurrence) }
}
