import Foundation
import Input
import Mustache
import Regulations

/// The board pack (SPEC §3.1) as plain values the Mustache template reads. Every string here is text,
/// which the template escapes, except the SVG histogram, built here from numbers, and the long tables'
/// rows, written by `HTMLText`, which escapes each value.
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

    public struct Bin: Sendable {
        public var label: String
        public var count: Int
    }

    /// One file's exceptions.
    public struct FindingFile: Sendable {
        public var file: String
        public var count: Int
        public var findingRows: String
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
        public var certificateNote: String?
        public var decisionRows: String
        public var resitRows: String
        public var withdrawalRows: String
        public var certificateRows: String
        public var transcriptRows: String
        public var hasResits: Bool
        public var hasWithdrawals: Bool
        public var hasCertificates: Bool
        public var hasTranscripts: Bool
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
    public var courses: [CourseSection]
    public var registerWarningRows: String
    public var hasRegisterWarnings: Bool
    public var exceptionFiles: [FindingFile]
    public var exceptionCount: Int
    public var errorCount: Int
    public var warningCount: Int
    public var noteCount: Int
    /// The year's boards up to this one that were ever sealed, and how each stands (SPEC §7).
    public var sealRows: String
    public var hasSeals: Bool
    /// The decisions of sealed boards that changed since they were first sealed, the first
    /// `AmendmentFiles.rowsInPack` of them; amendments.csv lists every one.
    public var amendmentRows: String
    public var amendmentCount: Int
    public var hasAmendments: Bool
    /// How many amendments the page leaves to amendments.csv; nil when it lists every one.
    public var amendmentsLeftOut: Int?
}

extension BoardPack {
    /// The pack of a run: a pure function of the run, so the same inputs give the same bytes.
    public init(_ run: BoardRun) {
        let results = run.replay.enrolments
        var byCourse: [Code: [EnrolmentResult]] = [:]
        for result in results { byCourse[result.course.code, default: []].append(result) }
        let columns = Outcome.allCases.filter { outcome in results.contains { $0.decision.outcome == outcome } }
        func counts(_ group: [EnrolmentResult]) -> [Count] {
            columns.map { outcome in
                let count = group.count { $0.decision.outcome == outcome }
                return Count(outcome: outcome.rawValue, count: count, zero: count == 0)
            }
        }

        let reconciled = run.reconciliation
        institution = run.config.institution.name
        institutionWelsh = run.config.institution.nameWelsh.isEmpty ? nil : run.config.institution.nameWelsh
        institutionCode = run.config.institution.code.description
        boardDate = Self.english(run.board)
        boardDateWelsh = Self.welsh(run.board)
        boardISO = run.board.description
        academicYear = run.year.code
        toolVersion = Outputs.toolVersion
        reconciliation = Reconciled(
            read: reconciled.rowsRead, counted: reconciled.rowsCounted, superseded: reconciled.rowsSuperseded,
            rejected: reconciled.rowsRejected, balances: reconciled.balances, sentence: reconciled.sentence)
        outcomeColumns = columns.map(\.rawValue)
        summary = run.register.register.courses.values.sorted { $0.code < $1.code }.map { course in
            let group = byCourse[course.code] ?? []
            return SummaryRow(
                code: course.code.description, anchor: Self.anchor(course.code), title: course.title,
                titleWelsh: course.titleWelsh, typeName: course.type.name, enrolments: group.count,
                hasSection: !group.isEmpty, counts: counts(group))
        }
        totals = counts(results)
        totalEnrolments = results.count
        let groups = byCourse.keys.sorted().map { byCourse[$0]! }
        let policy = run.config.policy
        courses = parallelMap(groups) { Self.section($0, policy: policy) }
        registerWarningRows = Self.registerWarningRows(run.register.quality)
        hasRegisterWarnings = !run.register.quality.isEmpty
        exceptionFiles = Self.findingFiles(run.exceptions)
        exceptionCount = run.exceptions.count
        errorCount = run.exceptions.count(of: .error)
        warningCount = run.exceptions.count(of: .warning)
        noteCount = run.exceptions.count(of: .note)
        sealRows = AmendmentFiles.sealRows(run)
        hasSeals = !sealRows.isEmpty
        amendmentRows = AmendmentFiles.packRows(run.amendments)
        amendmentCount = run.amendments.count
        hasAmendments = !run.amendments.isEmpty
        amendmentsLeftOut =
            run.amendments.count > AmendmentFiles.rowsInPack ? run.amendments.count - AmendmentFiles.rowsInPack : nil
    }

