import Input
import Regulations

/// The board pack (SPEC §3.1): an opening page, `board-report.html`, and a page for each course with
/// enrolments in the year, `courses/<COURSE>.html`, linked to each other. The opening page holds what
/// concerns the whole board and counts the rest, each count linking to the course page that lists it,
/// so that it stays small whatever the size of the institution; a course page grows with its own
/// enrolments only. A pure function of the run: the same inputs give the same bytes.
///
/// Every string here is text the template escapes, except the SVG histograms, built from numbers and
/// codes, and the long tables' rows, written by `HTMLText`, which escapes each value.
public struct BoardPack: Sendable {
    /// What the header of every page shows.
    public struct Heading: Sendable {
        public var institution: String
        public var institutionWelsh: String?
        public var institutionCode: String
        public var boardDate: String
        public var boardDateWelsh: String
        public var boardISO: String
        public var academicYear: String
        public var toolVersion: String
    }

    /// A course with enrolments in the year, and what its page lists.
    struct CourseGroup: Sendable {
        let course: Course
        /// Its results, in decisions.csv order.
        let results: ArraySlice<EnrolmentResult>
        /// The exceptions of its rows and its marks overdue, file by file, in file order.
        let exceptionFiles: [Exceptions]
        /// Its register warnings: structural norms, examiner, deadlines, enrolments.
        let registerWarnings: [Finding]

        var code: Code { course.code }
        var pageName: String { BoardPack.pageName(of: course.code) }
    }

    public let heading: Heading
    public let opening: OpeningPage
    let courses: [CourseGroup]
    let policy: Policy

    /// The course pages' file names, in code order.
    public var coursePageNames: [String] { courses.map { Self.pageName(of: $0.code) } }

    /// `courses/<COURSE>.html`: a course code is 1–12 of `A-Z 0-9 - _`, safe as a file name and in a link.
    static func pageName(of course: Code) -> String { "courses/\(course).html" }

    /// The pack of a run: the courses with enrolments in the year, what belongs to each, and the
    /// opening page. The course pages themselves are made one at a time by `coursePage(_:)`.
    public init(_ run: BoardRun) {
        let board = run.board
        heading = Heading(
            institution: run.config.institution.name,
            institutionWelsh: run.config.institution.nameWelsh.isEmpty ? nil : run.config.institution.nameWelsh,
            institutionCode: run.config.institution.code.description, boardDate: Self.english(board),
            boardDateWelsh: Self.welsh(board), boardISO: board.description, academicYear: run.year.code,
            toolVersion: Outputs.toolVersion)
        policy = run.config.policy

        // Results come in decisions.csv order, so each course's are together.
        let results = run.replay.enrolments
        var ranges: [(course: Course, range: Range<Int>)] = []
        for (index, result) in results.enumerated() {
            if ranges.last?.course.code == result.course.code {
                ranges[ranges.count - 1].range = ranges[ranges.count - 1].range.lowerBound..<index + 1
            } else {
                ranges.append((result.course, index..<index + 1))
            }
        }
        let place = Dictionary(uniqueKeysWithValues: ranges.enumerated().map { ($1.course.code, $0) })
        /// The course page a finding belongs to, if any.
        func page(of finding: Finding) -> Int? { Code(finding.course).flatMap { place[$0] } }

        // The register's warnings are shown apart from the exceptions of the rows. One that concerns a
        // course with no enrolment in the year is not this pack's business.
        let registerWarnings = run.register.quality
        var warningsOfCourse = [[Finding]](repeating: [], count: ranges.count)
        var warningsOfNoCourse: [Finding] = []
        for finding in registerWarnings {
            if let page = page(of: finding) {
                warningsOfCourse[page].append(finding)
            } else if finding.course.isEmpty {
                warningsOfNoCourse.append(finding)
            }
        }
        let isRegisterWarning = Set(registerWarnings)
        var exceptionsOfCourse = [[Int32]](repeating: [], count: ranges.count)
        var exceptionsOfNoCourse: [Int32] = []
        for (place, finding) in run.exceptions.enumerated() where !isRegisterWarning.contains(finding) {
            if let page = page(of: finding) {
                exceptionsOfCourse[page].append(Int32(place))
            } else {
                exceptionsOfNoCourse.append(Int32(place))
            }
        }
        courses = ranges.indices.map { index in
            CourseGroup(
                course: ranges[index].course, results: results[ranges[index].range],
                exceptionFiles: Exceptions(run.exceptions, at: exceptionsOfCourse[index][...]).byFile(),
                registerWarnings: warningsOfCourse[index])
        }
        opening = OpeningPage(
            run, courses: courses, registerFileWarnings: warningsOfNoCourse,
            exceptionsOfNoCourse: Exceptions(run.exceptions, at: exceptionsOfNoCourse[...]),
            overdueFile: run.config.relative(run.config.enrolments))
    }

