/// A course, occurrence, component or student code: 1–12 characters of `A-Z a-z 0-9 - _`,
/// compared case-insensitively and written upper-case, because codes become file names and export keys.
public struct Code: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The code's bytes, upper-cased and zero-padded, the first in the highest byte of `head`: a code
    /// is at most 12 ASCII bytes, so it is held, copied, hashed and compared as plain integers — a run
    /// handles millions — and comparing them orders codes as their text does. Three 4-byte words, not
    /// an 8-byte and a 4-byte one, so that a code takes 12 bytes in a row, not 16.
    private let high: UInt32
    private let middle: UInt32
    private let tail: UInt32

    /// The first eight bytes.
    private var head: UInt64 { UInt64(high) << 32 | UInt64(middle) }

    public init?(_ text: some StringProtocol) {
        self.init(String(text))
    }

    /// The common case, not generic: readers call it for several fields of every row.
    public init?(_ text: String) {
        var text = text
        guard let code = text.withUTF8({ Code(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = code
    }

    /// A code from its bytes: 1-12 of `A-Z a-z 0-9 - _`, upper-cased.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        guard (1...12).contains(bytes.count) else { return nil }
        // Each byte looked up, then shifted in from the right, and the whole moved to the left: a few
        // operations a byte, for several codes in every row.
        var head: UInt64 = 0
        var tail: UInt32 = 0
        let valid = Self.upperCased.withUnsafeBufferPointer { upperCased in
            for index in 0..<min(bytes.count, 8) {
                let upper = upperCased[Int(bytes[index])]
                guard upper != 0 else { return false }
                head = head << 8 | UInt64(upper)
            }
            for index in 8..<max(bytes.count, 8) {
                let upper = upperCased[Int(bytes[index])]
                guard upper != 0 else { return false }
                tail = tail << 8 | UInt32(upper)
            }
            return true
        }
        guard valid else { return nil }
        head <<= 8 * (8 - UInt64(min(bytes.count, 8)))
        tail <<= 8 * (4 - UInt32(max(bytes.count - 8, 0)))
        high = UInt32(truncatingIfNeeded: head >> 32)
        middle = UInt32(truncatingIfNeeded: head)
        self.tail = tail
    }

    /// Each byte as a code holds it, upper-cased; 0 for a byte a code may not hold.
    private static let upperCased: [UInt8] = (0...255).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - 32
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
            UInt8(ascii: "_"):
            return byte
        default: return 0
        }
    }

    public var description: String {
        var text = ""
        withBytes { text = String(decoding: $0, as: UTF8.self) }
        return text
    }

    /// The code's bytes, lent to `body`: the writers put millions of codes into files without making a
    /// string of each. Not generic: other modules call it for every code, and a generic one made the
    /// runtime look up its types at each call.
    public func withBytes(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { bytes in
            // Stored most significant byte first, the words are the bytes in order; the code ends at its
            // first zero byte, and a code holds none.
            let raw = UnsafeMutableRawPointer(bytes.baseAddress!)
            raw.storeBytes(of: high.bigEndian, as: UInt32.self)
            raw.storeBytes(of: middle.bigEndian, toByteOffset: 4, as: UInt32.self)
            raw.storeBytes(of: tail.bigEndian, toByteOffset: 8, as: UInt32.self)
            let count = tail != 0 ? 12 - tail.trailingZeroBitCount / 8 : 8 - head.trailingZeroBitCount / 8
            body(UnsafeBufferPointer(rebasing: bytes[..<count]))
        }
    }

    public static func < (lhs: Code, rhs: Code) -> Bool {
        (lhs.high, lhs.middle, lhs.tail) < (rhs.high, rhs.middle, rhs.tail)
    }

    /// A hash for tables of codes probed for every row of a large file: two multiplications, whose top
    /// bits depend on every byte of the code (Fibonacci hashing). `hashValue`, keyed afresh in each
    /// process, took a tenth of reading the enrolment list.
    public var quickHash: UInt64 {
        let spread: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (head ^ (UInt64(tail) &* spread)) &* spread
    }
}

