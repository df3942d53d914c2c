import CSV
import Foundation
import Regulations

/// A synthetic institution in SPEC §1 form, for demos, training and the benchmark: `board.toml`, the
/// register, deadlines, enrolments and the mark sheets of two academic years (four boards each).
/// The same enrolment count and seed always give the same bytes: every random choice comes from one
/// seeded generator, consumed in one fixed order.
public enum InstitutionGenerator {
    /// The two academic years generated, with their boards.
    public static let years: [AcademicYear] = [
        AcademicYear(
            code: "2025/26", starts: Day(year: 2025, month: 8, day: 1)!, ends: Day(year: 2026, month: 7, day: 31)!,
            boards: [
                Day(year: 2025, month: 12, day: 11)!, Day(year: 2026, month: 2, day: 19)!,
                Day(year: 2026, month: 6, day: 18)!, Day(year: 2026, month: 7, day: 23)!,
            ]),
        AcademicYear(
            code: "2026/27", starts: Day(year: 2026, month: 8, day: 1)!, ends: Day(year: 2027, month: 7, day: 31)!,
            boards: [
                Day(year: 2026, month: 12, day: 10)!, Day(year: 2027, month: 2, day: 18)!,
                Day(year: 2027, month: 6, day: 17)!, Day(year: 2027, month: 7, day: 22)!,
            ]),
    ]

    /// The kinds of mistake planted in mark sheets, each one `board check` reports.
    public enum Mistake: String, CaseIterable, Sendable {
        case markNotWhole = "mark not whole (67.5)"
        case badDate = "date not in an accepted form"
        case unknownStudent = "student not enrolled"
        case duplicate = "duplicate row"
        case conflict = "conflicting rows"
        case submittedOnBoardDay = "submitted on the board day"
        case otherYear = "row for another academic year"
    }

    /// What was written.
    public struct Summary: Sendable {
        public var enrolments = 0
        public var markRows = 0
        public var sheets = 0
        public var bytes = 0
        public var courses = 0
        /// How many rows carry each planted mistake (a conflict counts its extra row).
        public var mistakes: [Mistake: Int] = [:]
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes an institution with `enrolments` enrolments in each of the two academic years into
    /// `folder` (created if missing; files of the same name are replaced).
    public static func generate(enrolments: Int, seed: UInt64, into folder: String) throws(Failure) -> Summary {
        var builder = Builder(perYear: max(1, enrolments), seed: seed, folder: folder)
        try builder.write()
        return builder.summary
    }
}

// MARK: - Random numbers

/// SplitMix64: small, fast and the same on every platform.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// True with probability `perMille`/1000.
    mutating func chance(_ perMille: Int) -> Bool { below(1000) < perMille }

