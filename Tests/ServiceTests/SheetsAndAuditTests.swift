import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Input
import Ledger
import Testing
import Workbook

@testable import Service

@Suite("board serve: templates as board template writes them, workbooks, and the audit log")
struct SheetsAndAuditTests {
    @Test(
        "a template downloaded is byte for byte the file board template writes for the sheet",
        arguments: ["csv", "xlsx"])
    func templateAsTheCommandWritesIt(format: String) async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        let out = fixture.folder.appendingPathComponent("templates")
        let written = try runBoard(
            [
                "template", "--board", board, "--course", "MC4002", "--occurrence", "JAN", "--format", format, "--out",
                out.path,
            ], config: fixture.folder.appendingPathComponent("board.toml"))
        #expect(written.status == 0, "\(written.output)")
        let name = "MC4002-JAN-\(board).\(format)"
        let expected = try [UInt8](Data(contentsOf: out.appendingPathComponent(name)))
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("own@example.ac.uk")
            #expect(try await browser.get("/sheets").text.contains("href=\"\(ownSheet)/template/\(format)\""))
            let template = try await browser.get("\(ownSheet)/template/\(format)")
            #expect(template.status == .ok)
            #expect(template.headers[.contentDisposition]?.contains(name) == true)
            #expect([UInt8](buffer: template.body) == expected)
        }
    }

    @Test("an Excel sheet: checked, previewed with its blank rows, confirmed, kept as the CSV the check read")
    func workbookUpload() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("own@example.ac.uk")
            let template = try await browser.get("\(ownSheet)/template/xlsx")
            let rows = try Workbook.rows(ofFirstSheetIn: Data(buffer: template.body)).map(\.cells)
            let header = try #require(rows.first)
            let sits = rows.count - 1
            #expect(sits > 1)

            // A mark in the sheet's second row that is not one: the check names the row Excel shows.
            let wrong = try await browser.upload(
                "\(ownSheet)/upload", name: "Marks.XLSX", bytes: filledIn(header, rows.dropFirst(), mark: "lots"))
            #expect(wrong.text.contains("<td class=\"number\">2</td><td><span class=\"badge s-error\">"))
            #expect(!wrong.text.contains("Confirm and submit"))

            // Every sit but the last given a mark: one blank row.
            let filled = filledIn(header, rows.dropFirst(), mark: "55", leavingLast: true)
            let held = try await browser.upload("\(ownSheet)/upload", name: "Marks.XLSX", bytes: filled, follow: false)
            let upload = try #require(held.headers[.location])
            let page = try await browser.get(upload).text
            #expect(page.contains("Confirm and submit") && !page.contains("s-error"))
            #expect(page.contains("<dt>New</dt><dd>\(sits - 1)</dd>"))
            #expect(page.contains("<dt>Blank (no result yet)</dt><dd>1</dd>"))
            let confirmed = try await browser.post("\(upload)/confirm", follow: false)
            let receiptPage = try #require(confirmed.headers[.location])
            #expect(try await browser.get(receiptPage).status == .ok)

            let receipt = try #require(try await fixture.institution.ledger.receipts(board: board).first)
            #expect(receipt.file == "marks/\(board)/MC4002-JAN-1.csv")
            let kept = try [UInt8](Data(contentsOf: fixture.marks(board).appendingPathComponent("MC4002-JAN-1.csv")))
            #expect(kept == WorkbookCSV.convert(filled))
            #expect(receipt.sha256 == sha256(of: kept))
            #expect(receipt.rows == sits)
            // A board run reads the kept file as the check read the workbook.
            let reread = MarkSheet.read(bytes: kept, name: "kept.csv", displayedAs: "kept.csv", place: 0)
            #expect(reread.rowsRead == sits && reread.rowsBlank == 1 && reread.rows.count == sits - 1)
            #expect(reread.rows.map(\.line) == Array(2...sits))
        }
    }

    @Test("the audit log lists every seal and unseal, from the page or the command line, among the sign-ins")
    func auditOfSeals() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("registry@example.ac.uk", .registry)
        let config = fixture.folder.appendingPathComponent("board.toml")
        try await fixture.application().test(.router) { client in
            var registry = Browser(client)
            try await registry.signIn("registry@example.ac.uk")
            let sealed = try await registry.post("/registry/boards/2025-12-11/seal").text
            #expect(sealed.contains("is sealed (version 1"))
            let unsealed = try runBoard(
                ["unseal", "--board", "2025-12-11", "--reason", "a mark keyed wrongly", "--by", "clerk"], config: config
            )
            #expect(unsealed.status == 0, "\(unsealed.output)")
            let resealed = try runBoard(["seal", "--board", "2025-12-11", "--by", "clerk"], config: config)
            #expect(resealed.status == 0, "\(resealed.output)")

            let page = try await registry.get("/registry/audit").text
            let lines = page.split(separator: "\n").filter { $0.hasPrefix("<tr><td>") }
            let events = lines.compactMap { line in
                ["sign-in", "seal", "unseal"].first { line.contains("<td>\($0)</td>") }.map {
                    "\($0) by \(line.contains("clerk") ? "clerk" : "registry")"
                }
            }
            // Newest first: the seals carry the time they were made, the sign-in the test's clock, earlier.
            #expect(events == ["seal by clerk", "unseal by clerk", "seal by registry", "sign-in by registry"])
            #expect(page.contains("version 1 unsealed: a mark keyed wrongly"))
            #expect(page.contains("<td>2025-12-11</td><td>version 2: "))
        }
    }

    /// The template's rows given `mark` and a submission date, or left as they are (the last, with
    /// `leavingLast`): a workbook as Excel saves one, codes and dates as text.
    func filledIn(_ header: [String], _ rows: ArraySlice<[String]>, mark: String, leavingLast: Bool = false)
        -> [UInt8]
    {
        let (markColumn, dueColumn, submittedColumn) = (
            header.firstIndex(of: "mark")!, header.firstIndex(of: "due")!, header.firstIndex(of: "submitted_on")!
        )
        let filled = rows.enumerated().map { index, row in
            var row = row + Array(repeating: "", count: max(0, header.count - row.count))
            guard !(leavingLast && index == rows.count - 1) else { return row }
            row[markColumn] = mark
            row[submittedColumn] = row[dueColumn]
            return row
        }
        let text = ["student_id", "course_code", "occurrence", "academic_year", "component", "due", "submitted_on"]
        return [UInt8](
            Workbook.write(
                header: header, rows: filled, textColumns: Set(text.compactMap { header.firstIndex(of: $0) }),
                sheetName: "Marks"))
    }
}
