import Foundation
import Input
import Regulations
import Testing

@testable import Outputs

// The board pack (SPEC §3.1): an opening page and a page per course, linked both ways; what each holds,
// its statistics, and that no input can turn into markup.

/// Every page of a run's pack, by its file name in the board folder.
func packPages(_ run: BoardRun, template: BoardPack.Template = .builtIn) -> [String: String] {
    let pack = BoardPack(run)
    var pages = ["board-report.html": pack.openingHTML(template)]
    for (index, name) in pack.coursePageNames.enumerated() { pages[name] = pack.courseHTML(index, template) }
    return pages
}

/// The values of attribute `name` in `html`, unescaped as a browser reads them.
func attributes(_ name: String, in html: String) -> [String] {
    html.components(separatedBy: " \(name)=\"").dropFirst().map { part in
        String(part.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// The part of `html` from the first `start` to the next `end` after it.
func excerpt(_ html: String, from start: String, to end: String) -> String? {
    guard let from = html.range(of: start), let to = html.range(of: end, range: from.upperBound..<html.endIndex)
    else { return nil }
    return String(html[from.lowerBound..<to.upperBound])
}

@Suite struct BoardPackPagesTests {
    @Test func anOpeningPageAndAPageForEachCourseOfTheYear() throws {
        let run = try sampleRun()
        let pages = packPages(run)
        let courses = Set(run.replay.enrolments.map(\.course.code.description))
        #expect(Set(pages.keys) == Set(["board-report.html"] + courses.map { "courses/\($0).html" }))
        let opening = pages["board-report.html"]!
        for text in ["Wrexham University", "Prifysgol Wrecsam", "18 June 2026", "18 Mehefin 2026", "2025/26"] {
            #expect(opening.contains(text))
        }
        let r = run.reconciliation
        for number in [r.rowsRead, r.rowsCounted, r.rowsSuperseded, r.rowsRejected] {
            #expect(opening.contains("<b>\(number)</b>"))
        }
        #expect(opening.contains(r.sentence) && opening.contains("✓ reconciled"))
        // Each course page: both titles and the type, and the way back.
        for course in run.register.register.courses.values where courses.contains(course.code.description) {
            let page = try #require(pages["courses/\(course.code).html"])
            #expect(page.contains(course.title.htmlEscaped) && page.contains(course.titleWelsh.htmlEscaped))
            #expect(page.contains(course.type.name))
            #expect(page.contains("href=\"../board-report.html#outcomes\""))
            #expect(opening.contains("<td><a href=\"courses/\(course.code).html\">\(course.code)</a></td>"))
        }
    }

    /// Every link of every page leads to a page of the pack and, where it names one, to an element there.
    @Test(arguments: ["2025-12-11", "2026-02-19", "2026-06-18", "2026-07-23"])
    func everyLinkLeadsSomewhere(board: String) throws {
        let pages = packPages(try sampleRun(board))
        var links = 0
        for (name, html) in pages {
            let folder = name.split(separator: "/").dropLast().map(String.init)
            for href in attributes("href", in: html) {
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                var path = folder
                for step in parts[0].split(separator: "/") {
                    if step == ".." { path = path.dropLast() } else { path.append(String(step)) }
                }
                let target = parts[0].isEmpty ? name : path.joined(separator: "/")
                let page = try #require(pages[target], "\(name): \(href) leads to no page of the pack")
                if parts.count == 2 {
                    #expect(attributes("id", in: page).contains(parts[1]), "\(name): \(href) leads to no element")
                }
                links += 1
            }
        }
        #expect(links > pages.count * 2)
    }

    @Test func theCoursePagesAreLinkedInCodeOrder() throws {
        let pages = packPages(try sampleRun())
        let codes = pages.keys.filter { $0.hasPrefix("courses/") }.map { String($0.dropFirst(8).dropLast(5)) }.sorted()
        for (index, code) in codes.enumerated() {
            let page = pages["courses/\(code).html"]!
            #expect(page.contains("<a href=\"\(codes[(index + 1) % codes.count]).html\">") == (index + 1 < codes.count))
            #expect(page.contains("<a href=\"\(codes[(index + codes.count - 1) % codes.count]).html\">") == (index > 0))
        }
    }

    @Test func everyPageIsSelfContainedAndPrintableOnA4() throws {
        for (name, html) in packPages(try sampleRun()) {
            for forbidden in [
                "<script", "http://", "https://", "src=", "url(", "@import", "<link", "<iframe", "<object",
            ] {
                #expect(!html.lowercased().contains(forbidden), "\(name): \(forbidden)")
            }
            #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("@page { size: A4; margin: 15mm; }"), "\(name)")
        }
    }

    @Test func theSamePackEveryTime() throws {
        #expect(packPages(try sampleRun()) == packPages(try sampleRun()))
    }

    @Test func attendanceCoursesHaveNoHistogramAndMarkedCoursesHaveOne() throws {
        let pages = packPages(try sampleRun())
        let at = try #require(pages["courses/AT0001.html"])
        #expect(!at.contains("<svg") && at.contains("ATTENDED"))
        #expect(!at.contains("external examination") && !at.contains("external examiner oversight"))
        let mc = try #require(pages["courses/MC4002.html"])
        #expect(mc.components(separatedBy: "<svg").count == 2)
        #expect(mc.contains("Dr Siân Roberts (Bangor University)"))
        let missing = try #require(pages["courses/MC6020.html"])
        #expect(missing.contains("none recorded"))
        #expect(missing.contains("micro-credentials at any level require external examination"))
        // And the opening page draws the marks of every course.
        #expect(pages["board-report.html"]!.components(separatedBy: "<svg").count == 2)
    }

    @Test func histogramsCountEveryAgreedMark() throws {
        let run = try sampleRun()
        let pack = BoardPack(run)
        var all = 0
        for index in 0..<pack.courseCount {
            let page = pack.coursePage(index)
            let agreed = run.replay.enrolments.filter {
                $0.course.code.description == page.code && $0.decision.usedMarks && $0.decision.agreedMark != nil
            }
            #expect(page.distribution.markCount == agreed.count, "\(page.code)")
            all += agreed.count
        }
        #expect(pack.opening.distribution.markCount == all && all > 0)
    }

    @Test func passRateCountsConcludedCreditBearingOutcomes() throws {
        let pack = BoardPack(try sampleRun())
        let mc = pack.coursePage(try #require(pack.coursePageNames.firstIndex(of: "courses/MC4002.html")))
        let counts = Dictionary(uniqueKeysWithValues: mc.outcomeCounts.map { ($0.outcome, $0.count) })
        let passed = (counts["PASS"] ?? 0) + (counts["PASS_RESIT"] ?? 0)
        let concluded = passed + (counts["FAIL"] ?? 0)
        #expect(mc.passRate == "\((passed * 200 + concluded) / (2 * concluded))% (\(passed) of \(concluded))")
        #expect(BoardPack.passRate(passed: 0, of: 0) == "no results yet")
        #expect(BoardPack.passRate(passed: 2, of: 3) == "67% (2 of 3)")
    }

    /// Certificates and transcripts to issue, one list item a student, as certificates.csv and
    /// transcripts.csv hold them.
    @Test func certificatesAndTranscriptsToIssue() throws {
        let run = try sampleRun()
        let pages = packPages(run)
        for result in run.replay.enrolments {
            let page = pages["courses/\(result.course.code).html"]!
            let item = "<li>\(result.enrolment.key.student) \(BoardPack.name(result.enrolment).htmlEscaped)</li>"
            let eligibility = Eligibility.of(result.decision.outcome, course: result.course)
            let lists = page.components(separatedBy: "<ol class=\"people\">")
            let certificates = eligibility.certificate == nil ? "" : lists[1]
            #expect(certificates.contains(item) == (eligibility.certificate != nil))
            #expect(lists.last!.contains(item) == eligibility.transcript, "\(result.enrolment.key)")
        }
    }
}

/// The opening page counts what belongs to a course and links to the course page that lists it.
@Suite struct BoardPackOpeningPageTests {
    @Test func theChaseListCountsMarksOverdueByCourseAndComponent() throws {
        let run = try sampleRun()
        let overdue = run.exceptions.filter { $0.code == .marksOverdue }
        try #require(!overdue.isEmpty)
        let opening = packPages(run)["board-report.html"]!
        let chase = try #require(excerpt(opening, from: "<table class=\"chase\">", to: "</table>"))
        for course in Set(overdue.map(\.course)) {
            let own = overdue.filter { $0.course == course }
            let components = Set(own.map(\.component)).sorted().map { component in
                "\(component): \(own.count { $0.component == component })"
            }
            #expect(
                chase.contains(
                    "<td><a href=\"courses/\(course).html#file-1\">\(course)</a></td><td>\(components.joined(separator: ", "))</td><td>\(Set(own.map(\.student)).count)</td>"
                ))
        }
    }

    /// The file rows link to the course page's list of that file's exceptions, which holds them all.
    @Test func eachFileLinksToTheCoursePageThatListsItsRows() throws {
        let run = try sampleRun()
        let pages = packPages(run)
        let opening = pages["board-report.html"]!
        let sheets = Set(run.exceptions.map(\.file).filter { $0.hasPrefix("marks/") })
        try #require(!sheets.isEmpty)
        for sheet in sheets {
            let slash = sheet.lastIndex(of: "/")!
            let (folder, name) = (sheet[...slash], sheet[sheet.index(after: slash)...])
            let files = try #require(excerpt(opening, from: "<h4>\(folder)</h4>", to: "</ul>"))
            // A finding about the file as a whole (its encoding) names no course: it is listed in full on
            // the opening page, not on a course page.
            let own = run.exceptions.filter { $0.file == sheet && !$0.course.isEmpty }
            let link = try #require(
                attributes("href", in: files).first {
                    files.contains("<li><a href=\"\($0)\">\(name)</a> \(own.count)</li>")
                })
            let parts = link.split(separator: "#").map(String.init)
            let page = try #require(pages[parts[0]])
            let group = try #require(excerpt(page, from: "id=\"\(parts[1])\"", to: "</table>"))
            #expect(group.contains(sheet))
            #expect(group.components(separatedBy: "<tr><td>").count - 1 == own.count)
        }
        // The enrolment list's exceptions, marks overdue, are counted by course in the chase list.
        let overdue = run.exceptions.count { $0.code == .marksOverdue }
        #expect(opening.contains("<li><a href=\"#chase\">enrolments.csv</a> \(overdue)</li>"))
    }

    @Test func exceptionsAreCountedByCodeAndSeverity() throws {
        let run = try sampleRun()
        let opening = packPages(run)["board-report.html"]!
        let codes = try #require(excerpt(opening, from: "<table class=\"codes\">", to: "</table>"))
        let ofCourses = run.exceptions.filter { !$0.course.isEmpty }
        for code in Set(ofCourses.map(\.code)) where code != .noExternalExaminer && code != .attendanceNotRecorded {
            let count = ofCourses.count { $0.code == code }
            #expect(codes.contains("<td>\(code.rawValue)</td><td>\(count)</td>"), "\(code)")
        }
    }

    /// A finding of no course page (a sheet for a course not on the register) is listed in full.
    @Test func exceptionsOfNoCourseAreListedInFull() throws {
        var institution = Institution()
        institution.sheets = [
            "2025-12-11/XX9999.csv": """
            student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on,language,comment
            22655425,XX9999,SEP,2025/26,001,1,65,,2025-11-20,,

            """
        ]
        let run = try institution.run()
        let finding = try #require(run.exceptions.first { $0.course == "XX9999" })
        let opening = packPages(run)["board-report.html"]!
        #expect(opening.contains("<td>XX9999</td>"))
        #expect(opening.contains(finding.message.description.htmlEscaped))
    }

    /// A sheet of a mistyped course code can be of any length: the opening page lists the first rows of
    /// it and counts the rest, which exceptions.csv holds.
    @Test func aLongSheetOfNoCourseIsListedInPartAndCounted() throws {
        let rows = BoardPack.OpeningPage.noCourseRowsListed + 150
        var institution = Institution()
        institution.sheets = [
            "2025-12-11/XX9999.csv":
                "student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on,language,comment\n"
                + (0..<rows).map { "4\(String(format: "%07d", $0)),XX9999,SEP,2025/26,001,1,65,,2025-11-20,,\n" }
                .joined()
        ]
        let run = try institution.run()
        let own = run.exceptions.count { $0.file.hasSuffix("XX9999.csv") }
        #expect(own == rows)
        let opening = packPages(run)["board-report.html"]!
        #expect(
            opening.components(separatedBy: "<td>XX9999</td>").count - 1 == BoardPack.OpeningPage.noCourseRowsListed)
        #expect(opening.contains("And 150 more of this file, listed in exceptions.csv."))
    }

    /// The opening page has a row per course, not per enrolment: a tenfold year adds nothing to it.
    @Test func theOpeningPageDoesNotGrowWithTheEnrolments() throws {
        func opening(students: Int) throws -> Int {
            var institution = Institution()
            institution.enrolments += (0..<students).map {
                "4\(String(format: "%07d", $0)),Jones,Ann,CE3005,SEP,2025/26,active,,,,\n"
            }
            .joined()
            return packPages(try institution.run())["board-report.html"]!.utf8.count
        }
        let small = try opening(students: 20)
        #expect(try opening(students: 200) < small + 200)
    }
}

/// The defects the board saw in print (issue 27), each with what prevents it.
@Suite struct BoardPackLayoutTests {
    /// The bar's count stood on the pass mark's label when the tallest bar reached the top of the plot.
    @Test(arguments: Array(0...60) + [99, 100, 101, 997, 1003, 12_345])
    func aBarsCountNeverOverprintsThePassMarkLabel(highest: Int) {
        let bins = (0..<10).map { BoardPack.Bin(label: "\($0)", count: $0 == 4 ? highest : highest / ($0 + 2)) }
        let svg = BoardPack.histogramSVG(bins: bins, passMark: 40, of: "MC4002")
        func ys(_ textClass: String) -> [Int] {
            svg.components(separatedBy: "<text class=\"\(textClass)\" ").dropFirst().map { part in
                Int(part.components(separatedBy: "y=\"")[1].prefix { $0 != "\"" })!
            }
        }
        let label = ys("passlabel")
        #expect(label.count == 1)
        // Labels are 11 units high, drawn upwards from their y; the pass mark's label is above the plot.
        for count in ys("count") {
            #expect(count - 11 > label[0] + 2, "a count at \(count) reaches the label at \(label[0])")
            #expect(count - 11 >= BoardPack.Chart.top - 1, "a count at \(count) leaves the plot")
        }
    }

    /// No bar, count or label leaves the chart, whatever the pass mark.
    @Test(arguments: [0, 40, 50, 95, 100])
    func thePassMarksLabelStaysOnTheChart(passMark: Int) {
        let svg = BoardPack.histogramSVG(bins: BoardPack.bins([40, 55, 100]), passMark: passMark, of: "MC4002")
        let label = try! #require(excerpt(svg, from: "<text class=\"passlabel\"", to: "</text>"))
        let x = Int(label.components(separatedBy: "x=\"")[1].prefix { $0 != "\"" })!
        let width = BoardPack.Chart.left + 10 * BoardPack.Chart.binWidth
        // "pass mark 100" is under 80 units wide at 11 units.
        #expect(label.contains("text-anchor=\"end\"") ? x - 80 >= 0 : x + 80 <= width + BoardPack.Chart.right)
    }

    /// Every cell keeps its code, number or date on one line ("2004/0" was a line number broken in
    /// two; exception codes broke mid-word); only the columns of names, titles, messages and lists may
    /// wrap, at their spaces. Checked against the built-in template's styles and every table of
    /// SampleData's pack.
    @Test func onlyColumnsOfTextWrap() throws {
        let style = try #require(excerpt(BoardPack.defaultTemplate, from: "<style>", to: "</style>"))
        #expect(
            style.contains(
                "td { padding: 5px 8px; border-bottom: 1px solid var(--rule); vertical-align: top; white-space: nowrap; }"
            ))
        let wrapping = CSSColumns.wrapping(in: style)
        try #require(!wrapping.isEmpty)
        let texts: Set<String> = [
            "Name", "Title", "Teitl", "Message", "Components to resit", "Courses",
            "Components overdue: students owing",
        ]
        var seen: Set<String> = []
        for (name, html) in packPages(try sampleRun("2026-07-23")) {
            for table in html.components(separatedBy: "<table class=\"").dropFirst() {
                let classes = table.prefix { $0 != "\"" }.split(separator: " ").map(String.init)
                let headers = try #require(excerpt(table, from: "<thead>", to: "</thead>"))
                    .components(separatedBy: "</th>").dropLast().map { $0.components(separatedBy: ">").last! }
                for column in wrapping where classes.contains(column.table) {
                    let index = column.index ?? headers.count
                    guard index <= headers.count else { continue }
                    let header = headers[index - 1]
                    #expect(texts.contains(header), "\(name): \(column.table) column \(index) (\(header)) wraps")
                    seen.insert(header)
                }
            }
        }
        #expect(seen.contains("Name") && seen.contains("Message"))
    }

    /// The decisions table has no column that stands empty for most rows: the reason and the resit's
    /// due date go below the outcome, and the grade is the outcome's own.
    @Test func theDecisionsTableKeepsItsWidthForNames() throws {
        let pages = packPages(try sampleRun("2026-06-18"))
        let mc = try #require(pages["courses/MC4002.html"])
        let table = try #require(excerpt(mc, from: "<table class=\"decisions marked\">", to: "</table>"))
        for header in ["Reason", "Resit due", "Grade"] { #expect(!table.contains("<th>\(header)</th>")) }
        #expect(
            table.contains(
                "<span class=\"badge o-PENDING\">PENDING</span><span class=\"note\">MARKS_OVERDUE</span></td>"))
        #expect(
            table.contains(
                "<span class=\"badge o-REFER\">REFER</span><span class=\"note\">resit due 2026-07-22</span></td>"))
    }
}

