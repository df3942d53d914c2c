import Regulations

/// Which enrolments a command keeps in its register. Every row of enrolments.csv is checked either way
/// (SPEC §1.6), so every command refuses the same register.
public enum EnrolmentSelection: Sendable {
    /// Every enrolment: a run decides them all.
    case all
    /// Only these students' enrolments: `board check` looks up no other, and building 400,000
    /// enrolments to look up a few thousand was most of its time.
    case students(Set<Code>)
    /// Only one academic year's enrolments: a run replays one year, and rows of any other are refused
    /// before an enrolment is looked up.
    case academicYear(String)
}

/// Up to 16 bytes of text held in two words, to compare a row's academic year with the last row's
/// without a `String`; longer text is never equal to anything, so the caller looks it up by name.
private struct ShortText: Equatable {
    private var words: (UInt64, UInt64) = (0, 0)
    private var count = -1

    init(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count <= 16 else { return }
        count = bytes.count
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: bytes) }
    }

    static func == (lhs: ShortText, rhs: ShortText) -> Bool {
        lhs.count >= 0 && lhs.count == rhs.count && lhs.words == rhs.words
    }
}

/// A course occurrence in one academic year: the enrolments that share its deadlines.
private struct OccurrenceKey: Hashable {
    let course: Code
    let occurrence: Code
    let year: String
}

/// Lines by student, in an open-addressing table of plain words: for hundreds of thousands of rows,
/// `Dictionary`'s hashing and resizing were most of the pass.
private struct LinesByStudent {
    private struct Slot {
        /// nil: a free slot.
        var student: Code?
        var line: Int32 = 0
    }
    private var slots: [Slot]
    /// 64 - log2(slots.count): the index is the top bits of the hash.
    private var shift = 60
    private(set) var count = 0

    /// Room for `expected` entries without growing.
    init(expected: Int) {
        var capacity = 16
        while capacity < expected * 2 {
            capacity *= 2
            shift -= 1
        }
        slots = Array(repeating: Slot(), count: capacity)
    }

    /// The slot of the student, or the free slot where they belong.
    private func index(of student: Code) -> Int {
        // The top bits of the hash choose the slot.
        let hash = student.quickHash
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash >> shift)
        while let taken = slots[index].student, taken != student { index = (index + 1) & mask }
        return index
    }

    func contains(_ student: Code) -> Bool { slots[index(of: student)].student != nil }

    func line(of student: Code) -> Int? {
        let slot = slots[index(of: student)]
        return slot.student == nil ? nil : Int(slot.line)
    }

    /// Adds the student at `line` unless they are there already; returns the line they were first added at.
    mutating func add(_ student: Code, at line: Int) -> Int? {
        let found = index(of: student)
        if slots[found].student != nil { return Int(slots[found].line) }
        slots[found] = Slot(student: student, line: Int32(line))
        count += 1
        if count * 2 > slots.count {
            let old = slots
            self = LinesByStudent(expected: slots.count)
            for slot in old { if let student = slot.student { _ = add(student, at: Int(slot.line)) } }
        }
        return nil
    }
}

/// The columns of enrolments.csv by their place in the schema: the reader of bytes names a column by
/// its number, so that no column name is copied for each of hundreds of thousands of rows.
private struct EnrolmentColumns {
    let studentId = Schemas.enrolments.column("student_id").index
    let familyName = Schemas.enrolments.column("family_name").index
    let givenNames = Schemas.enrolments.column("given_names").index
    let courseCode = Schemas.enrolments.column("course_code").index
    let occurrence = Schemas.enrolments.column("occurrence").index
    let academicYear = Schemas.enrolments.column("academic_year").index
    let status = Schemas.enrolments.column("status").index
    let statusDate = Schemas.enrolments.column("status_date").index
    let attendance = Schemas.enrolments.column("attendance").index
    let language = Schemas.enrolments.column("language").index
    let sprCode = Schemas.enrolments.column("spr_code").index
}

