import ArgumentParser
import BoardFiles
import Foundation
import Regulations

@main
struct Board: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Assessment boards for short courses and micro-credentials.",
        discussion: """
            Checks mark sheets, applies the regulations for short courses and micro-credentials, and \
            writes the board pack and SITS-style files. Every command reads board.toml (see --config).
            """,
        subcommands: [Check.self, Run.self, Explain.self])
}

/// Options every command shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The board configuration file.", valueName: "PATH"))
    var config = "board.toml"
}

/// Exit statuses of SPEC §4 (sysexits).
enum Exit {
    static let rejected = ExitCode(1)
    static let usage = ExitCode(64)
    static let invalidInput = ExitCode(65)
}

/// A day given on the command line, in either accepted form.
extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// Loads the config and the register, or prints why not and exits 65.
func loadConfigAndRegister(_ options: ConfigOptions) throws -> (BoardConfig, RegisterLoad) {
    let config: BoardConfig
    do {
        config = try BoardConfig.load(from: options.config)
    } catch {
        for problem in error.problems {
            let key = problem.key.isEmpty ? "" : "\(problem.key) "
            printError("\(error.file):\(problem.line): error: \(key)\(problem.message)")
        }
        printError("board: the configuration cannot be used; nothing was done")
        throw Exit.invalidInput
    }
    let load = RegisterLoad.load(config)
    guard load.fatal.isEmpty else {
        for finding in load.fatal { printError(finding.compilerStyle) }
        printError(
            "board: the register, deadlines or enrolments leave decisions undefined (\(load.fatal.count) problem\(load.fatal.count == 1 ? "" : "s") above); correct them and run again. Nothing was done"
        )
        throw Exit.invalidInput
    }
    return (config, load)
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
