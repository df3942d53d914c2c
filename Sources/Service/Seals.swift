import Foundation
import Input
import Ledger
import Regulations

/// Sealed boards (SPEC §7) as the service uses them: whether a board still takes submissions, and
/// sealing it from the registry's page. The one seam between the service and `board seal`.
public protocol BoardSeals: Sendable {
    /// The boards sealed now: a sealed board takes no submission.
    func sealedBoards() async throws -> Set<Day>
    /// Seals `board` on behalf of `by`; a message for the page.
    func seal(_ board: Day, by: String) async throws -> ServiceMessage
}

extension BoardSeals {
    /// Whether `board` is sealed; a page about several boards asks `sealedBoards()` once instead.
    func isSealed(_ board: Day) async throws -> Bool { try await sealedBoards().contains(board) }
}

/// The seals `board seal` and `board unseal` record in the ledger; sealing from the page is
/// `Sealing.seal`, the command's own, with the register as the service holds it.
struct LedgerSeals: BoardSeals {
    let config: BoardConfig
    let ledger: Ledger
    let register: @Sendable () -> RegisterLoad
    let clock: @Sendable () -> Date

    func sealedBoards() async throws -> Set<Day> {
        let book = try ledger.sealBook()
        return Set(book.seals.map(\.board).filter(book.isSealed))
    }

    func seal(_ board: Day, by: String) async throws -> ServiceMessage {
        do {
            switch try Sealing.seal(
                board, config: config, register: register(), by: by, today: Day(inLocalCalendar: clock()),
                ledger: ledger)
            {
            case .sealed(let seal, _):
                return .sealed(board: board.description, version: seal.version, files: seal.files.count)
            case .alreadySealed(let seal):
                return .sealedAlready(board: board.description, version: seal.version)
            }
        } catch Sealing.Refusal.notYetMet {
            return .sealNotYetMet(board: board.description)
        } catch Sealing.Refusal.earlierBoardOpen(_, let earlier) {
            return .sealEarlierBoardOpen(board: board.description, earlier: earlier.description)
        } catch is BrokenSeals {
            return .sealedFilesChanged
        } catch is UnbalancedRun {
            return .sealUnbalanced
        }
    }
}
