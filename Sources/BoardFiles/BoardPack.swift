import Foundation
import Mustache
import Regulations

/// The board pack (SPEC §3.1) as plain values a Mustache template reads. Every string here is text;
/// the template escapes it. The one exception is `CourseSection.histogramSVG`, built here from numbers.
public struct BoardPack: Sendable {
    public struct Reconciled: Sendable {
        public var read: Int
        public var counted: Int
        public var superseded: Int
        public var rejected: Int
        public var balances: Bool
        public var sentence: String
    }

    /// A row of "outcomes by course".
    public struct SummaryRow: Sendable {
        public var code: String
        public var anchor: String
        public var title: String
        public var titleWelsh: String
        public var typeName: String
        public var enrolments: Int
        public var hasSection: Bool
        public var counts: [Count]
    }

    public struct Count: Sendable {
        public var outcome: String
        public var count: Int
        public var zero: Bool
    }

    public struct FindingFile: Sendable {
        public var file: String
        public var count: Int
        public var findings: PackTable
    }

    /// The exceptions, file by file. A file's findings are filled in apart from the others', so the
    /// built-in renderer fills several in at once: a large run reports tens of thousands. Like the
    /// courses' sections, each file's rows are made as the template comes to it, on the core that fills
    /// it in.
    public struct FindingFiles: MustacheSequence, PackIndependentList {
        let exceptions: [Finding]
        /// The positions in `exceptions` of each file's findings, file by file.
        let files: [Range<Int>]
        /// The rows of the file with the most findings, when it has thousands, made on another thread from
        /// the start: at 200,000 enrolments enrolments.csv has 35,000 (marks overdue), and making them as
        /// the template came to them took the last twentieth of a second of a run on one core.
        private let largest: (position: Int, rows: Background<PackTable>)?

        init(_ exceptions: [Finding]) {
            self.exceptions = exceptions
            var files: [Range<Int>] = []
            for index in exceptions.indices {
                if let last = files.last, exceptions[last.lowerBound].file == exceptions[index].file {
                    files[files.count - 1] = last.lowerBound..<index + 1
                } else {
                    files.append(index..<index + 1)
                }
            }
            self.files = files
            if let position = files.indices.max(by: { files[$0].count < files[$1].count }),
                files[position].count >= Self.largeFile
            {
                let findings = exceptions[files[position]]
                largest = (position, Background { BoardPack.table(of: findings) })
            } else {
                largest = nil
            }
        }

        /// Findings enough for a file's rows to be made ahead.
        static let largeFile = 4096

        public func makeIterator() -> some IteratorProtocol<FindingFile> {
            files.indices.lazy.map(file).makeIterator()
        }

        var count: Int { files.count }

        func element(at position: Int) -> Any { file(position) }

        func file(_ position: Int) -> FindingFile {
            let range = files[position]
            // Making a table throws nothing.
            let rows = try! largest.flatMap { $0.position == position ? try $0.rows.result() : nil }
            return FindingFile(
                file: exceptions[range.lowerBound].file, count: range.count,
                findings: rows ?? BoardPack.table(of: exceptions[range]))
        }
    }

    public struct Bin: Sendable {
        public var label: String
        public var count: Int
    }

    /// The courses' sections, each built as the template comes to it and let go once it is filled in:
    /// a large institution's rows, a dozen strings each, are never all held at once.
    /// Each is built from the results alone, so the built-in renderer fills several in at once.
    public struct CourseSections: MustacheSequence, PackIndependentList {
        /// The positions in `results` of each course's enrolments, course by course.
        let groups: [[Int]]
        let results: [EnrolmentResult]
        let listed: [Enrolment]
        let policy: Policy

        public func makeIterator() -> some IteratorProtocol<CourseSection> {
            groups.lazy.map { BoardPack.section($0, of: results, listed, policy: policy) }.makeIterator()
        }

        var count: Int { groups.count }

        func element(at position: Int) -> Any {
            BoardPack.section(groups[position], of: results, listed, policy: policy)
        }
    }

