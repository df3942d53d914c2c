import Foundation
import Regulations
import Testing

@testable import Input

/// A change to the register and the findings of one code it must give, each at its file and line.
struct RegisterCase: CustomTestStringConvertible, Sendable {
    let testDescription: String
    let edits: [RegisterEdit]
    /// Every finding with this code, in file order; empty when the change must give none.
    let code: FindingCode
    let expected: [Located]

    init(_ name: String, _ edits: [RegisterEdit], _ code: FindingCode, _ expected: [Located]) {
        testDescription = name
        self.edits = edits
        self.code = code
        self.expected = expected
    }
}

extension RegisterCase {
    /// Problems that leave a decision undefined (SPEC §1.6): the run refuses.
    static let fatal: [RegisterCase] = [
        RegisterCase(
            "an enrolment for an unknown course",
            [.append("40000001,Lloyd,Gwen,XX9999,SEP,2025/26,active,,,,", to: .enrolments)],
            .unknownCourse, [Located(.enrolments, 6, .unknownCourse)]),
        RegisterCase(
            "a component of an unknown course", [.append("ZZ1000,001,Essay,100,", to: .components)],
            .unknownCourse, [Located(.components, 5, .unknownCourse)]),
        RegisterCase(
            "a deadline for a component the course does not have",
            [.append("MC4002,SEP,2025/26,003,2025-11-28", to: .deadlines)],
            .unknownComponent, [Located(.deadlines, 5, .unknownComponent)]),
        RegisterCase(
            "a deadline for a component another course has, on the row after that course's",
            [
                .replace(
                    "MC4002,SEP,2025/26,002,28/11/2025\n",
                    with: "MC4002,SEP,2025/26,002,28/11/2025\nCE3005,SEP,2025/26,002,2025-11-14\n", in: .deadlines)
            ],
            .unknownComponent, [Located(.deadlines, 4, .unknownComponent)]),
        RegisterCase(
            "a deadline for a component listed on an attendance course is for a known component",
            [
                .append("AT0001,001,Quiz,100,", to: .components),
                .append("AT0001,SEP,2025/26,001,2025-11-28", to: .deadlines),
            ],
            .unknownComponent, []),
        RegisterCase(
            "a deadline for an unknown course", [.append("ZZ1000,SEP,2025/26,001,2025-11-28", to: .deadlines)],
            .unknownCourse, [Located(.deadlines, 5, .unknownCourse)]),
        RegisterCase(
            "a duplicate course", [.append("MC4002,Again,,micro-credential,20,4,,,,Dr B", to: .courses)],
            .duplicateKey, [Located(.courses, 5, .duplicateKey)]),
        RegisterCase(
            "a duplicate component", [.append("MC4002,001,Again,60,", to: .components)],
            .duplicateKey, [Located(.components, 5, .duplicateKey)]),
        RegisterCase(
            "a duplicate deadline", [.append("MC4002,SEP,2025/26,001,2025-11-30", to: .deadlines)],
            .duplicateKey, [Located(.deadlines, 5, .duplicateKey)]),
        RegisterCase(
            "a duplicate enrolment, codes in another case",
            [.append("22655425,Roberts,Catrin,mc4002,sep,2025/26,active,,,,", to: .enrolments)],
            .duplicateKey, [Located(.enrolments, 6, .duplicateKey)]),
        RegisterCase(
            "weights adding up to 90",
            [.replace("MC4002,002,Online quiz,40,", with: "MC4002,002,Online quiz,30,", in: .components)],
            .weightsNot100, [Located(.components, 2, .weightsNot100)]),
        RegisterCase(
            "weights adding up to 110",
            [
                .append("CE3005,002,Extra task,10,", to: .components),
                .append("CE3005,SEP,2025/26,002,2025-11-21", to: .deadlines),
            ],
            .weightsNot100, [Located(.components, 4, .weightsNot100)]),
        RegisterCase(
            "a weight of 0",
            [.replace("CE3005,001,Oral assessment,100,", with: "CE3005,001,Oral assessment,0,", in: .components)],
            .badNumber, [Located(.components, 4, .badNumber)]),
        RegisterCase(
            "a component of an enrolled occurrence without a deadline",
            [.replace("MC4002,SEP,2025/26,002,28/11/2025\n", with: "", in: .deadlines)],
            .noDeadline, [Located(.enrolments, 2, .noDeadline)]),
        RegisterCase(
            "a course with students but no components",
            [
                .replace("CE3005,001,Oral assessment,100,\n", with: "", in: .components),
                .replace("CE3005,SEP,2025/26,001,2025-11-14\n", with: "", in: .deadlines),
            ],
            .noComponents, [Located(.enrolments, 4, .noComponents)]),
        RegisterCase(
            "an unknown type", [.append("CE9999,Evening class,,evening-class,10,3,,,,", to: .courses)],
            .unknownType, [Located(.courses, 5, .unknownType)]),
        RegisterCase(
            "withdrawn without status_date",
            [
                .replace(
                    "25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,",
                    with: "25649144,Hughes,Owain,MC4002,SEP,2025/26,withdrawn,,", in: .enrolments)
            ],
            .withdrawnWithoutDate, [Located(.enrolments, 3, .withdrawnWithoutDate)]),
        RegisterCase(
            "withdrawn with a date that is not a date",
            [
                .replace(
                    "25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,",
                    with: "25649144,Hughes,Owain,MC4002,SEP,2025/26,withdrawn,last week,", in: .enrolments)
            ],
            .badDate, [Located(.enrolments, 3, .badDate)]),
        RegisterCase(
            "a status that is neither active nor withdrawn",
            [
                .replace(
                    "30000001,O'Brien,\"Siobhan \"\"Shiv\"\" Anne\",CE3005,SEP,2025/26,active",
                    with: "30000001,O'Brien,\"Siobhan \"\"Shiv\"\" Anne\",CE3005,SEP,2025/26,left", in: .enrolments)
            ],
            .badValue, [Located(.enrolments, 4, .badValue)]),
        RegisterCase(
            "a status in capitals is a status",
            [
                .replace(
                    "30000001,O'Brien,\"Siobhan \"\"Shiv\"\" Anne\",CE3005,SEP,2025/26,active",
                    with: "30000001,O'Brien,\"Siobhan \"\"Shiv\"\" Anne\",CE3005,SEP,2025/26,ACTIVE", in: .enrolments)
            ],
            .badValue, []),
        RegisterCase(
            "a status one letter off",
            [
                .replace(
                    "30000001,O'Brien,\"Siobhan \"\"Shiv\"\" Anne\",CE3005,SEP,2025/26,active",
                    with: "30000001,O'Brien,\"Siobhan \"\"Shiv\"\" Anne\",CE3005,SEP,2025/26,activa", in: .enrolments)
            ],
            .badValue, [Located(.enrolments, 4, .badValue)]),
        RegisterCase(
            "an SPR code a spreadsheet would run, or that CSV would quote",
            [
                .replace(
                    "22655425,Roberts,Catrin,MC4002,SEP,2025/26,active,,,,",
                    with: "22655425,Roberts,Catrin,MC4002,SEP,2025/26,active,,,,=22655425/1", in: .enrolments),
                .replace(
                    "25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,,cy,",
                    with: "25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,,cy,\"2564 9144/1\"", in: .enrolments),
            ],
            .badValue, [Located(.enrolments, 2, .badValue), Located(.enrolments, 3, .badValue)]),
        RegisterCase(
            "SPR codes of letters, digits and / - _ .",
            [
                .replace(
                    "22655425,Roberts,Catrin,MC4002,SEP,2025/26,active,,,,",
                    with: "22655425,Roberts,Catrin,MC4002,SEP,2025/26,active,,,,22655425/1.a-b_c", in: .enrolments)
            ],
            .badValue, []),
        RegisterCase(
            "an attendance with three decimals",
            [
                .replace(
                    "25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,,",
                    with: "25649144,Hughes,Owain,MC4002,SEP,2025/26,active,,87.555,", in: .enrolments)
            ],
            .badNumber, [Located(.enrolments, 3, .badNumber)]),
        RegisterCase(
            "credits that are not a number",
            [.append("CE9999,Evening class,,continuing-education,ten,3,,,,", to: .courses)],
            .badNumber, [Located(.courses, 5, .badNumber)]),
        RegisterCase(
            "level 9", [.append("CE9999,Evening class,,continuing-education,10,9,,,,", to: .courses)],
            .badNumber, [Located(.courses, 5, .badNumber)]),
        RegisterCase(
            "level 0", [.append("CE9999,Evening class,,continuing-education,10,0,,,,", to: .courses)],
            .badNumber, [Located(.courses, 5, .badNumber)]),
        RegisterCase(
            "a course code with a space",
            [.append("CE 9999,Evening class,,continuing-education,10,3,,,,", to: .courses)],
            .badCode, [Located(.courses, 5, .badCode)]),
        RegisterCase(
            "a deadline that is not a date",
            [.replace("CE3005,SEP,2025/26,001,2025-11-14", with: "CE3005,SEP,2025/26,001,2025-13-01", in: .deadlines)],
            .badDate, [Located(.deadlines, 4, .badDate)]),
        RegisterCase(
            "a register file with a missing column",
            [.replace("course_code,component,title,weight,", with: "course_code,component,title,", in: .components)],
            .missingColumn, [Located(.components, 1, .missingColumn)]),
        RegisterCase(
            "a register file whose CSV breaks",
            [.append("40000001,\"Lloyd,Gwen,MC4002,SEP,2025/26,active,,,,", to: .enrolments)],
            .csvBroken, [Located(.enrolments, 6, .csvBroken)]),
    ]

