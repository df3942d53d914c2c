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
            #expect(result.enrolment.key == decided.enrolment.key)
            #expect(result.decision.board == decided.decision.board)
            #expect(result.decision.outcome == decided.decision.outcome)
            let certificate = Eligibility.of(decided.decision.outcome, course: decided.course).certificate
            #expect(result.certificate == (certificate == .withheld ? nil : certificate))
        }
        #expect(toIssue.withheld.isEmpty)
    }

    @Test func resultsCarryThePassMarkThatAppliedAndTheComponents() throws {
        let toIssue = CredentialsToIssue(try sampleRun("2026-06-18"))
        let poetry = try #require(toIssue.results.first { $0.course.code.description == "CE4010" })
        #expect(poetry.passMark == 40)
        #expect(!poetry.components.isEmpty)
        let research = try #require(toIssue.results.first { $0.course.code.description == "MC7001" })
        #expect(research.passMark == 50, "levels 7 and 8 pass at 50 unless the course says otherwise")
        let attendance = try #require(toIssue.results.first { $0.decision.outcome == .attended })
        #expect(attendance.passMark == nil)
        #expect(attendance.components.isEmpty)
        #expect(attendance.certificate == .attendance)
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
}
