import Dispatch
import Foundation
import Regulations
import Synchronization

/// A board run started from the registry's page, and how far it has got.
public struct BoardJob: Sendable {
    public enum State: String, Sendable {
        case running, finished, failed
    }

    public let board: Day
    public let startedBy: String
    public let startedAt: Date
    public var state: State = .running
    public var finishedAt: Date?
    /// The exit status of `board run` (SPEC §4), once it has ended.
    public var status: Int32?
    /// What `board run` printed, line by line, as it printed it.
    public var lines: [String] = []
}

/// Board runs as background jobs. Each is the `board run` command itself, run as a child process of
/// the service: the same code, the same year lock (a run started from a shell and one started here
/// exclude each other), and a run of a whole university's year neither holds the service's memory nor
/// stops it if it fails.
public final class BoardJobs: Sendable {
    /// The `board` executable and the config it is given.
    let executable: String
    let configFile: String
    let clock: @Sendable () -> Date
    private let jobs = Mutex<[Day: BoardJob]>([:])

    public init(executable: String, configFile: String, clock: @escaping @Sendable () -> Date) {
        self.executable = executable
        self.configFile = configFile
        self.clock = clock
    }

    /// The latest job of `board`, running or ended.
    public func job(_ board: Day) -> BoardJob? { jobs.withLock { $0[board] } }

    /// Starts `board run --board <board>` unless one is running; returns whether it started one.
    public func start(_ board: Day, by: String) -> Bool {
        let started = jobs.withLock { jobs in
            if jobs[board]?.state == .running { return false }
            jobs[board] = BoardJob(board: board, startedBy: by, startedAt: clock())
            return true
        }
        guard started else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["run", "--config", configFile, "--board", board.description]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            finish(board, status: nil, lines: ["board run could not be started: \(error.localizedDescription)"])
            return true
        }
        // The output is read on a thread of its own, not on the service's few threads for requests.
        let reader = output.fileHandleForReading
        DispatchQueue.global().async {
            var pending = Data()
            while case let chunk = reader.availableData, !chunk.isEmpty {
                pending.append(chunk)
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<end], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...end)
                    self.append(board, line)
                }
            }
            process.waitUntilExit()
            let rest = String(decoding: pending, as: UTF8.self)
            self.finish(board, status: process.terminationStatus, lines: rest.isEmpty ? [] : [rest])
        }
        return true
    }

    private func append(_ board: Day, _ line: String) { jobs.withLock { $0[board]?.lines.append(line) } }

    private func finish(_ board: Day, status: Int32?, lines: [String]) {
        let now = clock()
        jobs.withLock { jobs in
            jobs[board]?.lines += lines
            jobs[board]?.status = status
            jobs[board]?.finishedAt = now
            // 0: done; 1: done, with rows rejected (see exceptions.csv); anything else: no pack was written.
            jobs[board]?.state = status == 0 || status == 1 ? .finished : .failed
        }
    }
}
