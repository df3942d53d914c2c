import Foundation
import Hummingbird
import Input
import Ledger
import Regulations

/// The course team's pages: their sheets at each open board, templates, upload, check and preview,
/// confirmation; and receipts. Every route that names a course checks it is on the account.
struct SubmissionRoutes {
    let institution: Institution
    let pages: Pages
    let desk: SubmissionDesk

    func add(to router: Router<ServiceContext>) {
        let team = router.group().add(middleware: RequireRole(roles: [.courseTeam]))
        team.get("/sheets") { request, context in try await sheets(request, context) }
        team.get("/boards/:board/sheets/:course/:occurrence/template/:format") { _, context -> Response in
            let (_, board, key) = try await sheet(context)
            guard let format = context.parameters.get("format").flatMap(MarkSheetTemplate.Format.init(rawValue:)),
                let file = try institution.template(key, at: board, format: format)
            else { throw Refusal(404, .notFound) }
            return download(
                file.bytes, name: file.name,
                type: format == .csv
                    ? "text/csv; charset=utf-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        }
        team.post("/boards/:board/sheets/:course/:occurrence/upload") { request, context -> Response in
            let (account, board, key) = try await sheet(context)
            let posted = try await Forms.posted(request, limit: SubmissionDesk.largestUpload)
            let csrf = context.csrf
            // Read and checked in turn, once received: at a deadline the first to arrive are answered first.
            let upload = try await desk.turns.run {
                let form = try Forms.upload(posted)
                guard Secrets.same(form.fields["csrf"] ?? "", csrf) else { throw Refusal(403, .formExpired) }
                guard let bytes = form.file, !bytes.isEmpty else { throw Refusal(400, .noFile) }
                return try await desk.upload(bytes, named: form.fileName, as: key, board: board, account: account)
            }
            return .redirect(to: "/uploads/\(upload.id)", type: .normal)
        }
        team.get("/uploads/:id") { request, context in
            guard let account = context.identity,
                let upload = await desk.upload(context.parameters.get("id") ?? "", account: account.id)
            else { throw Refusal(404, .uploadGone) }
            return uploadPage(upload, request, context)
        }
        team.post("/uploads/:id/confirm") { request, context -> Response in
            let form = try await Forms.fields(SignInRoutes.TokenForm.self, request)
            try Forms.requireToken(form.csrf, context)
            guard let account = context.identity else { throw Refusal(401, .signInNeeded) }
            let receipt = try await desk.confirm(context.parameters.get("id") ?? "", account: account)
            return .redirect(to: "/receipts/\(receipt.number)", type: .normal)
        }

        let anyone = router.group().add(middleware: RequireRole(roles: Set(AccountRole.allCases)))
        anyone.get("/receipts/:number") { request, context in
            let receipt = try await receipt(context)
            let language = Pages.language(request, context)
            return pages.page(
                "receipt", title: "\(Words.of(language)["receipt"] ?? "") \(receipt.number)",
                values: [
                    "number": receipt.number, "board": receipt.board, "course": receipt.course,
                    "occurrence": receipt.occurrence, "file": receipt.file, "sha256": receipt.sha256,
                    "rows": receipt.rows, "email": receipt.email, "at": receipt.at,
                    "back": context.identity?.role == .registry ? "/registry/boards/\(receipt.board)" : "/sheets",
                ], language: language, context: context, back: "/receipts/\(receipt.number)")
        }
        anyone.get("/receipts/:number/receipt.txt") { _, context -> Response in
            let receipt = try await receipt(context)
            let text = """
                \(institution.config.institution.name): receipt \(receipt.number) for a mark sheet
                Board: \(receipt.board)
                Course: \(receipt.course) occurrence \(receipt.occurrence)
                File: \(receipt.file)
                SHA-256: \(receipt.sha256)
                Rows: \(receipt.rows)
                Submitted by: \(receipt.email)
                Submitted at (UTC): \(receipt.at)

                """
            return download(Array(text.utf8), name: "receipt-\(receipt.number).txt", type: "text/plain; charset=utf-8")
        }
    }

    /// The board, course and occurrence a route names: the board open, the course on the account.
    private func sheet(_ context: ServiceContext) async throws -> (Account, Day, SheetKey) {
        guard let account = context.identity else { throw Refusal(401, .signInNeeded) }
        guard let course = context.parameters.get("course").flatMap({ Code($0) }),
            let occurrence = context.parameters.get("occurrence").flatMap({ Code($0) })
        else { throw Refusal(404, .notFound) }
        guard account.courses.contains(course) else { throw Refusal(403, .forbidden) }
        let board = try configuredBoard(context, institution)
        try await desk.requireOpen(board)
        return (account, board, SheetKey(course: course, occurrence: occurrence))
    }

    /// A receipt the account may see: the registry sees every one, a course team those of its courses.
    private func receipt(_ context: ServiceContext) async throws -> Receipt {
        guard let account = context.identity else { throw Refusal(401, .signInNeeded) }
        guard let number = context.parameters.get("number").flatMap(Int64.init),
            let receipt = try await institution.ledger.receipt(number: number)
        else { throw Refusal(404, .notFound) }
        guard account.role == .registry || account.courses.contains(where: { $0.description == receipt.course })
        else { throw Refusal(403, .forbidden) }
        return receipt
    }

    private func sheets(_ request: Request, _ context: ServiceContext) async throws -> Response {
        guard let account = context.identity else { throw Refusal(401, .signInNeeded) }
        let language = Pages.language(request, context)
        let words = Words.of(language)
        let mine = Set(account.courses)
        let register = institution.register
        var boards: [[String: Any]] = []
        for board in try await institution.openBoards() {
            let owed = try institution.owed(at: board).filter {
                mine.contains($0.key.course)
            }
            let receipts = try await institution.ledger.receipts(board: board.description).filter { receipt in
                mine.contains { $0.description == receipt.course }
            }
            let byKey = Dictionary(grouping: receipts) { "\($0.course)-\($0.occurrence)" }
            var keys = Set(owed.map(\.key))
            for receipt in receipts {
                if let course = Code(receipt.course), let occurrence = Code(receipt.occurrence) {
                    keys.insert(SheetKey(course: course, occurrence: occurrence))
                }
            }
            let sits = Dictionary(uniqueKeysWithValues: owed.map { ($0.key, $0.sits.count) })
            let rows: [[String: Any]] = keys.sorted().map { key -> [String: Any] in
                let course = register.register.courses[key.course]
                let title =
                    language == .welsh && course?.titleWelsh.isEmpty == false ? course!.titleWelsh : course?.title
                let base = "/boards/\(board)/sheets/\(key.course)/\(key.occurrence)"
                return [
                    "id": "\(board)-\(key.course)-\(key.occurrence)", "course": key.course.description,
                    "occurrence": key.occurrence.description, "title": title ?? "", "sits": sits[key] ?? 0,
                    // A sheet that owes nothing (submitted to all the same) has no template, as in `board template`.
                    "downloads": (sits[key] == nil ? [] : MarkSheetTemplate.Format.allCases).map {
                        format -> [String: String] in
                        [
                            "href": "\(base)/template/\(format.rawValue)",
                            "label": words[format.rawValue] ?? format.rawValue,
                        ]
                    },
                    "receipts": (byKey["\(key.course)-\(key.occurrence)"] ?? []).map { receipt -> [String: Any] in
                        ["number": receipt.number, "at": receipt.at]
                    },
                    "uploadHref": "\(base)/upload", "csrf": context.csrf,
                ]
            }
            boards.append(["board": board.description, "sheets": rows, "hasSheets": !rows.isEmpty])
        }
        return pages.page(
            "sheets", title: words["yourSheets"] ?? "", values: ["boards": boards], language: language,
            context: context, back: "/sheets")
    }

    private func uploadPage(_ upload: SheetUpload, _ request: Request, _ context: ServiceContext) -> Response {
        let language = Pages.language(request, context)
        let words = Words.of(language)
        let report = upload.check.report
        let findings: [[String: Any]] = report.findings.map {
            [
                "line": $0.line, "severity": words[$0.severity.rawValue] ?? $0.severity.rawValue,
                "severityClass": "s-\($0.severity.rawValue)", "code": $0.code.rawValue,
                "message": $0.message.description,
            ]
        }
        let changes: [[String: Any]] = upload.preview.rows.filter { $0.change == .changed }.map {
            [
                "line": $0.row.line, "student": $0.row.student.description, "component": $0.row.component.description,
                "attempt": $0.row.attempt, "was": $0.was ?? "", "now": Preview.describe($0.row),
            ]
        }
        return pages.page(
            "upload", title: "\(words["checkOf"] ?? "") \(upload.key.course) \(upload.key.occurrence)",
            values: [
                "id": upload.id, "course": upload.key.course.description,
                "occurrence": upload.key.occurrence.description, "board": upload.board.description,
                "shownName": upload.shownName, "summary": report.summary, "findings": findings,
                "hasFindings": !findings.isEmpty, "canConfirm": upload.check.canConfirm,
                "cannotConfirm": ServiceMessage.cannotConfirm(errors: report.errors).text(language),
                "newCount": upload.preview.count(.new), "changedCount": upload.preview.count(.changed),
                "unchangedCount": upload.preview.count(.unchanged), "blankCount": upload.preview.blank,
                "changes": changes, "hasChanges": !changes.isEmpty,
            ], language: language, context: context, back: "/uploads/\(upload.id)")
    }
}

/// The board a route names: one of the configured boards, else there is no such page.
func configuredBoard(_ context: ServiceContext, _ institution: Institution) throws -> Day {
    guard let board = context.parameters.get("board").flatMap({ Day($0) }),
        institution.config.year(ofBoard: board) != nil
    else { throw Refusal(404, .notFound) }
    return board
}
