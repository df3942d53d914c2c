import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing

@testable import Service

/// The board the tests submit to, and the sheets of its two course teams: MC4002 JAN is the first
/// team's, CE3005 JAN the second's.
let board = "2026-07-23"
let ownSheet = "/boards/\(board)/sheets/MC4002/JAN"
let otherSheet = "/boards/\(board)/sheets/CE3005/JAN"

/// A template filled in as a course leader would: every sit given a mark of 55, submitted on its due date.
func filledIn(_ template: String, mark: String = "55") -> [UInt8] {
    let filled = template.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
        guard let range = line.range(of: #",(\d{4}-\d{2}-\d{2}),,,,,\r?$"#, options: .regularExpression) else {
            return String(line)
        }
        let due = line[range].dropFirst().prefix(10)
        return line[..<range.lowerBound] + ",\(due),\(mark),,\(due),,"
    }
    return Array(filled.joined(separator: "\n").utf8)
}

@Suite("board serve: routes, sign-in, sessions and submissions")
struct RouteTests {
    @Test("every route × role × own or other course: only the account's role and courses get through")
    func authorisationMatrix() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.account("other@example.ac.uk", .courseTeam, ["CE3005"])
        try await fixture.account("registry@example.ac.uk", .registry)
        let pack = fixture.folder.appendingPathComponent("Reports/2025-26/\(board)")
        try FileManager.default.createDirectory(at: pack, withIntermediateDirectories: true)
        try "<!DOCTYPE html><title>pack</title>".write(
            to: pack.appendingPathComponent("board-report.html"), atomically: true, encoding: .utf8)
        try await fixture.application().test(.router) { client in
            var own = Browser(client)
            try await own.signIn("own@example.ac.uk")
            var other = Browser(client)
            try await other.signIn("other@example.ac.uk")
            var registry = Browser(client)
            try await registry.signIn("registry@example.ac.uk")
            var anonymous = Browser(client)

            // An upload and a receipt of the first team's, for the routes that name them.
            let template = try await own.get("\(ownSheet)/template/csv").text
            let held = try await own.upload("\(ownSheet)/upload", bytes: filledIn(template), follow: false)
            let upload = try #require(held.headers[.location])
            try await own.get(upload)
            let confirmed = try await own.post("\(upload)/confirm", follow: false)
            let receipt = try #require(confirmed.headers[.location])
            let second = try await own.upload("\(ownSheet)/upload", bytes: filledIn(template), follow: false)
            let secondUpload = try #require(second.headers[.location])

            enum Who: String, CaseIterable { case anonymous, own, other, registry }
            struct Route {
                let method: HTTPRequest.Method
                let path: String
                let allowed: Set<Who>
                var upload = false
            }
            let routes = [
                Route(method: .get, path: "/sheets", allowed: [.own, .other]),
                Route(method: .get, path: "\(ownSheet)/template/csv", allowed: [.own]),
                Route(method: .get, path: "\(otherSheet)/template/csv", allowed: [.other]),
                Route(method: .post, path: "\(ownSheet)/upload", allowed: [.own], upload: true),
                Route(method: .post, path: "\(otherSheet)/upload", allowed: [.other], upload: true),
                Route(method: .get, path: secondUpload, allowed: [.own]),
                Route(method: .post, path: "\(secondUpload)/confirm", allowed: [.own]),
                Route(method: .get, path: receipt, allowed: [.own, .registry]),
                Route(method: .get, path: "\(receipt)/receipt.txt", allowed: [.own, .registry]),
                Route(method: .get, path: "/registry", allowed: [.registry]),
                Route(method: .get, path: "/registry/audit", allowed: [.registry]),
                Route(method: .get, path: "/registry/boards/\(board)", allowed: [.registry]),
                Route(method: .get, path: "/registry/boards/\(board)/chase.csv", allowed: [.registry]),
                Route(method: .get, path: "/registry/boards/\(board)/job", allowed: [.registry]),
                Route(method: .get, path: "/registry/boards/\(board)/pack/board-report.html", allowed: [.registry]),
                Route(method: .post, path: "/registry/boards/\(board)/seal", allowed: [.registry]),
                Route(method: .post, path: "/language", allowed: [.own, .other, .registry]),
            ]
            for route in routes {
                for who in Who.allCases {
                    var browser =
                        switch who {
                        case .anonymous: anonymous
                        case .own: own
                        case .other: other
                        case .registry: registry
                        }
                    let response =
                        route.upload
                        ? try await browser.upload(route.path, bytes: filledIn(template), follow: false)
                        : route.method == .get
                            ? try await browser.get(route.path, follow: false)
                            : try await browser.post(route.path, form: ["language": "en", "back": "/"], follow: false)
                    let refused =
                        [.unauthorized, .forbidden, .notFound].contains(response.status)
                        || response.headers[.location] == "/sign-in"
                    #expect(
                        refused != route.allowed.contains(who),
                        "\(route.method) \(route.path) as \(who.rawValue): \(response.status)")
                    if who == .anonymous {
                        #expect(
                            route.method == .get ? response.status == .found : response.status == .unauthorized,
                            "\(route.method) \(route.path) signed out: \(response.status)")
                    }
                    switch who {
                    case .anonymous: anonymous = browser
                    case .own: own = browser
                    case .other: other = browser
                    case .registry: registry = browser
                    }
                }
            }
        }
    }

    @Test("every state change without the session's form token is refused and changes nothing")
    func formTokens() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.account("registry@example.ac.uk", .registry)
        try await fixture.application().test(.router) { client in
            var own = Browser(client)
            try await own.signIn("own@example.ac.uk")
            let template = try await own.get("\(ownSheet)/template/csv").text
            #expect(
                try await own.upload("\(ownSheet)/upload", bytes: filledIn(template), token: "0").status == .forbidden)
            let held = try await own.upload("\(ownSheet)/upload", bytes: filledIn(template), follow: false)
            let upload = try #require(held.headers[.location])
            #expect(try await own.post("\(upload)/confirm", form: ["csrf": "forged"]).status == .forbidden)
            #expect(try await own.post("\(upload)/confirm", token: false).status == .badRequest)
            #expect(
                try await own.post("/language", form: ["csrf": "", "language": "cy", "back": "/"]).status == .forbidden)
            #expect(try await own.post("/sign-out", form: ["csrf": "x"]).status == .forbidden)
            #expect(!FileManager.default.fileExists(atPath: fixture.marks(board).path))
            #expect(try await fixture.institution.ledger.receipts(board: board).isEmpty)

            var registry = Browser(client)
            try await registry.signIn("registry@example.ac.uk")
            for action in ["run", "seal"] {
                #expect(
                    try await registry.post("/registry/boards/\(board)/\(action)", form: ["csrf": "x"]).status
                        == .forbidden)
            }
            #expect(try await fixture.institution.ledger.auditLog(limit: 10).allSatisfy { $0.event != "run" })

            // Signing in needs the form's own token, set beside it as a cookie.
            var stranger = Browser(client)
            let forged = try await stranger.post(
                "/sign-in", form: ["csrf": "x", "email": "own@example.ac.uk", "password": ServiceFixture.password])
            #expect(forged.status == .forbidden)
        }
    }

    @Test("the session cookie: 256 random bits, HttpOnly, SameSite=Strict, Secure unless insecure_cookies")
    func sessionCookie() async throws {
        for insecure in [false, true] {
            let fixture = try ServiceFixture(serve: "insecure_cookies = \(insecure)")
            try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
            try await fixture.application().test(.router) { client in
                var browser = Browser(client)
                try await browser.get("/sign-in")
                let response = try await browser.post(
                    "/sign-in",
                    form: [
                        "csrf": browser.cookies["board_form"] ?? "", "email": "own@example.ac.uk",
                        "password": ServiceFixture.password,
                    ], follow: false)
                #expect(response.status == .seeOther)
                let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("board_session=") })
                let value = cookie.dropFirst("board_session=".count).prefix { $0 != ";" }
                #expect(Data(base64Encoded: String(value))?.count == 32)
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Secure") != insecure)
            }
        }
    }

    @Test("a session ends after 8 hours without a request, and each request keeps it 8 hours more")
    func idleExpiry() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("own@example.ac.uk")
            for _ in 0..<3 {
                fixture.clock.advance(7 * 3600)
                #expect(try await browser.get("/sheets", follow: false).status == .ok)
            }
            fixture.clock.advance(8 * 3600 + 1)
            #expect(try await browser.get("/sheets", follow: false).headers[.location] == "/sign-in")
        }
    }

    @Test("five failed sign-ins in ten minutes lock the account for ten minutes, the right password included")
    func lockOut() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            for attempt in 1...5 {
                let response = try await browser.signIn("own@example.ac.uk", password: "wrong \(attempt)")
                #expect(response.status == (attempt < 5 ? .unauthorized : .tooManyRequests))
                fixture.clock.advance(60)
            }
            #expect(try await browser.signIn("own@example.ac.uk").status == .tooManyRequests)
            fixture.clock.advance(10 * 60)
            #expect(try await browser.signIn("own@example.ac.uk").status == .seeOther)
            // An unknown address is refused in the same words as a wrong password.
            var stranger = Browser(client)
            let unknown = try await stranger.signIn("nobody@example.ac.uk")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text.contains(ServiceMessage.signInFailed.text(.english).prefix(40)))
        }
        let refusals = try await fixture.institution.ledger.auditLog(limit: 20).filter { $0.event == "sign-in-refused" }
        #expect(refusals.count == 6)
    }

    @Test("a set-password link works once, for 24 hours, and stores a bcrypt hash of cost 12")
    func passwordLink() async throws {
        let fixture = try ServiceFixture()
        let ledger = fixture.institution.ledger
        _ = try ledger.addAccount(
            email: "new@example.ac.uk", role: .courseTeam, courses: [], linkDigest: Secrets.digest("link"),
            linkExpires: fixture.clock.date.addingTimeInterval(86400), now: fixture.clock.date)
        _ = try ledger.addAccount(
            email: "late@example.ac.uk", role: .courseTeam, courses: [], linkDigest: Secrets.digest("late"),
            linkExpires: fixture.clock.date.addingTimeInterval(86400), now: fixture.clock.date)
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            #expect(try await browser.get("/set-password?token=link").status == .ok)
            let short = try await browser.post(
                "/set-password", form: ["token": "link", "password": "short", "repeated": "short"], token: false)
            #expect(short.status == .badRequest)
            let set = try await browser.post(
                "/set-password",
                form: ["token": "link", "password": "a long enough phrase", "repeated": "a long enough phrase"],
                token: false, follow: false)
            #expect(set.headers[.location] == "/sign-in?set=1")
            #expect(try await ledger.account(email: "new@example.ac.uk")?.passwordHash?.hasPrefix("$2b$12$") == true)
            #expect(try await browser.get("/set-password?token=link").status == .gone)
            #expect(try await browser.signIn("new@example.ac.uk", password: "a long enough phrase").status == .seeOther)

            fixture.clock.advance(86400 + 1)
            #expect(try await browser.get("/set-password?token=late").status == .gone)
        }
    }

    @Test("template, upload, check, preview, confirm: one file, one receipt, even confirmed twice")
    func submission() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("own@example.ac.uk")
            let sheets = try await browser.get("/sheets").text
            #expect(sheets.contains("MC4002") && !sheets.contains("CE3005"))
            let template = try await browser.get("\(ownSheet)/template/csv")
            #expect(template.headers[.contentDisposition]?.contains("MC4002-JAN-\(board).csv") == true)
            let bytes = filledIn(template.text)
            let held = try await browser.upload("\(ownSheet)/upload", name: "marks.csv", bytes: bytes, follow: false)
            let upload = try #require(held.headers[.location])
            let page = try await browser.get(upload).text
            #expect(page.contains("Confirm and submit") && !page.contains("s-error"))
            let first = try await browser.post("\(upload)/confirm", follow: false)
            let again = try await browser.post("\(upload)/confirm", follow: false)
            #expect(first.headers[.location] == again.headers[.location])
            let receipts = try await fixture.institution.ledger.receipts(board: board)
            #expect(receipts.count == 1)
            let written = fixture.marks(board).appendingPathComponent("MC4002-JAN-1.csv")
            #expect(try [UInt8](Data(contentsOf: written)) == bytes)
            #expect(receipts.first?.file == "marks/\(board)/MC4002-JAN-1.csv")
            #expect(
                try FileManager.default.contentsOfDirectory(atPath: fixture.marks(board).path) == ["MC4002-JAN-1.csv"])
            let shown = try await browser.get(try #require(first.headers[.location])).text
            #expect(shown.contains(receipts[0].sha256))

            // The same sheet again: unchanged rows, a new later file, never an overwrite.
            let sits = receipts[0].rows
            #expect(sits > 0)
            let changed = try await browser.upload("\(ownSheet)/upload", bytes: filledIn(template.text, mark: "60"))
            #expect(changed.text.contains("<dt>Changed</dt><dd>\(sits)</dd>"))
            let next = try await browser.upload("\(ownSheet)/upload", bytes: bytes, follow: false)
            let unchanged = try await browser.get(try #require(next.headers[.location]))
            #expect(unchanged.text.contains("<dt>Unchanged</dt><dd>\(sits)</dd>"))
            try await browser.post("\(try #require(next.headers[.location]))/confirm")
            #expect(
                FileManager.default.fileExists(
                    atPath: fixture.marks(board).appendingPathComponent("MC4002-JAN-2.csv").path))
        }
    }

    @Test("rows of another course are refused unread (NOT_YOUR_COURSE), and such a sheet cannot be confirmed")
    func notYourCourse() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("own@example.ac.uk")
            let template = try await browser.get("\(ownSheet)/template/csv").text
            let foreign =
                filledIn(template) + Array("99999999,Spy,Sam,CE3005,JAN,2025/26,001,,,1,,50,,2026-07-01,,\n".utf8)
            let held = try await browser.upload("\(ownSheet)/upload", bytes: foreign, follow: false)
            let upload = try #require(held.headers[.location])
            let page = try await browser.get(upload).text
            #expect(page.contains("NOT_YOUR_COURSE"))
            #expect(!page.contains("99999999 is not enrolled"))
            #expect(try await browser.post("\(upload)/confirm").status == .conflict)
            #expect(!FileManager.default.fileExists(atPath: fixture.marks(board).path))
        }
    }

    @Test("an upload too large, not a sheet, or with no file is refused in words, and changes nothing")
    func refusedUploads() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("own@example.ac.uk")
            let large = try await browser.upload(
                "\(ownSheet)/upload", bytes: [UInt8](repeating: 0x41, count: SubmissionDesk.largestUpload + 1))
            #expect(large.status == .contentTooLarge)
            #expect(large.text.contains("larger than 10 MB"))
            let text = try await browser.upload("\(ownSheet)/upload", name: "marks.txt", bytes: Array("hello".utf8))
            #expect(text.status == .unsupportedMediaType)
            #expect(try await browser.upload("\(ownSheet)/upload", bytes: []).status == .badRequest)
            #expect(!FileManager.default.fileExists(atPath: fixture.marks(board).path))
        }
    }

    @Test("the course-team pages in Welsh, remembered on the account")
    func welsh() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("own@example.ac.uk")
            let page = try await browser.post("/language", form: ["language": "cy", "back": "/sheets"])
            #expect(page.text.contains("<html lang=\"cy\">"))
            #expect(page.text.contains("Eich taflenni marciau"))
            var again = Browser(client)
            try await again.signIn("own@example.ac.uk")
            #expect(try await again.get("/sheets").text.contains("Eich taflenni marciau"))
        }
    }

    @Test("a disabled account's session ends at its next request")
    func disabled() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("own@example.ac.uk")
            _ = try fixture.institution.ledger.disableAccount(email: "own@example.ac.uk", now: fixture.clock.date)
            #expect(try await browser.get("/sheets", follow: false).headers[.location] == "/sign-in")
        }
    }

    @Test("the single sign-on header is believed from a trusted proxy only")
    func singleSignOn() async throws {
        for (proxies, believed) in [("[\"127.0.0.1\"]", true), ("[\"192.0.2.1\"]", false)] {
            let fixture = try ServiceFixture(
                serve: "insecure_cookies = true\ntrusted_user_header = \"X-Remote-User\"\ntrusted_proxies = \(proxies)")
            try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
            try await fixture.application().test(.live) { client in
                let response = try await client.execute(
                    uri: "/sheets", method: .get, headers: [HTTPField.Name("X-Remote-User")!: "own@example.ac.uk"])
                #expect((response.status == .ok) == believed, "proxies \(proxies): \(response.status)")
            }
        }
    }
}