    /// Roughly normal: the sum of four uniforms, scaled.
    mutating func normal(mean: Int, spread: Int) -> Int {
        var sum = 0
        for _ in 0..<4 { sum += below(2 * spread + 1) - spread }
        return mean + sum / 2
    }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

// MARK: - Calendar arithmetic

/// Days since 1970-01-01 (proleptic Gregorian), for adding days to dates.
private func dayNumber(_ day: Day) -> Int {
    let y = day.month <= 2 ? day.year - 1 : day.year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (day.month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day.day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
}

private func day(fromNumber number: Int) -> Day {
    let z = number + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return Day(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
}

// MARK: - Writing

extension CSVText {
    /// The CSV text of generated inputs, written as a spreadsheet saves them: a mark of `-` stays `-`.
    static func input() -> CSVText { CSVText(guardingFormulas: false) }

    /// A whole number, zero-padded to `width` digits (`001`).
    mutating func field(_ number: Int, width: Int) {
        let digits = String(number)
        field(String(repeating: "0", count: max(0, width - digits.count)) + digits)
    }
}

// MARK: - The institution

private struct GeneratedCourse {
    var code: String
    var type: CourseType
    var credits: Int
    var level: Int
    var passMark: Int?
    var resitCap: Bool?
    var weights: [Int]
    var qualifying: [Int?]
    var occurrences: [String]

    var effectivePassMark: Int { passMark ?? (level >= 7 ? 50 : 40) }
}

/// One component's fate for one enrolment, decided before any row is written.
private struct PlannedSit {
    enum Kind { case mark, nonSubmission, absent, deferral, late, sentLate, missing }
    var kind: Kind
    var mark: Int
    var mistake: InstitutionGenerator.Mistake?
    var corrected = false
}

private struct Builder {
    let perYear: Int
    let folder: String
    var random: SeededRandom
    var summary = InstitutionGenerator.Summary()
    var courses: [GeneratedCourse] = []
    /// Student number of every enrolment written so far, so some students can hold a second enrolment.
    var students: [Int32] = []
    var nextStudent: Int32 = 0
    /// Every kind of mistake is planted at least once, in the first rows written, so a small institution has them all.
    var forcedMistakes = InstitutionGenerator.Mistake.allCases

    init(perYear: Int, seed: UInt64, folder: String) {
        self.perYear = perYear
        self.folder = folder
        self.random = SeededRandom(seed: seed)
    }

    static let families = [
        "Jones", "Williams", "Davies", "Evans", "Thomas", "Roberts", "Hughes", "Lewis", "Morgan", "Griffiths",
        "Edwards", "Owen", "Price", "Pritchard", "Parry", "Lloyd", "Rees", "Jenkins", "Powell", "Vaughan",
        "O'Brien", "D'Arcy", "O'Neill", "Smith", "Taylor", "Brown", "Wilson", "Kenyon", "Ap Dafydd", "Jones, Jr.",
        "Ellis", "Bowen", "Prosser", "Mostyn", "Ahmed", "Kowalski", "Nguyen", "Okafor", "Singh", "Murphy",
    ]
    static let givens = [
        "Catrin", "Owain", "Rhiannon", "Siân", "Llŷr", "Gwenllïan", "Dafydd", "Megan", "Elin", "Iwan", "Sioned",
        "Gareth", "Ffion", "Rhys", "Carys", "Huw", "Nia", "Aled", "Bethan", "Emyr", "Mary, Anne", "Elizabeth \"Beth\"",
        "Mark", "Sarah", "James", "Emma", "Tomos", "Lowri", "Deiniol", "Angharad", "Wyn", "Aisha", "Piotr", "Linh",
        "Chidi", "Harpreet", "Siobhan", "Ciarán", "Olivia", "Noah",
    ]
    static let comments = [
        "Good work; see feedback.", "Learning outcomes met.", "Rhagorol, da iawn.",
        "Learning outcomes 2 and 3 not met, see feedback.", "Strong analysis, \"well argued\".",
        "Second marked.\nModerated sample.", "Da iawn; defnydd da o dystiolaeth.",
    ]
    static let examiners = [
        "Dr Helen Marsh (University of Chester)", "Prof. Gareth Evans (Cardiff University)",
        "Dr Siân Roberts (Bangor University)", "Dr Aled Jones (Aberystwyth University)",
        "Dr Priya Shah (University of Salford)", "Prof. Mary O'Neill (Ulster University)",
    ]
    static let bodies = [
        "Nursing and Midwifery Council", "Chartered Institute of Personnel and Development",
        "Health and Care Professions Council", "Royal Institution of Chartered Surveyors",
    ]
    static let subjects = [
        ("Data Analysis", "Dadansoddi Data"), ("Leadership", "Arweinyddiaeth"),
        ("Welsh for the Workplace", "Cymraeg yn y Gweithle"),
        ("Safeguarding", "Diogelu"), ("Digital Skills", "Sgiliau Digidol"), ("Counselling Skills", "Sgiliau Cwnsela"),
        ("Sustainable Construction", "Adeiladu Cynaliadwy"), ("Research Methods", "Dulliau Ymchwil"),
        ("Creative Writing", "Ysgrifennu Creadigol"), ("Project Management", "Rheoli Prosiectau"),
        ("Cyber Security", "Seiberddiogelwch"), ("Mental Health First Aid", "Cymorth Cyntaf Iechyd Meddwl"),
    ]
    static let header = [
        "student_id", "course_code", "occurrence", "academic_year", "component", "attempt", "mark", "flag",
        "submitted_on", "language", "comment",
    ]

    mutating func write() throws(InstitutionGenerator.Failure) {
        try makeFolder(folder)
        try makeFolder(folder + "/register")
        for year in InstitutionGenerator.years {
            for board in year.boards { try makeFolder(folder + "/marks/" + board.description) }
        }
        try writeConfig()
        makeCourses()
        try writeRegister()

        var enrolments = CSVText.input()
        enrolments.line([
            "student_id", "family_name", "given_names", "course_code", "occurrence", "academic_year", "status",
            "status_date", "attendance", "language", "spr_code",
        ])
        for (index, year) in InstitutionGenerator.years.enumerated() {
            let groups = courses.indices.flatMap { course in courses[course].occurrences.map { (course, $0) } }
            let sizes = groupSizes(groups.count)
            for (group, (course, occurrence)) in groups.enumerated() {
                try writeGroup(
                    course: courses[course], occurrence: occurrence, size: sizes[group], year: year,
                    otherYear: InstitutionGenerator.years[1 - index], enrolments: &enrolments)
            }
        }
        try writeWhole("enrolments.csv", enrolments.take())
    }

    private func makeFolder(_ path: String) throws(InstitutionGenerator.Failure) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw InstitutionGenerator.Failure(path: path, reason: error.localizedDescription)
        }
    }

    private mutating func writeWhole(_ relative: String, _ bytes: [UInt8]) throws(InstitutionGenerator.Failure) {
        let path = folder + "/" + relative
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        } catch {
            throw InstitutionGenerator.Failure(path: path, reason: error.localizedDescription)
        }
        summary.bytes += bytes.count
    }

