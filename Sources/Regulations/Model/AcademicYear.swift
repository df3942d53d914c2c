/// An academic year and the dates of its University Assessment Boards.
public struct AcademicYear: Sendable {
    public var code: String
    public var starts: Day
    public var ends: Day
    public var boards: [Day]

    public init(code: String, starts: Day, ends: Day, boards: [Day]) {
        self.code = code
        self.starts = starts
        self.ends = ends
        self.boards = boards
    }

    public func contains(_ day: Day) -> Bool { starts <= day && day <= ends }
    public var lastBoard: Day? { boards.last }
    public func board(after board: Day) -> Day? { boards.first { $0 > board } }

    /// The year's folder name in the reports and the locks: its code with `/` written as `-` (`2025-26`).
    public var folderName: String {
        code.split(separator: "/", omittingEmptySubsequences: false).joined(separator: "-")
    }
}

/// `[policy]` of board.toml.
public struct Policy: Sendable {
    public var passMark: Int
    public var passMarkLevel7: Int
    public var resitCap: Bool
    public var attendanceThreshold: Int
    public var ayrCode: AYRStyle

    /// How an academic year is written in SITS-style files.
    public enum AYRStyle: String, Sendable {
        case long = "2025/6"
        case short = "25/26"

        /// `2025/26` written as SITS expects: `2025/6` or `25/26`.
        public func write(_ year: String) -> String {
            let parts = year.split(separator: "/")
            guard parts.count == 2, parts[0].count == 4, parts[1].count == 2 else { return year }
            switch self {
            case .long: return "\(parts[0])/\(parts[1].suffix(1))"
            case .short: return "\(parts[0].suffix(2))/\(parts[1])"
            }
        }
    }

    public init(
        passMark: Int = 40, passMarkLevel7: Int = 50, resitCap: Bool = true, attendanceThreshold: Int = 80,
        ayrCode: AYRStyle = .long
    ) {
        self.passMark = passMark
        self.passMarkLevel7 = passMarkLevel7
        self.resitCap = resitCap
        self.attendanceThreshold = attendanceThreshold
        self.ayrCode = ayrCode
    }

    /// The course's own pass mark, else the level 7–8 pass mark, else the policy pass mark.
    public func passMark(for course: Course) -> Int {
        course.passMark ?? (course.level >= 7 ? passMarkLevel7 : passMark)
    }

    public func resitCapApplies(to course: Course) -> Bool { course.resitCap ?? resitCap }
}