@Suite("board serve: sealed boards and the registry's board runs")
struct BoardTests {
    @Test("a sealed board is not offered, and its templates and uploads are refused")
    func sealedBoard() async throws {
        let fixture = try ServiceFixture(sealed: [board])
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("own@example.ac.uk")
            #expect(!(try await browser.get("/sheets").text.contains("Board of \(board)")))
            let template = try await browser.get("\(ownSheet)/template/csv")
            #expect(template.status == .conflict)
            #expect(template.text.contains("is sealed"))
            let upload = try await browser.upload("\(ownSheet)/upload", bytes: Array("student_id\n".utf8))
            #expect(upload.status == .conflict)
            #expect(!FileManager.default.fileExists(atPath: fixture.marks(board).path))
        }
    }

    @Test("the registry seals a board as board seal does: in order, once met, recorded in the ledger")
    func sealing() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("registry@example.ac.uk", .registry)
        try await fixture.account("own@example.ac.uk", .courseTeam, ["MC4002"])
        try await fixture.application().test(.router) { client in
            var registry = Browser(client)
            try await registry.signIn("registry@example.ac.uk")
            // The fixture's clock stands between the boards of 2026-02-19 and 2026-06-18.
            let early = try await registry.post("/registry/boards/2026-02-19/seal").text
            #expect(early.contains("The board of 2025-12-11 is not sealed"))
            let later = try await registry.post("/registry/boards/2026-06-18/seal").text
            #expect(later.contains("The board of 2026-06-18 has not met yet"))
            #expect(try fixture.institution.ledger.sealBook().seals.isEmpty)

            let sealed = try await registry.post("/registry/boards/2025-12-11/seal").text
            #expect(sealed.contains("The board of 2025-12-11 is sealed (version 1"))
            let book = try fixture.institution.ledger.sealBook()
            #expect(book.seals.map(\.board.description) == ["2025-12-11"])
            #expect(book.seals.first?.by == "registry@example.ac.uk")
            let again = try await registry.post("/registry/boards/2025-12-11/seal").text
            #expect(again.contains("is sealed already (version 1)"))

            var team = Browser(client)
            try await team.signIn("own@example.ac.uk")
            let template = try await team.get("/boards/2025-12-11/sheets/MC4002/SEP/template/csv")
            #expect(template.status == .conflict)
            // The next board's sits owed are worked out from the sealed board's sheets: changed, they refuse.
            #expect(try await team.get("/boards/2026-02-19/sheets/MC4002/SEP/template/csv").status == .ok)
            let sheet = fixture.marks("2025-12-11").appendingPathComponent("MC4002-SEP.csv")
            try (try String(contentsOf: sheet, encoding: .utf8) + "\n").write(
                to: sheet, atomically: true, encoding: .utf8)
            let refused = try await team.get("/boards/2026-02-19/sheets/MC4002/SEP/template/csv")
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("have changed since it was sealed"))
        }
    }

    @Test("the registry runs a board: board run as a job whose progress the page follows, then the pack")
    func boardRun() async throws {
        let fixture = try ServiceFixture()
        try await fixture.account("registry@example.ac.uk", .registry)
        try await fixture.application().test(.router) { client in
            var browser = Browser(client)
            try await browser.signIn("registry@example.ac.uk")
            let started = try await browser.post("/registry/boards/2026-06-18/run")
            #expect(started.text.contains("Started by registry@example.ac.uk"))
            var state = ""
            for _ in 0..<600 where state != "finished" && state != "failed" {
                let job = try await browser.get("/registry/boards/2026-06-18/job")
                state = try JSONDecoder().decode(RegistryRoutes.JobState.self, from: Data(buffer: job.body)).state
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(state == "finished")
            let page = try await browser.get("/registry/boards/2026-06-18").text
            #expect(page.contains("with rows rejected (see exceptions.csv)"))
            #expect(page.contains("href=\"/registry/boards/2026-06-18/pack/board-report.html\""))
            let pack = try await browser.get("/registry/boards/2026-06-18/pack/board-report.html")
            #expect(pack.status == .ok && pack.text.contains("2026-06-18"))
            #expect(try await browser.get("/registry/boards/2026-06-18/pack/..%2Fboard.toml").status == .notFound)
        }
        let runs = try await fixture.institution.ledger.auditLog(limit: 10).filter { $0.event == "run" }
        #expect(runs.count == 1)
    }
}

