import Foundation
import Regulations
import Testing

@testable import Credentials

/// Issuing: the same results and key give the same bytes, ids do not drift between versions, and a
/// result that contradicts its certificate is refused.
@Suite struct IssueTests {
    @Test func sameInputsSameBytes() async throws {
        let results = Fixtures.Kind.allCases.map(\.result)
        let first = try await Fixtures.issuance().files(for: results)
        let second = try await Fixtures.issuance().files(for: results)
        #expect(first == second)
        #expect(first.last?.name == "issuer.json")
    }

    /// The ids are derived, and must stay the same in every later version of the tool: a re-issued
    /// credential replaces the earlier one only if its id is the same.
    @Test func idsAreStable() async throws {
        let credential = try await Fixtures.issuance().credential(for: Fixtures.Kind.professionalCertificate.result)
        #expect(credential.id == "urn:uuid:19ca212b-848f-5606-8b39-72c9544aca27")
        #expect(credential.credentialSubject.id == "urn:uuid:b5b51ff0-8f92-5a19-a729-95cd1dff80b2")
    }

    @Test func idsDifferByBoard() async throws {
        var result = Fixtures.Kind.microCredentialPass.result
        let issuance = try await Fixtures.issuance()
        let first = try issuance.credential(for: result)
        result.decision.board = Day("2026-06-18")!
        let second = try issuance.credential(for: result)
        #expect(first.id != second.id)
        #expect(first.credentialSubject.id == second.credentialSubject.id)
    }

    /// RFC 9562's name-based UUIDs, checked against Python's uuid.uuid5(NAMESPACE_DNS, "python.org").
    @Test func nameBasedUUIDs() {
        let dns = UUID(uuidString: "6BA7B810-9DAD-11D1-80B4-00C04FD430C8")!
        #expect(nameBasedUUID(namespace: dns, name: "python.org").uuidString == "886313E1-3B8A-5372-9B90-0C9AEE199E5D")
    }

    @Test func anotherKeySignsDifferently() async throws {
        let result = Fixtures.Kind.microCredentialPass.result
        let first = try await Fixtures.issuance().files(for: result)
        let second = try await Fixtures.issuance(key: Fixtures.key("another key")).files(for: result)
        #expect(Fixtures.text(first, ".jwt") != Fixtures.text(second, ".jwt"))
    }

    struct Contradiction: CustomTestStringConvertible, Sendable {
        let name: String
        let result: ConfirmedResult
        let expected: IssueError
        var testDescription: String { name }
    }

    static let contradictions: [Contradiction] = {
        let learner = Fixtures.learner("00999999", family: "Morgan", given: "Eleri")
        let fail = Fixtures.result(learner, Fixtures.leadership, .fail, mark: 20, certificate: .continuingEducation)
        let micro = Fixtures.result(learner, Fixtures.dataSkills, .pass, mark: 70, certificate: .continuingEducation)
        let wrongType = Fixtures.result(learner, Fixtures.leadership, .pass, mark: 70, certificate: .professional)
        let refer = Fixtures.result(learner, Fixtures.leadership, .refer, mark: 30)
        let withheld = Fixtures.result(learner, Fixtures.leadership, .pass, mark: 70, certificate: .withheld)
        return [
            Contradiction(name: "certificate for a fail", result: fail, expected: .certificateWithoutPass(fail)),
            Contradiction(
                name: "certificate for a micro-credential", result: micro,
                expected: .certificateForMicroCredential(micro)),
            Contradiction(
                name: "professional certificate for continuing education", result: wrongType,
                expected: .certificateForType(wrongType)),
            Contradiction(name: "a REFER, which earns no transcript", result: refer, expected: .noTranscript(refer)),
            Contradiction(
                name: "a withheld certificate", result: withheld, expected: .certificateWithheld(withheld)),
        ]
    }()

    @Test(arguments: contradictions)
    func contradictionIsRefused(_ contradiction: Contradiction) async throws {
        let issuance = try await Fixtures.issuance()
        await #expect(throws: contradiction.expected) { try await issuance.files(for: contradiction.result) }
    }

    @Test func oneEnrolmentIsIssuedOnce() async throws {
        let result = Fixtures.Kind.microCredentialPass.result
        let issuance = try await Fixtures.issuance()
        await #expect(throws: IssueError.sameFile(result.fileStem + "-JAN")) {
            try await issuance.files(for: [result, result])
        }
    }

    @Test("a course taken in two occurrences of a year names each result's files by its occurrence")
    func twoOccurrencesOfOneCourse() async throws {
        let january = Fixtures.Kind.microCredentialPass.result
        var september = january
        september.enrolment.key = EnrolmentKey(
            student: january.enrolment.key.student, course: january.enrolment.key.course, occurrence: Code("SEP")!,
            academicYear: january.enrolment.key.academicYear)
        let issuance = try await Fixtures.issuance()
        let names = try await issuance.files(for: [january, september]).map(\.name)
        #expect(names.contains(january.fileStem + "-JAN.jwt"))
        #expect(names.contains(january.fileStem + "-SEP.jwt"))
        #expect(!names.contains(january.fileStem + ".jwt"))
    }

    @Test func sprCodesBecomeFileNames() {
        #expect(Fixtures.Kind.microCredentialPass.result.fileStem == "00123458-1-MC4002")
    }

    @Test(arguments: [
        ("a; b;c", ["a", "b", "c"]), ("", []), (" one outcome ", ["one outcome"]), ("a;;b", ["a", "b"]),
    ])
    func learningOutcomesAreSeparatedBySemicolons(_ text: String, _ outcomes: [String]) {
        let course = Course(
            code: Code("CE0001")!, title: "Outcomes", type: .continuingEducation, credits: 10, level: 4,
            learningOutcomes: text)
        #expect(course.learningOutcomeList == outcomes)
    }

    /// Attendance is printed as recorded, decimals included; none recorded counts as 0, as the rule counts it.
    @Test(arguments: [("87.5", "87.5"), ("90", "90"), (nil, "0")] as [(String?, String)])
    func attendanceIsPrintedAsRecorded(_ recorded: String?, _ printed: String) {
        let learner = Fixtures.learner("00999998", family: "Lloyd", given: "Non")
        let result = Fixtures.result(
            learner, Fixtures.firstAid, .attended, certificate: .attendance, attendance: recorded.flatMap(Percent.init))
        #expect(result.attendance.map { "\($0)" } == printed)
    }
}
