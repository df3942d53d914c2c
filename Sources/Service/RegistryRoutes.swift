import Foundation
import Hummingbird
import Input
import Ledger
import Outputs
import Regulations

/// The registry's pages: every board with its chase list, the board run as a background job, the pack
/// and files, sealing; and the audit log.
struct RegistryRoutes {
    let institution: Institution
    let pages: Pages
    let jobs: BoardJobs

    struct JobState: Codable {
        let state: String
        let summary: String
        let lines: [String]
    }

    func add(to router: Router<ServiceContext>) {
        let registry = router.group("registry").add(middleware: RequireRole(roles: [.registry]))
        registry.get { request, context in try await boards(request, context) }
        registry.get("audit") { request, context in
            let entries = try await institution.ledger.auditLog(limit: 500).map {
                ["at": $0.at, "actor": $0.actor, "event": $0.event, "board": $0.board, "detail": $0.detail]
            }
            return pages.page(
                "audit", title: "Audit log", values: ["entries": entries], language: .english, context: context)
        }
        registry.get("boards/:board") { request, context in
            try await boardPage(try configuredBoard(context, institution), context, notice: nil)
        }
        registry.get("boards/:board/chase.csv") { _, context -> Response in
            let board = try configuredBoard(context, institution)
            let chase = try chaseList(board, receipts: try await institution.ledger.receipts(board: board.description))
            return download(chase.csv, name: "chase-list-\(board).csv", type: "text/csv; charset=utf-8")
        }
        registry.post("boards/:board/run") { request, context -> Response in
            let board = try configuredBoard(context, institution)
            let form = try await Forms.fields(SignInRoutes.TokenForm.self, request)
            try Forms.requireToken(form.csrf, context)
            let by = context.identity?.email ?? ""
            if jobs.start(board, by: by) {
                try await institution.ledger.audit(
                    actor: by, event: "run", board: board.description, detail: "board run started from the page",
                    at: institution.clock())
            }
            return .redirect(to: "/registry/boards/\(board)", type: .normal)
        }
        registry.get("boards/:board/job") { _, context -> Response in
            let board = try configuredBoard(context, institution)
            let job = jobs.job(board)
            let state = JobState(
                state: job?.state.rawValue ?? "none", summary: job.map(summary) ?? "", lines: job?.lines ?? [])
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(state))))
        }
        registry.get("boards/:board/pack/:file") { _, context in
            try packFile(try configuredBoard(context, institution), context.parameters.get("file") ?? "")
        }
        registry.get("boards/:board/pack/courses/:file") { _, context in
            try packFile(try configuredBoard(context, institution), "courses/" + (context.parameters.get("file") ?? ""))
        }
        registry.post("boards/:board/seal") { request, context -> Response in
            let board = try configuredBoard(context, institution)
            let form = try await Forms.fields(SignInRoutes.TokenForm.self, request)
            try Forms.requireToken(form.csrf, context)
            let message = try await institution.seals.seal(board, by: context.identity?.email ?? "")
            return try await boardPage(board, context, notice: message.text(.english))
        }
    }

    private func boards(_ request: Request, _ context: ServiceContext) async throws -> Response {
        var rows: [[String: Any]] = []
        let sealedBoards = try await institution.seals.sealedBoards()
        for year in institution.config.academicYears {
            for board in year.boards {
                let sealed = sealedBoards.contains(board)
                let receipts = try await institution.ledger.receipts(board: board.description)
                rows.append([
                    "board": board.description, "year": year.code, "status": sealed ? "sealed" : "open",
                    "receipts": receipts.count,
                ])
            }
        }
        return pages.page("registry", title: "Boards", values: ["boards": rows], language: .english, context: context)
    }

    private func chaseList(_ board: Day, receipts: [Receipt]) throws -> ChaseList {
        ChaseList(owed: try institution.owed(at: board), receipts: receipts)
    }

    private func boardPage(_ board: Day, _ context: ServiceContext, notice: String?) async throws -> Response {
        let receipts = try await institution.ledger.receipts(board: board.description)
        let chase = try chaseList(board, receipts: receipts)
        let rows: [[String: Any]] = chase.rows.map { row in
            [
                "course": row.key.course.description, "title": row.title,
                "occurrence": row.key.occurrence.description, "sits": row.sits,
                "receipts": row.receipts.map {
                    ["number": $0.number, "file": $0.file, "rows": $0.rows, "email": $0.email, "at": $0.at]
                },
            ]
        }
        let received = Set(receipts.map(\.file))
        let folder = institution.boardFolder(board)
        let otherFiles = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            .filter { !$0.hasPrefix(".") && !received.contains(institution.config.relative(folder + "/" + $0)) }
        let job = jobs.job(board)
        let files = packFiles(board)
        var values: [String: Any] = [
            "board": board.description,
            "status": try await institution.seals.isSealed(board) ? "sealed" : "open: taking submissions",
            "rows": rows, "owing": chase.rows.count, "submitted": chase.submitted, "missing": chase.missing,
            "otherFiles": otherFiles, "hasOtherFiles": !otherFiles.isEmpty, "files": files,
            "hasFiles": !files.isEmpty, "running": job?.state == .running,
        ]
        if let job {
            values["job"] = ["jobSummary": summary(job), "lines": job.lines, "hasLines": !job.lines.isEmpty]
        }
        return pages.page(
            "registry-board", title: "Board of \(board)", values: values, language: .english, context: context,
            notice: notice)
    }

    /// Where a job has got, in a sentence.
    private func summary(_ job: BoardJob) -> String {
        let started = "Started by \(job.startedBy) at \(stamp(job.startedAt)) UTC"
        switch job.state {
        case .running:
            return "\(started); running for \(Int(institution.clock().timeIntervalSince(job.startedAt))) s."
        case .finished:
            return
                "\(started); finished at \(stamp(job.finishedAt ?? job.startedAt)) UTC"
                + (job.status == 1 ? ", with rows rejected (see exceptions.csv)." : ".")
        case .failed:
            return
                "\(started); stopped with exit status \(job.status.map(String.init) ?? "none"): no new pack was written."
        }
    }

    /// The files of the board's pack that exist: only names `board run` writes are ever served.
    private func packFiles(_ board: Day) -> [String] {
        let folder = institution.config.reportFolder(of: board)
        let names = RunFiles.names + ["manifest.json"]
        let courses = ((try? FileManager.default.contentsOfDirectory(atPath: folder + "/courses")) ?? []).sorted()
            .filter(isCoursePage).map { "courses/" + $0 }
        return (names + courses).filter { FileManager.default.fileExists(atPath: folder + "/" + $0) }
    }

    private func isCoursePage(_ name: String) -> Bool {
        name.hasSuffix(".html") && Code(name.dropLast(5)) != nil
    }

    private func packFile(_ board: Day, _ name: String) throws -> Response {
        guard
            RunFiles.names.contains(name) || name == "manifest.json"
                || (name.hasPrefix("courses/") && isCoursePage(String(name.dropFirst(8))))
        else { throw Refusal(404, .notFound) }
        let path = institution.config.reportFolder(of: board) + "/" + name
        guard let bytes = FileManager.default.contents(atPath: path) else { throw Refusal(404, .notFound) }
        let type =
            name.hasSuffix(".html")
            ? "text/html; charset=utf-8"
            : name.hasSuffix(".json") ? "application/json" : "text/csv; charset=utf-8"
        var response = Response(
            status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        // The pack is self-contained: inline styles and pictures, no scripts.
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        return response
    }
}
