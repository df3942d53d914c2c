import ArgumentParser
import Foundation
import Input
import Outputs
import Regulations

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain how a student's results were decided, board by board.",
        discussion: """
            For each board of the year up to --board: the rows presented for the student, counted or \
            rejected and why, the course-mark arithmetic, the rule that decided and the outcome. \
            Nothing is written.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("Explain the decisions as at this board (YYYY-MM-DD or DD/MM/YYYY).", valueName: "DATE"))
    var board: Day

    @Argument(help: ArgumentHelp("The student's id.", valueName: "STUDENT_ID"))
    var student: String

    @Argument(help: ArgumentHelp("Only this course.", valueName: "COURSE_CODE"))
    var course: String?

    func validate() throws {
        if Code(student) == nil {
            throw ValidationError("'\(student)' is not a student id: use 1-12 letters, digits, '-' or '_'")
        }
        if let course, Code(course) == nil {
            throw ValidationError("'\(course)' is not a course code: use 1-12 letters, digits, '-' or '_'")
        }
    }

    func run() throws {
        try reportingFailures {
            let studentCode = Code(student)!
            let courseCode = course.flatMap { Code($0) }
            let config = try loadConfig(options)
            // The whole register is checked, but only the student's enrolments are kept: no rule reads another's.
            let load = try loadRegister(config, options, keeping: .students([studentCode]))
            try requireBoard(board, in: config, configPath: options.config, command: "explain")
            var read: SheetsRead
            do throws(UnreadableFolder) {
                read = try SheetsRead.read(config, through: board)
            } catch {
                throw Failure.marksUnreadable(error)
            }
            try requireSealsHold(
                try readSeals(config).book, boards: config.year(ofBoard: board)!.boards.filter { $0 <= board },
                config: config, sheets: read.sheets)
            // Only the student's rows are replayed: no check or rule reads another student's.
            read.presented = read.presented.mapValues { rows in rows.filter { $0.student == studentCode } }
            let run = BoardRun(config: config, register: load, board: board, read: &read, keepingTrail: true)
            guard let text = Explanation.text(run, student: studentCode, course: courseCode) else {
                throw Failure.usage(
                    "student \(studentCode) has no enrolment\(courseCode.map { " on \($0)" } ?? "") in \(run.year.code); check the id against the enrolment list",
                    command: "explain")
            }
            printOutput(text)
            return .done
        }
    }
}
