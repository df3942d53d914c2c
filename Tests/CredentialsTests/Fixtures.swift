import Crypto
import Foundation
import JWTKit
import Regulations
import Testing

@testable import Credentials

/// Institutions, learners and results the tests issue credentials for.
enum Fixtures {
    static let issuer = Issuer(name: "Wrexham University", nameWelsh: "Prifysgol Wrecsam", code: "WREX")

    /// A key made from a fixed seed, so that tests are repeatable and no private key is committed.
    static func key(_ seed: String = "board credentials test key") -> SigningKey {
        let raw = SHA256.hash(data: Array(seed.utf8))
        return SigningKey(
            privateKey: EdDSA.PrivateKey(backing: try! Curve25519.Signing.PrivateKey(rawRepresentation: raw)))
    }

    static let board = Day("2026-02-19")!

    static let dataSkills = Course(
        code: Code("MC4002")!, title: "Data Skills for the Workplace", titleWelsh: "Sgiliau Data ar gyfer y Gweithle",
        type: .microCredential, credits: 20, level: 4, passMark: 40, externalExaminer: "Dr Siân Ŵyn Prŷs",
        learningOutcomes:
            "Clean, summarise and chart a data set with a spreadsheet.; Explain the limits of a data set to a non-specialist audience."
    )

    static let leadership = Course(
        code: Code("CE3005")!, title: "Leading Community Projects", titleWelsh: "Arwain Prosiectau Cymunedol",
        type: .continuingEducation, credits: 15, level: 5, passMark: 40, externalExaminer: "Prof. Alun ap Rhys",
        learningOutcomes: "Plan and evaluate a community project.")

    static let nursing = Course(
        code: Code("PR6001")!, title: "Advanced Wound Care", titleWelsh: "Gofal Clwyfau Uwch", type: .professional,
        credits: 40, level: 6, passMark: 40, professionalBody: "Nursing and Midwifery Council",
        externalExaminer: "Ms Eira Hughes")

    static let firstAid = Course(
        code: Code("AT1001")!, title: "First Aid at Work", titleWelsh: "Cymorth Cyntaf yn y Gwaith", type: .attendance,
        credits: 0, level: 3)

    /// The components of each course: titles and weights.
    static func components(of course: Course) -> [Component] {
        let assessment: [(title: String, weight: Int)] =
            switch course.code.description {
            case "MC4002": [("Data analysis portfolio", 60), ("Presentation", 40)]
            case "CE3005": [("Project report", 100)]
            case "PR6001": [("Clinical competence assessment", 50), ("Case study", 50)]
            default: []
            }
        return assessment.enumerated().map {
            Component(
                course: course.code, code: Code("00\($0.offset + 1)")!, title: $0.element.title,
                weight: $0.element.weight)
        }
    }

    /// A student, as the enrolments name them.
    struct Student {
        let id: String
        let family: String
        let given: String
        let language: Language
    }

    static func learner(_ id: String, family: String, given: String, language: Language = .english) -> Student {
        Student(id: id, family: family, given: given, language: language)
    }

    static func result(
        _ student: Student, _ course: Course, _ outcome: Outcome, mark: Int? = nil,
        certificate: Eligibility.Certificate? = nil, attendance: Percent? = nil, components: [Component]? = nil
    ) -> ConfirmedResult {
        let enrolment = Enrolment(
            key: EnrolmentKey(
                student: Code(student.id)!, course: course.code, occurrence: Code("JAN")!, academicYear: "2025/26"),
            familyName: student.family, givenNames: student.given, attendance: attendance,
            language: student.language)
        return ConfirmedResult(
            enrolment: enrolment, course: course, components: components ?? Self.components(of: course),
            passMark: course.type == .attendance ? nil : course.passMark,
            decision: Decision(
                outcome, rule: outcome == .attended ? "attendance" : "first-sits-complete", board: board,
                agreedMark: mark),
            certificate: certificate)
    }

    /// One result of each kind the board issues.
    enum Kind: String, CaseIterable, CustomTestStringConvertible {
        case certificateOfContinuingEducation = "certificate of continuing education"
        case professionalCertificate = "professional certificate"
        case microCredentialPass = "transcript of a passed micro-credential"
        case microCredentialFail = "transcript of a fail"
        case attendance = "certificate of attendance"

        var testDescription: String { rawValue }

        var result: ConfirmedResult {
            switch self {
            case .certificateOfContinuingEducation:
                return Fixtures.result(
                    learner("00123456", family: "Jones", given: "Gwen", language: .welsh), leadership, .pass, mark: 58,
                    certificate: .continuingEducation)
            case .professionalCertificate:
                return Fixtures.result(
                    learner("00123457", family: "O'Brien <script>&", given: "Siobhán"), nursing, .passResit,
                    mark: 40,
                    certificate: .professional)
            case .microCredentialPass:
                return Fixtures.result(
                    learner("00123458", family: "Prŷs", given: "Dŵr Rhys"), dataSkills, .pass, mark: 64)
            case .microCredentialFail:
                return Fixtures.result(learner("00123459", family: "Evans", given: "Tom"), dataSkills, .fail, mark: 30)
            case .attendance:
                return Fixtures.result(
                    learner("00123460", family: "Williams", given: "Ffion", language: .welsh), firstAid, .attended,
                    certificate: .attendance, attendance: 92)
            }
        }

        var achievementType: String {
            switch self {
            case .certificateOfContinuingEducation, .professionalCertificate, .attendance: return "Certificate"
            case .microCredentialPass: return "MicroCredential"
            case .microCredentialFail: return "Course"
            }
        }
    }

    static func issuance(key: SigningKey = key(), issuer: Issuer = issuer) async throws -> Issuance {
        try await Issuance(issuer: issuer, key: key)
    }

    /// The file of `files` named `name`, as text.
    static func text(_ files: [CredentialFile], _ suffix: String) -> String {
        String(decoding: files.first { $0.name.hasSuffix(suffix) }!.bytes, as: UTF8.self)
    }

    /// Writes `files` into a new `folder`, as `board credentials` lays them out.
    static func write(_ files: [CredentialFile], into folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in files { try Data(file.bytes).write(to: URL(fileURLWithPath: folder + "/" + file.name)) }
    }

    /// A day long after every fixture's board.
    static let later = Date(timeIntervalSince1970: 1_900_000_000)
}
