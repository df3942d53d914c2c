import ArgumentParser
import Foundation
import Input
import Ledger
import Regulations

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every exported version of a student's SITS-style records (audit, appeals).",
        discussion: """
            Reads the export ledger ([outputs] ledger, default <exports>/ledger.sqlite): each version of \
            each record of the student's SPR codes (from enrolments.csv, default <student_id>/1) that \
            an export sent, with the export, its as-of date and the action, oldest first. Nothing is \
            written.
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(help: ArgumentHelp("The student's id.", valueName: "STUDENT_ID"))
    var student: String

    func validate() throws {
        if Code(student) == nil {
            throw ValidationError("'\(student)' is not a student id: use 1-12 letters, digits, '-' or '_'")
        }
    }

    func run() throws {
        try reportingFailures { try history() }
    }

    private func history() throws -> ExitStatus {
        let studentCode = Code(student)!
        let config = try loadConfig(options)
        let load = try loadRegister(config, options)
        var sprCodes = Set(load.register.enrolments.values.filter { $0.key.student == studentCode }.map(\.sprCode))
        guard !sprCodes.isEmpty else {
            throw Failure.usage(
                "student \(studentCode) has no enrolment in \(config.relative(config.enrolments)); check the id",
                command: "history")
        }
        // The default SPR code too, in case enrolments.csv gave a different one after it was exported.
        sprCodes.insert("\(studentCode)/1")
        guard FileManager.default.fileExists(atPath: config.ledger) else {
            print("No export has been committed yet (no ledger at \(config.ledger))")
            return .done
        }
        let versions: [RecordVersion]
        do {
            versions = try Ledger(path: config.ledger).history(sprCodes: sprCodes)
        } catch {
            throw Failure.ledgerUnreadable(error)
        }
        let codes = sprCodes.sorted().joined(separator: ", ")
        guard !versions.isEmpty else {
            print("Student \(studentCode) (SPR \(codes)): no record exported yet")
            return .done
        }
        let records = Set(versions.map(\.change.id)).count
        print(
            "Student \(studentCode) (SPR \(codes)): \(versions.count) version\(versions.count == 1 ? "" : "s") of \(records) record\(records == 1 ? "" : "s"), oldest first"
        )
        var rows = [["EXPORT", "AS OF", "ACTION", "TABLE", "RECORD", "VALUES"]]
        for version in versions {
            let change = version.change
            let table = change.id.table
            let values = zip(table.columns, change.values).dropFirst(table.keyColumns).map { column, value in
                let name =
                    column.hasPrefix(table.rawValue + "_") ? String(column.dropFirst(table.rawValue.count + 1)) : column
                return "\(name)=\(value.isEmpty ? "-" : value)"
            }
            rows.append([
                String(version.exportID), version.asOf, change.action.rawValue, table.rawValue,
                change.id.key.joined(separator: " "), values.joined(separator: " "),
            ])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let padded = (0..<5).map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
            printOutput((padded + [row[5]]).joined(separator: "  "))
        }
        return .done
    }
}
