import Foundation
import Testing

/// What one run of the `board` binary printed, and how it exited.
struct Run: CustomStringConvertible {
    let status: Int32
    let stdout: String
    let stderr: String

    var lines: [String] {
        stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty
    }
    var errorLines: [String] {
        stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLastIfEmpty
    }

    /// The `FILE:LINE: severity:` part of each problem line (the summary, last, is left out).
    var prefixes: [String] {
        lines.dropLast().map { line in
            for severity in [": error:", ": warning:", ": note:"] {
                if let range = line.range(of: severity) { return String(line[..<range.upperBound]) }
            }
            return line
        }
    }

    var summary: String? { lines.last }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

extension Array where Element == String {
    fileprivate var dropLastIfEmpty: [String] { last == "" ? Array(dropLast()) : self }
}

enum BoardBinary {
    /// The `board` executable SwiftPM built beside this test bundle, else the nearest `.build/debug/board`
    /// above this file.
    static let url: URL? = {
        let fileManager = FileManager.default
        var candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("board")
        ]
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            candidates.append(folder.appendingPathComponent(".build/debug/board"))
            folder.deleteLastPathComponent()
        }
        return candidates.first { candidate in
            var isFolder: ObjCBool = false
            return fileManager.fileExists(atPath: candidate.path, isDirectory: &isFolder) && !isFolder.boolValue
                && fileManager.isExecutableFile(atPath: candidate.path)
        }
    }()

    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> URL {
        try #require(
            url,
            "the board binary was not found beside the test bundle (\(CommandLine.arguments[0])) nor in a .build/debug above \(#filePath); build it with swift build",
            sourceLocation: sourceLocation)
    }

    /// Runs `board` with `arguments` in `folder`; stdout and stderr go to files so a long output cannot
    /// fill a pipe and stall the child.
    static func run(
        _ arguments: [String], in folder: URL, environment: [String: String] = [:], executable: URL? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Run {
        let binary = try executable ?? require(sourceLocation: sourceLocation)
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("board-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outputs) }
        let outURL = outputs.appendingPathComponent("stdout")
        let errURL = outputs.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = folder
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A temporary institution folder: board.toml, the register, enrolments and mark sheets. Removed when
/// the value goes away.
final class Institution {
    let folder: URL

    /// The SPEC §5 institution: MC4002 (micro-credential, 20 credits, level 4, 001 weight 60 and 002
    /// weight 40, both due 2025-11-28 for SEP 2025/26) and ATT101 (attendance, no components).
    init(
        config: String = Institution.config, courses: String = Institution.courses,
        components: String = Institution.components, deadlines: String = Institution.deadlines,
        enrolments: String = Institution.enrolments
    ) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("board-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("board.toml", config)
        try write("register/courses.csv", courses)
        try write("register/components.csv", components)
        try write("register/deadlines.csv", deadlines)
        try write("enrolments.csv", enrolments)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func write(_ path: String, _ text: String) throws {
        try write(path, Data(text.utf8))
    }

    func write(_ path: String, _ data: Data) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func run(_ arguments: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> Run {
        try BoardBinary.run(arguments, in: folder, sourceLocation: sourceLocation)
    }

    static let config = """
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
        reports = "Reports"
        exports = "Reports/exports"

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

    static let courses = """
        course_code,title,title_cy,type,credits,level,pass_mark,resit_cap,professional_body,external_examiner
        MC4002,Introduction to Data Analysis,Cyflwyniad i Ddadansoddi Data,micro-credential,20,4,,,,Dr Siân Roberts
        ATT101,Welsh Language Taster,Blas ar y Gymraeg,attendance,0,3,,,,

        """

    static let components = """
        course_code,component,title,weight,qualifying_mark
        MC4002,001,Portfolio,60,
        MC4002,002,Reflective report,40,

        """

    static let deadlines = """
        course_code,occurrence,academic_year,component,deadline
        MC4002,SEP,2025/26,001,2025-11-28
        MC4002,SEP,2025/26,002,2025-11-28

        """

    /// Students A to F of SPEC §5, and A on the attendance course too.
    static let enrolments = """
        student_id,family_name,given_names,course_code,occurrence,academic_year,status,status_date,attendance,language
        22655425,Roberts,Catrin,MC4002,SEP,2025/26,active,,,cy
        25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,,en
        25022038,Kenyon,Mark,MC4002,SEP,2025/26,active,,,en
        22881156,O'Brien,Siobhan,MC4002,SEP,2025/26,active,,,en
        25489122,Davies,Rhiannon,MC4002,SEP,2025/26,active,,,en
        24360906,Pritchard,"Elizabeth \"\"Beth\"\"",MC4002,SEP,2025/26,active,,,en
        22655425,Roberts,Catrin,ATT101,SEP,2025/26,active,,90,cy

        """

    static let sheetHeader =
        "student_id,course_code,occurrence,academic_year,component,attempt,mark,flag,submitted_on,language,comment"

    /// A sheet: the header, then `rows`, LF line ends.
    static func sheet(_ rows: [String]) -> String {
        ([sheetHeader] + rows).joined(separator: "\n") + "\n"
    }
}

/// The SampleData folder of the package, found from this file.
enum SampleData {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SampleData")

    /// Every mark sheet, as `marks/<board>/<file>.csv` or `.xlsx`, in byte order.
    static func sheets() throws -> [String] {
        let marks = folder.appendingPathComponent("marks")
        var sheets: [String] = []
        for board in try FileManager.default.contentsOfDirectory(atPath: marks.path) {
            let files = try FileManager.default.contentsOfDirectory(atPath: marks.appendingPathComponent(board).path)
            sheets += files.filter { $0.hasSuffix(".csv") || $0.hasSuffix(".xlsx") }.map { "marks/\(board)/\($0)" }
        }
        return sheets.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