@Suite("board user: accounts from the command line")
struct UserCommandTests {
    @Test("add prints a one-time link; list, disable and link; mistakes are usage errors (64)")
    func accounts() async throws {
        let fixture = try ServiceFixture(serve: "public_url = \"https://marks.example.ac.uk\"")
        let config = fixture.folder.appendingPathComponent("board.toml")
        let added = try runBoard(
            ["user", "add", "leader@example.ac.uk", "--role", "course-team", "--courses", "mc4002,CE3005"],
            config: config)
        #expect(added.status == 0, "\(added.output)")
        let link = try #require(
            added.output.firstMatch(of: /https:\/\/marks\.example\.ac\.uk\/set-password\?token=([0-9a-f]{64})/))
        #expect(
            try await fixture.institution.ledger.passwordLinkIsUsable(
                digest: Secrets.digest(String(link.1)), now: Date()))
        #expect(
            try runBoard(["user", "add", "officer@example.ac.uk", "--role", "registry"], config: config).status == 0)

        let list = try runBoard(["user", "list"], config: config).output
        #expect(list.contains("leader@example.ac.uk   course-team  MC4002,CE3005  password not set"))
        #expect(list.contains("officer@example.ac.uk  registry     -              password not set"))

        for mistake in [
            ["user", "add", "leader@example.ac.uk", "--role", "course-team", "--courses", "MC4002"],
            ["user", "add", "new@example.ac.uk", "--role", "course-team", "--courses", "XX9999"],
            ["user", "add", "new@example.ac.uk", "--role", "course-team"],
            ["user", "add", "not-an-address", "--role", "registry"],
            ["user", "add", "new@example.ac.uk", "--role", "admin"],
            ["user", "disable", "nobody@example.ac.uk"],
        ] {
            let refused = try runBoard(mistake, config: config)
            #expect(refused.status == 64, "\(mistake): \(refused.output)")
        }

        #expect(try runBoard(["user", "disable", "leader@example.ac.uk"], config: config).status == 0)
        #expect(try runBoard(["user", "list"], config: config).output.contains("MC4002,CE3005  disabled"))
        let renewed = try runBoard(["user", "link", "officer@example.ac.uk"], config: config)
        #expect(renewed.output.contains("/set-password?token="))
        let log = try await fixture.institution.ledger.auditLog(limit: 10).map(\.detail)
        #expect(log.contains("disabled leader@example.ac.uk"))
    }
}
