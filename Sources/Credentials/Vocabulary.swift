import Foundation

/// The learner's preferred language (`enrolments.csv` `language`): it decides which language a
/// certificate or transcript shows first.
public enum Language: String, Sendable, CaseIterable {
    case english = "en"
    case welsh = "cy"
}

/// The kinds of course in the University Register (SPEC §1.2).
public enum CourseType: String, Sendable, CaseIterable {
    case microCredential = "micro-credential"
    case continuingEducation = "continuing-education"
    case professional
    case attendance
}

/// The certificate a confirmed result earns (SPEC §2.4). A micro-credential earns none: its
/// transcript is the record.
public enum CertificateKind: String, Sendable, CaseIterable {
    case continuingEducation = "continuing-education"
    case professional
    case attendance
}

/// The outcomes for which a transcript is issued (SPEC §2.4). Open outcomes (REFER, DEFER, …),
/// WITHDRAWN and NOT_ATTENDED earn no document, so they have no case here.
public enum Outcome: String, Sendable, CaseIterable {
    case pass = "PASS"
    case passAfterResit = "PASS_RESIT"
    case fail = "FAIL"
    case attended = "ATTENDED"

    /// Whether the course's credits were earned.
    var earnsCredits: Bool { self == .pass || self == .passAfterResit }
}

/// A calendar date, as the board dates of `board.toml` are written (`2026-02-19`).
public struct CalendarDay: Sendable, Hashable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Reads an ISO date `YYYY-MM-DD`; nil for anything else or a day that does not exist.
    public init?(_ iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), day >= 1, day <= Self.length(ofMonth: month, in: year)
        else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
    }

    public var description: String {
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// The start of this day in UTC: the moment a credential issued on it becomes valid.
    var startInUTC: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The XML Schema dateTime of this day's start in UTC, as VC `validFrom` takes it.
    var startOfDayUTC: String { "\(description)T00:00:00Z" }

    private static func length(ofMonth month: Int, in year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
