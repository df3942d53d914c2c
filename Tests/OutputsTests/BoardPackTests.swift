import Foundation
import Input
import Regulations
import Testing

@testable import Outputs

// The board pack (SPEC §3.1): what it holds, its statistics, and that no input can turn into markup.

/// The HTML of each course section, keyed by course code.
private func courseSections(_ html: String) -> [String: String] {
    var sections: [String: String] = [:]
    for part in html.components(separatedBy: "<section class=\"course\" id=\"course-").dropFirst() {
        let code = String(part.prefix { $0 != "\"" })
        sections[code] = part.components(separatedBy: "</section>")[0]
    }
    return sections
}

@Suite struct BoardPackContentTests {
    @Test func headerSummaryAndOneSectionPerCourse() throws {
        let run = try sampleRun()
        let html = try BoardPack.html(of: run)
        #expect(html.contains("Wrexham University"))
        #expect(html.contains("Prifysgol Wrecsam"))
        #expect(html.contains("18 June 2026"))
        #expect(html.contains("18 Mehefin 2026"))
        #expect(html.contains("2025/26"))

        let r = run.reconciliation
        #expect(r.balances)
        for number in [r.rowsRead, r.rowsCounted, r.rowsSuperseded, r.rowsRejected] {
            #expect(html.contains("<b>\(number)</b>"))
        }
        #expect(html.contains(r.sentence))
        #expect(html.contains("reconciled"))

        let courses = Set(run.replay.enrolments.map { $0.enrolment.key.course.description })
        let sections = courseSections(html)
        #expect(Set(sections.keys) == courses)
        #expect(html.components(separatedBy: "<section class=\"course\"").count - 1 == courses.count)
        // English and Welsh titles side by side in every section.
        for course in run.register.register.courses.values where courses.contains(course.code.description) {
            let section = try #require(sections[course.code.description])
            #expect(section.contains(course.title.htmlEscaped))
            #expect(section.contains(course.titleWelsh.htmlEscaped))
            #expect(section.contains(course.type.name))
        }
    }

