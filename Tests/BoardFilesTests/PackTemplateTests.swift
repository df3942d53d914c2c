import Foundation
import Mustache
import Regulations
import Testing

@testable import BoardFiles

// PackTemplate renders the board pack in place of swift-mustache for speed: byte for byte what
// swift-mustache renders, which is the judge here, for every template it takes.

/// SampleData's run at the board of 18 June 2026.
private func samplePack() throws -> BoardPack {
    let config = try BoardConfig.load(from: sampleDataFolder + "/board.toml")
    return BoardPack(BoardRun(config: config, register: RegisterLoad.load(config), board: Day("2026-06-18")!))
}

private func swiftMustache(_ template: String, _ pack: BoardPack) throws -> String {
    try MustacheTemplate(string: template).render(pack)
}

private func packTemplate(_ template: String, _ pack: BoardPack, bytesAhead: Int = 16 << 20) throws -> String {
    var fast = try #require(PackTemplate(template), "PackTemplate should take this template")
    fast.bytesAhead = bytesAhead
    var output = ByteOutput()
    fast.render(pack, into: &output)
    return String(decoding: output.finish(), as: UTF8.self)
}

@Suite struct PackTemplateTests {
    @Test func theBuiltInTemplateRendersAsSwiftMustacheRendersIt() throws {
        let pack = try samplePack()
        #expect(try packTemplate(BoardPack.defaultTemplate, pack) == swiftMustache(BoardPack.defaultTemplate, pack))
    }

    /// Course sections are filled in several at once on every core, then written in order: one at a
    /// time (a byte ahead), a few ahead, and all at once, the bytes are the same.
    @Test(arguments: [1, 2_000, 10_000, 50_000, 100 << 20])
    func courseSectionsFilledInAtOnceAreWrittenInTheirOrder(bytesAhead: Int) throws {
        let pack = try samplePack()
        try #require(pack.courses.count > 5, "the sample should have enough course sections for several batches")
        let expected = try swiftMustache(BoardPack.defaultTemplate, pack)
        #expect(try packTemplate(BoardPack.defaultTemplate, pack, bytesAhead: bytesAhead) == expected)
    }

    @Test func hostileValuesAreEscapedAsSwiftMustacheEscapesThem() throws {
        let (_, run) = try BoardPackSafetyTests.pack()
        let pack = BoardPack(run)
        #expect(try packTemplate(BoardPack.defaultTemplate, pack) == swiftMustache(BoardPack.defaultTemplate, pack))
    }

    /// Standalone lines, blanks, line endings, lookups through enclosing values, each kind of value.
    @Test(arguments: [
        Named("standalone sections", "<ul>\n  {{#courses}}\n  <li>{{code}}</li>\n  {{/courses}}\n</ul>\n"),
        Named("CRLF lines", "a\r\n  {{#courses}}\r\n{{code}}\r\n  {{/courses}}\r\nb"),
        Named("inline sections", "{{#courses}}[{{code}}{{#isMarked}}*{{/isMarked}}]{{/courses}}"),
        Named(
            "inverted", "{{^courses}}none{{/courses}}{{^hasExceptions}}clean{{/hasExceptions}}{{^nothing}}x{{/nothing}}"
        ),
        Named("inverted empty list", "{{#courses}}{{^resits}}({{code}} no resits: {{.}}){{/resits}}{{/courses}}"),
        Named(
            "enclosing values",
            "{{#courses}}{{#decisions}}{{academicYear}} {{code}} {{studentID}};{{/decisions}}{{/courses}}"),
        Named(
            "dotted names",
            "{{reconciliation.read}}/{{reconciliation.sentence}}/{{reconciliation.missing}}/{{#reconciliation}}{{counted}}{{/reconciliation}}"
        ),
        Named(
            "current value only",
            "{{#courses}}{{.code}}|{{.academicYear}}|{{#externalExaminer}}{{.}}{{/externalExaminer}};{{/courses}}"),
        Named(
            "lists of strings",
            "{{#outcomeColumns}}<{{.}}>{{/outcomeColumns}}{{#courses}}{{#registerWarnings}}{{.}}{{/registerWarnings}}{{/courses}}"
        ),
        Named("unescaped", "{{#courses}}{{{title}}}{{&titleWelsh}}{{{ histogramSVG }}}{{/courses}}"),
        Named(
            "values that are not strings",
            "{{totalEnrolments}} {{hasExceptions}} {{reconciliation}} {{outcomeColumns}} {{totals}}"),
        Named("comments", "a {{! inline }} b\n  {{! standalone }}\nc\n{{!\nmultiline\n}}\nd"),
        Named("blanks", "  {{institution}}  \n\t{{#courses}}\t\n{{code}}\n {{/courses}} \n   "),
        Named(
            "open inline, close standalone",
            "a{{#courses}}{{code}}\n{{/courses}}\n{{#hasExceptions}}\nx\n{{/hasExceptions}}\n"),
        Named("spaces and line breaks in tags", "{{ institution }}{{#\ncourses\n}}{{ code}}{{/courses }}"),
        Named("the current value", "{{.}}"),
        Named("single braces", "{ {{institution}} }{{#courses}}{x}{{/courses}}"),
        Named("unicode text", "Bwrdd · ✓ ŵ ŷ – {{boardDateWelsh}}\n"),
        Named(
            "a row's names, and names it lacks, found around it",
            "{{#courses}}{{#certificates}}{{studentID}} {{code}} {{institution}} {{withheld}} {{nothing}} {{.name}} {{.code}}|{{/certificates}}{{#decisions}}{{outcome}}{{passMark}}{{reconciliation.read}}{{/decisions}}{{/courses}}"
        ),
        Named(
            "a row's texts unescaped, and as sections",
            "{{#courses}}{{#decisions}}{{{name}}}{{&reason}}{{#grade}}[{{.}}]{{/grade}}{{^resitDue}}-{{/resitDue}}{{/decisions}}{{#exceptionFiles}}{{/exceptionFiles}}{{/courses}}{{#exceptionFiles}}{{#findings}}{{{message}}}{{line}}{{file}}{{/findings}}{{/exceptionFiles}}"
        ),
    ])
    func smallTemplatesRenderAsSwiftMustacheRendersThem(_ example: Named<String>) throws {
        let pack = try samplePack()
        #expect(try packTemplate(example.value, pack) == swiftMustache(example.value, pack))
    }