/// The columns of the pack's tables that its styles let wrap: the selectors of the rules that set
/// `white-space: normal`, read as `table.CLASS [tbody] td:PSEUDO`.
enum CSSColumns {
    struct Column: Hashable {
        let table: String
        /// 1-based; nil for the last column.
        let index: Int?
    }

    static func wrapping(in style: String) -> Set<Column> {
        var columns: Set<Column> = []
        for rule in style.components(separatedBy: "}") where rule.contains("white-space: normal") {
            let selectors = rule.components(separatedBy: "{")[0]
            for selector in split(selectors) where selector.contains("td") {
                let parts = selector.components(separatedBy: " td")
                let tableSelector = parts[0].components(separatedBy: " ")[0]
                let tables =
                    tableSelector.hasPrefix("table:is(")
                    ? tableSelector.dropFirst(9).dropLast().split(separator: ",").map {
                        String($0.trimmingCharacters(in: .whitespaces).dropFirst())
                    }
                    : [String(tableSelector.dropFirst(6))]
                let pseudo = parts[1]
                var indices: [Int?] = []
                if pseudo.hasPrefix(":last-child") { indices = [nil] }
                for nth in pseudo.components(separatedBy: ":nth-child(").dropFirst() {
                    indices.append(Int(nth.prefix { $0 != ")" }))
                }
                for table in tables { for index in indices { columns.insert(Column(table: table, index: index)) } }
            }
        }
        return columns
    }

