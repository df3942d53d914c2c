import Regulations

extension BoardPack {
    /// `courses/<COURSE>.html`: one course's facts, results and lists, and every exception of its rows.
    public struct CoursePage: Sendable {
        public var code: String
        public var title: String
        public var titleWelsh: String
        public var typeName: String
        public var credits: Int
        public var level: Int
        public var passMark: Int
        public var resitCap: String
        public var attendanceThreshold: Int
        public var externalExaminer: String?
        public var professionalBody: String?
        public var isAttendance: Bool
        public var isMarked: Bool
        public var enrolments: Int
        public var outcomeCounts: [Count]
        public var distribution: Distribution
        public var passRate: String
        public var welshMedium: Int
        /// Its register warnings (structural norms, examiner, deadlines, enrolments), in full.
        public var registerWarningRows: String
        public var hasRegisterWarnings: Bool
        public var decisionRows: String
        public var resitRows: String
        public var hasResits: Bool
        public var withdrawalRows: String
        public var hasWithdrawals: Bool
        /// Why a micro-credential has no certificates; nil for other courses.
        public var certificateNote: String?
        /// The students to receive the course's certificate, or to whom it is withheld, and why.
        public var certificateItems: String
        public var certificateCount: Int
        public var hasCertificates: Bool
        public var withheldBecause: String?
        public var transcriptItems: String
        public var transcriptCount: Int
        public var hasTranscripts: Bool
        public var exceptionFiles: [FindingFile]
        public var exceptionCount: Int
        /// The neighbouring course pages, by code, for reading the pack course by course.
        public var previous: String?
        public var next: String?
    }

    /// How many course pages the pack has.
    public var courseCount: Int { courses.count }

    /// At most how many exceptions of one file a course page lists, the rest counted and left to
    /// exceptions.csv: a sheet sent wrong can hold any number of rows, and a course page grows with its
    /// own enrolments only (SPEC §3.1). A whole sheet of a large course, three components a student, is
    /// listed in full.
    static let courseRowsListed = 5_000

    /// The page of the `index`th course, in code order.
    public func coursePage(_ index: Int) -> CoursePage {
        let group = courses[index]
        let course = group.course
        let passMark = policy.passMark(for: course)
        let isAttendance = course.type == .attendance
        var eligibilities = Eligibilities()
        var marks: [Int] = []
        var welshMedium = 0
        var decisions = HTMLText()
        var resits = HTMLText()
        var withdrawals = HTMLText()
        var certificates = HTMLText()
        var transcripts = HTMLText()
        var withheld = false
        for result in group.results {
            let key = result.enrolment.key
            let decision = result.decision
            let outcome = decision.outcome.rawValue
            let eligibility = eligibilities.of(result)
            let shown = Self.shownMarks(of: decision)
            if let agreed = shown?.agreed { marks.append(agreed) }
            for record in result.components {
                if record.firstSit?.language == .welsh { welshMedium += 1 }
                if record.resit?.language == .welsh { welshMedium += 1 }
            }
            let name = Self.name(result.enrolment)
            decisions.row { row in
                row.cell(key.student.description)
                row.cell(name)
                row.cell(key.occurrence.description)
                if isAttendance {
                    row.cell(result.enrolment.attendance.map { "\($0)%" } ?? "not recorded")
                    row.outcomeCell(outcome)
                } else {
                    // The grade is the outcome's own, and the reason and resit date are rare: the
                    // outcome's cell holds them, which leaves the width to the students' names.
                    row.outcomeCell(
                        outcome,
                        notes: [decision.reason?.rawValue, decision.resitDue.map { "resit due \($0)" }].compactMap {
                            $0
                        })
                    row.cell(Self.text(decision.attempt))
                    row.cell(Self.text(shown?.actual))
                    row.cell(Self.text(shown?.agreed))
                    row.cell(Self.text(eligibility.credits))
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
            // A course's certificates are all of its type, or all withheld when it breaks the norms.
            if let certificate = eligibility.certificate {
                withheld = certificate == .withheld
                certificates.item { $0.value("\(key.student) \(name)") }
            }
            if eligibility.transcript { transcripts.item { $0.value("\(key.student) \(name)") } }
        }
        let count = { (outcomes: [Outcome]) in group.results.count { outcomes.contains($0.decision.outcome) } }
        let exceptionFiles = Self.findingFiles(group.exceptionFiles, withCourse: false, listing: Self.courseRowsListed)
        return CoursePage(
            code: course.code.description, title: course.title, titleWelsh: course.titleWelsh,
            typeName: course.type.name, credits: course.credits, level: course.level, passMark: passMark,
            resitCap: policy.resitCapApplies(to: course) ? "resit passes capped at \(passMark)" : "not capped",
            attendanceThreshold: policy.attendanceThreshold,
            externalExaminer: course.externalExaminer.isEmpty ? nil : course.externalExaminer,
            professionalBody: course.professionalBody.isEmpty ? nil : course.professionalBody,
            isAttendance: isAttendance, isMarked: !isAttendance, enrolments: group.results.count,
            outcomeCounts: Outcome.allCases.compactMap { outcome in
                let count = count([outcome])
                return count == 0 ? nil : Count(outcome: outcome.rawValue, count: count)
            },
            distribution: Self.distribution(marks, passMark: passMark, of: course.code.description),
            passRate: Self.passRate(passed: count([.pass, .passResit]), of: count([.pass, .passResit, .fail])),
            welshMedium: welshMedium,
            registerWarningRows: Self.registerWarningRows(group.registerWarnings),
            hasRegisterWarnings: !group.registerWarnings.isEmpty,
            decisionRows: decisions.text, resitRows: resits.text, hasResits: !resits.bytes.isEmpty,
            withdrawalRows: withdrawals.text, hasWithdrawals: !withdrawals.bytes.isEmpty,
            certificateNote: course.type == .microCredential
                ? "A micro-credential leads to a transcript only; no certificate is issued." : nil,
            certificateItems: certificates.text, certificateCount: certificates.count,
            hasCertificates: certificates.count > 0,
            withheldBecause: withheld ? Eligibility.withheldBecause(course) : nil,
            transcriptItems: transcripts.text, transcriptCount: transcripts.count,
            hasTranscripts: transcripts.count > 0,
            exceptionFiles: exceptionFiles, exceptionCount: exceptionFiles.reduce(0) { $0 + $1.count },
            previous: index > 0 ? courses[index - 1].code.description : nil,
            next: index + 1 < courses.count ? courses[index + 1].code.description : nil)
    }
}
