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
        subcommands: [Check.self, Run.self, Explain.self, Export.self, History.self, Generate.self])
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

/// Loads the config and the whole register, or prints why not and exits 65.
func loadConfigAndRegister(_ options: ConfigOptions) throws -> (BoardConfig, RegisterLoad) {
    let config = try loadConfig(options)
    return (config, try loadRegister(config, options))
}

/// Loads the config, or prints why not and exits 65.
func loadConfig(_ options: ConfigOptions) throws -> BoardConfig {
    do {
        return try BoardConfig.load(from: options.config)
    } catch {
        for problem in error.problems {
            let key = problem.key.isEmpty ? "" : "\(problem.key) "
            let line = problem.line > 0 ? ":\(problem.line)" : ""
            printError("\(error.file)\(line): error: \(key)\(problem.message)")
        }
        printError("board: the configuration cannot be used; nothing was done")
        throw Exit.invalidInput
    }
}

/// Loads the whole register named by the config, or prints every problem that leaves decisions
/// undefined and exits 65.
func loadRegister(
    _ config: BoardConfig, _ options: ConfigOptions, digesting: Bool = false,
    keeping selection: EnrolmentSelection = .all
) throws -> RegisterLoad {
    let load = RegisterLoad.load(config, digesting: digesting, keeping: { selection })
    try requireSound(load, options)
    return load
}

/// Prints every problem of the register that leaves decisions undefined and exits 65, if there is one.
func requireSound(_ load: RegisterLoad, _ options: ConfigOptions) throws {
    guard load.fatal.isEmpty else {
        // Shown from where the command runs, so an editor can open them; files keep config-relative paths.
        let folder = (options.config as NSString).deletingLastPathComponent
        for finding in load.fatal {
            var shown = finding
            if !folder.isEmpty && !finding.file.hasPrefix("/") { shown.file = folder + "/" + finding.file }
            printError(shown.compilerStyle)
        }
        printError(
            "board: the register, deadlines or enrolments leave decisions undefined (\(load.fatal.count) problem\(load.fatal.count == 1 ? "" : "s") above); correct them and run again. Nothing was done"
        )
        throw Exit.invalidInput
    }
}

/// A usage error found after the options were read: says what to do, names the subcommand's help, exits 64.
func usageError(_ message: String, command: String) -> ExitCode {
    printError("Error: \(message)\nSee 'board \(command) --help'.")
    return Exit.usage
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