    /// One course's section, from its enrolments' results in decisions.csv order.
    static func section(_ results: [EnrolmentResult], policy: Policy) -> CourseSection {
        let course = results[0].course
        let passMark = policy.passMark(for: course)
        let isAttendance = course.type == .attendance
        let withheldBecause = Eligibility.withheldBecause(course)
        var eligibilities = Eligibilities()
        var marks: [Int] = []
        var welshMedium = 0
        var decisions = HTMLText()
        var resits = HTMLText()
        var withdrawals = HTMLText()
        var certificates = HTMLText()
        var transcripts = HTMLText()
        for result in results {
            let key = result.enrolment.key
            let decision = result.decision
            let outcome = decision.outcome.rawValue
            let eligibility = eligibilities.of(result)
            let shown = decision.usedMarks ? decision.agreedMark.map { (actual: decision.actualMark, agreed: $0) } : nil
            if let agreed = shown?.agreed { marks.append(agreed) }
            for record in result.components {
                if record.firstSit?.language == .welsh { welshMedium += 1 }
                if record.resit?.language == .welsh { welshMedium += 1 }
            }
            let grade = decision.outcome.grade?.rawValue ?? ""
            let name = Self.name(result.enrolment)
            decisions.row { row in
                row.cell(key.student.description)
                row.cell(name)
                row.cell(key.occurrence.description)
                if isAttendance {
                    row.cell(result.enrolment.attendance.map { "\($0)%" } ?? "not recorded")
                    row.outcomeCell(outcome)
                } else {
                    row.outcomeCell(outcome)
                    row.cell(decision.reason?.rawValue ?? "")
                    row.cell(text(decision.attempt))
                    row.cell(text(shown?.actual))
                    row.cell(text(shown?.agreed))
                    row.cell(grade)
                    row.cell(text(eligibility.credits))
                    row.cell(decision.resitDue?.description ?? "")
                }
                row.cell(decision.board.description)
            }
            if decision.outcome == .refer {
                let components = decision.components.map { code in
                    let title = result.components.first { $0.component.code == code }?.component.title ?? ""
                    return title.isEmpty ? code.description : "\(code) \(title)"
                }
                resits.row { row in
                    row.cell(key.student.description)
                    row.cell(name)
                    row.cell(key.occurrence.description)
                    row.cell(components.joined(separator: "; "))
                    row.cell(decision.resitDue?.description ?? "")
                }
            }
            if decision.outcome == .withdrawn {
                withdrawals.row { row in
                    row.cell(key.student.description)
                    row.cell(name)
                    row.cell(key.occurrence.description)
                    row.cell(decision.reason?.rawValue ?? "")
                    row.cell(
                        result.enrolment.status == .withdrawn ? result.enrolment.statusDate?.description ?? "" : "")
                    row.cell(decision.board.description)
                }
            }
            if let certificate = eligibility.certificate {
                let withheld = certificate == .withheld
                certificates.row { row in
                    row.cell(key.student.description)
                    row.cell(name)
                    row.cell(course.type.name)
                    row.markup(
                        withheld
                            ? "<td><span class=\"badge o-FAIL\">WITHHELD</span></td>"
                            : "<td><span class=\"badge o-PASS\">ISSUE</span></td>")
                    row.cell(withheld ? withheldBecause : "")
                }
            }
            if eligibility.transcript {
                transcripts.row { row in
                    row.cell(key.student.description)
                    row.cell(name)
                    row.outcomeCell(outcome)
                    row.cell(grade)
                    row.cell(text(shown?.agreed))
                    row.cell(text(eligibility.credits))
                }
            }
        }
        let bins = Self.bins(marks)
        let count = { (outcomes: [Outcome]) in results.count { outcomes.contains($0.decision.outcome) } }
        let pass = count([.pass, .passResit])
        let concluded = count([.pass, .passResit, .fail])
        let outcomeCounts = Outcome.allCases.compactMap { outcome -> Count? in
            let count = count([outcome])
            return count == 0 ? nil : Count(outcome: outcome.rawValue, count: count, zero: false)
        }
        return CourseSection(
            code: course.code.description, anchor: Self.anchor(course.code), title: course.title,
            titleWelsh: course.titleWelsh, typeName: course.type.name, credits: course.credits, level: course.level,
            passMark: passMark,
            resitCap: policy.resitCapApplies(to: course) ? "resit passes capped at \(passMark)" : "not capped",
            attendanceThreshold: policy.attendanceThreshold,
            externalExaminer: course.externalExaminer.isEmpty ? nil : course.externalExaminer,
            registerWarnings: RegisterQuality.norms(of: course).map(\.message.description),
            professionalBody: course.professionalBody.isEmpty ? nil : course.professionalBody,
            isAttendance: isAttendance, isMarked: !isAttendance, enrolments: results.count,
            outcomeCounts: outcomeCounts, bins: bins, markCount: marks.count,
            histogramSVG: isAttendance ? "" : Self.histogramSVG(bins: bins, passMark: passMark, course: course.code),
            mean: Self.mean(marks) ?? "–", median: Self.median(marks) ?? "–",
            passRate: Self.passRate(passed: pass, of: concluded), welshMedium: welshMedium,
            certificateNote: course.type == .microCredential
                ? "A micro-credential leads to a transcript only; no certificate is issued." : nil,
            decisionRows: decisions.text, resitRows: resits.text, withdrawalRows: withdrawals.text,
            certificateRows: certificates.text, transcriptRows: transcripts.text, hasResits: !resits.bytes.isEmpty,
            hasWithdrawals: !withdrawals.bytes.isEmpty, hasCertificates: !certificates.bytes.isEmpty,
            hasTranscripts: !transcripts.bytes.isEmpty)
    }