/// The four kinds of provision of Procedure §7.1.
public enum CourseType: String, CaseIterable, Sendable {
    case microCredential = "micro-credential"
    case continuingEducation = "continuing-education"
    case professional = "professional"
    case attendance = "attendance"

    /// Structural norms (Procedure §7.1): the credits a course of this type may carry.
    public var creditBand: ClosedRange<Int> {
        switch self {
        case .continuingEducation: 10...60
        case .professional: 40...60
        case .attendance: 0...0
        case .microCredential: 20...60
        }
    }

    public var name: String {
        switch self {
        case .microCredential: "Named Micro-credential"
        case .continuingEducation: "Certificate of Continuing Education"
        case .professional: "Professional Certificate"
        case .attendance: "Certificate of Attendance"
        }
    }
}

public enum Language: String, Sendable {
    case english = "en"
    case welsh = "cy"
}

/// Where a row came from, so every finding can name its file and line.
public struct SourceLine: Hashable, Sendable {
    public let file: String
    // Four bytes: every row holds one, and the fields after it fill the other four.
    private let storedLine: Int32

    public var line: Int { Int(storedLine) }

    public init(file: String, line: Int) {
        self.file = file
        storedLine = Int32(clamping: line)
    }
}

/// One course on the University Register for Short Courses and Micro-credentials.
public struct Course: Sendable {
    public var code: Code
    public var title: String
    public var titleWelsh: String
    public var type: CourseType
    public var credits: Int
    public var level: Int
    public var passMark: Int?
    public var resitCap: Bool?
    public var professionalBody: String
    public var externalExaminer: String
    public var learningOutcomes: String
    public var source: SourceLine

    public init(
        code: Code, title: String, titleWelsh: String = "", type: CourseType, credits: Int, level: Int,
        passMark: Int? = nil, resitCap: Bool? = nil, professionalBody: String = "",
        externalExaminer: String = "", learningOutcomes: String = "",
        source: SourceLine = SourceLine(file: "courses.csv", line: 0)
    ) {
        self.code = code
        self.title = title
        self.titleWelsh = titleWelsh
        self.type = type
        self.credits = credits
        self.level = level
        self.passMark = passMark
        self.resitCap = resitCap
        self.professionalBody = professionalBody
        self.externalExaminer = externalExaminer
        self.learningOutcomes = learningOutcomes
        self.source = source
    }

    /// Non-credit courses are not presented to boards (Procedure §11.3).
    public var isPresentedToBoards: Bool { type != .attendance }
}

/// One assessment of a course (SITS MAB_SEQ).
public struct Component: Sendable {
    public var course: Code
    public var code: Code
    public var title: String
    public var weight: Int
    public var qualifyingMark: Int?

    public init(course: Code, code: Code, title: String, weight: Int, qualifyingMark: Int? = nil) {
        self.course = course
        self.code = code
        self.title = title
        self.weight = weight
        self.qualifyingMark = qualifyingMark
    }
}

public enum EnrolmentStatus: String, Sendable {
    case active
    case withdrawn
}

/// The key of an enrolment: one student on one run of a course in the year of initial enrolment.
public struct EnrolmentKey: Hashable, Comparable, Sendable {
    public let student: Code
    public let course: Code
    public let occurrence: Code
    public let academicYear: String

    public init(student: Code, course: Code, occurrence: Code, academicYear: String) {
        self.student = student
        self.course = course
        self.occurrence = occurrence
        self.academicYear = academicYear
    }

    /// Student and course alone tell almost every enrolment apart, and hashing half the codes halves
    /// the cost of the lookups a run makes for each of a million rows; equality still compares all four.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(student)
        hasher.combine(course)
    }

    /// decisions.csv order: course, occurrence, student.
    public static func < (lhs: EnrolmentKey, rhs: EnrolmentKey) -> Bool {
        (lhs.course, lhs.occurrence, lhs.student, lhs.academicYear)
            < (rhs.course, rhs.occurrence, rhs.student, rhs.academicYear)
    }

    /// What `<` compares before the year, in its order: for keys of one academic year, comparing these
    /// compares the keys, as integers, without the year's string.
    var codesInOrder: (course: Code, occurrence: Code, student: Code) { (course, occurrence, student) }
}

