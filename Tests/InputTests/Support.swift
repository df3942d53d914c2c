import Foundation
import Regulations
import Testing

@testable import Input

// Shared helpers for the Input tests: temporary folders, files written into them, and a small register
// that loads without a single finding, which each test then breaks in one place.

/// A folder under the system temporary directory, removed by `withTemporaryFolder` when the test ends.
struct TemporaryFolder {
    let path: String

    /// Writes `text` as UTF-8 to `name` (which may contain sub-folders) and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    /// Writes raw bytes, for files that are deliberately not UTF-8 or carry a BOM.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
}

/// Runs `body` with a fresh temporary folder and removes the folder afterwards, whatever happens.
func withTemporaryFolder<Result>(_ body: (TemporaryFolder) throws -> Result) throws -> Result {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("InputTests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(TemporaryFolder(path: path))
}

/// A parameterised test's argument with a name, so a failure reads "BOM only", not "case 3".
struct Named<Value: Sendable>: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let value: Value

    init(_ name: String, _ value: Value) {
        testDescription = name
        self.value = value
    }
}

// MARK: - Reading tables

/// A small table used to test `Tables.read` on its own: two required columns, one optional.
let personSchema = TableSchema(
    required: ["student_id", "family_name"], optional: ["comment"], kind: "test list (people.csv)")

/// A table read as its callers read one: the rows handed over as they were read, which the caller
/// drops when the file turns out to be rejected whole.
struct TableRead {
    var file: TableFile
    /// Every row handed to the caller, before any break.
    var handed: [TableRow]

    /// The rows the caller keeps.
    var rows: [TableRow] { file.rejectedWhole ? [] : handed }
    var findings: [Finding] { Array(file.findings) }
    var rowsRead: Int { file.rowsRead }
    var rowsRejected: Int { file.rowsRejected }
    var rejectedWhole: Bool { file.rejectedWhole }
    /// The findings as (code, line) pairs, the part of a finding every test pins down.
    var codesAndLines: [Pair] { findings.codesAndLines }
}

/// Reads the table at `path` as a table of `schema`, shown as `display` in findings.
func readTable(path: String, displayedAs display: String = "people.csv", schema: TableSchema = personSchema)
    -> TableRead
{
    var handed: [TableRow] = []
    let file = Tables.read(path, displayedAs: display, schema: schema) { handed.append($0) }
    return TableRead(file: file, handed: handed)
}

/// Reads `bytes` as a table of `schema`, shown as `people.csv` in findings.
func readTable(bytes: [UInt8], schema: TableSchema = personSchema) throws -> TableRead {
    try withTemporaryFolder { folder in
        readTable(path: try folder.write("people.csv", bytes: bytes), schema: schema)
    }
}

func readTable(_ text: String, schema: TableSchema = personSchema) throws -> TableRead {
    try readTable(bytes: Array(text.utf8), schema: schema)
}

extension Array where Element == Finding {
    var codesAndLines: [Pair] { map { Pair($0.code, $0.line) } }
}

/// A finding code at a line: Equatable and readable in a failed expectation.
struct Pair: Hashable, CustomStringConvertible {
    let code: FindingCode
    let line: Int

    init(_ code: FindingCode, _ line: Int) {
        self.code = code
        self.line = line
    }

    var description: String { "\(code.rawValue)@\(line)" }
}

// MARK: - A register that loads cleanly

/// A valid institution in the SampleData style: `board.toml`, four register files and nothing else.
/// Loaded as it is, it gives no finding at all, fatal or quality; a test changes one file to break it.
struct RegisterFixture {
    var toml = """
        [institution]
        name = "Wrexham University"
        name_cy = "Prifysgol Wrecsam"
        code = "WREX"

        [inputs]
        courses = "register/courses.csv"
        components = "register/components.csv"
        deadlines = "register/deadlines.csv"
        enrolments = "enrolments.csv"
        marks = "marks"

        [outputs]
        reports = "../Reports"
        exports = "../Reports/exports"

        [policy]
        pass_mark = 40
        pass_mark_level7 = 50
        resit_cap = true
        attendance_threshold = 80
        ayr_code = "2025/6"

        [[academic_years]]
        code = "2025/26"
        starts = 2025-08-01
        ends = 2026-07-31
        boards = [2025-12-11, 2026-02-19, 2026-06-18, 2026-07-23]

        """

    /// Lines: 2 MC4002, 3 CE3005, 4 AT0001.
    var courses = """
        course_code,title,title_cy,type,credits,level,pass_mark,resit_cap,professional_body,external_examiner
        MC4002,Introduction to Data Analysis,Cyflwyniad i Ddadansoddi Data,micro-credential,20,4,,,,Dr Ann Examiner
        CE3005,Welsh for the Workplace,Cymraeg yn y Gweithle,continuing-education,10,3,,,,
        AT0001,Welsh Language Taster,Blas ar y Gymraeg,attendance,0,3,,,,

        """