    /// Problems for the board pack that do not stop the run (SPEC §1.2, §1.4, §1.6).
    static let quality: [RegisterCase] = [
        RegisterCase(
            "continuing education under 10 credits (an error, but not fatal)",
            [.replace("continuing-education,10,3", with: "continuing-education,5,3", in: .courses)],
            .creditsOutsideNorm, [Located(.courses, 3, .creditsOutsideNorm, .error)]),
        RegisterCase(
            "a micro-credential over 60 credits",
            [.replace("micro-credential,20,4", with: "micro-credential,70,4", in: .courses)],
            .creditsOutsideNorm, [Located(.courses, 2, .creditsOutsideNorm, .error)]),
        RegisterCase(
            "a micro-credential under 20 credits (a warning: normally not less than 20)",
            [.replace("micro-credential,20,4", with: "micro-credential,15,4", in: .courses)],
            .creditsOutsideNorm, [Located(.courses, 2, .creditsOutsideNorm, .warning)]),
        RegisterCase(
            "an attendance course with credits",
            [.replace("attendance,0,3", with: "attendance,10,3", in: .courses)],
            .creditsOutsideNorm, [Located(.courses, 4, .creditsOutsideNorm, .error)]),
        RegisterCase(
            "a professional certificate under 40 credits",
            [.append("PC7001,Prescribing,,professional,30,7,,,Nursing and Midwifery Council,Dr C", to: .courses)],
            .creditsOutsideNorm, [Located(.courses, 5, .creditsOutsideNorm, .error)]),
        RegisterCase(
            "a professional certificate without a professional body",
            [.append("PC7001,Prescribing,,professional,40,7,,,,Dr C", to: .courses)],
            .noProfessionalBody, [Located(.courses, 5, .noProfessionalBody, .error)]),
        RegisterCase(
            "a micro-credential at level 4 without an external examiner",
            [.replace(",Dr Ann Examiner", with: ",", in: .courses)],
            .noExternalExaminer, [Located(.courses, 2, .noExternalExaminer, .warning)]),
        RegisterCase(
            "a short course at level 5 without an external examiner",
            [.replace("continuing-education,10,3", with: "continuing-education,10,5", in: .courses)],
            .noExternalExaminer, [Located(.courses, 3, .noExternalExaminer, .warning)]),
        RegisterCase(
            "a short course at level 4 needs no external examiner",
            [.replace("continuing-education,10,3", with: "continuing-education,10,4", in: .courses)],
            .noExternalExaminer, []),
        RegisterCase(
            "an attendance course at level 6 needs no external examiner",
            [.replace("attendance,0,3", with: "attendance,0,6", in: .courses)],
            .noExternalExaminer, []),
        RegisterCase(
            "a deadline after the year ends",
            [.replace("MC4002,SEP,2025/26,001,2025-11-28", with: "MC4002,SEP,2025/26,001,2026-08-14", in: .deadlines)],
            .deadlineOutsideYear, [Located(.deadlines, 2, .deadlineOutsideYear, .warning)]),
        RegisterCase(
            "a deadline before the year starts",
            [.replace("MC4002,SEP,2025/26,001,2025-11-28", with: "MC4002,SEP,2025/26,001,2025-07-31", in: .deadlines)],
            .deadlineOutsideYear, [Located(.deadlines, 2, .deadlineOutsideYear, .warning)]),
        RegisterCase(
            "a deadline on the last board",
            [.replace("28/11/2025", with: "23/07/2026", in: .deadlines)],
            .deadlineAfterLastBoard, [Located(.deadlines, 3, .deadlineAfterLastBoard, .warning)]),
        RegisterCase(
            "a deadline the day before the last board is fine",
            [.replace("28/11/2025", with: "2026-07-22", in: .deadlines)],
            .deadlineAfterLastBoard, []),
        RegisterCase(
            "attendance not recorded",
            [.replace("AT0001,SEP,2025/26,active,,85,", with: "AT0001,SEP,2025/26,active,,,", in: .enrolments)],
            .attendanceNotRecorded, [Located(.enrolments, 5, .attendanceNotRecorded, .warning)]),
        RegisterCase(
            "components listed for an attendance course",
            [.append("AT0001,001,Quiz,100,", to: .components)],
            .componentsOnAttendanceCourse, [Located(.components, 5, .componentsOnAttendanceCourse, .warning)]),
        RegisterCase(
            "a column the register does not define",
            [
                .replace("qualifying_mark\n", with: "qualifying_mark,notes\n", in: .components),
                .replace("Data project,60,", with: "Data project,60,,x", in: .components),
                .replace("Online quiz,40,", with: "Online quiz,40,,", in: .components),
                .replace("Oral assessment,100,", with: "Oral assessment,100,,", in: .components),
            ],
            .unknownColumn, [Located(.components, 1, .unknownColumn, .note)]),
    ]
}

