import Foundation
import Testing

/// `board generate`, run as a user runs it: the real binary, into temporary folders.
@Suite("board generate, end to end")
struct GenerateCommandTests {
    /// Every file under `folder`, by relative path, with its bytes.
    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("board-generate-\(UUID().uuidString)")
    }

    static func generate(enrolments: Int, seed: Int, into folder: URL) throws -> Run {
        try BoardBinary.run(
            ["generate", "--enrolments", "\(enrolments)", "--seed", "\(seed)", "--out", folder.path],
            in: FileManager.default.temporaryDirectory)
    }

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws {
        let first = Self.temporaryFolder()
        let second = Self.temporaryFolder()
        let third = Self.temporaryFolder()
        defer { [first, second, third].forEach { try? FileManager.default.removeItem(at: $0) } }
        let runs = try [(first, 7), (second, 7), (third, 8)].map {
            try Self.generate(enrolments: 300, seed: $0.1, into: $0.0)
        }
        for run in runs { #expect(run.status == 0, "\(run)") }
        let a = try Self.files(in: first)
        let b = try Self.files(in: second)
        let c = try Self.files(in: third)
        #expect(a.count > 10)
        #expect(a == b, "the same seed must give byte-identical files")
        #expect(a != c, "another seed must give other files")
        #expect(a["/board.toml"] != nil && a["/enrolments.csv"] != nil && a["/register/courses.csv"] != nil)
    }

    @Test func theInstitutionLoadsAndEveryBoardReconciles() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.generate(enrolments: 300, seed: 3, into: folder).status == 0)
        let courses = try String(contentsOf: folder.appendingPathComponent("register/courses.csv"), encoding: .utf8)
        for type in ["micro-credential", "continuing-education", "professional", "attendance"] {
            #expect(courses.contains(",\(type),"), "no \(type) course in the register")
        }
        for board in ["2026-07-23", "2027-07-22"] {
            let run = try BoardBinary.run(["run", "--board", board], in: folder)
            // The planted mistakes are rejected, so the run is complete but exits 1.
            #expect(run.status == 1, "\(run)")
            #expect(run.stdout.contains("(reconciled)"), "\(run)")
            #expect(run.stdout.contains("PASS") && run.stdout.contains("PASS_RESIT"), "\(run)")
        }
    }

    @Test func boardCheckFindsThePlantedMistakes() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try Self.generate(enrolments: 300, seed: 5, into: folder).status == 0)
        let sheets = try Self.files(in: folder.appendingPathComponent("marks")).keys.filter {
            $0.hasPrefix("/2025-") || $0.hasPrefix("/2026-0")
        }
        .map { "marks" + $0 }.sorted()
        let run = try BoardBinary.run(["check"] + sheets, in: folder)
        #expect(run.status == 1, "\(run)")
        for message in [
            "is not a whole number", "is not enrolled on", "is not a date", "conflicting rows", "duplicate of",
            "on or after the board", "is not the year of this board",
        ] {
            #expect(run.stdout.contains(message), "board check did not report \"\(message)\"\n\(run)")
        }
    }
}
