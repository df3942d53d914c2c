import Regulations

/// The one-screen summary `board run` prints: outcomes by course, rows, exceptions, where the files are.
public enum RunSummary {
    /// The summary, made on another core while `work` (writing the outputs) runs here: it reads only the
    /// run, and made after the outputs it took a hundredth of a second with the other core idle.
    public static func text(_ run: BoardRun, folder: String, madeWhile work: () throws -> Void) throws -> String {
        let summary = Background { text(run, folder: folder) }
        try work()
        return try summary.result()
    }

    public static func text(_ run: BoardRun, folder: String) -> String {
        var lines = [
            "\(run.config.institution.name): board of \(run.board), academic year \(run.year.code)",
            "\(run.replay.enrolments.count) enrolments decided:",
        ]
        // Counted in one pass over the results, read in place: a large year has hundreds of thousands. They
        // come course by course, so a course's counts are looked up only when the course changes.
        var byCourse: [Code: [Int]] = [:]
        var current: (course: Code, counts: [Int])?
        let results = run.replay.enrolments
        let listed = run.replay.listed
        for index in results.indices {
            let course = listed[results[index].listedAt].key.course
            if current?.course != course {
                if let current { byCourse[current.course] = current.counts }
                current = (course, byCourse[course] ?? Array(repeating: 0, count: Outcome.allCases.count))
            }
            current!.counts[results[index].decision.outcome.place] += 1
        }
        if let current { byCourse[current.course] = current.counts }
        let width = byCourse.keys.map(\.description.count).max() ?? 0
        for course in byCourse.keys.sorted() {
            let outcomes = byCourse[course]!
            let counts = Outcome.allCases.indices.compactMap { position -> String? in
                let count = outcomes[position]
                return count == 0 ? nil : "\(count) \(Outcome.allCases[position].rawValue)"
            }
            lines.append(
                "  \(course.description.padding(toLength: width, withPad: " ", startingAt: 0))  \(counts.joined(separator: ", "))"
            )
        }
        let reconciled = run.reconciliation.balances ? "reconciled" : "DOES NOT RECONCILE"
        lines.append("Rows: \(run.reconciliation.sentence) (\(reconciled))")
        let bySeverity = [Severity.error, .warning, .note].map { severity in
            let count = run.exceptions.count(of: severity)
            return "\(count) \(severity.rawValue)\(count == 1 ? "" : "s")"
        }
        lines.append("Exceptions: \(bySeverity.joined(separator: ", ")) (exceptions.csv)")
        lines.append(
            "Written to \(run.config.relative(folder))/: board-report.html, decisions.csv, exceptions.csv, certificates.csv, transcripts.csv, sits/, manifest.json"
        )
        return lines.joined(separator: "\n")
    }
}
