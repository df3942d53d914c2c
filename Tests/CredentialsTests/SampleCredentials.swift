import Foundation
import Testing

@testable import Credentials

/// Writes a folder of sample credentials for `Tests/render-credentials.sh` to print and a person to
/// look at: one of each kind, and a certificate filled to the limits of what a register holds.
/// Runs only when `CREDENTIALS_SAMPLES_OUT` names the folder.
@Suite(.enabled(if: samplesFolder != nil, "set CREDENTIALS_SAMPLES_OUT to write sample credentials"))
struct SampleCredentials {
    /// A certificate whose texts run long: a long Welsh-first name and title, and `outcomes` long
    /// learning outcomes (five still fit the usual type; seven need the dense one).
    static func fullCertificate(_ studentID: String, outcomes: Int) -> ConfirmedResult {
        let outcome =
            "Critically evaluate the evidence base for interventions in a community setting, and justify a plan of action to colleagues and stakeholders in writing"
        let outcomeWelsh =
            "Gwerthuso’n feirniadol y sylfaen dystiolaeth ar gyfer ymyriadau mewn lleoliad cymunedol, a chyfiawnhau cynllun gweithredu i gydweithwyr a rhanddeiliaid yn ysgrifenedig"
        var course = Fixtures.leadership
        course.code = "CE5999"
        course.title = "Leading Sustainable Community Regeneration Projects in Rural and Post-Industrial Wales"
        course.titleWelsh = "Arwain Prosiectau Adfywio Cymunedol Cynaliadwy yng Nghymru Wledig ac Ôl-ddiwydiannol"
        course.credits = 60
        course.components = [
            Component(code: "001", title: "Reflective portfolio", titleWelsh: "Portffolio myfyriol", weight: 40),
            Component(code: "002", title: "Project proposal", titleWelsh: "Cynnig prosiect", weight: 30),
            Component(
                code: "003", title: "Presentation to stakeholders", titleWelsh: "Cyflwyniad i randdeiliaid", weight: 30),
        ]
        course.learningOutcomes = Array(
            repeating: LearningOutcome(english: outcome, welsh: outcomeWelsh), count: outcomes)
        course.externalExaminer = "Professor Gwenllïan Ŵyn ap Gruffydd-Llewelyn"
        let learner = Fixtures.learner(
            studentID, family: "ap Gruffydd-Llewelyn O'Brien", given: "Angharad Siân Ŵyneth Ffion", language: .welsh)
        return Fixtures.result(learner, course, .passAfterResit, mark: 40, certificate: .continuingEducation)
    }

    @Test func writeSamples() async throws {
        let folder = try #require(samplesFolder)
        let results =
            Fixtures.Kind.allCases.map(\.result) + [
                Self.fullCertificate("01234567", outcomes: 5), Self.fullCertificate("01234568", outcomes: 7),
            ]
        try Fixtures.write(try await Fixtures.issuance().files(for: results), into: folder)
    }
}

private let samplesFolder = ProcessInfo.processInfo.environment["CREDENTIALS_SAMPLES_OUT"]
