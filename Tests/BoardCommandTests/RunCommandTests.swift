import CSV
import Foundation
import Input
import Testing

/// `board run`, end to end: the files of SPEC §3, reproducible, safe and written whole or not at all.
@Suite("board run, end to end (SPEC §3, §4)")
struct RunCommandTests {
    /// SPEC §5's sheets for the institution of Support.swift.
    static func workedExample() throws -> Institution {
        let institution = try Institution()
        try institution.write(
            "marks/2025-12-11/MC4002-SEP.csv",
            Institution.sheet([
                "22655425,MC4002,SEP,2025/26,001,1,70,,2025-11-27,cy,",
                "22655425,MC4002,SEP,2025/26,002,1,55,,2025-11-27,cy,",
                "25649144,MC4002,SEP,2025/26,001,1,30,,2025-11-27,en,",
                "25649144,MC4002,SEP,2025/26,002,1,45,,2025-11-27,en,",
                "25022038,MC4002,SEP,2025/26,001,1,30,,2025-11-27,en,",
                "25022038,MC4002,SEP,2025/26,002,1,45,,2025-11-27,en,",
                "22881156,MC4002,SEP,2025/26,001,1,,DEF,2025-11-27,en,mitigating circumstances accepted",
                "22881156,MC4002,SEP,2025/26,002,1,60,,2025-11-27,en,",
                "25489122,MC4002,SEP,2025/26,001,1,65,,2025-11-27,en,",
                "24360906,MC4002,SEP,2025/26,001,1,65,,2025-12-02,en,late",
                "24360906,MC4002,SEP,2025/26,002,1,50,,2025-11-27,en,",
            ]))
        try institution.write(
            "marks/2026-02-19/MC4002-SEP.csv",
            Institution.sheet([
                "25649144,MC4002,SEP,2025/26,001,2,52,,2026-02-10,en,",
                "25022038,MC4002,SEP,2025/26,001,2,20,,2026-02-10,en,",
                "22881156,MC4002,SEP,2025/26,001,1,58,,2026-02-10,en,deferred sit",
            ]))
        return institution
    }

    static func read(_ institution: Institution, _ path: String) throws -> String {
        try String(contentsOf: institution.folder.appendingPathComponent(path), encoding: .utf8)
    }

    static let pack = "Reports/2025-26/2026-02-19"