@Suite("Register loading")
struct RegisterLoadTests {
    @Test("the fixture register loads with no finding at all")
    func cleanFixture() throws {
        try withTemporaryFolder { folder in
            let (config, load) = try RegisterFixture().load(in: folder)
            #expect(load.fatal.isEmpty)
            #expect(load.quality.isEmpty)
            #expect(load.register.courses.count == 3)
            #expect(load.register.components[Code("MC4002")!]?.map(\.weight) == [60, 40])
            #expect(load.register.enrolments.count == 4)
            let key = Register.DeadlineKey(
                course: Code("MC4002")!, occurrence: Code("SEP")!, academicYear: "2025/26", component: Code("002")!)
            #expect(load.register.deadlines[key] == Day("2025-11-28"), "the UK date form is accepted")
            let shiv = try #require(load.register.enrolments.values.first { $0.key.student == Code("30000001") })
            #expect(shiv.givenNames == "Siobhan \"Shiv\" Anne")
            #expect(shiv.source == SourceLine(file: "enrolments.csv", line: 4))
            #expect(load.inputs.map(\.rows) == [3, 3, 3, 4])
            #expect(load.inputs.map { config.relative($0.path) } == RegisterFile.allCases.map(\.rawValue))
        }
    }

    @Test("a problem that leaves a decision undefined is fatal, at its file and line", arguments: RegisterCase.fatal)
    func fatalProblem(_ input: RegisterCase) throws {
        try withTemporaryFolder { folder in
            let (_, load) = try RegisterFixture().with(input.edits).load(in: folder)
            #expect(load.fatal.filter { $0.code == input.code }.located == input.expected)
            #expect(!load.quality.contains { $0.code == input.code })
            #expect(load.fatal.allSatisfy { $0.severity == .error && !$0.message.description.isEmpty })
        }
    }