    /// A selector list split at its commas, but not at those inside parentheses.
    private static func split(_ selectors: String) -> [String] {
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in selectors {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == "," && depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current.trimmingCharacters(in: .whitespacesAndNewlines))
        return parts
    }
}

@Suite struct BoardPackStatisticsTests {
    @Test(arguments: [
        Named("even count", (marks: [40, 55, 61, 70], mean: "56.5", median: "58.0")),
        Named("odd count", (marks: [4, 1, 2], mean: "2.3", median: "2.0")),
        Named("mean rounds half up", (marks: [1, 2], mean: "1.5", median: "1.5")),
        Named("two thirds", (marks: [2, 2, 1], mean: "1.7", median: "2.0")),
        Named("one mark", (marks: [100], mean: "100.0", median: "100.0")),
        Named("zeros", (marks: [0, 0, 1], mean: "0.3", median: "0.0")),
    ])
    func meanAndMedian(_ example: Named<(marks: [Int], mean: String, median: String)>) {
        #expect(BoardPack.mean(example.value.marks) == example.value.mean)
        #expect(BoardPack.median(example.value.marks) == example.value.median)
    }

    @Test func noMarksNoStatistics() {
        #expect(BoardPack.mean([]) == nil)
        #expect(BoardPack.median([]) == nil)
    }

