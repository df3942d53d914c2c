import Regulations

/// `Eligibility.of` for each result, worked out once per course and outcome: results come course by
/// course, and each working-out checks the course's structural norms.
struct Eligibilities {
    private var course: Code?
    private var known: [Outcome: Eligibility] = [:]

    mutating func of(_ result: EnrolmentResult) -> Eligibility {
        if course != result.course.code {
            course = result.course.code
            known = [:]
        }
        if let eligibility = known[result.decision.outcome] { return eligibility }
        let eligibility = Eligibility.of(result.decision.outcome, course: result.course)
        known[result.decision.outcome] = eligibility
        return eligibility
    }
}