/// The wording of a register field that is wrong, shared by the readers of `String`s and of bytes.
enum FieldMessage {
    static func empty(_ column: String) -> String { "\(column) is empty; it is required" }

    static func notACode(_ column: String, _ value: String) -> String {
        "\(column) \"\(value)\" is not a valid code: use 1-12 letters, digits, '-' or '_'"
    }

    static func notADate(_ column: String, _ value: String) -> String {
        "\(column) \"\(value)\" is not a date; write YYYY-MM-DD or DD/MM/YYYY"
    }
}

/// Reads the fields of one enrolment row as bytes, collecting a fatal finding for each that is wrong,
/// with the same checks and words as `FieldReader`.
private struct ByteFieldReader {
    let row: TableByteRow
    let file: String
    var problems: [Finding] = []

    func bytes(_ column: Int) -> UnsafeRawBufferPointer { row[column] }

    func text(_ column: Int) -> String { String(decoding: row[column], as: UTF8.self) }

    static func name(_ column: Int) -> String { Schemas.enrolments.all[column] }

    mutating func fail(_ code: FindingCode, _ message: String) {
        problems.append(Finding(.error, code, at: SourceLine(file: file, line: row.line), message))
    }

    mutating func required(_ column: Int) -> UnsafeRawBufferPointer? {
        let value = row[column]
        if value.isEmpty { fail(.missingValue, FieldMessage.empty(Self.name(column))) }
        return value.isEmpty ? nil : value
    }

    mutating func code(_ column: Int) -> Code? {
        guard let value = required(column) else { return nil }
        guard let code = Code(value) else {
            fail(.badCode, FieldMessage.notACode(Self.name(column), text(column)))
            return nil
        }
        return code
    }

    /// A date that may be blank.
    mutating func day(_ column: Int) -> Day? {
        guard !row[column].isEmpty else { return nil }
        guard let day = Day(text(column)) else {
            fail(.badDate, FieldMessage.notADate(Self.name(column), text(column)))
            return nil
        }
        return day
    }

    /// Whether the field, lower-cased, is `word` (small ASCII letters only): the closed lists of status and
    /// language.
    func field(_ column: Int, is word: StaticString) -> Bool {
        let value = row[column]
        guard value.count == word.utf8CodeUnitCount else { return false }
        // Only a small letter and its capital give the small letter with 0x20 set.
        for index in 0..<value.count where value[index] | 0x20 != word.utf8Start[index] { return false }
        return true
    }
}

