import CSV
import Input
import Regulations

/// `amendments.csv` and the pack's section on sealed boards (SPEC §7): the decisions of sealed boards
/// that changed since they were first sealed, with the unsealing that allowed each.
enum AmendmentFiles {
    static let columns = [
        "board", "student_id", "course_code", "occurrence", "sealed_outcome", "sealed_agreed_mark", "outcome",
        "agreed_mark", "unsealed_by", "unsealed_at", "reason",
    ]

    /// One row per amendment, by board, course, occurrence and student; the header alone when none.
    static func amendments(_ run: BoardRun) -> [UInt8] {
        var text = CSVText()
        text.line(columns)
        for amendment in run.amendments {
            text.line([
                amendment.board.description, amendment.student, amendment.course, amendment.occurrence,
                amendment.sealed?.outcome ?? "", amendment.sealed?.agreedMark ?? "", amendment.now?.outcome ?? "",
                amendment.now?.agreedMark ?? "", amendment.unsealing?.by ?? "", amendment.unsealing?.at ?? "",
                amendment.unsealing?.reason ?? "",
            ])
        }
        return text.take()
    }

    /// How many amendments the pack's opening page lists; `amendments.csv` holds every one.
    static let rowsInPack = 500

    /// The pack's rows of amendments, the first `rowsInPack`.
    static func packRows(_ amendments: [Amendment]) -> String {
        var rows = HTMLText()
        for amendment in amendments.prefix(rowsInPack) {
            rows.row { row in
                row.cell(amendment.board.description)
                row.cell(amendment.student)
                row.cell(amendment.course)
                row.cell(amendment.occurrence)
                if let sealed = amendment.sealed { row.outcomeCell(sealed.outcome) } else { row.cell("not sealed") }
                row.cell(amendment.sealed?.agreedMark ?? "")
                if let now = amendment.now { row.outcomeCell(now.outcome) } else { row.cell("no longer enrolled") }
                row.cell(amendment.now?.agreedMark ?? "")
                if let unsealing = amendment.unsealing {
                    row.cell("\(unsealing.board) by \(unsealing.by), \(unsealing.at)")
                    row.cell(unsealing.reason)
                } else {
                    row.cell("none")
                    row.cell("the register, the enrolments or board.toml changed")
                }
            }
        }
        return rows.text
    }

    /// The pack's rows of the year's boards up to the run's: sealed, unsealed or open.
    static func sealRows(_ run: BoardRun) -> String {
        var rows = HTMLText()
        for board in run.year.boards where board <= run.board {
            guard let latest = run.seals.latest(board) else { continue }
            rows.row { row in
                row.cell(board.description)
                if let current = run.seals.current(board) {
                    row.cell("sealed")
                    row.cell("version \(current.version), by \(current.by), \(current.at)")
                } else {
                    let unsealing = run.seals.unsealings.last { $0.board == board }
                    row.cell("unsealed")
                    row.cell(
                        "version \(latest.version) unsealed by \(unsealing?.by ?? ""), \(unsealing?.at ?? ""): \(unsealing?.reason ?? "")"
                    )
                }
            }
        }
        return rows.text
    }
}
