import Credentials
import Foundation
import Input
import Regulations
import Testing

@testable import Outputs

/// The results `board credentials` issues, read from a board's decisions as `transcripts.csv` and
/// `certificates.csv` read them.
@Suite struct CredentialsToIssueTests {
    @Test func sampleDataIssuesWhatItsTranscriptsAndCertificatesList() throws {
        let run = try sampleRun("2026-06-18")
        let toIssue = CredentialsToIssue(run)
        let transcripts = run.replay.enrolments.filter {
            Eligibility.of($0.decision.outcome, course: $0.course).transcript
        }
        #expect(toIssue.results.count == transcripts.count)
        #expect(
            toIssue.results.map(\.fileStem)
                == transcripts.map {
                    "\($0.enrolment.sprCode.replacingOccurrences(of: "/", with: "-"))-\($0.course.code)"
                })
        for (result, decided) in zip(toIssue.results, transcripts) {
            #expect(result.boardDate.description == decided.decision.board.description)
            #expect(result.learner.language.rawValue == decided.enrolment.language.rawValue)
            #expect(result.agreedMark == decided.decision.agreedMark)
            #expect(result.grade == decided.decision.outcome.grade?.rawValue)
        }
        #expect(toIssue.withheld.isEmpty)
    }

    @Test func coursesCarryTheirPassMarkComponentsAndOutcomes() throws {
        let toIssue = CredentialsToIssue(try sampleRun("2026-06-18"))
        let poetry = try #require(toIssue.results.first { $0.course.code == "CE4010" }).course
        #expect(poetry.learningOutcomes.map(\.english).count == 3)
        #expect(poetry.learningOutcomes.first?.english == "Produce a portfolio of original poetry, prose or both")
        #expect(poetry.passMark == 40)
        #expect(!poetry.components.isEmpty)
        let research = try #require(toIssue.results.first { $0.course.code == "MC7001" }).course
        #expect(research.passMark == 50, "levels 7 and 8 pass at 50 unless the course says otherwise")
        let attendance = try #require(toIssue.results.first { $0.outcome == .attended })
        #expect(attendance.course.passMark == nil)
        #expect(attendance.certificate == .attendance)
        #expect(attendance.attendancePercent != nil)
    }

    @Test func theIssuerIsTheInstitutionOfBoardToml() throws {
        let issuer = CredentialsToIssue(try sampleRun("2025-12-11")).issuer
        #expect(issuer.name == "Wrexham University")
        #expect(issuer.nameWelsh == "Prifysgol Wrecsam")
        #expect(issuer.code == "WREX")
        #expect(issuer.country == "Wales, United Kingdom")
        #expect(issuer.countryWelsh == "Cymru, y Deyrnas Unedig")
        #expect(issuer.countryCode == "GB")
        #expect(issuer.id == nil, "without [credentials] issuer_id, the signing key's did:key")
    }

    @Test(arguments: [
        ("a; b;c", ["a", "b", "c"]), ("", []), (" one outcome ", ["one outcome"]), ("a;;b", ["a", "b"]),
    ])
    func learningOutcomesAreSeparatedBySemicolons(_ text: String, _ outcomes: [String]) {
        #expect(CredentialsToIssue.learningOutcomes(text) == outcomes)
    }

    @Test func attendanceIsPrintedAsRecorded() {
        #expect("\(CredentialsToIssue.attendance(Percent("87.5")))" == "87.5")
        #expect("\(CredentialsToIssue.attendance(Percent("90")))" == "90")
        #expect("\(CredentialsToIssue.attendance(nil))" == "0")
    }
}
