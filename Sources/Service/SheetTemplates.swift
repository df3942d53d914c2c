import CSV
import Input
import Regulations

/// One course and occurrence, whose sheet a team fills in for a board.
public struct SheetKey: Hashable, Comparable, Sendable {
    public let course: Code
    public let occurrence: Code

    public init(course: Code, occurrence: Code) {
        self.course = course
        self.occurrence = occurrence
    }

    public static func < (lhs: SheetKey, rhs: SheetKey) -> Bool {
        (lhs.course, lhs.occurrence) < (rhs.course, rhs.occurrence)
    }
}

/// A course and occurrence that owes a board sits (SPEC §6), and how many.
public struct OwedSheet: Sendable {
    public let key: SheetKey
    public let title: String
    public let titleWelsh: String
    public let sits: Int
}

/// The formats a template is downloaded in, and a sheet uploaded in.
public enum SheetFormat: String, Sendable, CaseIterable {
    case csv
    case xlsx
}

/// A template to download: the file name `board template` gives it and its bytes.
public struct TemplateFile: Sendable {
    public let name: String
    public let bytes: [UInt8]
}

/// Mark-sheet templates (SPEC §6) as the service uses them: what each course and occurrence owes a
/// board, and the sheet to fill in. The one seam between the service and `board template`.
public protocol SheetTemplates: Sendable {
    /// The formats `template` can write.
    var formats: [SheetFormat] { get }
    /// Every course and occurrence with sits owed at `board`, in code order.
    func owed(at board: Day, register: RegisterLoad) throws(UnreadableFolder) -> [OwedSheet]
    /// The template of one course and occurrence at `board`; nil for a format not in `formats`.
    func template(_ key: SheetKey, at board: Day, register: RegisterLoad, format: SheetFormat) throws(UnreadableFolder)
        -> TemplateFile?
}

/// The templates worked out from the replay of the boards before B, as SPEC §6 says, until `board
/// template` (issue 26) gives its own pure core to call instead: CSV only.
struct ReplayedTemplates: SheetTemplates {
    let config: BoardConfig

    var formats: [SheetFormat] { [.csv] }

    /// One row of a template: a sit a team owes the board.
    struct OwedSit {
        let enrolment: Enrolment
        let component: Component
        let attempt: Int
        let due: Day
    }

    func owed(at board: Day, register: RegisterLoad) throws(UnreadableFolder) -> [OwedSheet] {
        let sits = try owedSits(at: board, register: register)
        let register = register.register
        return Dictionary(grouping: sits) {
            SheetKey(course: $0.enrolment.key.course, occurrence: $0.enrolment.key.occurrence)
        }
        .map { key, sits in
            let course = register.courses[key.course]
            return OwedSheet(
                key: key, title: course?.title ?? "", titleWelsh: course?.titleWelsh ?? "", sits: sits.count)
        }
        .sorted { $0.key < $1.key }
    }

    func template(_ key: SheetKey, at board: Day, register: RegisterLoad, format: SheetFormat) throws(UnreadableFolder)
        -> TemplateFile?
    {
        guard format == .csv else { return nil }
        let sits = try owedSits(at: board, register: register).filter {
            $0.enrolment.key.course == key.course && $0.enrolment.key.occurrence == key.occurrence
        }
        .sorted {
            ($0.component.code, $0.enrolment.familyName, $0.enrolment.givenNames, $0.enrolment.key.student)
                < ($1.component.code, $1.enrolment.familyName, $1.enrolment.givenNames, $1.enrolment.key.student)
        }
        var text = CSVText()
        text.append(lines: [0xEF, 0xBB, 0xBF])
        text.line([
            "student_id", "family_name", "given_names", "course_code", "occurrence", "academic_year", "component",
            "component_title", "weight", "attempt", "due", "mark", "flag", "submitted_on", "language", "comment",
        ])
        for sit in sits {
            let key = sit.enrolment.key
            text.line([
                key.student.description, sit.enrolment.familyName, sit.enrolment.givenNames, key.course.description,
                key.occurrence.description, key.academicYear, sit.component.code.description, sit.component.title,
                String(sit.component.weight), String(sit.attempt), sit.due.description, "", "", "", "", "",
            ])
        }
        return TemplateFile(name: "\(key.course)-\(key.occurrence)-\(board).csv", bytes: text.take())
    }

    /// The sits owed at `board`: for each enrolment of its year not concluded and not withdrawn before
    /// it, each component whose current sit is uncounted and due before it, as the replay of the boards
    /// before `board` leaves them.
    func owedSits(at board: Day, register: RegisterLoad) throws(UnreadableFolder) -> [OwedSit] {
        guard let year = config.year(ofBoard: board) else { return [] }
        let load = register
        let register = load.register
        let open: [(Enrolment, [ComponentRecord])]
        if let previous = year.boards.last(where: { $0 < board }) {
            let run = try BoardRun(config: config, register: load, board: previous)
            open = run.replay.enrolments.filter { !$0.decision.outcome.concludes && $0.course.isPresentedToBoards }
                .map { ($0.enrolment, $0.components) }
        } else {
            open = register.enrolments.values.filter { enrolment in
                enrolment.key.academicYear == year.code
                    && register.courses[enrolment.key.course]?.isPresentedToBoards == true
            }.map { enrolment in
                let components = register.components[enrolment.key.course] ?? []
                return (
                    enrolment,
                    components.map {
                        ComponentRecord(
                            component: $0,
                            due: register.deadline(for: enrolment.key, component: $0.code) ?? year.ends)
                    }
                )
            }
        }
        return open.filter { !$0.0.withdrew(before: board) }.flatMap { enrolment, components in
            components.filter { $0.current == nil && $0.due < board }.map {
                OwedSit(enrolment: enrolment, component: $0.component, attempt: $0.attempt, due: $0.due)
            }
        }
    }
}