    private mutating func writeConfig() throws(InstitutionGenerator.Failure) {
        var text = """
            # A synthetic institution written by `board generate` (\(perYear) enrolments a year).
            [institution]
            name = "Prifysgol Enghreifftiol / Example University"
            name_cy = "Prifysgol Enghreifftiol"
            code = "EXMPL"
            country = "Wales, United Kingdom"

            [inputs]
            courses = "register/courses.csv"
            components = "register/components.csv"
            deadlines = "register/deadlines.csv"
            enrolments = "enrolments.csv"
            marks = "marks"

            [outputs]
            reports = "Reports"
            exports = "Reports/exports"

            [policy]
            pass_mark = 40
            pass_mark_level7 = 50
            resit_cap = true
            attendance_threshold = 80
            ayr_code = "2025/6"

            """
        for year in InstitutionGenerator.years {
            text += """

                [[academic_years]]
                code = "\(year.code)"
                starts = \(year.starts)
                ends = \(year.ends)
                boards = [\(year.boards.map(\.description).joined(separator: ", "))]

                """
        }
        try writeWhole("board.toml", Array(text.utf8))
    }

    /// About one course per 150 enrolments a year, between 12 and 3,000, of all four types.
    private mutating func makeCourses() {
        let count = min(3000, max(12, perYear / 150))
        var used = Set<String>()
        for index in 0..<count {
            // The first four cover every type, so even the smallest institution has them all.
            let roll = index < 4 ? [600, 850, 930, 999][index] : random.below(1000)
            let type: CourseType =
                roll < 600
                ? .microCredential : roll < 850 ? .continuingEducation : roll < 930 ? .professional : .attendance
            let level =
                type == .professional
                ? random.within(6...7) : type == .attendance ? random.within(3...4) : random.within(3...7)
            let prefix = ["MC", "CE", "PC", "AT"][
                [CourseType.microCredential, .continuingEducation, .professional, .attendance].firstIndex(of: type)!]
            var code = ""
            repeat {
                let number = String(random.below(10000))
                code = prefix + String(level) + String(repeating: "0", count: 4 - number.count) + number
            } while !used.insert(code).inserted
            let credits: Int
            switch type {
            case .microCredential: credits = random.chance(20) ? 15 : random.pick([20, 20, 20, 30, 40, 60])
            case .continuingEducation: credits = random.pick([10, 20, 20, 30, 60])
            case .professional: credits = random.pick([40, 60])
            case .attendance: credits = 0
            }
            var weights: [Int] = []
            var qualifying: [Int?] = []
            if type != .attendance {
                let components = random.pick([3, 4, 4, 5, 5, 5, 6, 6])
                let shares = (0..<components).map { _ in random.within(1...4) }
                let total = shares.reduce(0, +)
                weights = shares.map { 100 * $0 / total }
                weights[0] += 100 - weights.reduce(0, +)
                qualifying = weights.map { _ in random.chance(60) ? 35 : nil }
            }
            let occurrences = random.chance(400) ? ["JAN", "SEP"] : random.chance(550) ? ["SEP"] : ["JAN"]
            courses.append(
                GeneratedCourse(
                    code: code, type: type, credits: credits, level: level,
                    passMark: random.chance(50) ? 50 : nil, resitCap: random.chance(80) ? false : nil,
                    weights: weights, qualifying: qualifying, occurrences: occurrences))
        }
        courses.sort { $0.code < $1.code }
        summary.courses = courses.count
    }