    public struct CourseSection: Sendable {
        public var code: String
        public var anchor: String
        public var title: String
        public var titleWelsh: String
        public var typeName: String
        public var credits: Int
        public var level: Int
        public var passMark: Int
        public var resitCap: String
        public var attendanceThreshold: Int
        public var externalExaminer: String?
        /// The course's structural-norm and examiner findings (Procedure §7.1, §8), shown in its section.
        public var registerWarnings: [String]
        public var professionalBody: String?
        public var isAttendance: Bool
        public var isMarked: Bool
        public var enrolments: Int
        public var outcomeCounts: [Count]
        public var bins: [Bin]
        public var markCount: Int
        public var histogramSVG: String
        public var mean: String
        public var median: String
        public var passRate: String
        public var welshMedium: Int
        public var decisions: PackTable
        public var resits: PackTable
        public var withdrawals: PackTable
        public var certificates: PackTable
        public var certificateNote: String?
        public var transcripts: PackTable
        // A list's section repeats for each row; these open a block once when the list has rows.
        public var hasResits = false
        public var hasWithdrawals = false
        public var hasCertificates = false
        public var hasTranscripts = false
    }

    public var institution: String
    public var institutionWelsh: String?
    public var institutionCode: String
    public var boardDate: String
    public var boardDateWelsh: String
    public var boardISO: String
    public var academicYear: String
    public var toolVersion: String
    public var reconciliation: Reconciled
    public var outcomeColumns: [String]
    public var summary: [SummaryRow]
    public var totals: [Count]
    public var totalEnrolments: Int
    public var courses: CourseSections
    public var registerWarnings: PackTable
    public var hasRegisterWarnings: Bool
    public var exceptionFiles: FindingFiles
    public var hasExceptions: Bool
    public var exceptionCount: Int
    public var errorCount: Int
    public var warningCount: Int
    public var noteCount: Int
}

extension BoardPack {
    /// The pack of a run: a pure function of the run, so the same inputs give the same bytes.
    public init(_ run: BoardRun) {
        let results = run.replay.enrolments
        let listed = run.replay.listed
        // Enrolments by course, as positions in `results`: the results themselves are large to copy.
        var byCourse: [Code: [Int]] = [:]
        var outcomeTotals = Array(repeating: 0, count: Outcome.allCases.count)
        for index in results.indices {
            byCourse[listed[results[index].listedAt].key.course, default: []].append(index)
            outcomeTotals[results[index].decision.outcome.place] += 1
        }
        let columns = Outcome.allCases.filter { outcomeTotals[$0.place] > 0 }

        func counts(_ group: some Sequence<Int>) -> [Count] {
            var totals = Array(repeating: 0, count: Outcome.allCases.count)
            for index in group { totals[results[index].decision.outcome.place] += 1 }
            return columns.map { outcome in
                let count = totals[outcome.place]
                return Count(outcome: outcome.rawValue, count: count, zero: count == 0)
            }
        }

        let r = run.reconciliation
        institution = run.config.institution.name
        institutionWelsh = run.config.institution.nameWelsh.isEmpty ? nil : run.config.institution.nameWelsh
        institutionCode = run.config.institution.code.description
        boardDate = Self.english(run.board)
        boardDateWelsh = Self.welsh(run.board)
        boardISO = run.board.description
        academicYear = run.year.code
        self.toolVersion = BoardFiles.toolVersion
        reconciliation = Reconciled(
            read: r.rowsRead, counted: r.rowsCounted, superseded: r.rowsSuperseded, rejected: r.rowsRejected,
            balances: r.balances, sentence: r.sentence)
        outcomeColumns = columns.map(\.rawValue)
        summary = run.register.register.courses.values.sorted { $0.code < $1.code }.map { course in
            let group = byCourse[course.code] ?? []
            return SummaryRow(
                code: course.code.description, anchor: Self.anchor(course.code), title: course.title,
                titleWelsh: course.titleWelsh, typeName: course.type.name, enrolments: group.count,
                hasSection: !group.isEmpty, counts: counts(group))
        }
        totals = counts(results.indices)
        totalEnrolments = results.count
        courses = CourseSections(
            groups: byCourse.keys.sorted().map { byCourse[$0]! }, results: results, listed: listed,
            policy: run.config.policy)
        registerWarnings = Self.table(of: run.register.quality[...])
        hasRegisterWarnings = registerWarnings.count > 0
        exceptionFiles = FindingFiles(run.exceptions)
        hasExceptions = exceptionFiles.count > 0
        exceptionCount = run.exceptions.count
        errorCount = run.exceptions.count(of: .error)
        warningCount = run.exceptions.count(of: .warning)
        noteCount = run.exceptions.count(of: .note)
    }

