import Foundation
import Testing

/// `board-benchmark`, as a developer runs it: the built benchmark beside the `board` binary, on a small
/// generated institution in a temporary folder. Timings are printed, never asserted: only that a run
/// prints every figure, that both builds ran, each pair in both orders, and the difference was
/// reported; and that it explains itself.
@Suite("board-benchmark, end to end")
struct BenchmarkCompareTests {
    static func benchmark() throws -> URL {
        let board = try BoardBinary.require()
        let benchmark = board.deletingLastPathComponent().appendingPathComponent("board-benchmark")
        try #require(
            FileManager.default.isExecutableFile(atPath: benchmark.path),
            "board-benchmark was not built beside \(board.path); build it with swift build")
        return benchmark
    }

    @Test func twoBuildsAreComparedInPairs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("board-compare-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let board = try BoardBinary.require().path
        let run = try BoardBinary.run(
            ["--enrolments", "200", "--data", folder.path, "--compare", board, board, "--pairs", "3"],
            in: FileManager.default.temporaryDirectory, executable: try Self.benchmark())
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("Comparing `board run` for 2026-07-23, 3 pairs"))
        for line in ["  old: wall mean", "  new: wall mean", "  new − old, wall: ", "  new − old, CPU:  "] {
            #expect(run.stdout.contains(line), "no \(line) in \(run.stdout)")
        }
    }

    @Test func aRunPrintsEveryFigureTheTargetsNeed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("board-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BoardBinary.run(
            ["--enrolments", "200", "--data", folder.path], in: FileManager.default.temporaryDirectory,
            executable: try Self.benchmark())
        #expect(run.status == 0, "\(run)")
        for line in [
            "  input: ", "  floor (libcsv alone, counting fields, one core): ", "    load ", "    read ", "    decide ",
            "    write ", "    rows: ", "    outputs: decisions.csv ", "  `board run` binary, end to end: ",
            "  `board check` binary: ", "I/O floor: what SPEC §3 asks of every run besides parsing",
            "  the run's ", "  rows per second:    ", "  peak memory:        ", "  I/O floor:          ",
            "  run / floor:        ", "  board check:        ",
        ] {
            #expect(run.stdout.contains(line), "no \(line) in \(run.stdout)")
        }
        // Nothing of the runs or the I/O floor is left beside the institution.
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!left.contains(".benchmark-reports") && !left.contains(".benchmark-child"), "\(left)")
    }

    @Test(arguments: ["--help", "-h"])
    func helpSaysWhatItMeasuresAndHow(option: String) throws {
        let run = try BoardBinary.run(
            [option], in: FileManager.default.temporaryDirectory, executable: try Self.benchmark())
        #expect(run.status == 0, "\(run)")
        for text in ["usage: board-benchmark", "--compare OLD NEW", "the floor", "swift build -c release"] {
            #expect(run.stdout.contains(text), "no \(text) in \(run.stdout)")
        }
    }

    @Test func anUnknownOptionPointsToHelp() throws {
        let run = try BoardBinary.run(
            ["--enrolment", "20"], in: FileManager.default.temporaryDirectory, executable: try Self.benchmark())
        #expect(run.status == 64)
        #expect(run.stderr.contains("unknown option --enrolment; see board-benchmark --help"))
    }

    @Test func compareNeedsTwoBuilds() throws {
        let run = try BoardBinary.run(
            ["--compare", "/bin/true"], in: FileManager.default.temporaryDirectory, executable: try Self.benchmark())
        #expect(run.status == 64)
        #expect(run.stderr.contains("--compare needs two `board` binaries, OLD NEW"))
    }
}
