import Foundation
import Input
import Regulations

// The institution the export tests run, written into a temporary folder.

/// Runs `body` with a fresh temporary folder and removes the folder afterwards, whatever happens.
func withTemporaryFolder<Result>(_ body: (String) throws -> Result) throws -> Result {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("LedgerTests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Writes `text` to `path` inside `folder`, making its folders.
func write(_ text: String, to path: String, in folder: String) throws {
    let file = URL(fileURLWithPath: folder + "/" + path)
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
}

/// A small institution in the SampleData style (the one InputTests' register tests break in one place):
/// MC4002 with students A and B of SPEC §5, CE3005 and the attendance course AT0001. The mark sheets
/// are written by each test as the export's days go by.
struct Institution {
    var toml = """
        [institution]
        name = "Wrexham University"
        name_cy = "Prifysgol Wrecsam"
        code = "WREX"

        [outputs]
        reports = "../Reports"
        exports = "../Reports/exports"

        [[academic_years]]
        code = "2025/26"
        starts = 2025-08-01
        ends = 2026-07-31
        boards = [2025-12-11, 2026-02-19, 2026-06-18, 2026-07-23]

        """
    var courses = """
        course_code,title,title_cy,type,credits,level,pass_mark,resit_cap,professional_body,external_examiner
        MC4002,Introduction to Data Analysis,Cyflwyniad i Ddadansoddi Data,micro-credential,20,4,,,,Dr Ann Examiner
        CE3005,Welsh for the Workplace,Cymraeg yn y Gweithle,continuing-education,10,3,,,,
        AT0001,Welsh Language Taster,Blas ar y Gymraeg,attendance,0,3,,,,

        """
    var components = """
        course_code,component,title,weight,qualifying_mark
        MC4002,001,Data project,60,
        MC4002,002,Online quiz,40,
        CE3005,001,Oral assessment,100,

        """
    var deadlines = """
        course_code,occurrence,academic_year,component,deadline
        MC4002,SEP,2025/26,001,2025-11-28
        MC4002,SEP,2025/26,002,28/11/2025
        CE3005,SEP,2025/26,001,2025-11-14

        """
    var enrolments = """
        student_id,family_name,given_names,course_code,occurrence,academic_year,status,status_date,attendance,language,spr_code
        22655425,Roberts,Catrin,MC4002,SEP,2025/26,active,,,,
        25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,,cy,
        30000001,O'Brien,"Siobhan ""Shiv"" Anne",CE3005,SEP,2025/26,active,,,,
        30000002,Evans,Mari,AT0001,SEP,2025/26,active,,85,,

        """
    /// Mark sheets, by their path under `marks/`.
    var sheets: [String: String] = [:]

    /// The files written into `folder`, the config loaded, the register loaded from it.
    func load(in folder: String) throws -> (config: BoardConfig, register: RegisterLoad) {
        for (path, text) in [
            ("board.toml", toml), ("register/courses.csv", courses), ("register/components.csv", components),
            ("register/deadlines.csv", deadlines), ("enrolments.csv", enrolments),
        ] + sheets.map({ ("marks/" + $0.key, $0.value) }) {
            try write(text, to: path, in: folder)
        }
        try FileManager.default.createDirectory(atPath: folder + "/marks", withIntermediateDirectories: true)
        let config = try BoardConfig.load(from: folder + "/board.toml")
        return (config, RegisterLoad.load(config))
    }
}
