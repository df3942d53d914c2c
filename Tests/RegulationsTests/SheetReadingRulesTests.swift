import Testing

@testable import Regulations

/// The rules of SPEC §1.7 and §1.8 that belong to the core: component codes Excel shortened, blank rows,
/// names checked against the enrolment, quoted values cut short, the sits a template names.
@Suite("Reading sheets as teams make them: the core's part (SPEC §1.7, §1.8, §6)")
struct SheetReadingRulesTests {
    @Test(arguments: RowRules.ComponentCodePadded.examples)
    func componentCodePadded(_ example: RowRules.ComponentCodePadded.Example) throws {
        let written = try #require(Code(example.written))
        let restored = RowRules.ComponentCodePadded.restored(
            written, of: WorkedExample.course, in: WorkedExample.register())
        #expect(restored?.description == example.readAs)
    }

    @Test("a padded component is read as its code before the row rules, with a warning, in check and run alike")
    func paddedComponentIsScreenedAsItsCode() {
        var row = WorkedExample.row
        row.component = Code("1")!
        let screening = Screening.screen([row], at: WorkedExample.presentation)
        #expect(screening.counted.map(\.component) == [Code("001")!])
        #expect(screening.findings.map(\.code) == [.componentCodePadded])
        #expect(screening.findings.first?.severity == .warning)
        #expect(screening.findings.first?.component == "1")
    }

    @Test("a component code that could stand for two components is not guessed")
    func ambiguousPaddingIsNotRead() {
        var register = WorkedExample.register()
        register.components[WorkedExample.course]!.append(
            Component(course: WorkedExample.course, code: Code("01")!, title: "Quiz", weight: 0))
        #expect(RowRules.ComponentCodePadded.restored(Code("1")!, of: WorkedExample.course, in: register) == nil)
    }

    @Test(
        "a row whose mark, flag and submitted_on are blank is a blank row, whatever else it holds",
        arguments: [
            [MarkRow.Column.mark: "", .flag: "", .submittedOn: ""], [.mark: "-", .flag: "", .submittedOn: ""],
            [.mark: "", .flag: "", .submittedOn: "", .studentID: "not a code", .attempt: "9"],
        ])
    func blankRows(_ changes: [MarkRow.Column: String]) {
        guard case .blank = SheetRow().with(changes).parsed() else {
            Issue.record("not blank")
            return
        }
    }

    @Test("a row with only a date, or only a flag, is not blank", arguments: [MarkRow.Column.submittedOn, .flag])
    func notBlank(_ kept: MarkRow.Column) {
        var changes: [MarkRow.Column: String] = [.mark: "", .flag: "", .submittedOn: ""]
        changes[kept] = kept == .flag ? "NS" : "2025-11-20"
        if case .blank = SheetRow().with(changes).parsed() { Issue.record("taken for blank") }
    }

    @Test("the names on a row are kept for the NAME_MISMATCH check")
    func namesAreKept() throws {
        let row = try SheetRow().with([.familyName: "Roberts", .givenNames: "Catrin"]).parse().get()
        #expect(row.familyName == "Roberts" && row.givenNames == "Catrin")
    }

    @Test("a quoted value is cut at 40 characters, then … and its length in bytes")
    func quotedValuesAreCut() {
        let long = String(repeating: "ŵ", count: 1_000_000)
        let message = Message.notAMark(Quoted(long))
        #expect(message.description.count < 200)
        #expect(message.description.contains("\"" + String(repeating: "ŵ", count: 40) + "…\" (2000000 bytes)"))
        #expect(
            Message.notAMark(Quoted(String(repeating: "7", count: 40))).description.contains(
                "\"" + String(repeating: "7", count: 40) + "\" is"))
        let finding = Finding(
            message, at: SourceLine(file: "a.csv", line: 2), student: long, course: long, component: long)
        #expect(
            finding.student.utf8.count < 120 && finding.course.utf8.count < 120 && finding.component.utf8.count < 120)
    }

    @Test(
        "a template names the sits owed: at the first board every first sit past its deadline; later, as the replay leaves them"
    )
    func sitsOwed() throws {
        let year = WorkedExample.year
        let register = WorkedExample.register()
        let first = Replay.sitsOwed(
            at: year.boards[0], year: year, register: register, policy: WorkedExample.policy, sheets: [], presented: [:]
        )
        #expect(first.map(\.course.code) == [WorkedExample.course])
        #expect(
            first[0].sits.map { "\($0.component.code) \($0.attempt) \($0.due)" } == [
                "001 1 2025-11-28", "002 1 2025-11-28",
            ])
        // Referred on 001 at the first board (30 and 45, M = 36): the resit is owed to the second.
        var rows = [WorkedExample.row, WorkedExample.row]
        rows[0].entry = .mark(30)
        rows[1].component = Code("002")!
        rows[1].entry = .mark(45)
        rows[1].line = 3
        let second = Replay.sitsOwed(
            at: year.boards[1], year: year, register: register, policy: WorkedExample.policy,
            sheets: [WorkedExample.sheet], presented: [year.boards[0]: rows])
        #expect(second.first?.sits.map { "\($0.component.code) \($0.attempt) \($0.due)" } == ["001 2 2026-02-18"])
        // Passed at the first board: nothing owed.
        rows[0].entry = .mark(70)
        let none = Replay.sitsOwed(
            at: year.boards[1], year: year, register: register, policy: WorkedExample.policy,
            sheets: [WorkedExample.sheet], presented: [year.boards[0]: rows])
        #expect(none.isEmpty)
    }
}
