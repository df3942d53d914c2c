import Crypto
import Foundation
import Input

/// The service's secrets: random tokens people are handed (a set-password link, a CSRF token, an upload's
/// name), kept in the ledger only as digests.
public enum Secrets {
    /// 256 random bits from the system's generator, as 64 hexadecimal digits: safe in a URL, a form
    /// field and a cookie.
    public static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    /// What the ledger keeps of a token.
    public static func digest(_ token: String) -> String { sha256(of: Array(token.utf8)) }

    /// Compares two tokens in time that does not depend on where they differ.
    public static func same(_ left: String, _ right: String) -> Bool {
        let (a, b) = (Array(left.utf8), Array(right.utf8))
        guard a.count == b.count, !a.isEmpty else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// SPEC §8: five failed sign-ins in ten minutes lock the account for ten minutes.
public enum SignInLock {
    public static let failures = 5
    public static let window: TimeInterval = 10 * 60
    public static let lockedFor: TimeInterval = 10 * 60

    /// Until when the account is locked, given its failed sign-ins (oldest first) since its last
    /// successful one; nil when it is not locked at `now`.
    public static func lockedUntil(failedAt times: [Date], now: Date) -> Date? {
        guard times.count >= failures else { return nil }
        let until = (failures - 1..<times.count)
            .filter { times[$0].timeIntervalSince(times[$0 - failures + 1]) <= window }
            .map { times[$0].addingTimeInterval(lockedFor) }
            .max()
        return until.flatMap { $0 > now ? $0 : nil }
    }
}

/// What a password must be.
public enum PasswordRule {
    public static let minimumLength = 12
    /// bcrypt reads at most 72 bytes: a longer password would be cut short without a word.
    public static let maximumBytes = 72

    /// nil when `password` is acceptable, else why not.
    public static func problem(_ password: String, repeated: String) -> ServiceMessage? {
        if password != repeated { return .passwordsDiffer }
        if password.count < minimumLength { return .passwordTooShort }
        if password.utf8.count > maximumBytes { return .passwordTooLong }
        return nil
    }
}