    @Test func theWorkedExampleDecidesAsSpecSection5Says() throws {
        let institution = try Self.workedExample()
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout.contains("14 rows read = 14 counted + 0 superseded + 0 rejected + 0 blank (reconciled)"),
            "\(run)")
        // The summary counts exceptions.csv's rows by severity.
        let severities = try Self.read(institution, "\(Self.pack)/exceptions.csv").split(separator: "\n").dropFirst()
            .map { $0.prefix { $0 != "," } }
        let (errors, warnings) = (severities.count { $0 == "error" }, severities.count { $0 == "warning" })
        #expect(warnings > 0)
        #expect(
            run.stdout.contains(
                "Exceptions: \(errors) errors, \(warnings) warning\(warnings == 1 ? "" : "s"), 0 notes"), "\(run)")
        let decisions = try Self.read(institution, "\(Self.pack)/decisions.csv")
        #expect(
            decisions == #"""
                student_id,family_name,given_names,course_code,occurrence,academic_year,outcome,reason,attempt,actual_mark,agreed_mark,grade,credits_awarded,resit_due,decided_at,certificate,transcript
                22655425,Roberts,Catrin,ATT101,SEP,2025/26,ATTENDED,,,,,,0,,2026-02-19,attendance,yes
                22655425,Roberts,Catrin,MC4002,SEP,2025/26,PASS,,1,64,64,P,20,,2025-12-11,,yes
                22881156,O'Brien,Siobhan,MC4002,SEP,2025/26,PASS,,1,59,59,P,20,,2026-02-19,,yes
                24360906,Pritchard,"Elizabeth ""Beth""",MC4002,SEP,2025/26,PENDING,MARKS_OVERDUE,2,,,,,,2026-02-19,,no
                25022038,Kenyon,Mark,MC4002,SEP,2025/26,FAIL,RESIT_FAILED,2,30,30,F,0,,2026-02-19,,yes
                25489122,Davies,Rhiannon,MC4002,SEP,2025/26,PENDING,MARKS_OVERDUE,1,,,,,,2026-02-19,,no
                25649144,Hughes,Owain,MC4002,SEP,2025/26,PASS_RESIT,,2,49,40,P,20,,2026-02-19,,yes

                """#)
        let overdue = try Self.read(institution, "\(Self.pack)/exceptions.csv").split(separator: "\n").filter {
            $0.contains("MARKS_OVERDUE")
        }
        #expect(overdue.count == 2)
    }

    @Test func theFirstBoardRefersAndDefers() throws {
        let institution = try Self.workedExample()
        let run = try institution.run("run", "--board", "2025-12-11")
        #expect(run.status == 0, "\(run)")
        let rows = try Self.read(institution, "Reports/2025-26/2025-12-11/decisions.csv").split(separator: "\n")
        #expect(rows.contains("25649144,Hughes,Owain,MC4002,SEP,2025/26,REFER,,2,36,36,R,,2026-02-18,2025-12-11,,no"))
        #expect(rows.contains("22881156,O'Brien,Siobhan,MC4002,SEP,2025/26,DEFER,,1,,,M,,,2025-12-11,,no"))
        #expect(
            rows.contains(
                "24360906,Pritchard,\"Elizabeth \"\"Beth\"\"\",MC4002,SEP,2025/26,REFER,,2,20,20,R,,2026-02-18,2025-12-11,,no"
            ))
    }

    @Test func everySITSStyleFileHasItsColumns() throws {
        let institution = try Self.workedExample()
        _ = try institution.run("run", "--board", "2026-02-19")
        let headers = [
            "sits/SAS.csv":
                "SPR_CODE,MOD_CODE,MAV_OCCUR,AYR_CODE,PSL_CODE,MAB_SEQ,SAS_ACTM,SAS_ACTG,SAS_AGRM,SAS_AGRG,SAS_PRCS,SAS_PROC",
            "sits/SRA.csv":
                "SPR_CODE,MOD_CODE,MAV_OCCUR,AYR_CODE,PSL_CODE,MAB_SEQ,SRA_RSEQ,SRA_ACTM,SRA_ACTG,SRA_AGRM,SRA_AGRG,SRA_PRCS,SRA_PROC",
            "sits/SMR.csv":
                "SPR_CODE,MOD_CODE,MAV_OCCUR,AYR_CODE,PSL_CODE,SMR_ACTM,SMR_ACTG,SMR_AGRM,SMR_AGRG,SMR_RSLT,SMR_CRED,SMR_CURA,SMR_PRCS,SMR_PROC",
            "sits/withdrawals.csv": "SPR_CODE,MOD_CODE,MAV_OCCUR,AYR_CODE,WITHDRAWN_AT,REASON",
        ]
        for (file, header) in headers {
            let lines = try Self.read(institution, "\(Self.pack)/\(file)").split(separator: "\n")
            #expect(lines.first.map(String.init) == header, "\(file)")
        }
        let smr = try Self.read(institution, "\(Self.pack)/sits/SMR.csv").split(separator: "\n").map(String.init)
        #expect(smr.contains("25649144/1,MC4002,SEP,2025/6,Y,49,P,40,P,P,20,2,A,COM"))
        #expect(smr.contains("25022038/1,MC4002,SEP,2025/6,Y,30,F,30,F,F,0,2,A,COM"))
        #expect(smr.contains("25489122/1,MC4002,SEP,2025/6,Y,,,,,D,,1,I,SAS"))
        #expect(!smr.contains { $0.contains("ATT101") }, "attendance courses have no SITS record")
        let sra = try Self.read(institution, "\(Self.pack)/sits/SRA.csv").split(separator: "\n").map(String.init)
        #expect(sra.contains("25649144/1,MC4002,SEP,2025/6,Y,001,001,52,P,52,P,A,COM"))
        let sas = try Self.read(institution, "\(Self.pack)/sits/SAS.csv").split(separator: "\n").map(String.init)
        #expect(sas.contains("24360906/1,MC4002,SEP,2025/6,Y,001,0,L,0,R,A,RAS"))
        #expect(sas.contains("25489122/1,MC4002,SEP,2025/6,Y,001,65,P,,,I,SAS"))
        // SAS grades and SMR results use only the SPEC's codes.
        for line in sas.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(["P", "F", "NS", "AB", "L", "M", ""].contains(String(fields[7])), "\(line)")
        }
        for line in smr.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            #expect(["P", "F", "D"].contains(String(fields[9])), "\(line)")
        }
    }

    @Test func theShortAcademicYearStyle() throws {
        let institution = try Self.workedExample()
        try institution.write(
            "board.toml",
            Institution.config.replacingOccurrences(of: "ayr_code = \"2025/6\"", with: "ayr_code = \"25/26\""))
        _ = try institution.run("run", "--board", "2026-02-19")
        let smr = try Self.read(institution, "\(Self.pack)/sits/SMR.csv")
        #expect(smr.contains("25649144/1,MC4002,SEP,25/26,Y,"))
    }

    @Test func certificatesAndTranscriptsFollowEligibility() throws {
        let institution = try Self.workedExample()
        _ = try institution.run("run", "--board", "2026-02-19")
        let certificates = try Self.read(institution, "\(Self.pack)/certificates.csv").split(separator: "\n")
        #expect(certificates.count == 2, "only the attendance certificate: a micro-credential earns a transcript only")
        #expect(certificates[1].contains("ATT101") && certificates[1].contains("Certificate of Attendance"))
        let transcripts = try Self.read(institution, "\(Self.pack)/transcripts.csv").split(separator: "\n")
        let students = transcripts.dropFirst().map { String($0.prefix(8)) }
        // PASS A and D, PASS_RESIT B, FAIL C, ATTENDED A; not the PENDING E and F.
        #expect(students.sorted() == ["22655425", "22655425", "22881156", "25022038", "25649144"])
        #expect(transcripts.contains { $0.hasPrefix("25649144") && $0.contains(",20,10,CQFW/FHEQ 4,5,") })
    }

    @Test func twoRunsAreByteIdentical() throws {
        let institution = try Self.workedExample()
        _ = try institution.run("run", "--board", "2026-02-19", "--out", "first")
        _ = try institution.run("run", "--board", "2026-02-19", "--out", "second")
        let files = try FileManager.default.subpathsOfDirectory(
            atPath: institution.folder.appendingPathComponent("first/2025-26/2026-02-19").path
        ).sorted()
        #expect(files.contains("manifest.json") && files.contains("sits/SAS.csv"))
        for file in files {
            let first = try? Data(
                contentsOf: institution.folder.appendingPathComponent("first/2025-26/2026-02-19/\(file)"))
            let second = try? Data(
                contentsOf: institution.folder.appendingPathComponent("second/2025-26/2026-02-19/\(file)"))
            #expect(first == second, "\(file)")
        }
    }

    @Test func theManifestRecordsEveryInputAndOutputDigest() throws {
        let institution = try Self.workedExample()
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 0)
        let data = try Data(contentsOf: institution.folder.appendingPathComponent("\(Self.pack)/manifest.json"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(manifest["board"] as? String == "2026-02-19")
        #expect(manifest["academic_year"] as? String == "2025/26")
        #expect(manifest["generated"] == nil, "no wall-clock time unless SOURCE_DATE_EPOCH is set")
        let reconciliation = try #require(manifest["reconciliation"] as? [String: Int])
        #expect(
            reconciliation == [
                "rows_read": 14, "rows_counted": 14, "rows_superseded": 0, "rows_rejected": 0, "rows_blank": 0,
            ])
        let outputs = try #require(manifest["outputs"] as? [[String: String]])
        #expect(
            Set(outputs.compactMap { $0["path"] }).isSuperset(of: ["decisions.csv", "exceptions.csv", "sits/SMR.csv"]))
        for output in outputs {
            let path = try #require(output["path"])
            let bytes = try Data(contentsOf: institution.folder.appendingPathComponent("\(Self.pack)/\(path)"))
            #expect(output["sha256"] == Digest.sha256(bytes), "\(path)")
        }
        let inputs = try #require(manifest["inputs"] as? [[String: Any]])
        let sheet = try #require(inputs.first { $0["path"] as? String == "marks/2025-12-11/MC4002-SEP.csv" })
        #expect(sheet["rows"] as? Int == 11)
        // board.toml, the register files and the sheets, each digested from its bytes (the register's and
        // the sheets' as they were parsed).
        #expect(Set(inputs.compactMap { $0["path"] as? String }).isSuperset(of: ["board.toml", "enrolments.csv"]))
        for input in inputs {
            let path = try #require(input["path"] as? String)
            let bytes = try Data(contentsOf: institution.folder.appendingPathComponent(path))
            #expect(input["sha256"] as? String == Digest.sha256(bytes), "\(path)")
        }
    }

    @Test func sourceDateEpochDatesTheManifest() throws {
        let institution = try Self.workedExample()
        let run = try BoardBinary.run(
            ["run", "--board", "2026-02-19"], in: institution.folder, environment: ["SOURCE_DATE_EPOCH": "1771459200"])
        #expect(run.status == 0, "\(run)")
        let manifest = try Self.read(institution, "\(Self.pack)/manifest.json")
        #expect(manifest.contains("\"generated\" : \"2026-02-19T00:00:00Z\""))
    }

    @Test func hostileNamesAndCommentsComeOutInertAndIntact() throws {
        let hostile = [
            "=HYPERLINK(\"http://evil.example\",\"x\")", "+44 1978 293000", "@SUM(A1:A9)", "-2+3",
            "<script>alert(1)</script>", "quoted, with commas", "Llŷr ap Gwilym-Ŵyn",
        ]
        let enrolments =
            ["student_id,family_name,given_names,course_code,occurrence,academic_year,status"]
            + hostile.enumerated().map { index, name in
                "S\(index),\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\",MC4002,SEP,2025/26,active"
            }
        let institution = try Institution(enrolments: enrolments.joined(separator: "\n") + "\n")
        // No sheet yet, but a marks folder: one that cannot be listed stops the run (65).
        try FileManager.default.createDirectory(
            at: institution.folder.appendingPathComponent("marks"), withIntermediateDirectories: true)
        let run = try institution.run("run", "--board", "2025-12-11")
        #expect(run.status == 0, "\(run)")
        let decisions = try Self.read(institution, "Reports/2025-26/2025-12-11/decisions.csv")
        let records = CSV.records(decisions).dropFirst()
        #expect(records.count == hostile.count)
        for (record, name) in zip(records, hostile) {
            let written = record[1]
            if let first = name.first, "=+-@".contains(first) {
                #expect(written == "'" + name, "a formula is neutralised with a leading apostrophe")
            } else {
                #expect(written == name, "the name is intact")
            }
            #expect(record[2] == written)
        }
    }

    /// A marks folder that cannot be listed is not taken as empty, which would withdraw every student.
    /// The summary names what the run wrote, no more and no less: a year with no enrolments has no
    /// course pages, so no courses/ folder.
    @Test(arguments: [true, false])
    func theSummaryNamesWhatWasWritten(enrolled: Bool) throws {
        let institution =
            enrolled
            ? try Self.workedExample()
            : try Institution(enrolments: String(Institution.enrolments.prefix { $0 != "\n" }) + "\n")
        try FileManager.default.createDirectory(
            at: institution.folder.appendingPathComponent("marks/2025-12-11"), withIntermediateDirectories: true)
        let run = try institution.run("run", "--board", "2025-12-11")
        #expect([0, 1].contains(run.status), "\(run)")
        let line = try #require(run.lines.first { $0.hasPrefix("Written to ") }, "\(run)")
        let named = line.components(separatedBy: ": ").dropFirst().joined(separator: ": ").components(
            separatedBy: ", "
        ).map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let written = try FileManager.default.contentsOfDirectory(
            atPath: institution.folder.appendingPathComponent("Reports/2025-26/2025-12-11").path)
        #expect(Set(named) == Set(written))
        #expect(named.contains("courses") == enrolled)
    }

    @Test func aMissingMarksFolderStopsTheRunWithNothingWritten() throws {
        let institution = try Institution()
        let run = try institution.run("run", "--board", "2025-12-11")
        #expect(run.status == 65, "\(run)")
        #expect(run.stderr.contains("cannot read the mark sheets in"), "\(run)")
        #expect(run.stderr.contains("check [inputs] marks in board.toml"), "\(run)")
        #expect(
            !FileManager.default.fileExists(atPath: institution.folder.appendingPathComponent("Reports/2025-26").path))
    }

    @Test func aFailedWriteExits73AndLeavesThePreviousPack() throws {
        let institution = try Self.workedExample()
        #expect(try institution.run("run", "--board", "2026-02-19").status == 0)
        let before = try Self.read(institution, "\(Self.pack)/decisions.csv")
        // A file-size limit makes the write fail part-way, like a full disk (SIGXFSZ ignored, so write gets EFBIG).
        try institution.write(
            "marks/2026-02-19/MC4002-SEP.csv",
            Institution.sheet(["25649144,MC4002,SEP,2025/26,001,2,60,,2026-02-10,en,"]))
        let binary = try BoardBinary.require()
        let run = try BoardBinary.run(
            ["-c", "trap '' XFSZ; ulimit -f 2; exec \"$0\" run --board 2026-02-19", binary.path],
            in: institution.folder,
            executable: URL(fileURLWithPath: "/bin/bash"))
        #expect(run.status == 73, "\(run)")
        #expect(run.stderr.contains("Nothing was written"), "\(run)")
        #expect(try Self.read(institution, "\(Self.pack)/decisions.csv") == before)
        let leftovers = try FileManager.default.contentsOfDirectory(
            atPath: institution.folder.appendingPathComponent("Reports/2025-26").path
        ).filter { $0 != ".lock" }  // the run's lock file stays, unlocked
        #expect(leftovers == ["2026-02-19"], "no temporary folder is left: \(leftovers)")
    }

    @Test func anUnwritableTargetExits73AndLeavesThePreviousPack() throws {
        let institution = try Self.workedExample()
        #expect(try institution.run("run", "--board", "2026-02-19").status == 0)
        let year = institution.folder.appendingPathComponent("Reports/2025-26")
        let before = try Self.read(institution, "\(Self.pack)/decisions.csv")
        try ReadOnly.make(year)
        defer { ReadOnly.undo(year) }
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 73, "\(run)")
        #expect(try Self.read(institution, "\(Self.pack)/decisions.csv") == before)
    }

    @Test func sheetsEndInCSVOrXLSXInAnyCaseAndNothingElseIsRead() throws {
        let institution = try Self.workedExample()
        try institution.write(
            "marks/2026-02-19/Extra.CSV", Institution.sheet(["25489122,MC4002,SEP,2025/26,002,1,50,,2025-11-27,en,"]))
        try institution.write(
            "marks/2026-02-19/Extra.csv.bak",
            Institution.sheet(["25489122,MC4002,SEP,2025/26,002,1,51,,2025-11-27,en,"]))
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 0, "a warning only: \(run)")
        #expect(run.stdout.contains("15 rows read"), "the .CSV file is read: \(run)")
        let exceptions = try Self.read(institution, "\(Self.pack)/exceptions.csv")
        #expect(exceptions.contains("warning,NOT_A_SHEET,marks/2026-02-19/Extra.csv.bak,"), "\(exceptions)")
        #expect(!exceptions.contains("Extra.CSV,"), "\(exceptions)")
    }

    /// OUTSIDE_BOARD_FOLDER is worded once: `board run` lists in exceptions.csv what `board check` prints.
    @Test func aSheetOutsideABoardFolderIsWordedAsBoardCheckWordsIt() throws {
        let institution = try Self.workedExample()
        let sheet = "marks/2025-12-12/MC4002-SEP.csv"
        try institution.write(sheet, Institution.sheet(["25489122,MC4002,SEP,2025/26,002,1,50,,2025-11-27,en,"]))
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 1, "\(run)")
        let exceptions = CSV.records(try Self.read(institution, "\(Self.pack)/exceptions.csv"))
        let header = try #require(exceptions.first)
        let row = try #require(exceptions.first { $0.contains("OUTSIDE_BOARD_FOLDER") }, "\(exceptions)")
        let field = { (name: String) in header.firstIndex(of: name).map { row[$0] } }
        #expect(field("file") == sheet && field("line") == "1" && field("severity") == "error")
        let message = try #require(field("message"))
        #expect(message.contains("not in a board folder") && message.contains("2025-12-11, 2026-02-19"), "\(message)")

        let check = try institution.run("check", sheet)
        #expect(check.lines.first == "\(sheet):1: error: \(message)", "\(check)")
    }

    /// An academic year is read whatever its length, and a row for another year is rejected by the rule
    /// of that name, at its line.
    @Test func aRowOfAnotherAcademicYearIsRejectedHoweverLongTheYear() throws {
        let institution = try Self.workedExample()
        try institution.write(
            "marks/2026-02-19/late.csv",
            Institution.sheet([
                "25489122,MC4002,SEP,2024/25,002,1,50,,2026-01-27,en,",
                "25489122,MC4002,SEP,\"2025/26, extended to 2026/27\",002,1,50,,2026-01-27,en,",
            ]))
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 1, "\(run)")
        let exceptions = try Self.read(institution, "\(Self.pack)/exceptions.csv")
        #expect(exceptions.contains("error,OUTSIDE_ENROLMENT_YEAR,marks/2026-02-19/late.csv,2,"), "\(exceptions)")
        #expect(exceptions.contains("error,OUTSIDE_ENROLMENT_YEAR,marks/2026-02-19/late.csv,3,"), "\(exceptions)")
        #expect(
            exceptions.contains("academic_year \"\"2025/26, extended to 2026/27\"\" is not the year"), "\(exceptions)")
    }

    @Test func attendanceWithDecimalsIsComparedExactly() throws {
        let institution = try Self.workedExample()
        let enrolments = Institution.enrolments.replacingOccurrences(
            of: "22655425,Roberts,Catrin,ATT101,SEP,2025/26,active,,90,cy",
            with: "22655425,Roberts,Catrin,ATT101,SEP,2025/26,active,,79.9,cy")
        try institution.write("enrolments.csv", enrolments)
        let run = try institution.run("run", "--board", "2026-02-19")
        #expect(run.status == 0, "\(run)")
        let decisions = try Self.read(institution, "\(Self.pack)/decisions.csv")
        #expect(decisions.contains("22655425,Roberts,Catrin,ATT101,SEP,2025/26,NOT_ATTENDED,,,,,,0,,2026-02-19,,no"))
    }

    @Test func aBoardThatIsNotConfiguredIsAUsageError() throws {
        let institution = try Self.workedExample()
        let run = try institution.run("run", "--board", "2026-03-01")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.contains("2025-12-11, 2026-02-19, 2026-06-18, 2026-07-23"), "\(run)")
        #expect(run.stderr.contains("board run --help"), "\(run)")
        #expect(!FileManager.default.fileExists(atPath: institution.folder.appendingPathComponent("Reports").path))
    }

    @Test func explainTellsTheTrail() throws {
        let institution = try Self.workedExample()
        let run = try institution.run("explain", "--board", "2026-02-19", "25649144")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Course mark: 60% × 30 + 40% × 45 = 36.00 → 36"))
        #expect(run.stdout.contains("REFER, course mark 36: resit 001 due 2026-02-18"))
        #expect(run.stdout.contains("marks/2026-02-19/MC4002-SEP.csv:2: component 001 attempt 2, mark 52"))
        #expect(run.stdout.contains("PASS_RESIT, actual mark 49, agreed 40 (capped at the pass mark)"))
        let unknown = try institution.run("explain", "--board", "2026-02-19", "99999999")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("has no enrolment"))
    }

    @Test func theSampleInstitutionReconcilesAtEveryBoard() throws {
        for board in ["2025-12-11", "2026-02-19", "2026-06-18", "2026-07-23"] {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("board-sample-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: out) }
            let run = try BoardBinary.run(["run", "--board", board, "--out", out.path], in: SampleData.folder)
            #expect(run.status == 1, "SampleData holds deliberate mistakes: \(run)")
            #expect(run.stdout.contains("(reconciled)"), "\(run)")
        }
    }
}

/// Makes a folder unwritable even for root (chattr +i), or by mode for other users.
enum ReadOnly {
    static func make(_ folder: URL) throws {
        if getuid() == 0 {
            let chattr = Process()
            chattr.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            chattr.arguments = ["+i", folder.path]
            try chattr.run()
            chattr.waitUntilExit()
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        }
        let probe = folder.appendingPathComponent("probe-\(UUID().uuidString)")
        let writable = FileManager.default.createFile(atPath: probe.path, contents: Data())
        if writable { try? FileManager.default.removeItem(at: probe) }
        try #require(!writable, "this machine cannot make \(folder.path) read-only (chattr +i or chmod)")
    }

    static func undo(_ folder: URL) {
        if getuid() == 0 {
            let chattr = Process()
            chattr.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            chattr.arguments = ["-i", folder.path]
            try? chattr.run()
            chattr.waitUntilExit()
        }
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
    }
}

/// Reading what the binary wrote, with the project's own reader and digest.
enum CSV {
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        try? CSVReader.forEachRecord(in: Array(text.utf8)) { records.append((0..<$0.count).map($0.string)) }
        return records
    }
}

enum Digest {
    static func sha256(_ data: Data) -> String { Input.sha256(of: data) }
}