    /// One course's section; `group` holds the positions in `results` of its enrolments, in
    /// decisions.csv order.
    static func section(
        _ group: [Int], of results: [EnrolmentResult], _ listed: [Enrolment], policy: Policy
    ) -> CourseSection {
        let course = results[group[0]].course
        let passMark = policy.passMark(for: course)
        let isAttendance = course.type == .attendance
        let eligibilities = Dictionary(
            uniqueKeysWithValues: Outcome.allCases.map { ($0, Eligibility.of($0, course: course)) })
        var marks: [Int] = []
        var outcomeTotals = Array(repeating: 0, count: Outcome.allCases.count)
        var welshMedium = 0
        var decisions = PackTable.Builder(texts: [
            "studentID", "name", "occurrence", "outcome", "reason", "attempt", "actualMark", "agreedMark", "grade",
            "credits", "resitDue", "decidedAt", "attendance",
        ])
        var resits = PackTable.Builder(texts: ["studentID", "name", "occurrence", "components", "due"])
        var withdrawals = PackTable.Builder(texts: [
            "studentID", "name", "occurrence", "reason", "withdrawnOn", "decidedAt",
        ])
        var certificates = PackTable.Builder(
            texts: ["studentID", "name", "certificate", "reason"], flags: ["withheld"])
        var transcripts = PackTable.Builder(texts: [
            "studentID", "name", "outcome", "grade", "agreedMark", "credits",
        ])
        let withheldBecause = Eligibility.withheldBecause(course)
        for index in group {
            let at = results[index].listedAt
            let key = listed[at].key
            // The decision is read in place: copying it retained each of its strings and lists.
            let outcome = results[index].decision.outcome
            let eligibility = eligibilities[outcome]!
            let shown = Self.shownMarks(results[index].decision)
            if let agreed = shown?.agreed { marks.append(agreed) }
            outcomeTotals[outcome.place] += 1
            let components = results[index].components
            for position in components.indices {
                if components[position].firstSit?.language == .welsh { welshMedium += 1 }
                if components[position].resit?.language == .welsh { welshMedium += 1 }
            }
            let grade = outcome.grade?.rawValue ?? ""
            // Every table's row starts with the student and their name; three go on with the occurrence.
            func student(_ row: inout PackTable.Builder, occurrence: Bool = true) {
                row.text(key.student)
                row.name(
                    family: listed[at].familyName, given: listed[at].givenNames)
                if occurrence { row.text(key.occurrence) }
            }
            student(&decisions)
            decisions.text(outcome.rawValue)
            decisions.text(results[index].decision.reason?.rawValue ?? "")
            decisions.text(results[index].decision.attempt)
            decisions.text(shown?.actual)
            decisions.text(shown?.agreed)
            decisions.text(grade)
            decisions.text(eligibility.credits)
            decisions.text(results[index].decision.resitDue)
            decisions.text(results[index].decision.board)
            decisions.text(listed[at].attendance.map { "\($0)%" } ?? "not recorded")
            if outcome == .refer {
                let components = results[index].decision.components.map { code in
                    let title =
                        results[index].components.first { $0.component.code == code }?.component.title ?? ""
                    return title.isEmpty ? code.description : "\(code) \(title)"
                }
                student(&resits)
                resits.text(components.joined(separator: "; "))
                resits.text(results[index].decision.resitDue)
            }
            if outcome == .withdrawn {
                let enrolment = listed[at]
                student(&withdrawals)
                withdrawals.text(results[index].decision.reason?.rawValue ?? "")
                withdrawals.text(enrolment.status == .withdrawn ? enrolment.statusDate : nil)
                withdrawals.text(results[index].decision.board)
            }
            if let certificate = eligibility.certificate {
                let withheld = certificate == .withheld
                student(&certificates, occurrence: false)
                certificates.text(course.type.name)
                certificates.text(withheld ? withheldBecause : "")
                certificates.flag(withheld)
            }
            if eligibility.transcript {
                student(&transcripts, occurrence: false)
                transcripts.text(outcome.rawValue)
                transcripts.text(grade)
                transcripts.text(shown?.agreed)
                transcripts.text(eligibility.credits)
            }
        }
        let bins = Self.bins(marks)
        let count = { (outcomes: [Outcome]) in outcomes.reduce(0) { $0 + outcomeTotals[$1.place] } }
        let pass = count([.pass, .passResit])
        let concluded = count([.pass, .passResit, .fail])
        let outcomeCounts = Outcome.allCases.compactMap { outcome -> Count? in
            let count = outcomeTotals[outcome.place]
            return count == 0 ? nil : Count(outcome: outcome.rawValue, count: count, zero: false)
        }

        var section = CourseSection(
            code: course.code.description, anchor: Self.anchor(course.code), title: course.title,
            titleWelsh: course.titleWelsh, typeName: course.type.name, credits: course.credits, level: course.level,
            passMark: passMark,
            resitCap: policy.resitCapApplies(to: course)
                ? "resit passes capped at \(passMark)" : "not capped",
            attendanceThreshold: policy.attendanceThreshold,
            externalExaminer: course.externalExaminer.isEmpty ? nil : course.externalExaminer,
            registerWarnings: RegisterQuality.norms(of: course).map(\.message),
            professionalBody: course.professionalBody.isEmpty ? nil : course.professionalBody,
            isAttendance: isAttendance, isMarked: !isAttendance, enrolments: group.count, outcomeCounts: outcomeCounts,
            bins: bins, markCount: marks.count,
            histogramSVG: isAttendance ? "" : Self.histogramSVG(bins: bins, passMark: passMark, course: course.code),
            mean: Self.mean(marks) ?? "–", median: Self.median(marks) ?? "–",
            passRate: Self.passRate(passed: pass, of: concluded), welshMedium: welshMedium,
            decisions: decisions.finish(), resits: resits.finish(), withdrawals: withdrawals.finish(),
            certificates: certificates.finish(),
            certificateNote: course.type == .microCredential
                ? "A micro-credential leads to a transcript only; no certificate is issued." : nil,
            transcripts: transcripts.finish())
        section.hasResits = section.resits.count > 0
        section.hasWithdrawals = section.withdrawals.count > 0
        section.hasCertificates = section.certificates.count > 0
        section.hasTranscripts = section.transcripts.count > 0
        return section
    }