    private mutating func writeRegister() throws(InstitutionGenerator.Failure) {
        var text = CSVText.input()
        text.line([
            "course_code", "title", "title_cy", "type", "credits", "level", "pass_mark", "resit_cap",
            "professional_body", "external_examiner",
        ])
        var components = CSVText.input()
        components.line(["course_code", "component", "title", "weight", "qualifying_mark"])
        var deadlines = CSVText.input()
        deadlines.line(["course_code", "occurrence", "academic_year", "component", "deadline"])
        let componentTitles = [
            "Portfolio", "Reflective report", "Examination", "Presentation", "Case study", "Practical assessment",
        ]
        for course in courses {
            let (title, titleWelsh) = random.pick(Self.subjects)
            let kind =
                switch course.type {
                case .microCredential: "Micro-credential in"
                case .continuingEducation: "Certificate in"
                case .professional: "Professional Certificate in"
                case .attendance: "Introduction to"
                }
            text.field(course.code)
            text.field("\(kind) \(title), level \(course.level)")
            text.field(random.chance(600) ? "\(titleWelsh), lefel \(course.level)" : "")
            text.field(course.type.rawValue)
            text.field(course.credits)
            text.field(course.level)
            text.field(course.passMark)
            text.field(course.resitCap.map { $0 ? "yes" : "no" } ?? "")
            text.field(course.type == .professional ? random.pick(Self.bodies) : "")
            text.field(course.type != .attendance && !random.chance(40) ? random.pick(Self.examiners) : "")
            text.endLine()
            for (index, weight) in course.weights.enumerated() {
                components.field(course.code)
                components.field(index + 1, width: 3)
                components.field(componentTitles[index])
                components.field(weight)
                components.field(course.qualifying[index])
                components.endLine()
            }
            for year in InstitutionGenerator.years {
                for occurrence in course.occurrences {
                    for index in course.weights.indices {
                        deadlines.field(course.code)
                        deadlines.field(occurrence)
                        deadlines.field(year.code)
                        deadlines.field(index + 1, width: 3)
                        deadlines.field(Self.deadline(year: year, occurrence: occurrence, component: index).description)
                        deadlines.endLine()
                    }
                }
            }
        }
        try writeWhole("register/courses.csv", text.take())
        try writeWhole("register/components.csv", components.take())
        try writeWhole("register/deadlines.csv", deadlines.take())
    }

