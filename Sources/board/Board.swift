import ArgumentParser
import Foundation
import Input
import OutOfMemory
import Outputs
import Regulations

@main
struct Board: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "board",
        abstract: "Assessment boards for short courses and micro-credentials.",
        discussion: """
            Checks mark sheets, applies the regulations for short courses and micro-credentials, and \
            writes the board pack, SITS-style files, and signed certificates and transcripts. Commands \
            that read board.toml take --config.
            """,
        version: Outputs.toolVersion,
        subcommands: [
            Check.self, Run.self, Explain.self, Template.self, SealBoard.self, UnsealBoard.self,
            CredentialsCommand.self,
            Verify.self, Export.self, History.self, Serve.self, User.self, Generate.self,
        ])

    static func main() async {
        let outOfMemory = Failure.outOfMemory
        board_stop_when_out_of_memory(
            outOfMemory.lines.joined(separator: "\n") + "\n", outOfMemory.status.rawValue)
        await main(nil)
    }
}

/// An absolute path as the person who ran the command can follow it: relative to the folder they ran
/// it in when it lies inside that folder, else absolute.
func shownFromHere(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath
    let prefix = here.hasSuffix("/") ? here : here + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}

/// Options every command shares.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The board configuration file.", valueName: "PATH"))
    var config = "board.toml"
}

/// A day given on the command line, in either accepted form.
extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

/// Loads the config, or fails with every problem found (65).
func loadConfig(_ options: ConfigOptions) throws(Failure) -> BoardConfig {
    do {
        return try BoardConfig.load(from: options.config)
    } catch {
        throw .configInvalid(error)
    }
}

/// Loads the register named by the config, keeping the enrolments `selection` names, or fails with
/// every problem that leaves decisions undefined (65).
func loadRegister(_ config: BoardConfig, _ options: ConfigOptions, keeping selection: EnrolmentSelection = .all)
    throws(Failure) -> RegisterLoad
{
    let load = RegisterLoad.load(config, keeping: selection)
    try requireSound(load, options)
    return load
}

/// Fails with every problem of the register that leaves decisions undefined (65), if there is one.
func requireSound(_ load: RegisterLoad, _ options: ConfigOptions) throws(Failure) {
    guard load.fatal.isEmpty else {
        throw .registerInvalid(load.fatal, configFolder: (options.config as NSString).deletingLastPathComponent)
    }
}

/// `--board` must be one of the configured boards (64).
func requireBoard(_ board: Day, in config: BoardConfig, configPath: String, command: String) throws(Failure) {
    guard config.year(ofBoard: board) != nil else {
        throw .usage(
            "--board \(board) is not a board date in \(configPath); the boards are \(config.allBoards.map(\.description).joined(separator: ", "))",
            command: command)
    }
}
