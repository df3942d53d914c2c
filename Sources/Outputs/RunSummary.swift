import Input
import Regulations

/// The one-screen summary `board run` prints: outcomes by course, rows, exceptions, where the files are.
public enum RunSummary {
    public static func text(_ run: BoardRun, folder: String) -> String {
        var lines = [
            "\(run.config.institution.name): board of \(run.board), academic year \(run.year.code)",
            "\(run.replay.enrolments.count) enrolments decided:",
        ]
        var byCourse: [Code: [Outcome: Int]] = [:]
        for result in run.replay.enrolments {
            byCourse[result.course.code, default: [:]][result.decision.outcome, default: 0] += 1
        }
        let width = byCourse.keys.map(\.description.count).max() ?? 0
        for course in byCourse.keys.sorted() {
            let counts = Outcome.allCases.compactMap { outcome in
                byCourse[course]![outcome].map { "\($0) \(outcome.rawValue)" }
            }
            lines.append(
                "  \(course.description.padding(toLength: width, withPad: " ", startingAt: 0))  \(counts.joined(separator: ", "))"
            )
        }
        for board in run.missingBoards {
            lines.append(
                "No sheet was presented to the board of \(board): its folder \(run.config.relative(run.config.marks))/\(board)/ is missing"
            )
        }
        for board in run.emptyBoards {
            lines.append(
                "No sheet was presented to the board of \(board): its folder \(run.config.relative(run.config.marks))/\(board)/ holds none"
            )
        }
        let reconciled = run.reconciliation.balances ? "reconciled" : "DOES NOT RECONCILE"
        lines.append("Rows: \(run.reconciliation.sentence) (\(reconciled))")
        let bySeverity = Severity.allCases.map { severity in
            let count = run.exceptions.count(of: severity)
            return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }
        lines.append("Exceptions: \(bySeverity.joined(separator: ", ")) (exceptions.csv)")
        if !run.amendments.isEmpty {
            let boards = Set(run.amendments.map(\.board)).sorted().map(\.description).joined(separator: ", ")
            lines.append(
                "Amendments: \(run.amendments.count) decision\(run.amendments.count == 1 ? "" : "s") of sealed boards (\(boards)) changed since first sealed (amendments.csv)"
            )
        }
        lines.append(
            "Written to \(run.config.relative(folder))/: board-report.html, decisions.csv, exceptions.csv, certificates.csv, transcripts.csv, sits/, amendments.csv, manifest.json"
        )
        return lines.joined(separator: "\n")
    }
}