    @Test func attendanceCoursesHaveNoHistogramAndMarkedCoursesHaveOne() throws {
        let run = try sampleRun()
        let sections = courseSections(try BoardPack.html(of: run))
        let at = try #require(sections["AT0001"])
        #expect(!at.contains("<svg"))
        #expect(at.contains("ATTENDED"))
        let mc = try #require(sections["MC4002"])
        #expect(mc.components(separatedBy: "<svg").count == 2)
        #expect(mc.contains("Dr Siân Roberts (Bangor University)"))
        let missing = try #require(sections["MC6020"])
        #expect(missing.contains("none recorded"))
        #expect(missing.contains("micro-credentials at any level require external examination"))
        #expect(
            !at.contains("external examination") && !at.contains("external examiner oversight"),
            "non-credit courses need no examiner")
    }

    @Test func histogramsCountEveryAgreedMark() throws {
        let run = try sampleRun()
        let pack = BoardPack(run)
        for section in pack.courses where section.isMarked {
            #expect(section.bins.count == 10)
            #expect(section.bins.reduce(0) { $0 + $1.count } == section.markCount)
            let agreed = run.replay.enrolments.filter {
                $0.course.code.description == section.code && $0.decision.usedMarks && $0.decision.agreedMark != nil
            }
            #expect(section.markCount == agreed.count, "\(section.code)")
            #expect(section.histogramSVG.components(separatedBy: "class=\"label\"").count - 1 == 10)
        }
        #expect(pack.courses.contains { $0.markCount > 0 })
    }

    @Test func passRateCountsConcludedCreditBearingOutcomes() throws {
        let pack = BoardPack(try sampleRun())
        let mc = try #require(pack.courses.first { $0.code == "MC4002" })
        let counts = Dictionary(uniqueKeysWithValues: mc.outcomeCounts.map { ($0.outcome, $0.count) })
        let passed = (counts["PASS"] ?? 0) + (counts["PASS_RESIT"] ?? 0)
        let concluded = passed + (counts["FAIL"] ?? 0)
        #expect(mc.passRate == BoardPack.passRate(passed: passed, of: concluded))
        #expect(mc.passRate.hasSuffix("(\(passed) of \(concluded))"))
        #expect(BoardPack.passRate(passed: 0, of: 0) == "no results yet")
        #expect(BoardPack.passRate(passed: 2, of: 3) == "67% (2 of 3)")
    }

    /// The exceptions are listed file by file, each file's rows its own findings in their order, whichever
    /// core made them.
    @Test func everyFilesRowsAreItsFindings() {
        func findings(_ file: String, _ count: Int) -> [Finding] {
            (0..<count).map {
                Finding(
                    .marksOverdue(
                        sit: "mark", component: Code("001")!, title: "finding \($0) of \(file)",
                        due: Day("2025-11-28")!, lastBoard: false),
                    at: SourceLine(file: file, line: $0 + 2), student: "S\($0)")
            }
        }
        let exceptions = findings("a.csv", 2) + findings("enrolments.csv", 5_000) + findings("z.csv", 1)
        let files = BoardPack.findingFiles(exceptions)
        #expect(files.map(\.file) == ["a.csv", "enrolments.csv", "z.csv"])
        #expect(files.map(\.count) == [2, 5_000, 1])
        var start = 0
        for file in files {
            let rows = file.findingRows.components(separatedBy: "\n")
            #expect(rows.count == file.count)
            for (row, finding) in zip(rows, exceptions[start..<start + file.count]) {
                #expect(row.hasPrefix("<tr><td>\(finding.line)</td>") && row.hasSuffix("</tr>"))
                #expect(row.contains("<td>\(finding.student)</td>") && row.contains("finding \(finding.line - 2) of"))
            }
            start += file.count
        }
    }

    @Test func deterministic() throws {
        let first = try BoardPack.html(of: sampleRun())
        let second = try BoardPack.html(of: sampleRun())
        #expect(first == second)
    }

    @Test func selfContainedWithoutScriptsOrExternalRequests() throws {
        let html = try BoardPack.html(of: sampleRun())
        for forbidden in ["<script", "http://", "https://", "src=", "url(", "@import", "<link", "<iframe", "<object"] {
            #expect(!html.lowercased().contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("@page { size: A4; margin: 15mm; }"))
        #expect(html.contains("break-before: page"))
    }

    @Test func theBuiltInTemplateIsValidMustacheAndRendersThePack() throws {
        let pack = BoardPack(try sampleRun())
        #expect(try pack.html() == pack.html(template: BoardPack.defaultTemplate))
        #expect(try pack.html().hasPrefix("<!DOCTYPE html>"))
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
        #expect(bins.reduce(0) { $0 + $1.count } == 9)
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
        institution.sheets = ["2025-12-11/MC4002-SEP.csv": sheet]
        return institution
    }

    static let sheet = #"""
        student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on,language,comment
        22655425,MC4002,SEP,2025/26,001,1,65,,2025-11-20,cy,<script>alert(1)</script>
        22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-20,cy,"=HYPERLINK(""http://x"")"
        25649144,MC4002,SEP,2025/26,001,1,<b>x</b>,,2025-11-20,en,
        25649144,MC4002,SEP,2025/26,002,1,"""quoted, with commas""",,2025-11-20,en,

        """#

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
            return (try BoardPack.html(of: run), run)
        }
    }

    @Test func everyStringIsEscapedAndIntact() throws {
        let (html, run) = try Self.pack()
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>x"))
        #expect(!html.contains("<i>Analysis"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;, &quot;quoted, with commas&quot;"))
        #expect(html.contains("=HYPERLINK(&quot;http://x&quot;), Gwenllïan ŵ ŷ â +44 @SUM(A1) -2+3"))
        #expect(html.contains("Data &lt;i&gt;Analysis&lt;/i&gt; &amp; Stats"))
        #expect(html.contains("Dadansoddi ŵ ŷ â &#39;data&#39;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        // The rejected mark appears in its exception, escaped.
        #expect(run.exceptions.contains { $0.message.description.contains("<b>x</b>") })
        #expect(html.contains("&lt;b&gt;x&lt;/b&gt;"))
        // Nothing hostile reaches an attribute: no resource is ever fetched.
        for pattern in ["src=\"", "href=\"http", "url(", "@import"] {
            #expect(!html.contains(pattern), "\(pattern)")
        }
    }

    @Test func welshMediumSubmissionsAreCountedSits() throws {
        let (_, run) = try Self.pack()
        let section = try #require(BoardPack(run).courses.first { $0.code == "MC4002" })
        #expect(section.welshMedium == 2)
    }

    @Test func aTemplateNamedInTheConfigRestylesThePack() throws {
        let (html, _) = try Self.pack(template: "{{institution}}|{{#courses}}{{code}} {{title}};{{/courses}}")
        #expect(
            html
                == "Wrexham University|AT0001 Welsh Language Taster;CE3005 Welsh for the Workplace;MC4002 Data &lt;i&gt;Analysis&lt;/i&gt; &amp; Stats;"
        )
    }

    @Test func aTemplateThatCannotBeReadIsAnOutputError() throws {
        try withTemporaryFolder { folder in
            var institution = Institution()
            institution.toml = institution.toml.replacingOccurrences(
                of: "exports = \"../Reports/exports\"",
                with: "exports = \"../Reports/exports\"\nboard_pack_template = \"missing.mustache\"")
            let (config, load) = try institution.load(in: folder)
            #expect(config.boardPackTemplate == folder + "/missing.mustache")
            let run = try BoardRun(config: config, register: load, board: Day("2025-12-11")!)
            let error = try #require(throws: OutputError.self) { try BoardPack.html(of: run) }
            #expect(error.path == folder + "/missing.mustache")
            #expect(error.reason.contains("board_pack_template"))
        }
    }

    @Test(arguments: ["{{#courses}}{{code}}", "{{#courses}}{{/course}}", "{{institution"])
    func aTemplateThatIsNotMustacheIsAnOutputError(template: String) throws {
        let error = try #require(throws: OutputError.self) { try Self.pack(template: template) }
        #expect(error.reason.contains("not valid Mustache"))
    }
}

extension String {
    /// What the template's `{{x}}` makes of a string.
    fileprivate var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
