import Regulations

/// The register, deadlines and enrolments, loaded and checked for consistency (SPEC §1.2–1.6).
public struct RegisterLoad: Sendable {
    /// Problems that leave a decision undefined: the run refuses (exit 65).
    public var fatal: [Finding] = []
    /// Problems for the board pack that do not stop the run (norms, examiners, planning).
    public var quality: [Finding] = []
    public var register = Register()
    /// courses.csv, components.csv, deadlines.csv and enrolments.csv, in that order.
    public var inputs: [InputFile] = []
}

/// Which enrolments a command keeps in its register. Every row of enrolments.csv is checked either way
/// (SPEC §1.6), so every command refuses the same register.
public enum EnrolmentSelection: Sendable {
    /// Every enrolment.
    case all
    /// Only these students' enrolments, and those of the ids that are theirs with leading zeros added
    /// (which `board check` names when Excel dropped them): `board check` looks up no other.
    case students(Set<Code>)
    /// Only one academic year's enrolments: a run replays one year, and rows of any other are refused
    /// before an enrolment is looked up.
    case academicYear(String)

    func keeps(_ key: EnrolmentKey) -> Bool {
        switch self {
        case .all: true
        case .students(let students):
            students.contains(key.student)
                || (key.student.description.hasPrefix("0")
                    && Code(key.student.description.drop { $0 == "0" }).map(students.contains) == true)
        case .academicYear(let year): key.academicYear == year
        }
    }

    /// Whether the command looks at academic year `year` at all: a run looks at its own alone, so the
    /// register's warnings about another year's deadlines and enrolments are not its business.
    func concerns(year: String) -> Bool {
        switch self {
        case .all, .students: true
        case .academicYear(let kept): year == kept
        }
    }
}

enum Schemas {
    static let courses = TableSchema(
        required: ["course_code", "title", "type", "credits", "level"],
        optional: [
            "title_cy", "pass_mark", "resit_cap", "professional_body", "external_examiner", "learning_outcomes",
        ],
        kind: "course register (courses.csv)")
    static let components = TableSchema(
        required: ["course_code", "component", "title", "weight"], optional: ["qualifying_mark"],
        kind: "component list (components.csv)")
    static let deadlines = TableSchema(
        required: ["course_code", "occurrence", "academic_year", "component", "deadline"], optional: [],
        kind: "deadline list (deadlines.csv)")
    static let enrolments = TableSchema(
        required: ["student_id", "family_name", "given_names", "course_code", "occurrence", "academic_year", "status"],
        optional: ["status_date", "attendance", "language", "spr_code"],
        kind: "enrolment list (enrolments.csv)")
    /// A million rows is more than any course sends a board: a larger file is another file, refused whole
    /// before its rows are kept (each rejected row costs memory for its finding).
    static let markSheet = TableSchema(
        required: MarkRow.Column.allCases.filter(\.isRequired).map(\.rawValue),
        optional: MarkRow.Column.allCases.filter { !$0.isRequired }.map(\.rawValue),
        kind: "mark sheet", rowLimit: 1_000_000)
}

/// Reads the fields of one register row, collecting a finding for each field that is wrong.
struct FieldReader {
    let row: TableRow
    var problems: [Finding] = []

    init(_ row: TableRow) { self.row = row }

    func text(_ column: TableSchema.Column) -> String { row[column] }

    mutating func fail(_ message: Message) { problems.append(Finding(message, at: row.source)) }

    mutating func required(_ column: TableSchema.Column) -> String? {
        let value = text(column)
        if value.isEmpty { fail(.emptyField(column.name)) }
        return value.isEmpty ? nil : value
    }

    mutating func code(_ column: TableSchema.Column) -> Code? {
        guard let value = required(column) else { return nil }
        guard let code = Code(value) else {
            fail(.notACode(column.name, value: Quoted(value)))
            return nil
        }
        return code
    }

    mutating func number(_ column: TableSchema.Column, in range: ClosedRange<Int>, optional: Bool = false) -> Int? {
        let value = text(column)
        if value.isEmpty {
            if !optional { fail(.emptyField(column.name)) }
            return nil
        }
        guard value.utf8.allSatisfy({ (48...57).contains($0) }), value.utf8.count <= 6, let number = Int(value),
            range.contains(number)
        else {
            fail(.notANumber(column.name, value: Quoted(value), range: range))
            return nil
        }
        return number
    }

