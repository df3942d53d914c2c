import Mustache
import Regulations

/// The printable certificate and transcript of one confirmed result: plain values that the
/// templates of `DocumentTemplates` read. Every bilingual element is a list of its two languages in
/// the learner's order, so the templates print Welsh first for a Welsh-speaking learner without
/// knowing it. swift-mustache escapes every value it prints.
struct Documents {
    let result: ConfirmedResult
    let issuer: Issuer
    let credentialID: String

    /// One language's text, tagged for the browser (hyphenation, screen readers).
    struct Text {
        let lang: String
        let text: String
    }

    /// One language's half of a row: a label, and a value or a list.
    struct Cell {
        let lang: String
        let label: String
        let text: String?
        let list: Items?
    }

    /// A list printed as bullets (learning outcomes, components); nil prints no list at all.
    struct Items {
        let items: [String]
    }

    /// A row: the same element in both languages, side by side.
    struct Row {
        let cells: [Cell]
    }

    struct Section {
        let heading: [Text]
        let rows: [Row]
    }

    /// What both pages print above and below their own content.
    struct Frame {
        let lang: String
        let pageTitle: String
        let institution: [Text]
        let documentTitle: [Text]
        let footer: [Row]
    }

    struct CertificatePage {
        let frame: Frame
        let certifies: [Text]
        let learnerName: String
        let achieved: [Text]
        let courseTitle: [Text]
        let details: [Row]
        /// `dense` where the details are long enough to push the certificate onto a second page
        /// in the usual type; empty otherwise.
        let density: String
    }

    struct TranscriptPage {
        let frame: Frame
        let sections: [Section]
    }

    private var languages: [Language] {
        result.enrolment.language == .welsh ? [.welsh, .english] : [.english, .welsh]
    }

    private func texts(_ phrase: (Wording) -> String) -> [Text] {
        languages.map { Text(lang: $0.rawValue, text: phrase(Wording.of($0))) }
    }

    private func row(_ label: (Wording) -> String, _ value: (Wording) -> String) -> Row {
        Row(
            cells: languages.map {
                let wording = Wording.of($0)
                return Cell(lang: $0.rawValue, label: label(wording), text: value(wording), list: nil)
            })
    }

    private func list(_ label: (Wording) -> String, _ items: (Wording) -> [String]) -> Row {
        Row(
            cells: languages.map {
                let wording = Wording.of($0)
                return Cell(lang: $0.rawValue, label: label(wording), text: nil, list: Items(items: items(wording)))
            })
    }

    private func frame(title: (Wording) -> String) -> Frame {
        let stem = result.fileStem
        return Frame(
            lang: languages[0].rawValue,
            pageTitle: texts(title).map(\.text).joined(separator: " / ") + " – " + result.enrolment.fullName,
            institution: texts { $0.institution(issuer) },
            documentTitle: texts(title),
            footer: [
                row(\.awardingBody) { $0.awardedBy(issuer) },
                row(\.dateOfIssue) { $0.date(result.decision.board) },
                row(\.credentialID) { _ in credentialID },
                Row(
                    cells: languages.map {
                        Cell(lang: $0.rawValue, label: "", text: Wording.of($0).verification(stem: stem), list: nil)
                    }),
            ])
    }

    // MARK: The elements of the UNIC/ENQA list, as rows

    private var creditsRow: Row {
        row(\.credits) { $0.credits(of: result.course) }
    }
    private var levelRow: Row { row(\.level) { $0.level(result.course) } }
    private var assessmentRow: Row? {
        result.components.isEmpty ? nil : list(\.assessment) { w in result.components.map(w.component) }
    }
    /// The register holds learning outcomes in English only: both columns print them.
    private var outcomesRow: Row? {
        let outcomes = result.course.learningOutcomeList
        return outcomes.isEmpty ? nil : list(\.learningOutcomes) { _ in outcomes }
    }
    /// The learning outcomes under their own heading, which names them.
    private var outcomesList: Row? {
        let outcomes = result.course.learningOutcomeList
        return outcomes.isEmpty ? nil : list({ _ in "" }) { _ in outcomes }
    }
    private var resultRows: [Row] {
        var rows = [row(\.result) { $0.outcome(result.outcome) }]
        if let grade = result.outcome.grade { rows.append(row(\.grade) { _ in grade.rawValue }) }
        if let mark = result.decision.agreedMark {
            rows.append(row(\.agreedMark) { $0.mark(mark, passMark: result.passMark) })
        }
        if let attendance = result.attendance { rows.append(row(\.attendance) { _ in "\(attendance) %" }) }
        return rows
    }
    private var qualityRows: [Row] {
        let course = result.course
        var rows = [row({ _ in "" }) { $0.procedure(of: result) }]
        if !course.externalExaminer.isEmpty { rows.append(row(\.externalExaminer) { _ in course.externalExaminer }) }
        if !course.professionalBody.isEmpty { rows.append(row(\.professionalBody) { _ in course.professionalBody }) }
        return rows
    }