    /// A table's rows answer their texts as strings and their flags as booleans (which a template's
    /// section needs: a flag boxed as any other value always opens it).
    @Test(arguments: [0, 7, 40, 100, 12_345, -3])
    func aTableAnswersEachRowsTextsAndFlags(number: Int) throws {
        var builder = PackTable.Builder(texts: ["mark", "name"], flags: ["withheld"])
        builder.text(number)
        builder.name(family: "O'Brien", given: "Siân")
        builder.flag(true)
        builder.text(nil as Int?)
        builder.name(family: "", given: "Ffion")
        builder.flag(false)
        let table = builder.finish()
        let rows = Array(table)
        #expect(rows.map { $0.child(named: "mark") as? String } == [String(number), ""])
        #expect(rows.map { $0.child(named: "name") as? String } == ["O'Brien, Siân", "Ffion"])
        #expect(rows.map { $0.child(named: "withheld") as? Bool } == [true, false])
        #expect(rows[0].child(named: "grade") == nil)
        let template = try #require(
            PackTemplate("{{#rows}}{{mark}} {{name}}{{#withheld}} withheld{{/withheld}};{{/rows}}"))
        var output = ByteOutput()
        template.render(["rows": table] as [String: Any], into: &output)
        #expect(String(decoding: output.finish(), as: UTF8.self) == "\(number) O&#39;Brien, Siân withheld; Ffion;")
    }

    /// Text is escaped by bytes where that agrees with swift-mustache's escaping by characters: a byte to
    /// escape that a neighbour not ASCII could join into another character is left to characters.
    @Test(arguments: [
        "Gwenllïan", "O'Brien, Siân", "Siân <b>", "<Siân>", "É<É", "<\u{301}", "a\u{301}&b", "\"\u{301}x",
        "\u{600}<x", "x\u{600}'", "&\u{200D}", "\u{1F469}\u{200D}<", "plain <&>\"'", "'", "ŵ", "",
    ])
    func textIsEscapedAsSwiftMustacheEscapesIt(text: String) throws {
        var builder = PackTable.Builder(texts: ["text"])
        builder.text(text)
        let values: [String: Any] = ["text": text, "rows": builder.finish()]
        let template = "{{text}}|{{{text}}}|{{#rows}}{{text}}|{{{text}}}{{/rows}}"
        let fast = try #require(PackTemplate(template))
        var output = ByteOutput()
        fast.render(values, into: &output)
        #expect(
            String(decoding: output.finish(), as: UTF8.self) == (try MustacheTemplate(string: template).render(values)))
    }

    @Test(arguments: [
        Named("partial", "{{>footer}}"),
        Named("delimiters", "{{=<% %>=}}<% institution %>"),
        Named("transform", "{{uppercased(institution)}}"),
        Named("pragma", "{{% CONTENT_TYPE: TEXT }}{{institution}}"),
        Named("block", "{{$title}}x{{/title}}"),
        Named("a CR alone", "a\r{{institution}}"),
        Named("a character of two scalars", "{\u{301}{institution}}"),
    ])
    func whatItDoesNotTakeIsLeftToSwiftMustache(_ example: Named<String>) throws {
        #expect(PackTemplate(example.value) == nil)
        let pack = try samplePack()
        #expect(try pack.html(template: example.value) == swiftMustache(example.value, pack))
    }
}