    /// A date; blank is nil, and an error only where the column is required.
    mutating func day(_ column: TableSchema.Column, required isRequired: Bool = true) -> Day? {
        let value = text(column)
        if value.isEmpty {
            if isRequired { fail(.emptyField(column.name)) }
            return nil
        }
        guard let day = Day(value) else {
            fail(.notADate(column.name, value: Quoted(value)))
            return nil
        }
        return day
    }
}

extension RegisterLoad {
    /// Loads the four register files named by the config, keeping the enrolments `selection` names.
    /// Every problem is collected; none stops the reading, so a registry officer sees them all at once.
    public static func load(_ config: BoardConfig, keeping selection: EnrolmentSelection = .all) -> RegisterLoad {
        var load = RegisterLoad()
        let courseLines = load.loadCourses(config)
        let componentLines = load.loadComponents(config, courseLines: courseLines)
        let deadlineLines = load.loadDeadlines(
            config, selection: selection, courseLines: courseLines, componentLines: componentLines)
        load.loadEnrolments(config, selection: selection, courseLines: courseLines, deadlineLines: deadlineLines)
        load.fatal.sortInFileOrder()
        load.quality.sortInFileOrder()
        return load
    }

    /// Reads one register file, handing each sound row to `body`, and records it as an input, its own
    /// findings sorted into fatal and quality.
    mutating func read(
        _ path: String, _ schema: TableSchema, config: BoardConfig, _ body: (TableRow) -> Void
    ) -> TableFile {
        let table = Tables.read(path, displayedAs: config.relative(path), schema: schema, body)
        inputs.append(InputFile(path: path, rows: table.rowsRead, sha256: table.sha256))
        for finding in table.findings {
            if finding.severity == .error { fatal.append(finding) } else { quality.append(finding) }
        }
        return table
    }

    /// courses.csv: each course's line, the rows with problems included, so that a course that is on
    /// the register but wrong is reported once, not again by every row naming it.
    private mutating func loadCourses(_ config: BoardConfig) -> [Code: SourceLine] {
        let schema = Schemas.courses
        let column = (
            code: schema.column("course_code"), title: schema.column("title"), type: schema.column("type"),
            credits: schema.column("credits"), level: schema.column("level"), passMark: schema.column("pass_mark"),
            resitCap: schema.column("resit_cap"), titleWelsh: schema.column("title_cy"),
            professionalBody: schema.column("professional_body"),
            externalExaminer: schema.column("external_examiner"),
            learningOutcomes: schema.column("learning_outcomes")
        )
        var lines: [Code: SourceLine] = [:]
        var courses: [Course] = []
        var problems: [Finding] = []
        let table = read(config.courses, schema, config: config) { row in
            var fields = FieldReader(row)
            let code = fields.code(column.code)
            let title = fields.required(column.title)
            let typeText = fields.required(column.type)
            let type = typeText.flatMap { CourseType(rawValue: $0.lowercased()) }
            if let typeText, type == nil { fields.fail(.unknownType(Quoted(typeText))) }
            let credits = fields.number(column.credits, in: 0...999)
            let level = fields.number(column.level, in: 1...8)
            let passMark = fields.number(column.passMark, in: 0...100, optional: true)
            var resitCap: Bool?
            switch fields.text(column.resitCap).lowercased() {
            case "": resitCap = nil
            case "yes": resitCap = true
            case "no": resitCap = false
            default: fields.fail(.badResitCap(Quoted(fields.text(column.resitCap))))
            }
            if let code, let first = lines[code] { fields.fail(.duplicateCourse(code, firstLine: first.line)) }
            problems += fields.problems
            if let code, lines[code] == nil { lines[code] = row.source }
            guard fields.problems.isEmpty, let code, let title, let type, let credits, let level else { return }
            courses.append(
                Course(
                    code: code, title: title, titleWelsh: fields.text(column.titleWelsh), type: type, credits: credits,
                    level: level, passMark: passMark, resitCap: resitCap,
                    professionalBody: fields.text(column.professionalBody),
                    externalExaminer: fields.text(column.externalExaminer),
                    learningOutcomes: fields.text(column.learningOutcomes), source: row.source))
        }
        guard !table.rejectedWhole else { return [:] }
        fatal += problems
        for course in courses {
            register.courses[course.code] = course
            quality += RegisterQuality.norms(of: course)
        }
        return lines
    }