    // MARK: Pages

    /// The certificate, or nil where the result earns none. Its details are the transcript's, run
    /// together in fewer rows so that the certificate keeps to one page.
    var certificate: CertificatePage? {
        guard result.certificate != nil else { return nil }
        let course = result.course
        var details = [
            row(\.creditsAndLevel) { "\($0.credits(of: course)); \($0.level(course))" },
            row(\.result) { $0.summary(of: result) },
        ]
        if !result.components.isEmpty {
            details.append(row(\.assessment) { w in result.components.map(w.component).joined(separator: ", ") })
        }
        details += [outcomesRow].compactMap { $0 }
        details.append(row(\.qualityAssurance) { $0.qualityAssurance(of: result) })
        return CertificatePage(
            frame: frame { $0.award(course.type) },
            certifies: texts(\.certifies),
            learnerName: result.enrolment.fullName,
            achieved: texts { $0.achieved(course.type) },
            courseTitle: texts { $0.title(result.course) },
            details: details,
            density: Self.isLong(details) ? "dense" : "")
    }

    /// Whether the certificate's details run longer than one page holds in the usual type: more
    /// than about 1,400 characters in a column (five learning outcomes of 150 characters, a long
    /// title and a long examiner's name still fit).
    private static func isLong(_ details: [Row]) -> Bool {
        let columns = details.reduce(into: [0, 0]) { lengths, row in
            for (column, cell) in row.cells.enumerated() {
                lengths[column] += (cell.text ?? "").count + (cell.list?.items.map(\.count).reduce(0, +) ?? 0)
            }
        }
        return (columns.max() ?? 0) > 1_400
    }

    var transcript: TranscriptPage {
        let learner = result.enrolment
        let course = result.course
        var courseRows = [
            row(\.title) { $0.title(course) },
            row(\.courseCode) { _ in course.code.description },
            row(\.type) { $0.courseType(course.type) },
            row(\.occurrence) { _ in learner.key.occurrence.description },
            row(\.academicYear) { _ in learner.key.academicYear },
            creditsRow,
            levelRow,
        ]
        courseRows += [assessmentRow].compactMap { $0 }
        let sections = [
            Section(
                heading: texts(\.learner),
                rows: [
                    row(\.name) { _ in learner.fullName },
                    row(\.studentNumber) { _ in learner.key.student.description },
                    row(\.sprCode) { _ in learner.sprCode },
                ]),
            Section(heading: texts(\.course), rows: courseRows),
            Section(
                heading: texts(\.result),
                rows: resultRows + [row(\.creditsAwarded) { _ in "\(result.creditsAwarded)" }]),
            outcomesList.map { Section(heading: texts(\.learningOutcomes), rows: [$0]) },
            Section(heading: texts(\.qualityAssurance), rows: qualityRows),
        ]
        return TranscriptPage(frame: frame(title: \.transcript), sections: sections.compactMap { $0 })
    }
}

/// The compiled templates, read once: swift-mustache parses a template in time that grows with its
/// length, and every credential uses the same two.
struct DocumentRenderer: Sendable {
    private let certificate: MustacheTemplate
    private let transcript: MustacheTemplate

    init() throws {
        certificate = try MustacheTemplate(string: DocumentTemplates.certificate)
        transcript = try MustacheTemplate(string: DocumentTemplates.transcript)
    }

    func certificate(_ page: Documents.CertificatePage) -> String { certificate.render(page) }
    func transcript(_ page: Documents.TranscriptPage) -> String { transcript.render(page) }
}