    /// The marks decisions.csv shows: only when every sit was counted and the course mark computed.
    static func shownMarks(_ decision: Decision) -> (actual: Int?, agreed: Int?)? {
        guard decision.usedMarks, decision.agreedMark != nil else { return nil }
        return (decision.actualMark, decision.agreedMark)
    }

    static func anchor(_ code: Code) -> String { "course-" + code.description }

    /// The findings' table: one row each, in their order.
    static func table(of findings: ArraySlice<Finding>) -> PackTable {
        var table = PackTable.Builder(texts: [
            "file", "line", "severity", "code", "student", "course", "component", "message",
        ])
        // A finding's texts take about 220 bytes (a message, a file name, codes).
        table.reserve(rows: findings.count, bytesPerRow: 240)
        for index in findings.indices {
            table.text(findings[index].file)
            if findings[index].line > 0 { table.text(findings[index].line) } else { table.text("–") }
            table.text(findings[index].severity.rawValue)
            table.text(findings[index].code.rawValue)
            table.text(findings[index].student)
            table.text(findings[index].course)
            table.text(findings[index].component)
            table.text(findings[index].message)
        }
        return table.finish()
    }

    // MARK: - Statistics, in integer arithmetic so every platform prints the same digits

    /// Ten bins of ten marks, the last one 90–100.
    static func bins(_ marks: [Int]) -> [Bin] {
        var counts = Array(repeating: 0, count: 10)
        for mark in marks { counts[min(max(mark, 0) / 10, 9)] += 1 }
        return counts.enumerated().map { index, count in
            Bin(label: index == 9 ? "90–100" : "\(index * 10)–\(index * 10 + 9)", count: count)
        }
    }