    /// Lines: 2 MC4002/001, 3 MC4002/002, 4 CE3005/001.
    var components = """
        course_code,component,title,weight,qualifying_mark
        MC4002,001,Data project,60,
        MC4002,002,Online quiz,40,
        CE3005,001,Oral assessment,100,

        """

    /// Lines: 2 MC4002/001, 3 MC4002/002, 4 CE3005/001.
    var deadlines = """
        course_code,occurrence,academic_year,component,deadline
        MC4002,SEP,2025/26,001,2025-11-28
        MC4002,SEP,2025/26,002,28/11/2025
        CE3005,SEP,2025/26,001,2025-11-14

        """

    /// Lines: 2 and 3 MC4002 SEP (students A and B of SPEC §5), 4 CE3005 SEP, 5 AT0001 SEP.
    var enrolments = """
        student_id,family_name,given_names,course_code,occurrence,academic_year,status,status_date,attendance,language,spr_code
        22655425,Roberts,Catrin,MC4002,SEP,2025/26,active,,,,
        25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,,cy,
        30000001,O'Brien,"Siobhan ""Shiv"" Anne",CE3005,SEP,2025/26,active,,,,
        30000002,Evans,Mari,AT0001,SEP,2025/26,active,,85,,

        """

    /// Writes the fixture into `folder` (config at `<folder>/board.toml`) and returns the config path.
    @discardableResult
    func write(into folder: TemporaryFolder) throws -> String {
        try folder.write("register/courses.csv", courses)
        try folder.write("register/components.csv", components)
        try folder.write("register/deadlines.csv", deadlines)
        try folder.write("enrolments.csv", enrolments)
        return try folder.write("board.toml", toml)
    }

    /// Writes the fixture, loads its config and register.
    func load(in folder: TemporaryFolder) throws -> (config: BoardConfig, load: RegisterLoad) {
        let config = try BoardConfig.load(from: try write(into: folder))
        return (config, RegisterLoad.load(config))
    }
}

/// The package's own SampleData, found from this file.
let sampleDataFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("SampleData").path

/// One of the four register files of a `RegisterFixture`, as findings name it.
enum RegisterFile: String, Sendable, CaseIterable {
    case courses = "register/courses.csv"
    case components = "register/components.csv"
    case deadlines = "register/deadlines.csv"
    case enrolments = "enrolments.csv"
}

/// A change to one register file: a replacement (which must match) or extra lines at the end.
struct RegisterEdit: Sendable {
    let file: RegisterFile
    let replace: String?
    let with: String

    static func replace(_ old: String, with new: String, in file: RegisterFile) -> RegisterEdit {
        RegisterEdit(file: file, replace: old, with: new)
    }

    static func append(_ lines: String, to file: RegisterFile) -> RegisterEdit {
        RegisterEdit(file: file, replace: nil, with: lines + "\n")
    }
}

extension RegisterFixture {
    var contents: [RegisterFile: String] {
        [.courses: courses, .components: components, .deadlines: deadlines, .enrolments: enrolments]
    }

    /// The fixture with `edits` applied; records an issue when a replacement's text is not there, so a
    /// stale edit cannot quietly test the unbroken fixture.
    func with(_ edits: [RegisterEdit], sourceLocation: SourceLocation = #_sourceLocation) -> RegisterFixture {
        var fixture = self
        for edit in edits {
            var text = fixture.contents[edit.file]!
            if let old = edit.replace {
                if !text.contains(old) {
                    Issue.record("\(edit.file.rawValue) has no \"\(old)\"", sourceLocation: sourceLocation)
                }
                text = text.replacingOccurrences(of: old, with: edit.with)
            } else {
                text += edit.with
            }
            switch edit.file {
            case .courses: fixture.courses = text
            case .components: fixture.components = text
            case .deadlines: fixture.deadlines = text
            case .enrolments: fixture.enrolments = text
            }
        }
        return fixture
    }
}

/// Where a finding was reported and what it was: the part every register test pins down.
struct Located: Hashable, CustomStringConvertible, Sendable {
    let file: String
    let line: Int
    let code: FindingCode
    let severity: Severity

    init(_ file: RegisterFile, _ line: Int, _ code: FindingCode, _ severity: Severity = .error) {
        self.init(file.rawValue, line, code, severity)
    }

    init(_ file: String, _ line: Int, _ code: FindingCode, _ severity: Severity = .error) {
        self.file = file
        self.line = line
        self.code = code
        self.severity = severity
    }

    init(_ finding: Finding) {
        self.init(finding.file, finding.line, finding.code, finding.severity)
    }

    var description: String { "\(severity.rawValue) \(code.rawValue) at \(file):\(line)" }
}

extension Array where Element == Finding {
    var located: [Located] { map(Located.init) }
}

extension TableRow {
    /// Every field in schema order, for comparing whole rows.
    var values: [String] { positions.map { $0.map { record.string($0) } ?? "" } }
}