    // MARK: - Names and dates

    /// "Family, Given", or whichever of the two is not empty.
    static func name(_ enrolment: Enrolment) -> String {
        enrolment.familyName.isEmpty || enrolment.givenNames.isEmpty
            ? enrolment.familyName + enrolment.givenNames : "\(enrolment.familyName), \(enrolment.givenNames)"
    }

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

    /// A number in decimal; empty when nil.
    static func text(_ number: Int?) -> String { number.map(String.init) ?? "" }
}

extension BoardPack {
    /// An outcome and how many enrolments reached it.
    public struct Count: Sendable {
        public var outcome: String
        public var count: Int
    }

    /// The marks of a group of enrolments: the histogram and its statistics.
    public struct Distribution: Sendable {
        public var markCount: Int
        public var histogramSVG: String
        public var mean: String
        public var median: String
    }

    /// One file's exceptions, on the page that lists them; `anchor` is the id the opening page links to.
    public struct FindingFile: Sendable {
        public var anchor: String
        public var file: String
        public var count: Int
        public var findingRows: String
        /// How many of the file's findings the page leaves to exceptions.csv; nil when it lists them all.
        public var leftOut: Int?
    }

    /// Some of the run's exceptions, by their places among them, in file order: a page's, without
    /// copying them (a sheet of a million rejected rows is held once, in the run).
    struct Exceptions: RandomAccessCollection, Sendable {
        let all: Findings
        let places: ArraySlice<Int32>

        init(_ all: Findings, at places: ArraySlice<Int32>) {
            self.all = all
            self.places = places
        }

        var startIndex: Int { places.startIndex }
        var endIndex: Int { places.endIndex }
        subscript(position: Int) -> Finding { all[Int(places[position])] }
        func file(at position: Int) -> String { all.file(at: Int(places[position])) }

        /// The exceptions file by file.
        func byFile() -> [Exceptions] {
            var files: [Exceptions] = []
            var start = startIndex
            for index in indices where index + 1 == endIndex || file(at: index + 1) != file(at: index) {
                files.append(Exceptions(all, at: places[start...index]))
                start = index + 1
            }
            return files
        }
    }

    /// The id of the `index`th file's exceptions on its page.
    static func fileAnchor(_ index: Int) -> String { "file-\(index + 1)" }

    /// Each file's exceptions as a table, with the course's code where the page is of no one course,
    /// listing at most `listing` of a file's findings, the rest left to exceptions.csv.
    static func findingFiles(_ files: [Exceptions], withCourse: Bool, listing: Int) -> [FindingFile] {
        files.enumerated().map { index, findings in
            let listed = findings.prefix(listing)
            return FindingFile(
                anchor: fileAnchor(index), file: findings.first!.file, count: findings.count,
                findingRows: findingRows(listed, withCourse: withCourse),
                leftOut: listed.count < findings.count ? findings.count - listed.count : nil)
        }
    }

    /// The rows of a table of findings: line, severity, code, the student's and component's codes, and
    /// the message; with the course's code too where the findings are of no one course.
    private static func findingRows(_ findings: Slice<Exceptions>, withCourse: Bool) -> String {
        var rows = HTMLText()
        for finding in findings {
            rows.row { row in
                row.cell(finding.line > 0 ? String(finding.line) : "–")
                row.severityCell(finding.severity.rawValue)
                row.cell(finding.code.rawValue)
                row.cell(finding.student)
                if withCourse { row.cell(finding.course) }
                row.cell(finding.component)
                row.cell(finding.message.description)
            }
        }
        return rows.text
    }

    /// Register warnings in full: file, line, severity, code and message.
    static func registerWarningRows(_ findings: [Finding]) -> String {
        var rows = HTMLText()
        for finding in findings {
            rows.row { row in
                row.cell(finding.file)
                row.cell(finding.line > 0 ? String(finding.line) : "–")
                row.severityCell(finding.severity.rawValue)
                row.cell(finding.code.rawValue)
                row.cell(finding.message.description)
            }
        }
        return rows.text
    }

    // MARK: - Statistics, in integer arithmetic so every platform prints the same digits

    /// The distribution of the agreed marks of `what`, with the pass mark drawn when they share one.
    static func distribution(_ marks: [Int], passMark: Int?, of what: String) -> Distribution {
        Distribution(
            markCount: marks.count, histogramSVG: histogramSVG(bins: bins(marks), passMark: passMark, of: what),
            mean: mean(marks) ?? "–", median: median(marks) ?? "–")
    }

    /// The actual and agreed course marks the pack shows: those of a decision that used the marks.
    static func shownMarks(of decision: Decision) -> (actual: Int?, agreed: Int)? {
        decision.usedMarks ? decision.agreedMark.map { (actual: decision.actualMark, agreed: $0) } : nil
    }

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
}
