import Input
import Regulations

/// The one-screen summary `board run` prints: outcomes by course, boards without sheets, rows, the first
/// errors, exceptions, where the files are.
public enum RunSummary {
    /// How many errors the summary shows as `FILE:LINE:` lines; exceptions.csv holds them all.
    public static let errorsShown = 10

    /// `shown`: a path as the person who ran the command can follow it (the shell decides: relative to
    /// the folder it was run in).
    public static func text(_ run: BoardRun, folder: String, shown: (String) -> String) -> String {
        // A finding names its file relative to the config's folder, or absolutely.
        func path(_ file: String) -> String { shown(file.hasPrefix("/") ? file : run.config.folder + "/" + file) }
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
                "No sheet was presented to the board of \(board): its folder \(shown(run.config.marks))/\(board)/ is missing"
            )
        }
        for board in run.emptyBoards {
            lines.append(
                "No sheet was presented to the board of \(board): its folder \(shown(run.config.marks))/\(board)/ holds none"
            )
        }
        let reconciled = run.reconciliation.balances ? "reconciled" : "DOES NOT RECONCILE"
        lines.append("Rows: \(run.reconciliation.sentence) (\(reconciled))")
        let errorCount = run.exceptions.count(of: .error)
        if errorCount > 0 {
            lines.append(
                errorCount > errorsShown
                    ? "First \(errorsShown) of \(errorCount) errors (all in exceptions.csv):" : "Errors:")
            for error in run.exceptions.lazy.filter({ $0.severity == .error }).prefix(errorsShown) {
                var located = error
                located.file = path(error.file)
                lines.append("  " + located.compilerStyle)
            }
        }
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
        // A year with no enrolments has no course pages, so no courses/ folder.
        let written =
            ["board-report.html"] + (run.replay.enrolments.isEmpty ? [] : ["courses/"])
            + [
                "decisions.csv", "exceptions.csv", "certificates.csv", "transcripts.csv", "sits/", "amendments.csv",
                "manifest.json",
            ]
        lines.append("Written to \(shown(folder))/: \(written.joined(separator: ", "))")
        return lines.joined(separator: "\n")
    }
}
