import ArgumentParser
import Foundation
import Input
import Ledger
import Service

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the submission service: course teams submit mark sheets on a web page.",
        discussion: """
            Serves HTTP on --listen (default 127.0.0.1:8080) for the University's TLS reverse proxy: \
            course teams download templates, upload and check sheets and confirm them into \
            marks/<board>/; the registry chases, runs and seals boards. Accounts: board user.

            Exit status: 64 usage; 65 the config or register is invalid; 73 the ledger cannot be \
            used; 75 the address is taken by another process.
            """)

    @OptionGroup var options: ConfigOptions
    @OptionGroup var logging: LoggingOptions

    @Option(help: ArgumentHelp("The address and port to listen on.", valueName: "HOST:PORT"))
    var listen = "127.0.0.1:8080"

    func validate() throws {
        if listenAddress == nil {
            throw ValidationError("--listen '\(listen)' is not HOST:PORT, e.g. 127.0.0.1:8080")
        }
    }

    private var listenAddress: (host: String, port: Int)? {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (1...65535).contains(port), colon > listen.startIndex
        else { return nil }
        return (String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
    }

    func run() async throws {
        let logger = logging.bootstrap(label: "board.serve")
        let institution = try stopping { () throws(Failure) in try openInstitution() }
        let (host, port) = listenAddress!
        let application = try SubmissionService.application(
            institution: institution, host: host, port: port,
            boardExecutable: Bundle.main.executablePath ?? CommandLine.arguments[0], logger: logger)
        do {
            try await application.runService()
        } catch {
            _ = try stopping { () throws(Failure) in throw .cannotListen(listen, reason: "\(error)") }
        }
    }
}

/// The value of `work`, or its failure's lines on stderr and its exit status.
private func stopping<T>(_ work: () throws(Failure) -> T) throws -> T {
    do {
        return try work()
    } catch {
        for line in error.lines { printError(line) }
        throw error.status.exitCode
    }
}

extension Serve {
    /// The config, its register (sound) and the ledger, or why they cannot be used.
    private func openInstitution() throws(Failure) -> Institution {
        let config = try loadConfig(options)
        let load = try loadRegister(config, options)
        return Institution(config: config, register: load, ledger: try openLedger(config))
    }
}

/// The ledger named by the config, created with its folder if need be (73 when it cannot be used).
func openLedger(_ config: BoardConfig) throws(Failure) -> Ledger {
    do {
        try FileManager.default.createDirectory(
            atPath: (config.ledger as NSString).deletingLastPathComponent, withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o750])
        return try Ledger(path: config.ledger)
    } catch let error as LedgerError {
        throw .accountsUnusable(path: error.path, reason: error.reason)
    } catch {
        throw .accountsUnusable(path: config.ledger, reason: error.localizedDescription)
    }
}