    @Test(
        "a problem that leaves decisions defined is reported for the board pack, not fatal",
        arguments: RegisterCase.quality)
    func qualityProblem(_ input: RegisterCase) throws {
        try withTemporaryFolder { folder in
            let (_, load) = try RegisterFixture().with(input.edits).load(in: folder)
            #expect(load.fatal.isEmpty, "fatal: \(load.fatal.located)")
            #expect(load.quality.filter { $0.code == input.code }.located == input.expected)
            #expect(load.quality.count == input.expected.count, "quality: \(load.quality.located)")
        }
    }

    @Test("every fatal problem is reported at once, each at its file and line, in file order")
    func everyProblemAtOnce() throws {
        let fixture = RegisterFixture().with([
            .append("MC4002,Again,,micro-credential,20,4,,,,Dr B", to: .courses),  // 5
            .append("CE9999,Evening class,,evening-class,10,3,,,,", to: .courses),  // 6
            .append("CE9998,Evening class,,continuing-education,10,9,,,,", to: .courses),  // 7
            .replace("MC4002,002,Online quiz,40,", with: "MC4002,002,Online quiz,30,", in: .components),  // 2
            .append("CE3005,001,Again,100,", to: .components),  // 5
            .replace("MC4002,SEP,2025/26,002,28/11/2025\n", with: "", in: .deadlines),
            .append("CE3005,SEP,2025/26,001,2025-11-15", to: .deadlines),  // 4
            .append("40000001,Lloyd,Gwen,XX9999,SEP,2025/26,active,,,,", to: .enrolments),  // 6
            .append("22655425,Roberts,Catrin,MC4002,SEP,2025/26,active,,,,", to: .enrolments),  // 7
            .append("40000002,Price,Huw,CE3005,SEP,2025/26,withdrawn,,,,", to: .enrolments),  // 8
        ])
        try withTemporaryFolder { folder in
            let (_, load) = try fixture.load(in: folder)
            #expect(
                load.fatal.located == [
                    Located(.enrolments, 2, .noDeadline),
                    Located(.enrolments, 6, .unknownCourse),
                    Located(.enrolments, 7, .duplicateKey),
                    Located(.enrolments, 8, .withdrawnWithoutDate),
                    Located(.components, 2, .weightsNot100),
                    Located(.components, 5, .duplicateKey),
                    Located(.courses, 5, .duplicateKey),
                    Located(.courses, 6, .unknownType),
                    Located(.courses, 7, .badNumber),
                    Located(.deadlines, 4, .duplicateKey),
                ])
            let duplicate = try #require(
                load.fatal.first { $0.code == .duplicateKey && $0.file == RegisterFile.courses.rawValue })
            #expect(duplicate.message.description.contains("line 2"), "names the line of the first MC4002")
        }
    }

    @Test("a register file that cannot be read is fatal")
    func missingRegisterFile() throws {
        try withTemporaryFolder { folder in
            let path = try RegisterFixture().write(into: folder)
            try FileManager.default.removeItem(atPath: folder.path + "/register/deadlines.csv")
            let load = RegisterLoad.load(try BoardConfig.load(from: path))
            #expect(load.fatal.contains { $0.code == .fileUnreadable && $0.file == RegisterFile.deadlines.rawValue })
        }
    }

    @Test("the real SampleData register loads with no fatal finding")
    func sampleData() throws {
        let config = try BoardConfig.load(from: sampleDataFolder + "/board.toml")
        let load = RegisterLoad.load(config)
        #expect(load.fatal.isEmpty, "fatal: \(load.fatal.map(\.compilerStyle))")
        #expect(load.register.courses.count == 13)
        #expect(load.register.enrolments.count == 182)
        // The two known quality warnings of SampleData/README.md: no external examiner at level 5 and 6.
        #expect(
            Set(load.quality.filter { $0.code == .noExternalExaminer }.map(\.course)) == ["CE5015", "MC6020"])
    }
}