    /// SEP work is due in November, before the first board; JAN work in May, before the third.
    static func deadline(year: AcademicYear, occurrence: String, component: Int) -> Day {
        let board = year.boards[occurrence == "SEP" ? 0 : 2]
        return day(fromNumber: dayNumber(board) - 34 + 7 * (component % 4))
    }

    /// Enrolments per course occurrence: uneven, adding up to `perYear`.
    private mutating func groupSizes(_ groups: Int) -> [Int] {
        let shares = (0..<groups).map { _ in random.within(1...8) }
        let total = shares.reduce(0, +)
        var sizes = shares.map { perYear * $0 / total }
        var rest = perYear - sizes.reduce(0, +)
        var index = 0
        while rest > 0 {
            sizes[index % groups] += 1
            rest -= 1
            index += 1
        }
        return sizes
    }

    /// A student number not yet used, or now and then a student who already holds another enrolment.
    private mutating func student(avoiding taken: inout Set<Int32>) -> Int32 {
        if students.count > 50 && random.chance(120) {
            let candidate = students[random.below(students.count - 50)]
            if taken.insert(candidate).inserted { return candidate }
        }
        nextStudent += 1
        taken.insert(nextStudent)
        return nextStudent
    }

    /// Student numbers are 8 digits from 20000000; the scrambling is a bijection, so numbers never repeat.
    private static func studentID(_ number: Int32) -> Int { 20_000_000 + (Int(number) &* 7919 &+ 12345) % 80_000_000 }

    private mutating func writeGroup(
        course: GeneratedCourse, occurrence: String, size: Int, year: AcademicYear, otherYear: AcademicYear,
        enrolments: inout CSVText
    ) throws(InstitutionGenerator.Failure) {
        var sheets = [CSVText](repeating: .input(), count: year.boards.count)
        var amended = [CSVText](repeating: .input(), count: year.boards.count)
        var taken = Set<Int32>()
        for _ in 0..<size {
            let number = student(avoiding: &taken)
            students.append(number)
            let id = Self.studentID(number)
            let welsh = random.chance(80)
            let withdrawn = random.chance(30)
            let statusDate = withdrawn ? day(fromNumber: dayNumber(year.starts) + random.within(30...340)) : nil

            enrolments.field(id)
            enrolments.field(random.pick(Self.families))
            enrolments.field(random.pick(Self.givens))
            enrolments.field(course.code)
            enrolments.field(occurrence)
            enrolments.field(year.code)
            enrolments.field(withdrawn ? "withdrawn" : "active")
            enrolments.field(statusDate?.description ?? "")
            enrolments.field(
                course.type == .attendance && !random.chance(20)
                    ? (random.chance(750) ? random.within(80...100) : random.within(40...79)) : nil)
            enrolments.field(welsh ? "cy" : "en")
            enrolments.field(random.chance(10) ? "\(id)/2" : "")
            enrolments.endLine()
            summary.enrolments += 1

            guard course.type != .attendance else { continue }
            planRows(
                student: id, course: course, occurrence: occurrence, year: year, otherYear: otherYear, welsh: welsh,
                withdrawnOn: statusDate, sheets: &sheets, amended: &amended)
        }
        for board in year.boards.indices {
            for (suffix, rows) in [("-amended", amended[board]), ("", sheets[board])] where !rows.bytes.isEmpty {
                var sheet = CSVText.input()
                sheet.line(Self.header)
                try writeWhole(
                    "marks/\(year.boards[board])/\(course.code)-\(occurrence)\(suffix).csv", sheet.take() + rows.bytes)
                summary.sheets += 1
            }
        }
    }

