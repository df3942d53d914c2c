import Regulations

/// One input file that was read: what the manifest and the reconciliation need.
public struct InputFile: Sendable {
    public var path: String
    public var rows: Int
    /// The SHA-256 of the bytes parsed, when the load was asked to take it and read the file to its end.
    public var sha256: String? = nil
}

/// The register, deadlines and enrolments, loaded and checked for consistency (SPEC §1.2–1.6).
public struct RegisterLoad: Sendable {
    /// Problems that leave a decision undefined: the run refuses (exit 65).
    public var fatal: [Finding] = []
    /// Problems for the board pack that do not stop the run (norms, examiners, planning).
    public var quality: [Finding] = []
    public var register = Register(courses: [:], components: [:], deadlines: [:], enrolments: [:])
    public var inputs: [InputFile] = []
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
    static let markSheet = TableSchema(
        required: MarkRow.Column.allCases.filter(\.isRequired).map(\.rawValue),
        optional: MarkRow.Column.allCases.filter { !$0.isRequired }.map(\.rawValue),
        kind: "mark sheet")
}

/// Reads the fields of one register row, collecting a fatal finding for each field that is wrong.
private struct FieldReader {
    let row: TableRow
    var problems: [Finding] = []

    init(_ row: TableRow) { self.row = row }

    func text(_ column: TableSchema.Column) -> String { row[column] }

    mutating func fail(_ code: FindingCode, _ message: String) {
        problems.append(Finding(.error, code, at: row.source, message))
    }

    mutating func required(_ column: TableSchema.Column) -> String? {
        let value = text(column)
        if value.isEmpty { fail(.missingValue, FieldMessage.empty(column.name)) }
        return value.isEmpty ? nil : value
    }

    mutating func code(_ column: TableSchema.Column) -> Code? {
        guard let value = required(column) else { return nil }
        guard let code = Code(value) else {
            fail(.badCode, FieldMessage.notACode(column.name, value))
            return nil
        }
        return code
    }

