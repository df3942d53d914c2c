import Foundation
import Input
import Regulations

/// Sealing and unsealing a board (SPEC §7): what `board seal` and `board unseal` do, and what the
/// submission service calls to seal a board from the registry's page.
public enum Sealing {
    /// The steps of sealing, in order. `BOARD_SEAL_STOP_AFTER=N` kills `board seal` (SIGKILL) right
    /// after step N, so that a test can prove that every interruption leaves no seal or the whole seal.
    public enum Step: Int, CaseIterable, Sendable {
        /// 1: the ledger opened, created or upgraded as needed.
        case opened = 1
        /// 2: the board's sheets read and its decisions made; nothing written.
        case decided
        /// 3: inside the seal's one transaction: the seal and its files recorded, not yet committed.
        case filesRecorded
        /// 4: inside the transaction: the decisions recorded, not yet committed.
        case decisionsRecorded
        /// 5: the transaction committed: the board is sealed.
        case committed
    }

    public enum Outcome: Sendable {
        /// A new seal, of this version; `rows` read from its sheets.
        case sealed(BoardSeal, rows: Int)
        /// The board was sealed already and its files are as sealed: nothing was done.
        case alreadySealed(BoardSeal)
    }

    /// Why a board cannot be sealed or unsealed as asked: nothing was done.
    public enum Refusal: Error, Sendable {
        /// The board is after today: it has not met.
        case notYetMet(board: Day, today: Day)
        /// An earlier board of the same year is not sealed.
        case earlierBoardOpen(board: Day, earlier: Day)
        /// Unsealing a board that is not sealed; `latest` is its last seal, unsealed since, if any.
        case notSealed(board: Day, latest: BoardSeal?)
    }

    /// Seals `board` (a configured board) on behalf of `by`: every file of its folder and the decisions
    /// at it, in one transaction. Refused (`Refusal`) for a board after `today` or while an earlier
    /// board of its year is unsealed; a sealed board whose files changed throws `BrokenSeals`, one whose
    /// files are as sealed is left as it is. Also throws `UnreadableFolder`, `UnbalancedRun` and
    /// `LedgerError`. `register` holds at least the board's year of enrolments.
    public static func seal(
        _ board: Day, config: BoardConfig, register: RegisterLoad, by: String, today: Day, ledger: Ledger,
        reached: (Step) -> Void = { _ in }
    ) throws -> Outcome {
        guard board <= today else { throw Refusal.notYetMet(board: board, today: today) }
        let year = config.year(ofBoard: board)!
        let book = try ledger.sealBook()
        if let earlier = year.boards.first(where: { $0 < board && !book.isSealed($0) }) {
            throw Refusal.earlierBoardOpen(board: board, earlier: earlier)
        }
        let run = try BoardRun(config: config, register: register, board: board)
        reached(.decided)
        guard run.reconciliation.balances else { throw UnbalancedRun(run: run) }
        // The decisions at the board rest on the earlier boards' sheets too: all as sealed.
        try book.verify(year.boards.filter { $0 <= board }, config: config, sheets: run.sheets)
        if let current = book.current(board) { return .alreadySealed(current) }
        let files = try BoardFolderFiles.list(board, config: config, sheets: run.sheets)
        // A sheet added or removed since the run read the folder: its decisions do not rest on these files.
        guard BoardFolderFiles.sheets(in: files, areThoseRead: run.sheets, board: board, config: config) else {
            return try seal(
                board, config: config, register: register, by: by, today: today, ledger: ledger, reached: reached)
        }
        guard
            let seal = try ledger.recordSeal(
                board: board, academicYear: year.code, by: by, files: files, decisions: run.replay.enrolments,
                reached: reached)
        else {
            // Sealed meanwhile, by another: as if it had been sealed before.
            return try seal(
                board, config: config, register: register, by: by, today: today, ledger: ledger, reached: reached)
        }
        reached(.committed)
        return .sealed(seal, rows: files.reduce(0) { $0 + ($1.rows ?? 0) })
    }

    /// Unseals `board` on behalf of `by`, for `reason`: its sheets may change, and the next seal is a
    /// new version. Refused (`Refusal.notSealed`) when it is not sealed. Returns the unsealing and the
    /// seal it broke. Throws `LedgerError` too.
    public static func unseal(_ board: Day, reason: String, by: String, ledger: Ledger) throws -> (
        unsealing: Unsealing, seal: BoardSeal
    ) {
        let book = try ledger.sealBook()
        guard let seal = book.current(board),
            let unsealing = try ledger.recordUnseal(board: board, by: by, reason: reason)
        else { throw Refusal.notSealed(board: board, latest: book.latest(board)) }
        return (unsealing, seal)
    }
}
