import Foundation
import Regulations

extension RegisterLoad {
    /// enrolments.csv: every row checked as SPEC §1.5–1.6 ask, an `Enrolment` kept for the rows
    /// `selection` keeps, and a row's warning kept when the command looks at its year. A file rejected
    /// whole gives no enrolment and no finding of a row.
    mutating func loadEnrolments(
        _ config: BoardConfig, selection: EnrolmentSelection, courseLines: [Code: SourceLine],
        deadlineLines: [Register.DeadlineKey: SourceLine]
    ) {
        let schema = Schemas.enrolments
        let column = (
            student: schema.column("student_id"), familyName: schema.column("family_name"),
            givenNames: schema.column("given_names"), course: schema.column("course_code"),
            occurrence: schema.column("occurrence"), year: schema.column("academic_year"),
            status: schema.column("status"), statusDate: schema.column("status_date"),
            attendance: schema.column("attendance"), language: schema.column("language"),
            sprCode: schema.column("spr_code")
        )
        var problems: [Finding] = []
        var warnings: [Finding] = []
        // Sized once from the file (a row takes forty bytes or more): grown as rows came, the tables were
        // rebuilt at every doubling.
        let expected = ((try? FileManager.default.attributesOfItem(atPath: config.enrolments)[.size]) as? Int ?? 0) / 40
        var enrolments: [EnrolmentKey: Enrolment] = [:]
        enrolments.reserveCapacity(expected)
        /// The line of the first sound row of each key.
        var firstLines: [EnrolmentKey: Int] = [:]
        firstLines.reserveCapacity(expected)
        /// Every enrolment on an occurrence needs the same components and deadlines: checked at its first.
        /// Rows usually come occurrence by occurrence, so the last is compared before any hashing.
        var checkedOccurrences: Set<OccurrenceKey> = []
        var lastOccurrence: OccurrenceKey?
        var missingDeadlines: Set<Register.DeadlineKey> = []
        var coursesWithoutComponents: Set<Code> = []
        let register = self.register
        let table = read(config.enrolments, schema, config: config) { row in
            var fields = FieldReader(row)
            let student = fields.code(column.student)
            let familyName = fields.required(column.familyName)
            let course = fields.code(column.course)
            let occurrence = fields.code(column.occurrence)
            let year = fields.required(column.year)
            var status: EnrolmentStatus?
            if let text = fields.required(column.status) {
                status = EnrolmentStatus(rawValue: text) ?? EnrolmentStatus(rawValue: text.lowercased())
                if status == nil { fields.fail(.badStatus(Quoted(text))) }
            }
            let statusDate = fields.day(column.statusDate, required: false)
            if status == .withdrawn && fields.text(column.statusDate).isEmpty { fields.fail(.withdrawnWithoutDate) }
            let attendanceText = fields.text(column.attendance)
            let attendance = attendanceText.isEmpty ? nil : Percent(attendanceText)
            if !attendanceText.isEmpty, attendance == nil { fields.fail(.badAttendance(Quoted(attendanceText))) }
            let languageText = fields.text(column.language)
            let language =
                languageText.isEmpty
                ? .english : Language(rawValue: languageText) ?? Language(rawValue: languageText.lowercased())
            if language == nil { fields.fail(.badEnrolmentLanguage(Quoted(languageText))) }
            let spr = fields.text(column.sprCode)
            if !spr.isEmpty && !Self.isSPRCode(spr) { fields.fail(.badSPRCode(Quoted(spr))) }
            // A course on the register whose own row was refused is not reported again here.
            if let course, courseLines[course] == nil { fields.fail(.enrolmentCourseNotOnRegister(course)) }
            let registered = course.flatMap { register.courses[$0] }
            let isSound =
                fields.problems.isEmpty && familyName != nil && status != nil && language != nil && registered != nil
            var key: EnrolmentKey?
            if let student, let course, let occurrence, let year {
                key = EnrolmentKey(student: student, course: course, occurrence: occurrence, academicYear: year)
            }
            if let key {
                // A sound row is entered at once, and the line it replaced, if any, put back: one lookup for
                // each of hundreds of thousands of rows, where asking first took two.
                let first =
                    isSound
                    ? firstLines.updateValue(row.source.line, forKey: key).map { first in
                        firstLines[key] = first
                        return first
                    } : firstLines[key]
                if let first {
                    fields.fail(
                        .duplicateEnrolment(
                            student: key.student, course: key.course, occurrence: key.occurrence,
                            year: Quoted(key.academicYear), firstLine: first))
                }
            }
            problems += fields.problems
            guard fields.problems.isEmpty, isSound, let key, let status, let language, let course = registered else {
                return
            }
            if selection.keeps(key) {
                enrolments[key] = Enrolment(
                    key: key, familyName: fields.text(column.familyName), givenNames: fields.text(column.givenNames),
                    status: status, statusDate: statusDate, attendance: attendance, language: language,
                    sprCode: spr.isEmpty ? nil : spr, source: row.source)
            }
            if course.type == .attendance {
                if attendance == nil, selection.concerns(year: key.academicYear) {
                    warnings.append(
                        Finding(
                            .attendanceNotRecorded(student: key.student, course: key.course), at: row.source,
                            student: key.student.description, course: key.course.description))
                }
                return
            }
            let occurrenceKey = OccurrenceKey(course: key.course, occurrence: key.occurrence, year: key.academicYear)
            guard occurrenceKey != lastOccurrence else { return }
            lastOccurrence = occurrenceKey
            guard checkedOccurrences.insert(occurrenceKey).inserted else { return }
            let components = register.components[key.course] ?? []
            if components.isEmpty, coursesWithoutComponents.insert(key.course).inserted {
                problems.append(Finding(.noComponents(key.course), at: row.source, course: key.course.description))
            }
            for component in components {
                let deadline = Register.DeadlineKey(
                    course: key.course, occurrence: key.occurrence, academicYear: key.academicYear,
                    component: component.code)
                if register.deadlines[deadline] == nil && deadlineLines[deadline] == nil
                    && missingDeadlines.insert(deadline).inserted
                {
                    problems.append(
                        Finding(
                            .noDeadline(
                                course: key.course, occurrence: key.occurrence, year: Quoted(key.academicYear),
                                component: component.code),
                            at: row.source, course: key.course.description, component: component.code.description))
                }
            }
        }
        guard !table.rejectedWhole else { return }
        fatal += problems
        quality += warnings
        self.register.enrolments = enrolments
    }
}

extension RegisterLoad {
    /// An SPR code becomes the first key column of every SITS record: one that a spreadsheet would run,
    /// or that a CSV field would have to quote, would be written altered and no longer match its records.
    static func isSPRCode(_ text: String) -> Bool {
        let utf8 = text.utf8
        guard let first = utf8.first, utf8.count <= 30 else { return false }
        let isAlphanumeric = { (byte: UInt8) in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        return isAlphanumeric(first)
            && utf8.allSatisfy { isAlphanumeric($0) || "/-_.".utf8.contains($0) }
    }
}

/// A course occurrence in one academic year: the enrolments that share its deadlines.
private struct OccurrenceKey: Hashable {
    let course: Code
    let occurrence: Code
    let year: String
}
