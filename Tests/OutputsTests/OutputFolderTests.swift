import Foundation
import Input
import Testing

@testable import Outputs

// A run's files appear complete or not at all: written into a temporary folder beside the target, each
// synced, and the folder renamed into place; a previous folder is kept until the new one is in place.

@Suite struct OutputFolderTests {
    private func contents(_ path: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.subpathsOfDirectory(atPath: path) {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isFolder)
            if !isFolder.boolValue {
                files[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
            }
        }
        return files
    }

    private func permissions(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    /// Bytes that differ from one megabyte to the next, so that a piece written twice or skipped shows.
    private func pattern(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 20) }
    }

    @Test(arguments: [0, 1, 65_537, (1 << 24) + 12_345])
    func everyFileHoldsEveryByteAndItsDigest(size: Int) throws {
        try withTemporaryFolder { folder in
            let bytes = pattern(size)
            let target = folder + "/2025-26/2026-07-23"
            var digests: [String] = []
            try OutputFolder.write(to: target) { files in
                digests.append(try files.write("large.csv", bytes))
                digests.append(try files.write("sits/text.csv", text: "Siân,ŵ\n"))
            }
            #expect(try contents(target) == ["large.csv": bytes, "sits/text.csv": Array("Siân,ŵ\n".utf8)])
            #expect(digests == [sha256(of: bytes), sha256(of: Array("Siân,ŵ\n".utf8))])
            #expect(try permissions(target + "/large.csv") == 0o640)
            #expect(try permissions(target + "/sits") == 0o750)
            #expect(try permissions(target) == 0o750)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/2025-26") == ["2026-07-23"])
        }
    }

    @Test func aNewFolderReplacesThePreviousOneWhole() throws {
        try withTemporaryFolder { folder in
            let target = folder + "/2026-07-23"
            try OutputFolder.write(to: target) { files in
                try files.write("old.csv", Array("old\n".utf8))
                try files.write("kept.csv", Array("1\n".utf8))
            }
            try OutputFolder.write(to: target) { files in try files.write("kept.csv", Array("2\n".utf8)) }
            #expect(try contents(target) == ["kept.csv": Array("2\n".utf8)])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["2026-07-23"])
        }
    }

    /// A failure part-way leaves the previous folder as it was, and nothing partial beside it.
    @Test func aFailureLeavesThePreviousFolderAndNothingPartial() throws {
        struct Stop: Error {}
        try withTemporaryFolder { folder in
            let target = folder + "/2026-07-23"
            try OutputFolder.write(to: target) { files in try files.write("decisions.csv", Array("1\n".utf8)) }
            #expect(throws: OutputError.self) {
                try OutputFolder.write(to: target) { files in
                    try files.write("decisions.csv", Array("2\n".utf8))
                    throw Stop()
                }
            }
            #expect(throws: OutputError.self) {
                try OutputFolder.write(to: target) { files in
                    try files.write("decisions.csv", Array("2\n".utf8))
                    try files.write("decisions.csv", Array("3\n".utf8))
                }
            }
            #expect(try contents(target) == ["decisions.csv": Array("1\n".utf8)])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["2026-07-23"])
        }
    }

    /// A run killed mid-write leaves its temporary folder, and one killed between the two renames leaves
    /// the previous folder aside: the next run tidies both, restoring the previous folder if the target
    /// is missing, so a crash never loses the last complete folder.
    @Test(arguments: [false, true])
    func leftoversOfAKilledRunAreTidied(targetMissing: Bool) throws {
        try withTemporaryFolder { folder in
            let target = folder + "/2026-07-23"
            try write("partial\n", to: ".2026-07-23.partial-99999/decisions.csv", in: folder)
            try write("previous\n", to: ".2026-07-23.previous-99999/decisions.csv", in: folder)
            if !targetMissing { try write("current\n", to: "2026-07-23/decisions.csv", in: folder) }
            var seen: [String: [UInt8]] = [:]
            try OutputFolder.write(to: target) { _ in seen = try contents(target) }
            #expect(seen == ["decisions.csv": Array((targetMissing ? "previous\n" : "current\n").utf8)])
            #expect(try contents(target).isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["2026-07-23"])
        }
    }

    @Test func aTargetWhoseFolderCannotBeMadeIsAnOutputError() throws {
        try withTemporaryFolder { folder in
            try write("a file, not a folder\n", to: "Reports", in: folder)
            let error = try #require(throws: OutputError.self) {
                try OutputFolder.write(to: folder + "/Reports/2025-26/2026-07-23") { _ in }
            }
            #expect(error.path == folder + "/Reports/2025-26")
        }
    }
}

/// The files of a run, built in memory or written to a folder: the same bytes, the manifest last with
/// the digest of every other file, the pack's course pages included.
@Suite struct RunFilesTests {
    @Test(arguments: ["2025-12-11", "2026-07-23"])
    func builtOrWrittenTheFilesAreTheSame(board: String) throws {
        let run = try sampleRun(board)
        let built = try RunFiles.build(run, sourceDateEpoch: "1700000000")
        let names = RunFiles.names + BoardPack(run).coursePageNames
        #expect(names.contains("courses/MC4002.html"))
        #expect(built.map(\.name) == names + ["manifest.json"])
        try withTemporaryFolder { folder in
            try RunFiles.write(run, to: folder + "/out", sourceDateEpoch: "1700000000")
            for file in built {
                let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/" + file.name))
                // Compared here, not inside #expect: a failure would print both files.
                let same = [UInt8](written) == file.bytes
                #expect(same, "\(file.name)")
            }
        }
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(built.last!.bytes)) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [[String: String]])
        #expect(outputs.map { $0["path"] } == names)
        for (output, file) in zip(outputs, built) { #expect(output["sha256"] == sha256(of: file.bytes)) }
        #expect(manifest["generated"] as? String == "2023-11-14T22:13:20Z")
        #expect(manifest["board"] as? String == board)
    }

    @Test func withoutASourceDateTheManifestHasNoTimeAndTheBytesRepeat() throws {
        let run = try sampleRun()
        let first = try RunFiles.build(run, sourceDateEpoch: nil)
        let second = try RunFiles.build(try sampleRun(), sourceDateEpoch: nil)
        #expect(first.map(\.bytes) == second.map(\.bytes))
        #expect(!String(decoding: first.last!.bytes, as: UTF8.self).contains("\"generated\""))
        #expect(RunFiles.isoTimestamp("not a number") == nil)
        #expect(RunFiles.isoTimestamp("0") == "1970-01-01T00:00:00Z")
    }
}
