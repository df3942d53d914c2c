import Foundation
import Regulations
import Testing

@testable import Input

/// The seals a run's manifest lists, and the check that the ledger still holds them (issue 29): a ledger
/// put back from before a seal, or lost, cannot take a sealed board for open.
@Suite struct SealTraceTests {
    static func seal(_ id: Int64, _ board: String, version: Int, by: String = "alice") throws -> BoardSeal {
        BoardSeal(
            id: id, board: try #require(Day(board)), academicYear: "2025/26", version: version, by: by,
            at: "2026-01-0\(id)T10:00:00Z", afterExport: 0, files: [], decisions: 0)
    }

    @Test func aManifestListsTheSealsInForceOfItsBoards() throws {
        let first = try Self.seal(1, "2025-12-11", version: 1)
        let book = SealBook(
            seals: [first, try Self.seal(3, "2026-02-19", version: 1)],
            unsealings: [
                Unsealing(
                    id: 4, board: try #require(Day("2026-02-19")), version: 1, by: "bob", at: "x", afterExport: 0,
                    reason: "why")
            ])
        let boards = [try #require(Day("2025-12-11")), try #require(Day("2026-02-19"))]
        #expect(book.recorded(boards) == [RecordedSeal(board: "2025-12-11", version: 1, by: "alice", at: first.at)])
        #expect(book.recorded(boards.prefix(0)).isEmpty)
        #expect(SealBook().recorded(boards).isEmpty)
    }

    @Test func aSealListedButNotInTheLedgerIsForgotten() throws {
        let listed = RecordedSeal(board: "2025-12-11", version: 1, by: "alice", at: "2026-01-01T10:00:00Z")
        let manifests = [("a/manifest.json", [listed]), ("b/manifest.json", [RecordedSeal]())]
        // No ledger, or one from before the seal: the seal is forgotten.
        #expect(SealBook().forgotten(manifests) == [ForgottenSeal(manifest: "a/manifest.json", seal: listed)])
        // The ledger holds it: nothing, even unsealed since.
        let held = SealBook(
            seals: [try Self.seal(1, "2025-12-11", version: 1)],
            unsealings: [
                Unsealing(
                    id: 2, board: try #require(Day("2025-12-11")), version: 1, by: "bob", at: "x", afterExport: 0,
                    reason: "why")
            ])
        #expect(held.forgotten(manifests).isEmpty)
        // Another version of the board, or another board, is not the seal listed.
        #expect(SealBook(seals: [try Self.seal(1, "2025-12-11", version: 2)]).forgotten(manifests).count == 1)
        #expect(SealBook(seals: [try Self.seal(1, "2026-02-19", version: 1)]).forgotten(manifests).count == 1)
        // Manifests without seals: nothing.
        #expect(SealBook().forgotten([("b/manifest.json", [])]).isEmpty)
        #expect(SealBook().forgotten([]).isEmpty)
    }
}
