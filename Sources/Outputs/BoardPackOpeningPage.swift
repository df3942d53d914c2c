import Input
import Regulations

extension BoardPack {
    /// `board-report.html`: what concerns the whole board, and a count of everything else, each count
    /// linking to the course page that lists it. It grows with the number of courses and sheets, never
    /// with the number of enrolments.
    public struct OpeningPage: Sendable {
        public struct Reconciled: Sendable {
            public var read: Int
            public var counted: Int
            public var superseded: Int
            public var rejected: Int
            public var blank: Int
            public var balances: Bool
            public var sentence: String
        }

        /// The files of a folder with exceptions of the course pages, as list items; nil for files
        /// outside any folder.
        public struct FileFolder: Sendable {
            public var folder: String?
            public var fileItems: String
        }

        /// How many exceptions of the course pages carry a code.
        public struct CodeCount: Sendable {
            public var severity: String
            public var code: String
            public var count: Int
        }

        public var reconciliation: Reconciled
        public var exceptionCount: Int
        public var errorCount: Int
        public var warningCount: Int
        public var noteCount: Int
        /// The outcomes some enrolment reached, in the order of SPEC §2.3: the columns of `courseRows`.
        public var outcomeColumns: [String]
        /// Outcomes by course, a row per course page, linking to it.
        public var courseRows: String
        public var totals: [Count]
        public var totalEnrolments: Int
        /// The agreed course marks of every course.
        public var distribution: Distribution
        public var passRate: String
        /// The chase list: per course, the components with marks overdue and how many students owe each.
        public var chaseRows: String
        public var hasChase: Bool
        /// The register's warnings about courses of the year, counted by code, each course linking to them.
        public var registerWarningRows: String
        public var hasRegisterWarnings: Bool
        /// The register's warnings that concern no course (a file as a whole), in full.
        public var registerFileRows: String
        public var hasRegisterFileWarnings: Bool
        /// The exceptions that belong to no course page (file-level errors, rows for unknown courses), in full.
        public var noCourseFiles: [FindingFile]
        /// Every other exception, counted by code, and by file with links to the course pages that list them.
        public var exceptionCodes: [CodeCount]
        public var exceptionFolders: [FileFolder]
        public var hasCourseExceptions: Bool
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
}

extension BoardPack.OpeningPage {
    /// At most how many exceptions of a file that belong to no course page the opening page lists: a
    /// sheet of a course code mistyped can have any number of rows, and the page must stay small.
    static let noCourseRowsListed = 100

    /// `overdueFile`: the enrolment list, where marks overdue are reported, as findings name it.
    init(
        _ run: BoardRun, courses: [BoardPack.CourseGroup], registerFileWarnings: [Finding],
        exceptionsOfNoCourse: BoardPack.Exceptions, overdueFile: String
    ) {
        let reconciled = run.reconciliation
        reconciliation = Reconciled(
            read: reconciled.rowsRead, counted: reconciled.rowsCounted, superseded: reconciled.rowsSuperseded,
            rejected: reconciled.rowsRejected, blank: reconciled.rowsBlank, balances: reconciled.balances,
            sentence: reconciled.sentence)
        exceptionCount = run.exceptions.count
        errorCount = run.exceptions.count(of: .error)
        warningCount = run.exceptions.count(of: .warning)
        noteCount = run.exceptions.count(of: .note)

        // Outcomes by course (columns in Outcome.allCases order), and the agreed marks of every course.
        var counts = [[Int]](repeating: Array(repeating: 0, count: Outcome.allCases.count), count: courses.count)
        var marks: [Int] = []
        for (index, group) in courses.enumerated() {
            for result in group.results {
                counts[index][Outcome.allCases.firstIndex(of: result.decision.outcome)!] += 1
                if let agreed = BoardPack.shownMarks(of: result.decision)?.agreed { marks.append(agreed) }
            }
        }
        let columns = Outcome.allCases.indices.filter { column in counts.contains { $0[column] > 0 } }
        outcomeColumns = columns.map { Outcome.allCases[$0].rawValue }
        var rows = HTMLText()
        for (group, counts) in zip(courses, counts) {
            rows.row { row in
                row.linkCell(to: group.pageName, group.code.description)
                row.cell(group.course.title)
                row.cell(group.course.titleWelsh)
                row.cell(String(group.results.count))
                // A blank is none, so that the few outcomes of a course stand out.
                for column in columns { row.cell(counts[column] == 0 ? "" : String(counts[column])) }
            }
        }
        courseRows = rows.text
        let total = { (outcomes: [Outcome]) in
            outcomes.reduce(0) { sum, outcome in
                sum + counts.reduce(0) { $0 + $1[Outcome.allCases.firstIndex(of: outcome)!] }
            }
        }
        totals = columns.map {
            BoardPack.Count(outcome: Outcome.allCases[$0].rawValue, count: total([Outcome.allCases[$0]]))
        }
        totalEnrolments = run.replay.enrolments.count
        distribution = BoardPack.distribution(marks, passMark: nil, of: "every course")
        passRate = BoardPack.passRate(passed: total([.pass, .passResit]), of: total([.pass, .passResit, .fail]))

        chaseRows = Self.chaseRows(courses, overdueFile: overdueFile)
        hasChase = !chaseRows.isEmpty
        registerWarningRows = Self.registerWarningCounts(courses)
        hasRegisterWarnings = !registerWarningRows.isEmpty
        registerFileRows = BoardPack.registerWarningRows(registerFileWarnings)
        hasRegisterFileWarnings = !registerFileWarnings.isEmpty
        noCourseFiles = BoardPack.findingFiles(
            exceptionsOfNoCourse.byFile(), withCourse: true, listing: Self.noCourseRowsListed)

        var byCode: [Severity: [FindingCode: Int]] = [:]
        for group in courses {
            for file in group.exceptionFiles {
                for finding in file { byCode[finding.severity, default: [:]][finding.code, default: 0] += 1 }
            }
        }
        exceptionCodes = Severity.allCases.flatMap { severity in
            FindingCode.allCases.compactMap { code in
                byCode[severity]?[code].map { CodeCount(severity: severity.rawValue, code: code.rawValue, count: $0) }
            }
        }
        exceptionFolders = Self.exceptionFolders(courses, overdueFile: overdueFile)
        hasCourseExceptions = !exceptionCodes.isEmpty
        sealRows = AmendmentFiles.sealRows(run)
        hasSeals = !sealRows.isEmpty
        amendmentRows = AmendmentFiles.packRows(run.amendments)
        amendmentCount = run.amendments.count
        hasAmendments = !run.amendments.isEmpty
        amendmentsLeftOut =
            run.amendments.count > AmendmentFiles.rowsInPack ? run.amendments.count - AmendmentFiles.rowsInPack : nil
    }