    /// Decides what happens to each component of one enrolment, then writes its rows to the sheets of
    /// the boards they are sent to.
    private mutating func planRows(
        student: Int, course: GeneratedCourse, occurrence: String, year: AcademicYear, otherYear: AcademicYear,
        welsh: Bool, withdrawnOn: Day?, sheets: inout [CSVText], amended: inout [CSVText]
    ) {
        let firstBoard = occurrence == "SEP" ? 0 : 2
        let ability = random.normal(mean: 60, spread: 22)
        let neverSubmits = random.chance(15)
        let passMark = course.effectivePassMark
        var plans: [PlannedSit] = []
        for index in course.weights.indices {
            let mark = max(0, min(100, ability + random.normal(mean: 0, spread: 14)))
            let roll = random.below(1000)
            let kind: PlannedSit.Kind =
                neverSubmits
                ? .missing
                : roll < 25
                    ? .deferral
                    : roll < 45
                        ? .nonSubmission
                        : roll < 55
                            ? .absent
                            : roll < 85
                                ? .late
                                : roll < 105 ? .sentLate : roll < 110 ? .missing : .mark
            var plan = PlannedSit(kind: kind, mark: mark)
            if kind == .mark || kind == .sentLate {
                if let forced = forcedMistakes.first, index == 0, withdrawnOn == nil {
                    plan.mistake = forced
                    forcedMistakes.removeFirst()
                } else if random.chance(9) {
                    plan.mistake = random.pick(InstitutionGenerator.Mistake.allCases)
                }
                plan.corrected = random.chance(500)
            }
            plans.append(plan)
        }

        // The board at which each first sit counts, as the replay will see it.
        var countedAt: [Int?] = []
        var effective: [Int] = []
        for plan in plans {
            var board: Int? = firstBoard
            var mark = plan.mark
            switch plan.kind {
            case .missing: board = nil
            case .deferral, .sentLate: board = firstBoard + 1
            case .nonSubmission, .absent, .late: mark = 0
            case .mark: break
            }
            switch plan.mistake {
            case .markNotWhole?, .badDate?, .conflict?, .submittedOnBoardDay?:
                board = plan.corrected && board.map({ $0 + 1 < year.boards.count }) == true ? board! + 1 : nil
            default: break
            }
            countedAt.append(board)
            effective.append(mark)
        }

        let deadlines = course.weights.indices.map { Self.deadline(year: year, occurrence: occurrence, component: $0) }
        func emit(
            _ component: Int, attempt: Int, board: Int, entry: String, flag: String, submitted: Day,
            mistake: InstitutionGenerator.Mistake?
        ) {
            if let withdrawnOn, submitted >= withdrawnOn { return }
            let dateText =
                switch mistake {
                case .badDate?: "\(submitted.day).\(submitted.month).\(submitted.year)"
                case .submittedOnBoardDay?: year.boards[board].description
                default: submitted.description
                }
            func row(student: Int, yearCode: String, entry: String) -> [UInt8] {
                var row = CSVText.input()
                row.field(student)
                row.field(course.code)
                row.field(occurrence)
                row.field(yearCode)
                row.field(component + 1, width: 3)
                row.field(attempt)
                row.field(entry)
                row.field(flag)
                row.field(dateText)
                row.field(welsh || random.chance(30) ? (welsh ? "cy" : "en") : "")
                row.field(random.chance(60) ? random.pick(Self.comments) : "")
                row.endLine()
                return row.take()
            }
            let first = row(
                student: student, yearCode: year.code, entry: mistake == .markNotWhole ? entry + ".5" : entry)
            sheets[board].append(lines: first)
            summary.markRows += 1
            guard let mistake else { return }
            summary.mistakes[mistake, default: 0] += 1
            switch mistake {
            case .duplicate:
                sheets[board].append(lines: first)
                summary.markRows += 1
            case .conflict:
                // The team sends the sit again with another mark in an amended sheet: neither counts.
                let other = String((Int(entry) ?? 0) == 100 ? 99 : (Int(entry) ?? 0) + 1)
                amended[board].append(lines: row(student: student, yearCode: year.code, entry: other))
                summary.markRows += 1
            case .unknownStudent:
                sheets[board].append(
                    lines: row(student: 10_000_000 + random.below(9_999_999), yearCode: year.code, entry: entry))
                summary.markRows += 1
            case .otherYear:
                sheets[board].append(lines: row(student: student, yearCode: otherYear.code, entry: entry))
                summary.markRows += 1
            case .markNotWhole, .badDate, .submittedOnBoardDay: break
            }
        }

        for (index, plan) in plans.enumerated() {
            let deadline = deadlines[index]
            let board = year.boards[firstBoard]
            let onTime = day(fromNumber: dayNumber(deadline) - random.within(0...12))
            switch plan.kind {
            case .missing: continue
            case .mark:
                emit(
                    index, attempt: 1, board: firstBoard, entry: String(plan.mark), flag: "", submitted: onTime,
                    mistake: plan.mistake)
            case .sentLate:
                emit(
                    index, attempt: 1, board: firstBoard + 1, entry: String(plan.mark), flag: "", submitted: onTime,
                    mistake: plan.mistake)
            case .late:
                let latest = dayNumber(board) - 1
                let submitted = day(fromNumber: min(latest, dayNumber(deadline) + random.within(1...5)))
                emit(
                    index, attempt: 1, board: firstBoard, entry: String(plan.mark), flag: "", submitted: submitted,
                    mistake: nil)
            case .nonSubmission, .absent:
                emit(
                    index, attempt: 1, board: firstBoard, entry: random.chance(500) ? "-" : "",
                    flag: plan.kind == .absent ? "AB" : random.pick(["NS", "NS", "ns"]), submitted: deadline,
                    mistake: nil)
            case .deferral:
                emit(
                    index, attempt: 1, board: firstBoard, entry: "", flag: random.chance(900) ? "DEF" : "def",
                    submitted: deadline, mistake: nil)
                if random.chance(850) {
                    emit(
                        index, attempt: 1, board: firstBoard + 1, entry: String(plan.mark), flag: "",
                        submitted: between(year.boards[firstBoard], year.boards[firstBoard + 1]), mistake: nil)
                }
            }
            // A corrected row follows a rejected one at the next board.
            if plan.corrected, let at = countedAt[index], at > firstBoard,
                plan.mistake == .markNotWhole || plan.mistake == .badDate || plan.mistake == .conflict
                    || plan.mistake == .submittedOnBoardDay
            {
                let base = plan.kind == .sentLate ? firstBoard + 1 : firstBoard
                if at == base + 1 {
                    emit(
                        index, attempt: 1, board: at, entry: String(plan.mark), flag: "", submitted: onTime,
                        mistake: nil)
                }
            }
        }

        // The course decision once every first sit is in; a failed course resits at the next board.
        guard !countedAt.contains(where: { $0 == nil }) else { return }
        let complete = countedAt.map { $0! }.max()!
        guard complete + 1 < year.boards.count else { return }
        var total = 0
        for index in effective.indices { total += course.weights[index] * effective[index] }
        let courseMark = (total + 50) / 100
        let failing = effective.indices.filter { index in
            effective[index] < passMark || course.qualifying[index].map { effective[index] < $0 } == true
        }
        let qualifyingMissed = effective.indices.contains { index in
            course.qualifying[index].map { effective[index] < $0 } == true
        }
        guard courseMark < passMark || qualifyingMissed, !failing.isEmpty else { return }
        for index in failing where random.chance(850) {
            let resit = max(0, min(100, ability + 10 + random.normal(mean: 0, spread: 14)))
            emit(
                index, attempt: 2, board: complete + 1, entry: String(resit), flag: "",
                submitted: between(year.boards[complete], year.boards[complete + 1]), mistake: nil)
        }
    }

    /// A day strictly after `opened` and strictly before `next`.
    private mutating func between(_ opened: Day, _ next: Day) -> Day {
        let low = dayNumber(opened) + 1
        let high = dayNumber(next) - 1
        return day(fromNumber: low + random.below(max(1, high - low - 6)))
    }
}
