import Foundation
import Regulations
import Testing

@testable import BoardFiles

// The board pack (SPEC §3.1): what it holds, its statistics, and that no input can turn into markup.

/// SampleData's run at the board of 18 June 2026.
private func sampleRun() throws -> BoardRun {
    let config = try BoardConfig.load(from: sampleDataFolder + "/board.toml")
    return BoardRun(config: config, register: RegisterLoad.load(config), board: Day("2026-06-18")!)
}

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
        let html = try run.boardPackHTML()
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

        let courses = Set(run.replay.enrolments.indices.map { run.replay.enrolment(at: $0).key.course.description })
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
        let sections = courseSections(try run.boardPackHTML())
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
            let agreed = section.decisions.filter { ($0.child(named: "agreedMark") as? String)?.isEmpty == false }.count
            #expect(section.markCount == agreed, "\(section.code)")
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

    /// A file with thousands of findings has its rows made ahead, on another thread; every file's rows
    /// are its own findings, in order, whichever way they were made.
    @Test func everyFilesRowsAreItsFindingsThoughTheLargestIsMadeAhead() {
        func findings(_ file: String, _ count: Int) -> [Finding] {
            (0..<count).map {
                Finding(
                    .warning, .marksOverdue, at: SourceLine(file: file, line: $0 + 2), student: "S\($0)",
                    "finding \($0) of \(file)")
            }
        }
        let large = BoardPack.FindingFiles.largeFile + 3
        let exceptions = findings("a.csv", 2) + findings("enrolments.csv", large) + findings("z.csv", 1)
        let files = BoardPack.FindingFiles(exceptions)
        #expect((0..<files.count).map { files.file($0).count } == [2, large, 1])
        func texts(_ table: PackTable) -> [String] {
            (0..<table.count).flatMap { row in table.textNames.map { table.child(named: $0, ofRow: row) as! String } }
        }
        var start = 0
        for position in 0..<files.count {
            let file = files.file(position)
            let own = exceptions[start..<start + file.count]
            #expect(file.file == own.first!.file)
            #expect(texts(file.findings) == texts(BoardPack.table(of: own)))
            start += file.count
        }
    }

    @Test func deterministic() throws {
        let first = try sampleRun().boardPackHTML()
        let second = try sampleRun().boardPackHTML()
        #expect(first == second)
    }

    @Test func selfContainedWithoutScriptsOrExternalRequests() throws {
        let html = try sampleRun().boardPackHTML()
        for forbidden in ["<script", "http://", "https://", "src=", "url(", "@import", "<link", "<iframe", "<object"] {
            #expect(!html.lowercased().contains(forbidden), "\(forbidden)")
        }
        #expect(html.contains("@page { size: A4; margin: 15mm; }"))
        #expect(html.contains("break-before: page"))
    }

    @Test func theRunWritesThePackBeforeTheManifest() throws {
        let files = try sampleRun().outputFiles(sourceDateEpoch: nil)
        let names = files.map(\.name)
        #expect(names.contains("board-report.html"))
        #expect(names.last == "manifest.json")
        let manifest = String(decoding: files.last!.bytes, as: UTF8.self)
        #expect(manifest.contains("\"board-report.html\""))
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
    static let fixture = RegisterFixture().with([
        .replace("Roberts,Catrin", with: "<script>alert(1)</script>,\"\"\"quoted, with commas\"\"\"", in: .enrolments),
        .replace(
            "Hughes,Owain", with: "\"=HYPERLINK(\"\"http://x\"\")\",Gwenllïan ŵ ŷ â +44 @SUM(A1) -2+3", in: .enrolments),
        .replace("Introduction to Data Analysis", with: "Data <i>Analysis</i> & Stats", in: .courses),
        .replace("Cyflwyniad i Ddadansoddi Data", with: "Dadansoddi ŵ ŷ â 'data'", in: .courses),
        .replace("Dr Ann Examiner", with: "<img src=x onerror=alert(1)>", in: .courses),
    ])

    static let sheet = #"""
        student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on,language,comment
        22655425,MC4002,SEP,2025/26,001,1,65,,2025-11-20,cy,<script>alert(1)</script>
        22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-20,cy,"=HYPERLINK(""http://x"")"
        25649144,MC4002,SEP,2025/26,001,1,<b>x</b>,,2025-11-20,en,
        25649144,MC4002,SEP,2025/26,002,1,"""quoted, with commas""",,2025-11-20,en,

        """#

    static func pack(template: String? = nil) throws -> (html: String, run: BoardRun) {
        try withTemporaryFolder { folder in
            var fixture = fixture
            if template != nil {
                fixture.toml = fixture.toml.replacingOccurrences(
                    of: "exports = \"../Reports/exports\"",
                    with: "exports = \"../Reports/exports\"\nboard_pack_template = \"templates/pack.mustache\"")
                try folder.write("templates/pack.mustache", template!)
            }
            let (config, load) = try fixture.load(in: folder)
            try folder.write("marks/2025-12-11/MC4002-SEP.csv", sheet)
            let run = BoardRun(config: config, register: load, board: Day("2025-12-11")!)
            return (try run.boardPackHTML(), run)
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
        #expect(run.exceptions.contains { $0.message.contains("<b>x</b>") })
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
            var fixture = RegisterFixture()
            fixture.toml = fixture.toml.replacingOccurrences(
                of: "exports = \"../Reports/exports\"",
                with: "exports = \"../Reports/exports\"\nboard_pack_template = \"missing.mustache\"")
            let (config, load) = try fixture.load(in: folder)
            #expect(config.boardPackTemplate == folder.path + "/missing.mustache")
            let run = BoardRun(config: config, register: load, board: Day("2025-12-11")!)
            #expect(throws: OutputError.self) { try run.boardPackHTML() }
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
