import Regulations

/// Sealed boards (SPEC §7) as the service uses them: whether a board still takes submissions, and
/// sealing it from the registry's page. The one seam between the service and `board seal`.
public protocol BoardSeals: Sendable {
    /// Whether `board` is sealed: a sealed board takes no submission.
    func isSealed(_ board: Day) async throws -> Bool
    /// Seals `board` on behalf of `by`; a message for the page.
    func seal(_ board: Day, by: String) async throws -> ServiceMessage
}

/// Until `board seal` records seals in the ledger (issue 29), no board is sealed and the page says
/// that sealing is not yet available.
struct NoSealsRecorded: BoardSeals {
    func isSealed(_ board: Day) async throws -> Bool { false }
    func seal(_ board: Day, by: String) async throws -> ServiceMessage { .sealNotYet }
}