    @Test func tenBinsOfTenMarksTheLastTo100() {
        let bins = BoardPack.bins([0, 9, 10, 39, 40, 89, 90, 99, 100])
        #expect(
            bins.map(\.label) == [
                "0–9", "10–19", "20–29", "30–39", "40–49", "50–59", "60–69", "70–79", "80–89", "90–100",
            ])
        #expect(bins.map(\.count) == [2, 1, 0, 1, 1, 0, 0, 0, 1, 3])
    }
}

@Suite struct BoardPackSafetyTests {
    /// Hostile names, titles, examiners and mark-sheet values: each must come out escaped and intact.
    static var institution: Institution {
        var institution = Institution()
        institution.enrolments = institution.enrolments
            .replacingOccurrences(
                of: "Roberts,Catrin", with: "<script>alert(1)</script>,\"\"\"quoted, with commas\"\"\""
            )
            .replacingOccurrences(
                of: "Hughes,Owain", with: "\"=HYPERLINK(\"\"http://x\"\")\",Gwenllïan ŵ ŷ â +44 @SUM(A1) -2+3")
        institution.courses = institution.courses
            .replacingOccurrences(of: "Introduction to Data Analysis", with: "Data <i>Analysis</i> & Stats")
            .replacingOccurrences(of: "Cyflwyniad i Ddadansoddi Data", with: "Dadansoddi ŵ ŷ â 'data'")
            .replacingOccurrences(of: "Dr Ann Examiner", with: "<img src=x onerror=alert(1)>")
        institution.sheets = [
            "2025-12-11/MC4002-SEP.csv": sheet, "2025-12-11/<b>\"x\" & 'y'.csv": sheet,
        ]
        return institution
    }

