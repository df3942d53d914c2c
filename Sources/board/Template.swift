import ArgumentParser
import Foundation
import Input
import Outputs
import Regulations

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the mark sheets course teams fill in for a board.",
        discussion: """
            For every course and occurrence that owes the board sits, writes a sheet naming them, one row \
            per sit: as the replay of the boards before --board leaves them, each enrolment neither \
            concluded nor withdrawn, and each component whose current sit (a first sit past its \
            deadline, a resit, a deferred sit) is not yet counted and is due before the board. The team \
            fills in mark or flag, submitted_on, and language and comment if it wishes; rows left empty \
            are blank rows, which a run counts and does not present.

            Files: <out>/<COURSE>-<OCCURRENCE>-<board>.csv (UTF-8 with a byte-order mark) or .xlsx \
            (codes, ids and dates as text cells); <out> is templates/<board>/ unless --out is given.

            Exit status: 0 written (or nothing owed); 64 usage; 65 the config or register is invalid, or \
            a folder of mark sheets cannot be read; 73 a file could not be written.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(
        help: ArgumentHelp(
            "The board the sheets are for (YYYY-MM-DD or DD/MM/YYYY), one of the boards in board.toml.",
            valueName: "DATE"))
    var board: Day

    @Option(help: ArgumentHelp("Only this course's sheets.", valueName: "C"))
    var course: String?

    @Option(help: ArgumentHelp("Only this occurrence's sheets.", valueName: "O"))
    var occurrence: String?

    @Option(help: ArgumentHelp("csv (default) or xlsx.", valueName: "FORMAT"))
    var format: MarkSheetTemplate.Format = .csv

    @Option(help: ArgumentHelp("Write into this folder instead of templates/<board>/.", valueName: "DIR"))
    var out: String?

    func validate() throws {
        for (option, value) in [("--course", course), ("--occurrence", occurrence)] {
            if let value, Code(value) == nil {
                throw ValidationError("\(option) '\(value)' is not a code: use 1-12 letters, digits, '-' or '_'")
            }
        }
    }

    func run() throws {
        try reportingFailures {
            let config = try loadConfig(options)
            try requireBoard(board, in: config, configPath: options.config, command: "template")
            let year = config.year(ofBoard: board)!
            let load = try loadRegister(config, options, keeping: .academicYear(year.code))
            let owed: [OwedSheet]
            do {
                owed = try MarkSheetTemplate.owed(
                    config: config, register: load.register, board: board, seals: try readSeals(config).book)
            } catch let unreadable as UnreadableFolder {
                throw Failure.marksUnreadable(unreadable)
            } catch {
                throw sealingFailure(error)
            }
            let chosen = owed.filter { sheet in
                course.flatMap(Code.init).map { $0 == sheet.course.code } ?? true
                    && occurrence.flatMap(Code.init).map { $0 == sheet.occurrence } ?? true
            }
            guard !chosen.isEmpty else {
                printOutput("No sits are owed to the board of \(board)\(filterWords): no template written")
                return .done
            }
            let folder = URL(fileURLWithPath: out ?? "templates/\(board)").standardizedFileURL.path
            var written: [String] = []
            for sheet in chosen {
                let name = MarkSheetTemplate.fileName(of: sheet, board: board, format: format)
                try write(MarkSheetTemplate.file(of: sheet, board: board, format: format), to: folder + "/" + name)
                written.append("\(name) (\(sheet.sits.count) sit\(sheet.sits.count == 1 ? "" : "s"))")
            }
            printOutput(
                "Wrote \(chosen.count) template\(chosen.count == 1 ? "" : "s") for the board of \(board) into \(shownFromHere(folder))/: \(written.joined(separator: ", "))"
            )
            return .done
        }
    }

    /// " for MC4002 SEP", as the options chose.
    private var filterWords: String {
        let chosen = [course, occurrence].compactMap { $0?.uppercased() }
        return chosen.isEmpty ? "" : " for " + chosen.joined(separator: " ")
    }

    /// One file, replaced whole (a temporary file renamed into place), readable by owner and group: it
    /// names students.
    private func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: path)
        } catch {
            throw .cannotWrite(
                OutputError(path: path, reason: systemReason(error)),
                consequence: "Templates written before it are in place; run again once the folder can be written.")
        }
    }
}

extension MarkSheetTemplate.Format: ExpressibleByArgument {}
