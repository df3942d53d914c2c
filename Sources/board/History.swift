import ArgumentParser
import Foundation
import Input
import Ledger
import Regulations

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List what was sent to SITS, and the seals and unsealings of boards (audit, appeals).",
        discussion: """
            Reads the ledger ([outputs] ledger, default <exports>/ledger.sqlite). Without a student: every \
            export, seal and unsealing, oldest first. With STUDENT_ID: each version of each record of \
            the student's SPR codes (from enrolments.csv, default <student_id>/1) that an export sent, \
            with the export, its as-of date and the action, and beside them each seal of a board of the \
            student's years with the decision it recorded for the student, and each unsealing, oldest \
            first. Nothing is written.
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(
        help: ArgumentHelp("The student's id; without it, every export, seal and unsealing.", valueName: "STUDENT_ID"))
    var student: String?

    func validate() throws {
        if let student, Code(student) == nil {
            throw ValidationError("'\(student)' is not a student id: use 1-12 letters, digits, '-' or '_'")
        }
    }

    func run() throws {
        try reportingFailures { try history() }
    }

    private func history() throws -> ExitStatus {
        let config = try loadConfig(options)
        let load = try loadRegister(config, options)
        let studentCode = student.flatMap { Code($0) }
        let enrolments = load.register.enrolments.values.filter { $0.key.student == studentCode }
        if let studentCode, enrolments.isEmpty {
            throw Failure.usage(
                "student \(studentCode) has no enrolment in \(config.relative(config.enrolments)); check the id",
                command: "history")
        }
        guard FileManager.default.fileExists(atPath: config.ledger) else {
            print("No export has been committed yet, and no board sealed (no ledger at \(config.ledger))")
            return .done
        }
        let ledger: Ledger
        let book: SealBook
        let exports: [ExportEntry]
        do {
            ledger = try Ledger(path: config.ledger)
            book = try ledger.sealBook()
            exports = try ledger.exports()
        } catch {
            throw Failure.ledgerUnreadable(error)
        }
        guard let studentCode else {
            printLog(exports: exports, seals: book)
            return .done
        }
        // The default SPR code too, in case enrolments.csv gave a different one after it was exported.
        let sprCodes = Set(enrolments.map(\.sprCode)).union(["\(studentCode)/1"])
        let versions: [RecordVersion]
        let sealRows: [(afterExport: Int64, row: [String])]
        do {
            versions = try ledger.history(sprCodes: sprCodes)
            sealRows = try Self.sealRows(book, enrolments: enrolments, config: config, ledger: ledger)
        } catch {
            throw Failure.ledgerUnreadable(error)
        }
        let codes = sprCodes.sorted().joined(separator: ", ")
        guard !versions.isEmpty || !sealRows.isEmpty else {
            print("Student \(studentCode) (SPR \(codes)): no record exported yet")
            return .done
        }
        let records = Set(versions.map(\.change.id)).count
        let sent =
            versions.isEmpty
            ? "no record exported yet" : "\(plural(versions.count, "version")) of \(plural(records, "record"))"
        let seals = sealRows.isEmpty ? "" : "; \(plural(sealRows.count, "line")) of seals and unsealings"
        print("Student \(studentCode) (SPR \(codes)): \(sent)\(seals), oldest first")
        let exported = versions.map { version -> (export: Int64, row: [String]) in
            let change = version.change
            let table = change.id.table
            let values = zip(table.columns, change.values).dropFirst(table.keyColumns).map { column, value in
                let name =
                    column.hasPrefix(table.rawValue + "_") ? String(column.dropFirst(table.rawValue.count + 1)) : column
                return "\(name)=\(value.isEmpty ? "-" : value)"
            }
            return (
                version.exportID,
                [
                    String(version.exportID), version.asOf, change.action.rawValue, table.rawValue,
                    change.id.key.joined(separator: " "), values.joined(separator: " "),
                ]
            )
        }
        printTable([["EXPORT", "AS OF", "ACTION", "TABLE", "RECORD", "VALUES"]] + merged(exported, sealRows))
        return .done
    }

    /// The rows of exports (in the order of their ids) and of seals and unsealings (in the ledger's order),
    /// each seal's after the rows of the exports started before it.
    private func merged(_ exports: [(export: Int64, row: [String])], _ seals: [(afterExport: Int64, row: [String])])
        -> [[String]]
    {
        var rows: [[String]] = []
        var next = exports.startIndex
        for seal in seals {
            while next < exports.endIndex && exports[next].export <= seal.afterExport {
                rows.append(exports[next].row)
                next += 1
            }
            rows.append(seal.row)
        }
        return rows + exports[next...].map(\.row)
    }

    /// A line for each seal of a board of the student's years, with the decision it recorded for each
    /// of the student's enrolments, and one for each unsealing.
    private static func sealRows(_ book: SealBook, enrolments: [Enrolment], config: BoardConfig, ledger: Ledger)
        throws(LedgerError) -> [(afterExport: Int64, row: [String])]
    {
        let years = Set(enrolments.map(\.key.academicYear))
        let student = enrolments[0].key.student.description
        var rows: [(id: Int64, afterExport: Int64, row: [String])] = []
        for seal in book.seals where years.contains(seal.academicYear) {
            let mine = enrolments.filter { $0.key.academicYear == seal.academicYear }
            let occurrences = Set(
                mine.map {
                    SealedDecision.Occurrence(
                        course: $0.key.course.description, occurrence: $0.key.occurrence.description)
                }
            ).sorted()
            for decision in try ledger.sealedDecisions(of: seal, in: occurrences) where decision.student == student {
                rows.append(
                    (
                        seal.id, seal.afterExport,
                        [
                            "-", seal.board.description, "SEAL", "board", "\(decision.course) \(decision.occurrence)",
                            "version \(seal.version) by \(seal.by) at \(seal.at): OUTCOME=\(decision.outcome) REASON=\(decision.reason.isEmpty ? "-" : decision.reason) AGRM=\(decision.agreedMark.isEmpty ? "-" : decision.agreedMark) AGRG=\(decision.grade.isEmpty ? "-" : decision.grade) DECIDED=\(decision.decidedAt)",
                        ]
                    ))
            }
        }
        for unsealing in book.unsealings
        where years.contains(config.year(ofBoard: unsealing.board)?.code ?? "") {
            rows.append(
                (
                    unsealing.id, unsealing.afterExport,
                    [
                        "-", unsealing.board.description, "UNSEAL", "board", "-",
                        "version \(unsealing.version) by \(unsealing.by) at \(unsealing.at): \(unsealing.reason)",
                    ]
                ))
        }
        return rows.sorted { $0.id < $1.id }.map { ($0.afterExport, $0.row) }
    }

    /// Every export, seal and unsealing, oldest first.
    private func printLog(exports: [ExportEntry], seals book: SealBook) {
        let exportRows: [(export: Int64, row: [String])] = exports.map { export in
            (
                export.id,
                [
                    export.startedAt, "EXPORT",
                    "\(export.id) as of \(export.asOf), \(export.status), \(export.folder)\(export.counts.map { ": " + exportCounts($0) } ?? "")",
                ]
            )
        }
        var sealRows: [(id: Int64, afterExport: Int64, row: [String])] = book.seals.map { seal in
            (
                seal.id, seal.afterExport,
                [
                    seal.at, "SEAL",
                    "board \(seal.board) (\(seal.academicYear)), version \(seal.version), by \(seal.by): \(plural(seal.files.count, "file")), \(plural(seal.decisions, "decision"))",
                ]
            )
        }
        sealRows += book.unsealings.map { unsealing in
            (
                unsealing.id, unsealing.afterExport,
                [
                    unsealing.at, "UNSEAL",
                    "board \(unsealing.board), version \(unsealing.version), by \(unsealing.by): \(unsealing.reason)",
                ]
            )
        }
        guard !exportRows.isEmpty || !sealRows.isEmpty else {
            print("No export has been committed yet, and no board sealed")
            return
        }
        print(
            "\(plural(exports.count, "export")), \(plural(book.seals.count, "seal")), \(plural(book.unsealings.count, "unsealing")), oldest first"
        )
        printTable(
            [["WHEN (UTC)", "WHAT", "DETAIL"]]
                + merged(exportRows, sealRows.sorted { $0.id < $1.id }.map { ($0.afterExport, $0.row) }))
    }

    /// Rows in columns padded to their widest cell, the last column as it is.
    private func printTable(_ rows: [[String]]) {
        let columns = rows[0].count
        let widths = (0..<columns - 1).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let padded = (0..<columns - 1).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            printOutput((padded + [row[columns - 1]]).joined(separator: "  "))
        }
    }
}