    static let sheet = #"""
        student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on,language,comment
        22655425,MC4002,SEP,2025/26,001,1,65,,2025-11-20,cy,<script>alert(1)</script>
        22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-20,cy,"=HYPERLINK(""http://x"")"
        25649144,MC4002,SEP,2025/26,001,1,<b>x</b>,,2025-11-20,en,
        25649144,MC4002,SEP,2025/26,002,1,"""quoted, with commas""",,2025-11-20,en,

        """#

    /// The pack's pages, all in one text, and the run.
    static func pack(template: String? = nil) throws -> (html: String, run: BoardRun) {
        try withTemporaryFolder { folder in
            var institution = institution
            if let template {
                institution.toml = institution.toml.replacingOccurrences(
                    of: "exports = \"../Reports/exports\"",
                    with: "exports = \"../Reports/exports\"\nboard_pack_template = \"templates/pack.mustache\"")
                try write(template, to: "templates/pack.mustache", in: folder)
            }
            let (config, load) = try institution.load(in: folder)
            let run = try BoardRun(config: config, register: load, board: Day("2025-12-11")!)
            let pages = packPages(run, template: try BoardPack.Template.of(config))
            return (pages.keys.sorted().map { pages[$0]! }.joined(), run)
        }
    }

    @Test func everyStringIsEscapedAndIntact() throws {
        let (html, run) = try Self.pack()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>x") && !html.contains("<b>\"x"))
        #expect(!html.contains("<i>Analysis"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;, &quot;quoted, with commas&quot;"))
        #expect(html.contains("=HYPERLINK(&quot;http://x&quot;), Gwenllïan ŵ ŷ â +44 @SUM(A1) -2+3"))
        #expect(html.contains("Data &lt;i&gt;Analysis&lt;/i&gt; &amp; Stats"))
        #expect(html.contains("Dadansoddi ŵ ŷ â &#39;data&#39;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        // The rejected mark appears in its exception, escaped, and so does the sheet's name.
        #expect(run.exceptions.contains { $0.message.description.contains("<b>x</b>") })
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;"))
        #expect(html.contains("&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;.csv"))
        // Nothing hostile reaches an attribute: no resource is ever fetched.
        for pattern in ["src=\"", "href=\"http", "url(", "@import"] {
            #expect(!html.contains(pattern), "\(pattern)")
        }
    }

    @Test func welshMediumSubmissionsAreCountedSits() throws {
        let (_, run) = try Self.pack()
        let pack = BoardPack(run)
        let page = pack.coursePage(try #require(pack.coursePageNames.firstIndex(of: "courses/MC4002.html")))
        #expect(page.welshMedium == 2)
    }

    /// One template renders every page: its `opening` sections on the opening page, its `course`
    /// sections on each course page, what is outside them on all.
    @Test func aTemplateNamedInTheConfigRestylesEveryPage() throws {
        let (html, _) = try Self.pack(
            template:
                "{{institution}}|{{#opening}}{{totalEnrolments}} enrolments{{/opening}}{{#course}}{{code}} {{title}}{{/course}};"
        )
        #expect(
            html
                == "Wrexham University|4 enrolments;Wrexham University|AT0001 Welsh Language Taster;Wrexham University|CE3005 Welsh for the Workplace;Wrexham University|MC4002 Data &lt;i&gt;Analysis&lt;/i&gt; &amp; Stats;"
        )
    }

    @Test func aTemplateThatCannotBeReadIsAnOutputError() throws {
        try withTemporaryFolder { folder in
            var institution = Institution()
            institution.toml = institution.toml.replacingOccurrences(
                of: "exports = \"../Reports/exports\"",
                with: "exports = \"../Reports/exports\"\nboard_pack_template = \"missing.mustache\"")
            let (config, _) = try institution.load(in: folder)
            let error = try #require(throws: OutputError.self) { try BoardPack.Template.of(config) }
            #expect(error.path == folder + "/missing.mustache")
            #expect(error.reason.contains("board_pack_template"))
        }
    }

    @Test(arguments: ["{{#course}}{{code}}", "{{#course}}{{/opening}}", "{{institution"])
    func aTemplateThatIsNotMustacheIsAnOutputError(template: String) throws {
        let error = try #require(throws: OutputError.self) { try Self.pack(template: template) }
        #expect(error.reason.contains("not valid Mustache"))
    }
}

extension String {
    /// What the template's `{{x}}` makes of a string.
    var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