    /// For each course with marks overdue, the students owing each component and in all, the course
    /// linking to its list of them. Codes and numbers only: the chase list has a row for every course
    /// at the year's last board, and the titles are on the course pages.
    private static func chaseRows(_ courses: [BoardPack.CourseGroup], overdueFile: String) -> String {
        var rows = HTMLText()
        for group in courses {
            guard let index = group.exceptionFiles.firstIndex(where: { $0.first!.file == overdueFile }) else {
                continue
            }
            let overdue = group.exceptionFiles[index].filter { $0.code == .marksOverdue }
            guard !overdue.isEmpty else { continue }
            var owing: [String: Int] = [:]
            for finding in overdue { owing[finding.component, default: 0] += 1 }
            rows.row { row in
                row.linkCell(to: group.pageName + "#" + BoardPack.fileAnchor(index), group.code.description)
                row.cell(
                    owing.keys.sorted().map { "\($0): \(owing[$0]!)" }.joined(separator: ", "))
                row.cell(String(Set(overdue.map(\.student)).count))
            }
        }
        return rows.text
    }

    /// The register's warnings about the courses of the year, a row per code (and severity), with each
    /// course that has some linking to its page.
    private static func registerWarningCounts(_ courses: [BoardPack.CourseGroup]) -> String {
        struct Kind: Hashable {
            let severity: Severity
            let code: FindingCode
        }
        var byKind: [Kind: [(page: String, code: Code, count: Int)]] = [:]
        for group in courses {
            var counts: [Kind: Int] = [:]
            for finding in group.registerWarnings {
                counts[Kind(severity: finding.severity, code: finding.code), default: 0] += 1
            }
            for (kind, count) in counts { byKind[kind, default: []].append((group.pageName, group.code, count)) }
        }
        var rows = HTMLText()
        for severity in Severity.allCases {
            for code in FindingCode.allCases {
                guard let list = byKind[Kind(severity: severity, code: code)] else { continue }
                rows.row { row in
                    row.severityCell(severity.rawValue)
                    row.cell(code.rawValue)
                    row.cell(String(list.reduce(0) { $0 + $1.count }))
                    row.markup("<td>")
                    for (place, course) in list.sorted(by: { $0.code < $1.code }).enumerated() {
                        if place > 0 { row.markup(", ") }
                        row.link(to: course.page + "#register", course.code.description)
                        if course.count > 1 { row.value(" (\(course.count))") }
                    }
                    row.markup("</td>")
                }
            }
        }
        return rows.text
    }

    /// The exceptions of the course pages counted by file, in file order, folder by folder: an item per
    /// file, linking to its rows on the course page that lists them, or to each of those pages when
    /// they are several. The enrolment list's exceptions are marks overdue, which the chase list counts
    /// by course. A list, not a table, and names without their folder: at 3,000 courses the opening
    /// page counts the exceptions of some 11,000 sheets.
    private static func exceptionFolders(_ courses: [BoardPack.CourseGroup], overdueFile: String) -> [FileFolder] {
        var byFile: [String: [(page: String, code: Code, count: Int)]] = [:]
        for group in courses {
            for (index, file) in group.exceptionFiles.enumerated() {
                byFile[file.first!.file, default: []].append(
                    (group.pageName + "#" + BoardPack.fileAnchor(index), group.code, file.count))
            }
        }
        var folders: [FileFolder] = []
        var items = HTMLText()
        var folder: String?
        for file in byFile.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let slash = file.lastIndex(of: "/")
            let fileFolder = slash.map { String(file[...$0]) }
            if fileFolder != folder, !items.bytes.isEmpty {
                folders.append(FileFolder(folder: folder, fileItems: items.text))
                items = HTMLText()
            }
            folder = fileFolder
            let name = slash.map { String(file[file.index(after: $0)...]) } ?? file
            let list = byFile[file]!
            let count = String(list.reduce(0) { $0 + $1.count })
            items.item { item in
                if list.count == 1 || file == overdueFile {
                    item.link(to: file == overdueFile ? "#chase" : list[0].page, name)
                    item.value(" " + count)
                } else {
                    item.value("\(name) \(count):")
                    for course in list {
                        item.markup(" ")
                        item.link(to: course.page, course.code.description)
                        item.value(" \(course.count)")
                    }
                }
            }
        }
        if !items.bytes.isEmpty { folders.append(FileFolder(folder: folder, fileItems: items.text)) }
        return folders
    }
}
