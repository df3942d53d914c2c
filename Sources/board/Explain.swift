import ArgumentParser
import BoardFiles
import Foundation
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

    @Option(help: ArgumentHelp("Explain the decisions as at this board (YYYY-MM-DD).", valueName: "DATE"))
    var board: Day

    @Argument(help: ArgumentHelp("The student's id.", valueName: "STUDENT_ID"))
    var student: String

    @Argument(help: ArgumentHelp("Only this course.", valueName: "COURSE_CODE"))
    var course: String?

    func run() throws {
        guard let studentCode = Code(student) else {
            throw ValidationError("'\(student)' is not a student id: use 1-12 letters, digits, '-' or '_'")
        }
        let courseCode = try course.map { text in
            guard let code = Code(text) else {
                throw ValidationError("'\(text)' is not a course code: use 1-12 letters, digits, '-' or '_'")
            }
            return code
        }
        let (config, load) = try loadConfigAndRegister(options)
        try requireBoard(board, in: config, configPath: options.config)
        let run = BoardRun(config: config, register: load, board: board)
        guard let text = Explanation.text(run, student: studentCode, course: courseCode) else {
            throw ValidationError(
                "student \(studentCode) has no enrolment\(courseCode.map { " on \($0)" } ?? "") in \(run.year.code); check the id against the enrolment list")
        }
        print(text)
    }
}
