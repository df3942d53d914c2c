import ArgumentParser
import Foundation
import Generator

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic institution for demos, training and benchmarks.",
        discussion: """
            Writes board.toml, the register, deadlines, enrolments and the mark sheets of two academic \
            years (2025/26 and 2026/27, four boards each) into --out: courses of all four types, about \
            five mark rows per enrolment, students who pass, resit, defer, submit late, withdraw or never \
            submit, marks sent a board late, and a small share of rows with the mistakes board check \
            catches. The same --enrolments and --seed always give byte-identical files.

            Exit status: 0 written; 64 usage; 73 a file could not be written.
            """)

    @Option(help: ArgumentHelp("Enrolments in each of the two academic years.", valueName: "N"))
    var enrolments: Int

    @Option(help: ArgumentHelp("The seed of the random choices: the same seed gives the same files.", valueName: "S"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("The folder to write into (created if missing).", valueName: "DIR"))
    var out: String

    func validate() throws {
        guard enrolments >= 1 else {
            throw ValidationError("--enrolments must be at least 1, e.g. --enrolments 300")
        }
    }

    func run() throws {
        let summary: InstitutionGenerator.Summary
        do {
            summary = try InstitutionGenerator.generate(enrolments: enrolments, seed: seed, into: out)
        } catch {
            printError("board: \(error)")
            throw ExitStatus.cannotWrite.exitCode
        }
        print(
            "Wrote \(out): \(summary.courses) courses, \(summary.enrolments) enrolments, \(summary.markRows) mark rows in \(summary.sheets) sheets, \(summary.bytes) bytes"
        )
        let planted = InstitutionGenerator.Mistake.allCases.map { "\(summary.mistakes[$0] ?? 0) \($0.rawValue)" }
        print("Planted mistakes: \(planted.joined(separator: ", "))")
        print("Try: board run --config \(out)/board.toml --board \(InstitutionGenerator.years[0].boards.last!)")
    }
}
