import Foundation
import Input
import Regulations
import Testing

@testable import Ledger

/// Sealing on its own: what a seal records when the board's folder changes while it is sealed.
@Suite("Sealing a board")
struct SealingTests {
    static let board = Day("2025-12-11")!
    static let header =
        "student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on,language,comment\n"
    /// A's sits, and then B's: B has no marks without the second sheet, which makes B's decision.
    static let sheetA =
        header
        + "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-26,,\n22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-27,,\n"
    static let sheetB =
        header
        + "25649144,MC4002,SEP,2025/26,001,1,45,,2025-11-27,,\n25649144,MC4002,SEP,2025/26,002,1,45,,2025-11-27,,\n"

    /// How the folder changes once the sheets are read, before the seal lists the folder.
    enum Change: String, CaseIterable, CustomTestStringConvertible {
        case added, removed
        var testDescription: String { rawValue }
    }

    /// A sheet added or removed after the sheets were read would leave a seal whose files are not those its
    /// decisions rest on, and an amendment with no unsealing in every later run: the folder is read again.
    @Test(arguments: Change.allCases)
    func aSheetAddedOrRemovedWhileTheBoardIsSealedIsInItsDecisionsAsInItsFiles(change: Change) throws {
        try withTemporaryFolder { folder in
            var institution = Institution()
            institution.sheets["2025-12-11/MC4002-SEP-A.csv"] = Self.sheetA
            if change == .removed { institution.sheets["2025-12-11/MC4002-SEP-B.csv"] = Self.sheetB }
            let (config, register) = try institution.load(in: folder)
            let ledger = try Ledger(path: folder + "/ledger.sqlite")
            var changed = false
            let outcome = try Sealing.seal(
                Self.board, config: config, register: register, by: "alice", today: Day("2026-01-05")!,
                ledger: ledger
            ) { step in
                guard step == .decided, !changed else { return }
                changed = true
                let late = folder + "/marks/2025-12-11/MC4002-SEP-B.csv"
                switch change {
                case .added: FileManager.default.createFile(atPath: late, contents: Data(Self.sheetB.utf8))
                case .removed: try? FileManager.default.removeItem(atPath: late)
                }
            }
            #expect(changed)
            guard case .sealed(let seal, _) = outcome else {
                Issue.record("not sealed: \(outcome)")
                return
            }
            #expect(
                seal.files.map(\.name)
                    == (change == .added ? ["MC4002-SEP-A.csv", "MC4002-SEP-B.csv"] : ["MC4002-SEP-A.csv"]))
            // The decisions recorded are those of the files recorded: a run now finds no amendment.
            let run = try BoardRun(config: config, register: register, board: Self.board)
            let amendments = try Amendments.find(
                year: run.year, through: Self.board, book: try ledger.sealBook(),
                decisions: { _ in run.replay.enrolments }, sealedDigests: ledger.sealedDigests,
                sealedDecisions: ledger.sealedDecisions)
            #expect(amendments.isEmpty, "\(amendments)")
        }
    }
}
