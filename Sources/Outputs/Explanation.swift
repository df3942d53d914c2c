import Input
import Regulations

/// The decision trail of `board explain`: for each board, the rows presented (counted or rejected and
/// why), the course-mark arithmetic, the rule that decided and the outcome. What an appeal needs.
public enum Explanation {
    /// nil when the student has no enrolment in the run's year (on that course, if one is named).
    public static func text(_ run: BoardRun, student: Code, course: Code?) -> String? {
        let results = run.replay.enrolments.filter {
            $0.enrolment.key.student == student && (course == nil || $0.enrolment.key.course == course)
        }
        guard let first = results.first?.enrolment else { return nil }
        var lines = [
            "Student \(student): \(first.familyName), \(first.givenNames)",
            "As at the board of \(run.board), academic year \(run.year.code), \(run.config.institution.name)",
        ]
        for result in results {
            lines.append("")
            lines += enrolment(result, run: run)
        }
        return lines.joined(separator: "\n")
    }

    static func enrolment(_ result: EnrolmentResult, run: BoardRun) -> [String] {
        let course = result.course
        let enrolment = result.enrolment
        let key = enrolment.key
        let policy = run.config.policy
        let title = course.titleWelsh.isEmpty ? course.title : "\(course.title) / \(course.titleWelsh)"
        var lines = ["\(key.course) \(key.occurrence): \(title)"]
        if course.type == .attendance {
            lines.append(
                "  \(course.type.name), not presented to boards. Attendance \(enrolment.attendance.map { "\($0)%" } ?? "not recorded (counts as 0%)"), threshold \(policy.attendanceThreshold)%."
            )
        } else {
            lines.append(
                "  \(course.type.name), \(course.credits) credits, level \(course.level), pass mark \(policy.passMark(for: course)), resit cap \(policy.resitCapApplies(to: course) ? "applies" : "does not apply")"
            )
            lines.append(
                "  Components: "
                    + result.components.map { record in
                        let qualifying = record.component.qualifyingMark.map { ", qualifying mark \($0)" } ?? ""
                        return
                            "\(record.component.code) \(record.component.title) (weight \(record.component.weight)\(qualifying))"
                    }.joined(separator: "; "))
        }
        if enrolment.status == .withdrawn, let date = enrolment.statusDate {
            lines.append("  The student withdrew on \(date).")
        }
        for step in result.steps {
            lines.append("  Board \(step.board):")
            var entries = step.presented.map { sit in
                let row = sit.row
                let source = SourceLine(file: run.sheets[row.sheet].display, line: row.line)
                return (
                    source,
                    "\(source.file):\(source.line): component \(row.component) attempt \(row.attempt), \(row.entry), submitted \(row.submittedOn): \(sentence(sit.counting, of: row))"
                )
            }
            for finding in run.exceptions
            where finding.student == key.student.description && finding.course == key.course.description
                && run.boardOfSheet[finding.file] == step.board
            {
                entries.append(
                    (
                        finding.source,
                        "\(finding.file):\(finding.line): \(finding.severity.rawValue) \(finding.code.rawValue): \(finding.message)"
                    ))
            }
            entries.sort { ($0.0.file, $0.0.line) < ($1.0.file, $1.0.line) }
            lines += entries.isEmpty ? ["    no rows presented"] : entries.map { "    " + $0.1 }
            guard let decision = step.decision else {
                lines.append("    already concluded; nothing more is decided")
                continue
            }
            if let arithmetic = decision.arithmetic { lines.append("    Course mark: \(arithmetic)") }
            lines.append("    Decided by \(ruleName(decision.rule)): \(describe(decision, course: course, run: run))")
        }
        let eligibility = Eligibility.of(result.decision.outcome, course: course)
        var earned = [
            "credits \(eligibility.credits.map(String.init) ?? "not yet")",
            "transcript \(eligibility.transcript ? "yes" : result.decision.outcome.concludes || course.type == .attendance ? "no" : "not yet")",
        ]
        switch eligibility.certificate {
        case .withheld?: earned.append("certificate withheld: \(Eligibility.withheldBecause(course))")
        case let certificate?: earned.append("certificate: \(certificate.rawValue)")
        case nil:
            earned.append(
                course.type == .microCredential
                    ? "no certificate (a micro-credential earns a transcript only)" : "no certificate")
        }
        lines.append(
            "  Outcome at \(run.board): \(describe(result.decision, course: course, run: run)); \(earned.joined(separator: ", "))"
        )
        return lines
    }

    static func ruleName(_ identifier: String) -> String {
        if let (number, rule) = DecisionRules.numbered(identifier) {
            return "rule \(number), \(rule.name) (\(identifier))"
        }
        return identifier == AttendanceRule.identifier
            ? "the attendance rule (non-credit courses are not presented)" : identifier
    }

    static func describe(_ decision: Decision, course: Course, run: BoardRun) -> String {
        var text = decision.outcome.rawValue
        if let reason = decision.reason { text += " (\(reason.rawValue))" }
        switch decision.outcome {
        case .pass, .fail:
            text += ", course mark \(decision.actualMark ?? 0)"
        case .passResit:
            text += ", actual mark \(decision.actualMark ?? 0), agreed \(decision.agreedMark ?? 0)"
            if decision.agreedMark != decision.actualMark { text += " (capped at the pass mark)" }
        case .refer:
            text +=
                ", course mark \(decision.actualMark ?? 0): resit \(decision.components.map(\.description).joined(separator: ", ")) due \(decision.resitDue?.description ?? "")"
        case .deferred, .inProgress, .pending:
            text +=
                ": component\(decision.components.count == 1 ? "" : "s") \(decision.components.map(\.description).joined(separator: ", "))"
        case .withdrawn where !decision.components.isEmpty:
            text +=
                ": component\(decision.components.count == 1 ? "" : "s") \(decision.components.map(\.description).joined(separator: ", "))"
        default: break
        }
        if decision.board != run.board && decision.outcome.concludes { text += ", decided at \(decision.board)" }
        return text
    }
}

extension Explanation {
    /// What counting a row did, in the trail's words.
    static func sentence(_ counting: Counting, of row: MarkRow) -> String {
        let which = { (attempt: Int) in attempt == 1 ? "first sit" : "resit" }
        switch counting {
        case .deferred(let attempt, let due):
            return "deferred (mitigating circumstances): to be re-taken as attempt \(attempt), due \(due)"
        case .deferredAtLastBoard:
            return "deferred, but this is the year's last board: there is no board left to defer to"
        case .late(let attempt, let submittedMark, let due):
            return
                "\(which(attempt)) counted as late: mark 0, grade L (mark \(submittedMark) submitted \(row.submittedOn), after the due date \(due))"
        case .noWork(let attempt, let grade):
            return "\(which(attempt)) counted: \(grade.rawValue), mark 0"
        case .marked(let attempt, let mark, let grade, let passMark):
            return "\(which(attempt)) counted: mark \(mark), grade \(grade.rawValue) (pass mark \(passMark))"
        }
    }
}
