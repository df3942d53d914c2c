/// The institution of SPEC §5, against which the examples of every rule are written: course MC4002,
/// a 20-credit level 4 micro-credential with components 001 (weight 60) and 002 (weight 40), both due
/// 2025-11-28 for occurrence SEP of 2025/26; ATT101, a Certificate of Attendance course; boards
/// 2025-12-11, 2026-02-19, 2026-06-18 and 2026-07-23.
public enum WorkedExample {
    public static let student = Code("A")!
    public static let course = Code("MC4002")!
    public static let occurrence = Code("SEP")!
    public static let year = AcademicYear(
        code: "2025/26", starts: Day("2025-08-01")!, ends: Day("2026-07-31")!,
        boards: ["2025-12-11", "2026-02-19", "2026-06-18", "2026-07-23"].map { Day($0)! })
    public static let policy = Policy()

    public static var key: EnrolmentKey { key(for: student, on: course) }

    public static func key(for student: Code, on course: Code) -> EnrolmentKey {
        EnrolmentKey(student: student, course: course, occurrence: occurrence, academicYear: year.code)
    }

    /// MC4002 and ATT101, with student A enrolled on both.
    public static func register(deadline: Day = Day("2025-11-28")!) -> Register {
        let attendance = Code("ATT101")!
        let components = [
            Component(course: course, code: Code("001")!, title: "Portfolio", weight: 60),
            Component(course: course, code: Code("002")!, title: "Reflective report", weight: 40),
        ]
        var deadlines: [Register.DeadlineKey: Day] = [:]
        for component in components {
            deadlines[
                .init(course: course, occurrence: occurrence, academicYear: year.code, component: component.code)] =
                deadline
        }
        return Register(
            courses: [
                course: Course(
                    code: course, title: "Data Literacy", titleWelsh: "Llythrennedd Data", type: .microCredential,
                    credits: 20, level: 4, externalExaminer: "Dr Siân Roberts"),
                attendance: Course(
                    code: attendance, title: "Welsh for the Workplace", type: .attendance, credits: 0, level: 3),
            ],
            components: [course: components],
            deadlines: deadlines,
            enrolments: [
                key: Enrolment(key: key, familyName: "Jones", givenNames: "Ann"),
                self.key(for: student, on: attendance): Enrolment(
                    key: self.key(for: student, on: attendance), familyName: "Jones", givenNames: "Ann", attendance: 90),
            ])
    }

    /// Student A's first sit of component 001: mark 70, submitted 2025-11-20, presented at 2025-12-11.
    public static var row: MarkRow {
        MarkRow(
            sheet: 0, line: 2, student: student, course: course, occurrence: occurrence,
            academicYear: year.code, component: Code("001")!, attempt: 1, entry: .mark(70),
            submittedOn: Day("2025-11-20")!)
    }

    /// The row's sheet, the only one presented.
    public static let sheet = "marks/2025-12-11/MC4002-SEP.csv"

    public static var presentation: Presentation {
        Presentation(board: year.boards[0], year: year, register: register(), sheets: [sheet])
    }
}

/// A sit in an example: component, attempt, mark or flag, and the date submitted.
public struct ExampleSit: Sendable {
    public let component: String
    public let attempt: Int
    public let entry: SitEntry
    public let submitted: String?

    public static func first(_ component: String, _ mark: Int, on submitted: String? = nil) -> ExampleSit {
        ExampleSit(component: component, attempt: 1, entry: .mark(mark), submitted: submitted)
    }
    public static func first(_ component: String, _ flag: Flag, on submitted: String? = nil) -> ExampleSit {
        ExampleSit(component: component, attempt: 1, entry: .flag(flag), submitted: submitted)
    }
    public static func resit(_ component: String, _ mark: Int, on submitted: String? = nil) -> ExampleSit {
        ExampleSit(component: component, attempt: 2, entry: .mark(mark), submitted: submitted)
    }
    public static func resit(_ component: String, _ flag: Flag, on submitted: String? = nil) -> ExampleSit {
        ExampleSit(component: component, attempt: 2, entry: .flag(flag), submitted: submitted)
    }
}

/// A case for a decision rule: student A's sits at each board of the worked example, and the
/// decision expected at one board. Unless a date is given, a sit is submitted on time: a first sit on
/// its deadline when presented to the first board after it, any other sit the day before its board.
public struct BoardExample: Sendable, CustomStringConvertible {
    public let description: String
    public let sits: [String: [ExampleSit]]
    public let board: String
    public let outcome: Outcome
    public let reason: Reason?
    public let marks: (actual: Int, agreed: Int)?
    public let decidedAt: String?
    public let withdrawn: String?
    public let deadline: String?
    public let qualifying: [String: Int]
    public let resitCap: Bool?
    public let location: ExampleLocation

    public init(
        _ description: String, withdrawn: String? = nil, deadline: String? = nil, qualifying: [String: Int] = [:],
        resitCap: Bool? = nil, _ sits: [String: [ExampleSit]] = [:], at board: String, _ outcome: Outcome,
        _ reason: Reason? = nil, marks: (Int, Int)? = nil, decidedAt: String? = nil, fileID: String = #fileID,
        filePath: String = #filePath, line: Int = #line, column: Int = #column
    ) {
        location = ExampleLocation(fileID: fileID, filePath: filePath, line: line, column: column)
        self.description = description
        self.sits = sits
        self.board = board
        self.outcome = outcome
        self.reason = reason
        self.marks = marks
        self.decidedAt = decidedAt
        self.withdrawn = withdrawn
        self.deadline = deadline
        self.qualifying = qualifying
        self.resitCap = resitCap
    }

    /// Replays the example through the whole engine and returns student A's decision and trail.
    public func replay() -> EnrolmentResult {
        let deadline = Day(self.deadline ?? "2025-11-28")!
        var register = WorkedExample.register(deadline: deadline)
        let key = WorkedExample.key
        if let withdrawn {
            register.enrolments[key]?.status = .withdrawn
            register.enrolments[key]?.statusDate = Day(withdrawn)!
        }
        register.courses[key.course] = register.courses[key.course]?.with(resitCap: resitCap)
        for (component, mark) in qualifying {
            if let index = register.components[key.course]?.firstIndex(where: { $0.code == Code(component)! }) {
                register.components[key.course]![index] = register.components[key.course]![index].with(
                    qualifyingMark: mark)
            }
        }
        let year = WorkedExample.year
        var presented: [Day: [MarkRow]] = [:]
        // One sheet for each board's sits.
        var sheets: [String] = []
        for (boardText, sits) in sits {
            let board = Day(boardText)!
            sheets.append("marks/\(board)/example.csv")
            for (line, sit) in sits.enumerated() {
                let onTime =
                    sit.attempt == 1 && year.board(after: deadline) == board ? deadline : board.previous
                presented[board, default: []].append(
                    MarkRow(
                        sheet: sheets.count - 1, line: line + 2,
                        student: key.student, course: key.course, occurrence: key.occurrence,
                        academicYear: year.code, component: Code(sit.component)!, attempt: sit.attempt,
                        entry: sit.entry, submittedOn: sit.submitted.map { Day($0)! } ?? onTime))
            }
        }
        let result = Replay(
            register: register, policy: WorkedExample.policy, year: year, through: Day(board)!, sheets: sheets,
            presented: presented
        ).decideAll()
        return result.enrolments.first { $0.enrolment.key == key }!
    }
}