    /// The mean to one decimal place, halves rounded up; nil without marks.
    static func mean(_ marks: [Int]) -> String? {
        guard !marks.isEmpty else { return nil }
        let n = marks.count
        return tenths((marks.reduce(0, +) * 20 + n) / (2 * n))
    }

    /// The median to one decimal place: the middle mark, or the mean of the middle two.
    static func median(_ marks: [Int]) -> String? {
        guard !marks.isEmpty else { return nil }
        let sorted = marks.sorted()
        let middle = sorted.count / 2
        return tenths(sorted.count % 2 == 1 ? sorted[middle] * 10 : (sorted[middle - 1] + sorted[middle]) * 5)
    }

    static func tenths(_ value: Int) -> String { "\(value / 10).\(value % 10)" }

    static func passRate(passed: Int, of concluded: Int) -> String {
        guard concluded > 0 else { return "no results yet" }
        return "\((passed * 200 + concluded) / (2 * concluded))% (\(passed) of \(concluded))"
    }

    // MARK: - Dates, written out in both languages

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December",
    ]
    static let welshMonths = [
        "Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf", "Awst", "Medi", "Hydref",
        "Tachwedd", "Rhagfyr",
    ]

    static func english(_ day: Day) -> String { "\(day.day) \(englishMonths[day.month - 1]) \(day.year)" }
    static func welsh(_ day: Day) -> String { "\(day.day) \(welshMonths[day.month - 1]) \(day.year)" }

    // MARK: - The histogram

    /// An inline SVG bar chart of the bins, with the pass mark drawn as a dashed line. Every piece of
    /// text in it is a number, a bin label or a validated course code.
    static func histogramSVG(bins: [Bin], passMark: Int, course: Code) -> String {
        let left = 44, top = 22, binWidth = 52, plotHeight = 150
        let plotWidth = binWidth * bins.count
        let width = left + plotWidth + 16, height = top + plotHeight + 52
        let highest = bins.map(\.count).max() ?? 0
        let step = max(1, (highest + 3) / 4)
        let ceiling = max(step, (highest + step - 1) / step * step)
        let baseline = top + plotHeight
        func y(_ count: Int) -> Int { baseline - count * plotHeight / ceiling }

        let summary = bins.map { "\($0.label): \($0.count)" }.joined(separator: ", ")
        var svg = """
            <svg class="histogram" viewBox="0 0 \(width) \(height)" \
            width="\(width)" height="\(height)" role="img" aria-labelledby="hist-\(course)">\
            <title id="hist-\(course)">Agreed course marks of \(course), students per 10-mark band: \(summary)</title>
            """
        for tick in stride(from: 0, through: ceiling, by: step) {
            svg +=
                "<line class=\"grid\" x1=\"\(left)\" y1=\"\(y(tick))\" x2=\"\(left + plotWidth)\" y2=\"\(y(tick))\"/>"
            svg += "<text class=\"tick\" x=\"\(left - 6)\" y=\"\(y(tick) + 4)\" text-anchor=\"end\">\(tick)</text>"
        }
        for (index, bin) in bins.enumerated() {
            let x = left + index * binWidth
            let below = index * 10 + (index == 9 ? 10 : 9) < passMark
            if bin.count > 0 {
                svg +=
                    "<rect class=\"\(below ? "bar below" : "bar")\" x=\"\(x + 7)\" y=\"\(y(bin.count))\" width=\"\(binWidth - 14)\" height=\"\(baseline - y(bin.count))\"/>"
                svg +=
                    "<text class=\"count\" x=\"\(x + binWidth / 2)\" y=\"\(y(bin.count) - 5)\" text-anchor=\"middle\">\(bin.count)</text>"
            }
            svg +=
                "<text class=\"label\" x=\"\(x + binWidth / 2)\" y=\"\(baseline + 16)\" text-anchor=\"middle\">\(bin.label)</text>"
        }
        svg += "<line class=\"axis\" x1=\"\(left)\" y1=\"\(baseline)\" x2=\"\(left + plotWidth)\" y2=\"\(baseline)\"/>"
        let passX = left + min(passMark, 100) * binWidth / 10
        svg += "<line class=\"pass\" x1=\"\(passX)\" y1=\"\(top - 8)\" x2=\"\(passX)\" y2=\"\(baseline)\"/>"
        svg += "<text class=\"passlabel\" x=\"\(passX + 4)\" y=\"\(top - 10)\">pass mark \(passMark)</text>"
        svg +=
            "<text class=\"axistitle\" x=\"\(left + plotWidth / 2)\" y=\"\(height - 8)\" text-anchor=\"middle\">agreed course mark</text>"
        svg +=
            "<text class=\"axistitle\" x=\"12\" y=\"\(top + plotHeight / 2)\" text-anchor=\"middle\" transform=\"rotate(-90 12 \(top + plotHeight / 2))\">students</text>"
        svg += "</svg>"
        return svg
    }
}