    /// components.csv: each component's line.
    private mutating func loadComponents(_ config: BoardConfig, courseLines: [Code: SourceLine])
        -> [ComponentKey: SourceLine]
    {
        let schema = Schemas.components
        let column = (
            course: schema.column("course_code"), component: schema.column("component"),
            title: schema.column("title"), weight: schema.column("weight"),
            qualifyingMark: schema.column("qualifying_mark")
        )
        var lines: [ComponentKey: SourceLine] = [:]
        var components: [Code: [Component]] = [:]
        var problems: [Finding] = []
        var ignored: [Finding] = []
        let courses = register.courses
        let table = read(config.components, schema, config: config) { row in
            var fields = FieldReader(row)
            let course = fields.code(column.course)
            let component = fields.code(column.component)
            let title = fields.text(column.title)
            let weight = fields.number(column.weight, in: 1...100)
            let qualifying = fields.number(column.qualifyingMark, in: 0...100, optional: true)
            if let course, courseLines[course] == nil { fields.fail(.courseNotOnRegister(course)) }
            if let course, let component, let first = lines[ComponentKey(course: course, component: component)] {
                fields.fail(.duplicateComponent(component, course: course, firstLine: first.line))
            }
            problems += fields.problems
            guard fields.problems.isEmpty, let course, let component, let weight else { return }
            lines[ComponentKey(course: course, component: component)] = row.source
            if courses[course]?.type == .attendance {
                ignored.append(
                    Finding(
                        .componentsOnAttendanceCourse(course: course, component: component), at: row.source,
                        course: course.description, component: component.description))
                return
            }
            components[course, default: []].append(
                Component(course: course, code: component, title: title, weight: weight, qualifyingMark: qualifying))
        }
        guard !table.rejectedWhole else { return [:] }
        fatal += problems
        quality += ignored
        for (course, list) in components {
            if list.reduce(0, { $0 + $1.weight }) != 100,
                let line = lines[ComponentKey(course: course, component: list[0].code)]
            {
                fatal.append(
                    Finding(
                        .weightsNot100(course: course, components: list.map(\.code), weights: list.map(\.weight)),
                        at: line, course: course.description))
            }
            register.components[course] = list.sorted { $0.code < $1.code }
        }
        return lines
    }

    /// deadlines.csv: each deadline's line. A deadline badly placed in its year is a warning for the
    /// commands that look at that year.
    private mutating func loadDeadlines(
        _ config: BoardConfig, selection: EnrolmentSelection, courseLines: [Code: SourceLine],
        componentLines: [ComponentKey: SourceLine]
    ) -> [Register.DeadlineKey: SourceLine] {
        let schema = Schemas.deadlines
        let column = (
            course: schema.column("course_code"), occurrence: schema.column("occurrence"),
            year: schema.column("academic_year"), component: schema.column("component"),
            deadline: schema.column("deadline")
        )
        let years = Dictionary(config.academicYears.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [Register.DeadlineKey: SourceLine] = [:]
        var deadlines: [Register.DeadlineKey: Day] = [:]
        var problems: [Finding] = []
        var planning: [Finding] = []
        let registered = register
        let table = read(config.deadlines, schema, config: config) { row in
            var fields = FieldReader(row)
            let course = fields.code(column.course)
            let occurrence = fields.code(column.occurrence)
            let year = fields.required(column.year)
            let component = fields.code(column.component)
            let deadline = fields.day(column.deadline)
            if let course, let component {
                if courseLines[course] == nil {
                    fields.fail(.courseNotOnRegister(course))
                } else if registered.courses[course] != nil,
                    !(registered.components[course] ?? []).contains(where: { $0.code == component }),
                    componentLines[ComponentKey(course: course, component: component)] == nil
                {
                    fields.fail(.componentNotOfCourse(component, course: course))
                }
            }
            guard let course, let occurrence, let year, let component else {
                problems += fields.problems
                return
            }
            let key = Register.DeadlineKey(
                course: course, occurrence: occurrence, academicYear: year, component: component)
            if let first = lines[key] {
                fields.fail(
                    .duplicateDeadline(
                        course: course, occurrence: occurrence, year: Quoted(year), component: component,
                        firstLine: first.line)
                )
            }
            problems += fields.problems
            guard fields.problems.isEmpty, let deadline else { return }
            lines[key] = row.source
            deadlines[key] = deadline
            if let academicYear = years[year], selection.concerns(year: year),
                let finding = RegisterQuality.planning(deadline, key: key, in: academicYear, at: row.source)
            {
                planning.append(finding)
            }
        }
        guard !table.rejectedWhole else { return [:] }
        fatal += problems
        quality += planning
        register.deadlines = deadlines
        return lines
    }
}

/// A component of a course, as components.csv lists it.
struct ComponentKey: Hashable {
    let course: Code
    let component: Code
}
