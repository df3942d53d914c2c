import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore

/// `board serve`: the submission service (SPEC §8), one process over the institution's files and ledger.
public enum SubmissionService {
    /// Every route, behind the middleware every request goes through: security headers, the session,
    /// who is signed in, and refusals shown as pages. `boardExecutable` runs the registry's board runs.
    public static func router(institution: Institution, boardExecutable: String) throws -> Router<ServiceContext> {
        let pages = try Pages(institution: institution)
        let router = Router(context: ServiceContext.self)
        router.addMiddleware {
            SecurityHeaders()
            SessionMiddleware(
                storage: LedgerSessions(ledger: institution.ledger, clock: institution.clock),
                configuration: .init(
                    sessionCookieParameters: .init(
                        name: "board_session", path: "/", secure: !institution.config.serve.insecureCookies,
                        sameSite: .strict),
                    defaultSessionExpiration: sessionIdle))
            Identify(institution: institution)
            ProblemPages(pages: pages)
        }
        router.get("/assets/board.css") { _, _ in asset(PageTemplates.css, type: "text/css; charset=utf-8") }
        router.get("/assets/board.js") { _, _ in asset(PageTemplates.script, type: "text/javascript; charset=utf-8") }
        SignInRoutes(institution: institution, pages: pages).add(to: router)
        SubmissionRoutes(institution: institution, pages: pages, desk: SubmissionDesk(institution: institution))
            .add(to: router)
        RegistryRoutes(
            institution: institution, pages: pages,
            jobs: BoardJobs(executable: boardExecutable, configFile: institution.config.file, clock: institution.clock)
        ).add(to: router)
        return router
    }

    /// The service listening on `host:port`.
    public static func application(
        institution: Institution, host: String, port: Int, boardExecutable: String, logger: Logger
    ) throws -> some ApplicationProtocol {
        Application(
            router: try router(institution: institution, boardExecutable: boardExecutable),
            configuration: .init(address: .hostname(host, port: port), serverName: "board"), logger: logger)
    }

    private static func asset(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