extension BoardPack {
    /// Renders the pack with `template` (Mustache text), or with the built-in template.
    public func html(template: String = BoardPack.defaultTemplate) throws -> String {
        // About 700 bytes per enrolment with the built-in template.
        var output = ByteOutput(reservingCapacity: 1024 * totalEnrolments)
        try write(template: template, into: &output)
        return String(decoding: output.finish(), as: UTF8.self)
    }

    /// The rendered pack, as UTF-8. swift-mustache decides whether the template is valid, and renders
    /// it when it uses what `PackTemplate` leaves to it.
    func write(template: String, into output: inout ByteOutput) throws {
        guard let fast = PackTemplate(template) else {
            return output.append(contentsOf: Array(try MustacheTemplate(string: template).render(self).utf8))
        }
        // swift-mustache reads the template while it is filled in here: it takes time that grows with the
        // square of a template's length (30 ms for the built-in one), which the whole pack waited for. The
        // built-in template is not read again: the tests render it with swift-mustache.
        guard template != Self.defaultTemplate else { return fast.render(self, into: &output) }
        let check = Background { _ = try MustacheTemplate(string: template) }
        fast.render(self, into: &output)
        try check.result()
    }
}

extension BoardRun {
    /// `board-report.html`: the built-in template, or the one `[outputs] board_pack_template` names.
    public func boardPackHTML() throws -> String {
        var output = ByteOutput()
        try writeBoardPack(into: &output)
        return String(decoding: output.finish(), as: UTF8.self)
    }

    /// `board-report.html`, written into `output`.
    func writeBoardPack(into output: inout ByteOutput) throws {
        let pack = BoardPack(self)
        guard let path = config.boardPackTemplate else {
            return try pack.write(template: BoardPack.defaultTemplate, into: &output)
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw OutputError(
                path: path,
                reason:
                    "cannot read the board pack template that [outputs] board_pack_template names in \(config.relative(config.file)) (\(error.localizedDescription)); fix the path or remove the key to use the built-in template"
            )
        }
        do {
            try pack.write(template: text, into: &output)
        } catch {
            throw OutputError(
                path: path,
                reason:
                    "the board pack template is not valid Mustache (\(error)); fix it or remove [outputs] board_pack_template"
            )
        }
    }
}