public struct Enrolment: Sendable {
    // Stored so that no field leaves a gap: a run holds two copies of each of millions.
    public var key: EnrolmentKey
    public var familyName: String
    public var givenNames: String
    public var sprCode: String
    public var source: SourceLine
    public var statusDate: Day?
    /// Percent attendance (attendance courses); nil when not recorded.
    public var attendance: Percent?
    public var status: EnrolmentStatus
    public var language: Language

    public init(
        key: EnrolmentKey, familyName: String, givenNames: String, status: EnrolmentStatus = .active,
        statusDate: Day? = nil, attendance: Percent? = nil, language: Language = .english,
        sprCode: String? = nil, source: SourceLine = SourceLine(file: "enrolments.csv", line: 0)
    ) {
        self.key = key
        self.familyName = familyName
        self.givenNames = givenNames
        self.status = status
        self.statusDate = statusDate
        self.attendance = attendance
        self.language = language
        self.sprCode = sprCode ?? "\(key.student)/1"
        self.source = source
    }

    /// The student withdrew before board `board` (a withdrawal on the board day itself is not "before").
    public func withdrew(before board: Day) -> Bool { Self.withdrawal(status, on: statusDate, before: board) != nil }

    /// The day the student withdrew, when that was before board `board`.
    public func withdrawal(before board: Day) -> Day? { Self.withdrawal(status, on: statusDate, before: board) }

    /// The rule of both, for an enrolment's status and status date held apart from it.
    static func withdrawal(_ status: EnrolmentStatus, on date: Day?, before board: Day) -> Day? {
        guard status == .withdrawn, let date, date < board else { return nil }
        return date
    }
}

/// An academic year's code as a mark row holds it (`2025/26`): up to 15 bytes and their count in four
/// words, so a row is plain data and its year is compared with a board's or an enrolment's as integers.
/// No academic year is longer (board.toml's are 7 bytes); a row naming a longer one is refused as it is read.
public struct YearCode: Hashable, Sendable, CustomStringConvertible {
    // The bytes, the first in the lowest byte of `first`, then the count in the highest byte of `fourth`.
    // Four 4-byte words, not two 8-byte ones, so that a row keeps the 4-byte alignment of its codes.
    private let first: UInt32
    private let second: UInt32
    private let third: UInt32
    private let fourth: UInt32

