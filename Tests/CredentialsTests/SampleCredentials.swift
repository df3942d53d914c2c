import Foundation
import Regulations
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
        let course = Course(
            code: Code("CE5999")!,
            title: "Leading Sustainable Community Regeneration Projects in Rural and Post-Industrial Wales",
            titleWelsh: "Arwain Prosiectau Adfywio Cymunedol Cynaliadwy yng Nghymru Wledig ac Ôl-ddiwydiannol",
            type: .continuingEducation, credits: 60, level: 5, passMark: 40,
            externalExaminer: "Professor Gwenllïan Ŵyn ap Gruffydd-Llewelyn",
            learningOutcomes: Array(repeating: outcome, count: outcomes).joined(separator: "; "))
        let components = [
            ("Reflective portfolio", 40), ("Project proposal", 30), ("Presentation to stakeholders", 30),
        ].enumerated().map {
            Component(
                course: course.code, code: Code("00\($0.offset + 1)")!, title: $0.element.0, weight: $0.element.1)
        }
        let learner = Fixtures.learner(
            studentID, family: "ap Gruffydd-Llewelyn O'Brien", given: "Angharad Siân Ŵyneth Ffion", language: .welsh)
        return Fixtures.result(
            learner, course, .passResit, mark: 40, certificate: .continuingEducation, components: components)
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
