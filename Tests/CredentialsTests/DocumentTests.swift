import Foundation
import Testing

@testable import Credentials

/// The printable certificate and transcript: both languages, the learner's first; every element of the
/// UNIC/ENQA list the data holds; every value escaped; nothing fetched from elsewhere.
@Suite struct DocumentTests {
    static func files(_ kind: Fixtures.Kind) async throws -> [CredentialFile] {
        try await Fixtures.issuance().files(for: kind.result)
    }

    @Test(arguments: Fixtures.Kind.allCases)
    func filesOfEachKind(_ kind: Fixtures.Kind) async throws {
        let stem = kind.result.fileStem
        let names = try await Self.files(kind).map(\.name)
        let certificate = kind.result.certificate == nil ? [] : ["\(stem)-certificate.html"]
        #expect(names == certificate + ["\(stem)-transcript.html", "\(stem).json", "\(stem).jwt"])
        #expect(!stem.contains("/"))
    }

    @Test func welshFirstForAWelshSpeaker() async throws {
        let files = try await Self.files(.certificateOfContinuingEducation)
        for suffix in ["-certificate.html", "-transcript.html"] {
            let html = Fixtures.text(files, suffix)
            let welsh = try #require(html.range(of: "Prifysgol Wrecsam"))
            let english = try #require(html.range(of: "Wrexham University"))
            #expect(welsh.lowerBound < english.lowerBound, "\(suffix)")
            #expect(html.contains("<html lang=\"cy\">"))
        }
        let certificate = Fixtures.text(files, "-certificate.html")
        let welshTitle = try #require(certificate.range(of: "Tystysgrif Addysg Barhaus"))
        let englishTitle = try #require(certificate.range(of: "Certificate of Continuing Education"))
        #expect(welshTitle.lowerBound < englishTitle.lowerBound)
    }

    @Test func englishFirstOtherwise() async throws {
        let html = Fixtures.text(try await Self.files(.professionalCertificate), "-certificate.html")
        let english = try #require(html.range(of: "Professional Certificate"))
        let welsh = try #require(html.range(of: "Tystysgrif Broffesiynol"))
        #expect(english.lowerBound < welsh.lowerBound)
        #expect(html.contains("<html lang=\"en\">"))
    }

    @Test func valuesAreEscaped() async throws {
        let files = try await Self.files(.professionalCertificate)
        for suffix in ["-certificate.html", "-transcript.html"] {
            let html = Fixtures.text(files, suffix)
            #expect(html.contains("Siobhán O&#39;Brien &lt;script&gt;&amp;"), "\(suffix)")
            #expect(!html.contains("<script"), "\(suffix)")
        }
    }

    @Test func welshLettersAreKept() async throws {
        let html = Fixtures.text(try await Self.files(.microCredentialPass), "-transcript.html")
        #expect(html.contains("Dŵr Rhys Prŷs"))
        #expect(html.contains("Dr Siân Ŵyn Prŷs"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
    }

    @Test(arguments: Fixtures.Kind.allCases)
    func selfContained(_ kind: Fixtures.Kind) async throws {
        for file in try await Self.files(kind) where file.name.hasSuffix(".html") {
            let html = String(decoding: file.bytes, as: UTF8.self).lowercased()
            for reference in ["<script", "src=", "href=", "@import", "url(", "<link"] {
                #expect(!html.contains(reference), "\(file.name) holds \(reference)")
            }
        }
    }

    /// The UNIC/ENQA elements a transcript of a passed micro-credential prints, in both languages.
    @Test func transcriptHoldsTheUNICElements() async throws {
        let result = Fixtures.Kind.microCredentialPass.result
        let files = try await Self.files(.microCredentialPass)
        let html = Fixtures.text(files, "-transcript.html")
        let credentialID = try await Fixtures.issuance().credential(for: result).id
        // Learner; title; awarding body and country; date of issue; workload; level; type of
        // assessment; result and grade; learning outcomes; quality assurance; the credential.
        let expected = [
            "Dŵr Rhys Prŷs", "00123458/1",
            "Data Skills for the Workplace", "Sgiliau Data ar gyfer y Gweithle",
            "Wrexham University, United Kingdom (Wales)", "Prifysgol Wrecsam, Y Deyrnas Unedig (Cymru)",
            "19 February 2026", "19 Chwefror 2026",
            "20 credits (10 ECTS)", "20 credyd (10 ECTS)",
            "CQFW/FHEQ level 4; EQF level 5", "lefel 4 FfCChC/FHEQ; lefel 5 EQF",
            "Data analysis portfolio (60 %)", "Presentation (40 %)",
            "Pass", "Pasio", "64 / 100",
            "Clean, summarise and chart a data set", "Explain the limits of a data set",
            "Short Courses and Micro-credentials Procedure", "Dr Siân Ŵyn Prŷs",
            credentialID,
        ]
        for text in expected { #expect(html.contains(text), "missing \(text)") }
    }

    @Test func certificateOfAttendance() async throws {
        let html = Fixtures.text(try await Self.files(.attendance), "-certificate.html")
        for text in ["Tystysgrif Bresenoldeb", "Certificate of Attendance", "wedi mynychu", "has attended", "92 %"] {
            #expect(html.contains(text), "missing \(text)")
        }
    }

    @Test func professionalBodyOnTheCertificate() async throws {
        let html = Fixtures.text(try await Self.files(.professionalCertificate), "-certificate.html")
        #expect(html.contains("Nursing and Midwifery Council"))
        #expect(html.contains("Pass (after resit)") && html.contains("Pasio (ar ôl ailsefyll)"))
    }
}