extension RegisterLoad {
    /// Reads enrolments.csv in one pass of libcsv over its bytes, checking every row as SPEC §1.5–1.6 ask
    /// and building an `Enrolment` only for the rows `selection` keeps. Appends the findings in the order
    /// the rows give them. A file rejected whole gives no row and no finding of a row, as `Tables.read`.
    mutating func loadEnrolments(
        _ started: Tables.Started, _ config: BoardConfig, selection: EnrolmentSelection,
        courseLines: [Code: SourceLine], deadlineLines: [Register.DeadlineKey: SourceLine]
    ) {
        let columns = EnrolmentColumns()
        let display = config.relative(config.enrolments)
        // The students to keep, as a table of lines (all 0) used as a set.
        let wanted: LinesByStudent? = {
            guard case .students(let students) = selection else { return nil }
            var table = LinesByStudent(expected: students.count)
            for student in students { _ = table.add(student, at: 0) }
            return table
        }()
        // Courses on the register (rows with problems included, so they are not reported again here),
        // with their type when the row was sound.
        var courseTypes: [Code: CourseType?] = [:]
        for code in courseLines.keys { courseTypes[code] = .some(register.courses[code]?.type) }

        var fatal: [Finding] = []
        var quality: [Finding] = []
        // Listed first and put in a table sized once at the end: hundreds of thousands in a large register,
        // and a table grown as they came hashed each of them again at every growth.
        var enrolments: [Enrolment] = []
        // Sized from the file (a row takes thirty bytes or more), so the list is not copied as it grows:
        // what is reserved and not used is never touched.
        enrolments.reserveCapacity((fileSize(config.enrolments) ?? 0) / 30)
        // Occurrences numbered in the order first met; the file is usually grouped by occurrence, so the
        // last one is compared before any hashing.
        var occurrences: [OccurrenceKey] = []
        // The first line of each student kept, by occurrence: one small table per occurrence stays in the
        // cache while the rows of a grouped file go through it, where one large table missed it every row.
        var keptStudents: [LinesByStudent] = []
        var occurrenceNumbers: [OccurrenceKey: Int] = [:]
        var checkedOccurrences: [Bool] = []
        var last: (course: Code, occurrence: Code, year: ShortText, number: Int)?
        var lastCourse: (code: Code, type: CourseType??)?
        var missingDeadlines: Set<Register.DeadlineKey> = []
        var coursesWithoutComponents: Set<Code> = []

        let table = Tables.stream(started, displayedAs: display, schema: Schemas.enrolments) { row in
            var fields = ByteFieldReader(row: row, file: display)
            let student = fields.code(columns.studentId)
            let familyName = fields.required(columns.familyName)
            let courseCode = fields.code(columns.courseCode)
            let occurrence = fields.code(columns.occurrence)
            let year = fields.required(columns.academicYear)
            var status: EnrolmentStatus?
            if fields.required(columns.status) != nil {
                if fields.field(columns.status, is: "active") {
                    status = .active
                } else if fields.field(columns.status, is: "withdrawn") {
                    status = .withdrawn
                } else {
                    // Unicode case mapping, as `String.lowercased()` would apply, for the rare value that is not ASCII.
                    status = EnrolmentStatus(rawValue: fields.text(columns.status).lowercased())
                    if status == nil {
                        fields.fail(.badValue, "status \"\(fields.text(columns.status))\" must be active or withdrawn")
                    }
                }
            }
            let statusDate = fields.day(columns.statusDate)
            if status == .withdrawn && statusDate == nil && fields.bytes(columns.statusDate).isEmpty {
                fields.fail(
                    .withdrawnWithoutDate,
                    "the student is withdrawn but status_date is empty; write the date they withdrew")
            }
            let attendanceBytes = fields.bytes(columns.attendance)
            let attendance = attendanceBytes.isEmpty ? nil : Percent(attendanceBytes)
            if !attendanceBytes.isEmpty, attendance == nil {
                fields.fail(
                    .badNumber,
                    "attendance \"\(fields.text(columns.attendance))\" must be a percentage from 0 to 100, e.g. 85 or 87.5"
                )
            }
            var language: Language?
            if fields.bytes(columns.language).isEmpty || fields.field(columns.language, is: "en") {
                language = .english
            } else if fields.field(columns.language, is: "cy") {
                language = .welsh
            } else {
                language = Language(rawValue: fields.text(columns.language).lowercased())
                if language == nil {
                    fields.fail(.badLanguage, "language \"\(fields.text(columns.language))\" must be en, cy or blank")
                }
            }
            // nil: not on the register; .some(nil): on it, but its row was refused.
            var courseType: CourseType??
            if let courseCode {
                if let lastCourse, lastCourse.code == courseCode {
                    courseType = lastCourse.type
                } else {
                    courseType = courseTypes[courseCode]
                    lastCourse = (courseCode, courseType)
                }
                if courseType == nil {
                    fields.fail(
                        .unknownCourse,
                        "course \(courseCode) is not on the course register; the enrolment cannot be decided"
                    )
                }
            }
            var number: Int?
            if let courseCode, let occurrence, let year {
                if let last, last.course == courseCode, last.occurrence == occurrence, last.year == ShortText(year) {
                    number = last.number
                } else {
                    let key = OccurrenceKey(
                        course: courseCode, occurrence: occurrence,
                        year: fields.text(columns.academicYear))
                    let found = occurrenceNumbers[key] ?? occurrences.count
                    if found == occurrences.count {
                        occurrenceNumbers[key] = found
                        occurrences.append(key)
                        // As many as the occurrence before had: grown from a few, each table's students
                        // were added again at every doubling.
                        keptStudents.append(LinesByStudent(expected: max(keptStudents.last?.count ?? 0, 32)))
                        checkedOccurrences.append(false)
                    }
                    number = found
                    last = (courseCode, occurrence, ShortText(year), found)
                }
            }
            let registeredType = courseType ?? nil
            let isSound =
                fields.problems.isEmpty && familyName != nil && status != nil && language != nil
                && registeredType != nil
            if let student, let number {
                // Only sound rows are kept, so the first row of a key that is kept is the one to name.
                let first =
                    isSound
                    ? keptStudents[number].add(student, at: row.line) : keptStudents[number].line(of: student)
                if let first {
                    let occurrence = occurrences[number]
                    fields.fail(
                        .duplicateKey,
                        "student \(student) is already enrolled on \(occurrence.course) \(occurrence.occurrence) \(occurrence.year) at line \(first); keep one row"
                    )
                }
            }
            if !fields.problems.isEmpty { fatal += fields.problems }
            guard fields.problems.isEmpty, isSound, let student, let number, let status, let language,
                let courseType = registeredType
            else { return }
            let occurrenceKey = occurrences[number]
            var source: SourceLine { SourceLine(file: display, line: row.line) }
            let kept: Bool
            switch selection {
            case .all: kept = true
            case .students: kept = wanted!.contains(student)
            case .academicYear(let code): kept = occurrenceKey.year == code
            }
            if kept {
                let key = EnrolmentKey(
                    student: student, course: occurrenceKey.course,
                    occurrence: occurrenceKey.occurrence, academicYear: occurrenceKey.year)
                let spr = fields.text(columns.sprCode)
                enrolments.append(
                    Enrolment(
                        key: key, familyName: fields.text(columns.familyName),
                        givenNames: fields.text(columns.givenNames),
                        status: status, statusDate: statusDate, attendance: attendance, language: language,
                        sprCode: spr.isEmpty ? nil : spr, source: source))
            }
            if courseType == .attendance {
                if attendance == nil {
                    quality.append(
                        Finding(
                            .warning, .attendanceNotRecorded, at: source, student: student.description,
                            course: occurrenceKey.course.description,
                            "attendance is not recorded for \(student) on \(occurrenceKey.course); it counts as 0% until it is"
                        ))
                }
                return
            }
            // Every enrolment on an occurrence needs the same components and deadlines: check them at its first
            // enrolment only (the first of a course is the first of one of its occurrences).
            guard !checkedOccurrences[number] else { return }
            checkedOccurrences[number] = true
            let course = occurrenceKey.course
            let components = register.components[course] ?? []
            if components.isEmpty, coursesWithoutComponents.insert(course).inserted {
                fatal.append(
                    Finding(
                        .error, .noComponents, at: source, course: course.description,
                        "\(course) has students but no components in components.csv, so no course mark can be computed"
                    ))
            }
            for component in components {
                let deadlineKey = Register.DeadlineKey(
                    course: course, occurrence: occurrenceKey.occurrence, academicYear: occurrenceKey.year,
                    component: component.code)
                if register.deadlines[deadlineKey] == nil && deadlineLines[deadlineKey] == nil
                    && missingDeadlines.insert(deadlineKey).inserted
                {
                    fatal.append(
                        Finding(
                            .error, .noDeadline, at: source, course: course.description,
                            component: component.code.description,
                            "\(course) occurrence \(occurrenceKey.occurrence) (\(occurrenceKey.year)) has students but no deadline for component \(component.code); add it to deadlines.csv"
                        ))
                }
            }
        }
        inputs.append(InputFile(path: config.enrolments, rows: table.rowsRead, sha256: table.sha256))
        for finding in table.findings {
            if finding.severity == .error { self.fatal.append(finding) } else { self.quality.append(finding) }
        }
        guard !table.rejectedWhole else { return }
        self.fatal += fatal
        self.quality += quality
        // A second row of a key was refused above, so every key is listed once.
        register.enrolments = EnrolmentTable(enrolments)
    }
}