// Every value of the pack is handed to Mustache by name instead of by reflection (`Mirror`), which cost
// most of a large run: rows number in the hundreds of thousands at a large institution. Same names,
// same values; a name not listed is looked up in the enclosing values, as with reflection.
extension BoardPack: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "institution": institution
        case "institutionWelsh": institutionWelsh
        case "institutionCode": institutionCode
        case "boardDate": boardDate
        case "boardDateWelsh": boardDateWelsh
        case "boardISO": boardISO
        case "academicYear": academicYear
        case "toolVersion": toolVersion
        case "reconciliation": reconciliation
        case "outcomeColumns": outcomeColumns
        case "summary": summary
        case "totals": totals
        case "totalEnrolments": totalEnrolments
        case "courses": courses
        case "registerWarnings": registerWarnings
        case "hasRegisterWarnings": hasRegisterWarnings
        case "exceptionFiles": exceptionFiles
        case "hasExceptions": hasExceptions
        case "exceptionCount": exceptionCount
        case "errorCount": errorCount
        case "warningCount": warningCount
        case "noteCount": noteCount
        default: nil
        }
    }
}

extension BoardPack.Reconciled: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "read": read
        case "counted": counted
        case "superseded": superseded
        case "rejected": rejected
        case "balances": balances
        case "sentence": sentence
        default: nil
        }
    }
}

extension BoardPack.SummaryRow: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "anchor": anchor
        case "title": title
        case "titleWelsh": titleWelsh
        case "typeName": typeName
        case "enrolments": enrolments
        case "hasSection": hasSection
        case "counts": counts
        default: nil
        }
    }
}

extension BoardPack.Count: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "outcome": outcome
        case "count": count
        case "zero": zero
        default: nil
        }
    }
}

extension BoardPack.Bin: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "count": count
        default: nil
        }
    }
}

extension BoardPack.FindingFile: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "file": file
        case "count": count
        case "findings": findings
        default: nil
        }
    }
}

extension BoardPack.CourseSection: MustacheParent {
    public func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "anchor": anchor
        case "title": title
        case "titleWelsh": titleWelsh
        case "typeName": typeName
        case "credits": credits
        case "level": level
        case "passMark": passMark
        case "resitCap": resitCap
        case "attendanceThreshold": attendanceThreshold
        case "externalExaminer": externalExaminer
        case "registerWarnings": registerWarnings
        case "professionalBody": professionalBody
        case "isAttendance": isAttendance
        case "isMarked": isMarked
        case "enrolments": enrolments
        case "outcomeCounts": outcomeCounts
        case "bins": bins
        case "markCount": markCount
        case "histogramSVG": histogramSVG
        case "mean": mean
        case "median": median
        case "passRate": passRate
        case "welshMedium": welshMedium
        case "decisions": decisions
        case "resits": resits
        case "withdrawals": withdrawals
        case "certificates": certificates
        case "certificateNote": certificateNote
        case "transcripts": transcripts
        case "hasResits": hasResits
        case "hasWithdrawals": hasWithdrawals
        case "hasCertificates": hasCertificates
        case "hasTranscripts": hasTranscripts
        default: nil
        }
    }
}

extension PackTable.Builder {
    mutating func text(_ code: Code) {
        code.withBytes { add($0) }
        endText()
    }

    /// A date as YYYY-MM-DD; nothing when nil.
    mutating func text(_ day: Day?) { text(day?.description ?? "") }

    /// "Family, Given", or whichever of the two is not empty.
    mutating func name(family: String, given: String) {
        add(family)
        if !family.isEmpty && !given.isEmpty { add(", ") }
        add(given)
        endText()
    }
}

extension Outcome {
    /// Its place in `Outcome.allCases`: the pack, the run summary and the manifest count outcomes in
    /// lists by place, not in tables hashed by name, for every result.
    var place: Int { Outcome.allCases.firstIndex(of: self)! }
}