    /// A number in decimal; empty when nil.
    private static func text(_ number: Int?) -> String { number.map(String.init) ?? "" }

    /// "Family, Given", or whichever of the two is not empty.
    static func name(_ enrolment: Enrolment) -> String {
        enrolment.familyName.isEmpty || enrolment.givenNames.isEmpty
            ? enrolment.familyName + enrolment.givenNames : "\(enrolment.familyName), \(enrolment.givenNames)"
    }

    static func anchor(_ code: Code) -> String { "course-" + code.description }

    static func registerWarningRows(_ findings: [Finding]) -> String {
        var rows = HTMLText()
        for finding in findings {
            rows.row { row in
                row.markup("<td class=\"code nowrap\">")
                row.value(finding.file)
                row.markup("</td><td class=\"num\">")
                row.value(finding.line > 0 ? String(finding.line) : "–")
                row.markup("</td>")
                row.severityCell(finding.severity.rawValue)
                row.markup("<td class=\"code\">")
                row.value(finding.code.rawValue)
                row.markup("</td><td class=\"code\">")
                row.value(finding.course)
                row.markup("</td><td class=\"msg\">")
                row.value(finding.message.description)
                row.markup("</td>")
            }
        }
        return rows.text
    }

    /// The exceptions, file by file, in their order.
    static func findingFiles(_ exceptions: [Finding]) -> [FindingFile] {
        var files: [[Finding]] = []
        for finding in exceptions {
            if files.last?.first?.file == finding.file {
                files[files.count - 1].append(finding)
            } else {
                files.append([finding])
            }
        }
        return parallelMap(files) { findings in
            var rows = HTMLText()
            for finding in findings {
                rows.row { row in
                    row.cell(finding.line > 0 ? String(finding.line) : "–")
                    row.severityCell(finding.severity.rawValue)
                    row.cell(finding.code.rawValue)
                    row.cell(finding.student)
                    row.cell(finding.course)
                    row.cell(finding.component)
                    row.cell(finding.message.description)
                }
            }
            return FindingFile(file: findings[0].file, count: findings.count, findingRows: rows.text)
        }
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
        let count = marks.count
        return tenths((marks.reduce(0, +) * 20 + count) / (2 * count))
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
}
