import ArgumentParser
import Foundation
import Input
import Regulations

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check mark sheets before they are submitted to a board.",
        discussion: """
            Each sheet is checked as if presented at its board: the board folder it sits in \
            (marks/<board date>/), or the board named with --board. Every problem is printed as \
            FILE:LINE: error|warning: message, then a summary.

            Exit status: 0 no errors; 1 rows or files were rejected; 64 usage; 65 the config or \
            register is invalid.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(
        help: ArgumentHelp("Check the sheets as presented at this board (YYYY-MM-DD or DD/MM/YYYY).", valueName: "DATE")
    )
    var board: Day?

    @Argument(help: ArgumentHelp("The mark sheets to check (.csv or .xlsx).", valueName: "FILE"))
    var files: [String] = []

    func validate() throws {
        if files.isEmpty {
            throw ValidationError(
                "name at least one mark sheet to check, e.g. board check marks/2025-12-11/MC4002-SEP.csv")
        }
        // A path that names something, even a link that leads nowhere, is read, and what cannot be read is
        // reported as FILE_UNREADABLE like any sheet of a run; only a path that names nothing is a typing error.
        for file in files
        where (try? FileManager.default.attributesOfItem(atPath: file)) == nil
            && (try? FileManager.default.destinationOfSymbolicLink(atPath: file)) == nil
        {
            throw ValidationError("no such file: '\(file)'")
        }
    }

    func run() throws {
        try reportingFailures {
            let config = try loadConfig(options)
            let paths = files.map { (path: URL(fileURLWithPath: $0).standardizedFileURL.path, display: $0) }
            let (sheets, notSheets, load) = SheetCheck.readWithRegister(paths, config: config)
            try requireSound(load, options)
            if let board { try requireBoard(board, in: config, configPath: options.config, command: "check") }
            // A sheet in the folder of a sealed board: that folder's files as sealed first.
            func real(_ path: String) -> String { URL(fileURLWithPath: path).resolvingSymlinksInPath().path }
            let boardFolders = Set(
                sheets.compactMap { sheet in
                    MarkSheet.board(ofFolderOf: sheet.path, in: config).flatMap { day in
                        real((sheet.path as NSString).deletingLastPathComponent)
                            == real(config.marks + "/" + day.description) ? day : nil
                    }
                })
            if !boardFolders.isEmpty {
                try requireSealsHold(try readSeals(config).book, boards: boardFolders, config: config, sheets: sheets)
            }
            let report = SheetCheck.check(
                consume sheets, notSheets: notSheets, board: board, config: config, register: load.register)
            // A line at a time: a sheet of a million rejected rows is never held as one text.
            for finding in report.findings { printOutput(finding.compilerStyle) }
            printOutput(report.summary)
            return report.errors > 0 ? .rejected : .done
        }
    }
}
