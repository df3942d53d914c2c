import Foundation
import Input
import Ledger
import Regulations
import Synchronization

/// What the service works over: the same `board.toml`, register, mark folders and ledger as the
/// commands, the seals through their seam, and the clock (tests move it).
public struct Institution: Sendable {
    public let config: BoardConfig
    public let ledger: Ledger
    public let seals: any BoardSeals
    public let clock: @Sendable () -> Date
    let registers: RegisterCache

    /// `register`: the register as the command loaded it, sound (its problems refuse the command).
    public init(
        config: BoardConfig, register: RegisterLoad, ledger: Ledger, clock: @escaping @Sendable () -> Date = Date.init
    ) {
        let registers = RegisterCache(config: config, load: register)
        self.init(
            config: config, registers: registers, ledger: ledger,
            seals: LedgerSeals(config: config, ledger: ledger, register: { registers.current() }, clock: clock),
            clock: clock)
    }

    /// For tests: `seals` in place of the ledger's.
    init(
        config: BoardConfig, register: RegisterLoad, ledger: Ledger, seals: any BoardSeals,
        clock: @escaping @Sendable () -> Date
    ) {
        self.init(
            config: config, registers: RegisterCache(config: config, load: register), ledger: ledger, seals: seals,
            clock: clock)
    }

    private init(
        config: BoardConfig, registers: RegisterCache, ledger: Ledger, seals: any BoardSeals,
        clock: @escaping @Sendable () -> Date
    ) {
        self.config = config
        self.ledger = ledger
        self.clock = clock
        self.seals = seals
        self.registers = registers
    }

    /// The register as its files are now: read again when one of them has changed since it was last
    /// read, unless the new one leaves decisions undefined (then the last sound one is kept).
    public var register: RegisterLoad { registers.current() }

    /// The boards that take submissions: every configured board not sealed, in date order.
    public func openBoards() async throws -> [Day] {
        let sealed = try await seals.sealedBoards()
        return config.allBoards.filter { !sealed.contains($0) }
    }

    /// `marks/<board>/`.
    func boardFolder(_ board: Day) -> String { config.marks + "/" + board.description }
}

/// The register, kept in memory between requests and read again when its files change.
final class RegisterCache: Sendable {
    private let config: BoardConfig
    private let state: Mutex<(load: RegisterLoad, stamps: [Date?])>

    init(config: BoardConfig, load: RegisterLoad) {
        self.config = config
        state = Mutex((load, Self.stamps(config)))
    }

    func current() -> RegisterLoad {
        let now = Self.stamps(config)
        return state.withLock { state in
            if state.stamps != now {
                let reloaded = RegisterLoad.load(config)
                if reloaded.fatal.isEmpty { state.load = reloaded }
                state.stamps = now
            }
            return state.load
        }
    }

    private static func stamps(_ config: BoardConfig) -> [Date?] {
        [config.courses, config.components, config.deadlines, config.enrolments].map {
            (try? FileManager.default.attributesOfItem(atPath: $0))?[.modificationDate] as? Date
        }
    }
}