    /// nil for more than 15 bytes. Read by a few overlapping loads, not byte by byte or through `memmove`:
    /// every row of every sheet has a year.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard count <= 15 else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        if count >= 8 {
            low = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
            // The last eight bytes, less those `low` holds.
            high =
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
                >> (8 * (16 - count))
        } else if count >= 4 {
            let head = UInt64(UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self)))
            let tail = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
            low = head | tail << (8 * (count - 4))
        } else {
            for index in 0..<count { low |= UInt64(bytes[index]) << (8 * index) }
        }
        high |= UInt64(count) << 56
        first = UInt32(truncatingIfNeeded: low)
        second = UInt32(truncatingIfNeeded: low >> 32)
        third = UInt32(truncatingIfNeeded: high)
        fourth = UInt32(truncatingIfNeeded: high >> 32)
    }

    public init?(_ text: String) {
        var text = text
        guard let code = text.withUTF8({ YearCode(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = code
    }

    public var description: String {
        let low = UInt64(second) << 32 | UInt64(first)
        let high = UInt64(fourth) << 32 | UInt64(third)
        let bytes = (0..<Int(high >> 56)).map {
            UInt8(truncatingIfNeeded: $0 < 8 ? low >> (8 * $0) : high >> (8 * ($0 - 8)))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// An academic year and the dates of its University Assessment Boards.
public struct AcademicYear: Sendable {
    public var code: String {
        didSet { rowCode = YearCode(code) }
    }
    /// The code as a mark row holds it, made once for the comparisons with every row.
    public private(set) var rowCode: YearCode?
    public var starts: Day
    public var ends: Day
    public var boards: [Day]

    public init(code: String, starts: Day, ends: Day, boards: [Day]) {
        self.code = code
        rowCode = YearCode(code)
        self.starts = starts
        self.ends = ends
        self.boards = boards
    }

    public func contains(_ day: Day) -> Bool { starts <= day && day <= ends }
    public var lastBoard: Day? { boards.last }
    public func board(after board: Day) -> Day? { boards.first { $0 > board } }
}

/// `[policy]` of board.toml.
public struct Policy: Sendable {
    public var passMark: Int
    public var passMarkLevel7: Int
    public var resitCap: Bool
    public var attendanceThreshold: Int
    public var ayrCode: AYRStyle

    public enum AYRStyle: String, Sendable {
        case long = "2025/6"
        case short = "25/26"
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

/// The register, deadlines and enrolments once they are known to be consistent (SPEC §1.6).
public struct Register: Sendable {
    public var courses: [Code: Course]
    /// Each course's components in sequence order.
    public var components: [Code: [Component]]
    /// Keyed by course, occurrence, academic year and component.
    public var deadlines: [DeadlineKey: Day]
    public var enrolments: EnrolmentTable

    public struct DeadlineKey: Hashable, Sendable {
        public let course: Code
        public let occurrence: Code
        public let academicYear: String
        public let component: Code

        public init(course: Code, occurrence: Code, academicYear: String, component: Code) {
            self.course = course
            self.occurrence = occurrence
            self.academicYear = academicYear
            self.component = component
        }

        /// The codes alone: hashing the year's string cost more than the three codes, for every deadline
        /// loaded and every deadline looked up; equality still compares the year.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(course)
            hasher.combine(occurrence)
            hasher.combine(component)
        }
    }

    public init(
        courses: [Code: Course], components: [Code: [Component]], deadlines: [DeadlineKey: Day],
        enrolments: EnrolmentTable
    ) {
        self.courses = courses
        self.components = components
        self.deadlines = deadlines
        self.enrolments = enrolments
    }

    public func deadline(for enrolment: EnrolmentKey, component: Code) -> Day? {
        deadlines[
            DeadlineKey(
                course: enrolment.course, occurrence: enrolment.occurrence,
                academicYear: enrolment.academicYear, component: component)]
    }
}

/// A percentage as recorded, to at most two decimal places (attendance of `87.5`), compared exactly.
public struct Percent: Comparable, Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    // Four bytes: every enrolment holds one (0 to 10,000).
    private let storedHundredths: Int32

    public var hundredths: Int { Int(storedHundredths) }

    public init(integerLiteral whole: Int) { storedHundredths = Int32(clamping: whole * 100) }

    /// `0` to `100`, optionally with one or two decimals; nil otherwise.
    public init?(_ text: String) {
        var text = text
        guard let percent = text.withUTF8({ Percent(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = percent
    }

    /// The same from the text's bytes, digit by digit: the enrolment list has an attendance for every
    /// enrolment on an attendance course, and splitting each text into parts took two thousand instructions.
    public init?(_ bytes: UnsafeRawBufferPointer) {
        var whole = 0
        var wholeDigits = 0
        var index = 0
        while index < bytes.count, bytes[index] != UInt8(ascii: ".") {
            let digit = bytes[index] &- UInt8(ascii: "0")
            // Three digits at most, refused at the fourth: a longer run of digits would overflow.
            guard digit < 10, wholeDigits < 3 else { return nil }
            whole = whole * 10 + Int(digit)
            wholeDigits += 1
            index += 1
        }
        guard wholeDigits > 0 else { return nil }
        var fraction = 0
        if index < bytes.count {
            // After the point: one or two digits, nothing else.
            index += 1
            let decimals = bytes.count - index
            guard (1...2).contains(decimals) else { return nil }
            for place in index..<bytes.count {
                let digit = bytes[place] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                fraction = fraction * 10 + Int(digit)
            }
            if decimals == 1 { fraction *= 10 }
        }
        guard whole * 100 + fraction <= 10_000 else { return nil }
        storedHundredths = Int32(whole * 100 + fraction)
    }

    public var description: String {
        let fraction = hundredths % 100
        guard fraction != 0 else { return String(hundredths / 100) }
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction % 10 == 0 ? fraction / 10 : fraction)"
    }

    public static func < (lhs: Percent, rhs: Percent) -> Bool { lhs.hundredths < rhs.hundredths }
}