    mutating func number(_ column: TableSchema.Column, in range: ClosedRange<Int>, optional: Bool = false) -> Int? {
        let value = text(column)
        if value.isEmpty {
            if !optional { fail(.missingValue, FieldMessage.empty(column.name)) }
            return nil
        }
        guard value.utf8.allSatisfy({ (48...57).contains($0) }), value.utf8.count <= 6, let number = Int(value),
            range.contains(number)
        else {
            fail(
                .badNumber,
                "\(column.name) \"\(value)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    mutating func day(_ column: TableSchema.Column) -> Day? {
        guard let value = required(column) else { return nil }
        guard let day = Day(value) else {
            fail(.badDate, FieldMessage.notADate(column.name, value))
            return nil
        }
        return day
    }
}

/// A component of a course, as components.csv lists it.
private struct ComponentKey: Hashable {
    let course: Code
    let component: Code
}

extension RegisterLoad {
    /// Loads the four register files named by the config, keeping the enrolments `selection` names (all
    /// by default). Every problem is collected; none stops the reading, so a registry officer sees them all
    /// at once. `selection` is asked only when enrolments.csv is reached, so that what decides it (board
    /// check's sheets) can be read meanwhile on the other core. `digesting`: each file's digest is taken
    /// from its bytes as they are parsed (`board run` records them in its manifest).
    public static func load(
        _ config: BoardConfig, digesting: Bool = false, keeping selection: () -> EnrolmentSelection = { .all }
    ) -> RegisterLoad {
        var load = RegisterLoad()
        // Parsed from the start, on another thread, while the other register files load: enrolments.csv
        // is the largest by far, and this is most of `board check`'s time.
        let enrolments = Tables.start(config.enrolments, digesting: digesting, batchesAhead: 32)
        func read(_ path: String, _ schema: TableSchema) -> [TableRow] {
            let table = Tables.read(path, displayedAs: config.relative(path), schema: schema, digesting: digesting)
            load.inputs.append(InputFile(path: path, rows: table.rowsRead, sha256: table.sha256))
            for finding in table.findings {
                if finding.severity == .error { load.fatal.append(finding) } else { load.quality.append(finding) }
            }
            return table.rows
        }
        let lastBoards = Dictionary(config.academicYears.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

        // Courses.
        let courseColumn = (
            courseCode: Schemas.courses.column("course_code"), title: Schemas.courses.column("title"),
            type: Schemas.courses.column("type"), credits: Schemas.courses.column("credits"),
            level: Schemas.courses.column("level"), passMark: Schemas.courses.column("pass_mark"),
            resitCap: Schemas.courses.column("resit_cap"), titleCy: Schemas.courses.column("title_cy"),
            professionalBody: Schemas.courses.column("professional_body"),
            externalExaminer: Schemas.courses.column("external_examiner"),
            learningOutcomes: Schemas.courses.column("learning_outcomes")
        )
        var courseLines: [Code: SourceLine] = [:]
        for row in read(config.courses, Schemas.courses) {
            var fields = FieldReader(row)
            let code = fields.code(courseColumn.courseCode)
            let title = fields.required(courseColumn.title)
            let typeText = fields.required(courseColumn.type)
            let type = typeText.flatMap { CourseType(rawValue: $0.lowercased()) }
            if let typeText, type == nil {
                fields.fail(
                    .unknownType,
                    "type \"\(typeText)\" is not known; use one of \(CourseType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            let credits = fields.number(courseColumn.credits, in: 0...999)
            let level = fields.number(courseColumn.level, in: 1...8)
            let passMark = fields.number(courseColumn.passMark, in: 0...100, optional: true)
            var resitCap: Bool?
            switch fields.text(courseColumn.resitCap).lowercased() {
            case "": resitCap = nil
            case "yes": resitCap = true
            case "no": resitCap = false
            case let other: fields.fail(.badValue, "resit_cap \"\(other)\" must be yes, no or blank")
            }
            if let code, let first = courseLines[code] {
                fields.fail(
                    .duplicateKey,
                    "course \(code) is already on the register at line \(first.line); keep one row per course")
            }
            load.fatal += fields.problems
            // A course row that is on the register but wrong is reported once, not again by every row naming it.
            if let code, courseLines[code] == nil { courseLines[code] = row.source }
            guard fields.problems.isEmpty, let code, let title, let type, let credits, let level else { continue }
            let course = Course(
                code: code, title: title, titleWelsh: fields.text(courseColumn.titleCy), type: type, credits: credits,
                level: level, passMark: passMark, resitCap: resitCap,
                professionalBody: fields.text(courseColumn.professionalBody),
                externalExaminer: fields.text(courseColumn.externalExaminer),
                learningOutcomes: fields.text(courseColumn.learningOutcomes), source: row.source)
            load.register.courses[code] = course
            load.quality += RegisterQuality.norms(of: course)
        }

        // Components.
        let componentColumn = (
            courseCode: Schemas.components.column("course_code"), component: Schemas.components.column("component"),
            title: Schemas.components.column("title"), weight: Schemas.components.column("weight"),
            qualifyingMark: Schemas.components.column("qualifying_mark")
        )
        var componentLines: [ComponentKey: SourceLine] = [:]
        for row in read(config.components, Schemas.components) {
            var fields = FieldReader(row)
            let course = fields.code(componentColumn.courseCode)
            let component = fields.code(componentColumn.component)
            let title = fields.text(componentColumn.title)
            let weight = fields.number(componentColumn.weight, in: 1...100)
            let qualifying = fields.number(componentColumn.qualifyingMark, in: 0...100, optional: true)
            if let course, courseLines[course] == nil {
                fields.fail(
                    .unknownCourse,
                    "course \(course) is not on the course register; add it to courses.csv or correct the code")
            }
            if let course, let component, let first = componentLines[ComponentKey(course: course, component: component)]
            {
                fields.fail(
                    .duplicateKey, "component \(component) of \(course) is already listed at line \(first.line)")
            }
            load.fatal += fields.problems
            guard fields.problems.isEmpty, let course, let component, let weight else { continue }
            componentLines[ComponentKey(course: course, component: component)] = row.source
            if load.register.courses[course]?.type == .attendance {
                load.quality.append(
                    Finding(
                        .warning, .componentsOnAttendanceCourse, at: row.source, course: course.description,
                        component: component.description,
                        "\(course) is an attendance course, which is not assessed; component \(component) is ignored"))
                continue
            }
            load.register.components[course, default: []].append(
                Component(course: course, code: component, title: title, weight: weight, qualifyingMark: qualifying))
        }
        for (course, components) in load.register.components {
            let total = components.reduce(0) { $0 + $1.weight }
            if total != 100, let line = componentLines[ComponentKey(course: course, component: components[0].code)] {
                load.fatal.append(
                    Finding(
                        .error, .weightsNot100, at: line, course: course.description,
                        "the weights of \(course)'s components add up to \(total), not 100 (\(components.map { "\($0.code)=\($0.weight)" }.joined(separator: ", "))); correct them so the course mark is defined"
                    ))
            }
            load.register.components[course] = components.sorted { $0.code < $1.code }
        }

        // Deadlines.
        let deadlineColumn = (
            courseCode: Schemas.deadlines.column("course_code"), occurrence: Schemas.deadlines.column("occurrence"),
            academicYear: Schemas.deadlines.column("academic_year"), component: Schemas.deadlines.column("component"),
            deadline: Schemas.deadlines.column("deadline")
        )
        var deadlineLines: [Register.DeadlineKey: SourceLine] = [:]
        let deadlineRows = read(config.deadlines, Schemas.deadlines)
        // Tens of thousands in a large register: sized once, not by doubling.
        deadlineLines.reserveCapacity(deadlineRows.count)
        load.register.deadlines.reserveCapacity(deadlineRows.count)
        // A course's rows come together: what the register says of it is looked up once per course, not
        // hashed again for every row (tens of thousands, before `board check` can check a row).
        var onCourse: (code: Code, listed: Bool, registered: Bool, components: [Component])?
        var inYear: (code: String, year: AcademicYear?)?
        for row in deadlineRows {
            var fields = FieldReader(row)
            let course = fields.code(deadlineColumn.courseCode)
            let occurrence = fields.code(deadlineColumn.occurrence)
            let year = fields.required(deadlineColumn.academicYear)
            let component = fields.code(deadlineColumn.component)
            let deadline = fields.day(deadlineColumn.deadline)
            if let course, let component {
                if onCourse?.code != course {
                    onCourse = (
                        course, courseLines[course] != nil, load.register.courses[course] != nil,
                        load.register.components[course] ?? []
                    )
                }
                if !onCourse!.listed {
                    fields.fail(
                        .unknownCourse,
                        "course \(course) is not on the course register; add it to courses.csv or correct the code")
                } else if onCourse!.registered && !onCourse!.components.contains(where: { $0.code == component })
                    && componentLines[ComponentKey(course: course, component: component)] == nil
                {
                    fields.fail(
                        .unknownComponent, "component \(component) is not a component of \(course) in components.csv")
                }
            }
            guard let course, let occurrence, let year, let component else {
                load.fatal += fields.problems
                continue
            }
            let key = Register.DeadlineKey(
                course: course, occurrence: occurrence, academicYear: year, component: component)
            if let first = deadlineLines[key] {
                fields.fail(
                    .duplicateKey,
                    "a deadline for \(course) \(occurrence) \(year) component \(component) is already set at line \(first.line); keep one"
                )
            }
            load.fatal += fields.problems
            guard fields.problems.isEmpty, let deadline else { continue }
            deadlineLines[key] = row.source
            load.register.deadlines[key] = deadline
            if inYear?.code != year { inYear = (year, lastBoards[year]) }
            if let academicYear = inYear!.year {
                load.quality += RegisterQuality.planning(deadline, key: key, in: academicYear, at: row.source)
            }
        }

        load.loadEnrolments(
            enrolments, config, selection: selection(), courseLines: courseLines, deadlineLines: deadlineLines)
        load.fatal.sort(by: Finding.fileOrder)
        load.quality.sort(by: Finding.fileOrder)
        return load
    }
}

extension BoardConfig {
    /// A path as a person would read it: relative to the config's folder when it is inside it.
    public func relative(_ path: String) -> String {
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}
