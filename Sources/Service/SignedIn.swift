import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdAuth
import Ledger
import NIOCore

/// What a session holds: whose it is, and the token every form of the session carries (CSRF).
public struct SignedIn: Codable, Sendable {
    public var account: Int64
    public var csrf: String
}

/// Each request's context: the signed-in account, if any, its session, and the address it came from
/// (a single sign-on header is believed only from a trusted proxy).
public struct ServiceContext: AuthRequestContext, SessionRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Account?
    public let sessions: SessionContext<SignedIn>
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
        remoteAddress = source.channel.remoteAddress
    }

    /// The session's CSRF token; empty when signed out.
    var csrf: String { sessions.session?.csrf ?? "" }
}

/// How long a session lasts without a request (SPEC §8: 8 hours idle).
let sessionIdle: Duration = .seconds(8 * 60 * 60)

/// Sessions kept in the ledger's `sessions` table, for hummingbird-auth's `SessionMiddleware`: each
/// under the SHA-256 of its id, so the ledger holds no usable session; read back only before it expires.
struct LedgerSessions: PersistDriver {
    let ledger: Ledger
    let clock: @Sendable () -> Date

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try await set(key: key, value: value, expires: expires)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let lasts = expires ?? sessionIdle
        try await ledger.storeSession(
            digest: Secrets.digest(key), value: try JSONEncoder().encode(value),
            expires: clock().addingTimeInterval(TimeInterval(lasts.components.seconds)))
    }

    func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws
        -> (object: Object, ttl: Duration?)?
    {
        let now = clock()
        guard let stored = try await ledger.session(digest: Secrets.digest(key), now: now) else { return nil }
        guard let object = try? JSONDecoder().decode(type, from: stored.value) else {
            throw PersistError.invalidConversion
        }
        return (object, .seconds(Int64(stored.expires.timeIntervalSince(now))))
    }

    func remove(key: String) async throws {
        try await ledger.removeSession(digest: Secrets.digest(key), now: clock())
    }
}

/// Finds who is signed in: from the single sign-on header when it comes from a trusted proxy, else from
/// the session. A session of a disabled account ends; an active one is kept alive for 8 hours more.
struct Identify: RouterMiddleware {
    let institution: Institution

    func handle(
        _ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        let settings = institution.config.serve
        if let header = settings.trustedUserHeader.flatMap({ HTTPField.Name($0) }), let email = request.headers[header],
            let address = context.remoteAddress?.ipAddress, settings.trustedProxies.contains(address)
        {
            if let account = try await institution.ledger.account(email: email), !account.disabled {
                context.identity = account
                if context.sessions.session?.account != account.id {
                    context.sessions.createSession(
                        SignedIn(account: account.id, csrf: Secrets.token()), expiresIn: sessionIdle)
                    try await institution.ledger.audit(
                        actor: account.email, event: "sign-in",
                        detail: "through single sign-on ('\(header)' from \(address))",
                        at: institution.clock())
                }
            }
        } else if let session = context.sessions.session {
            if let account = try await institution.ledger.account(id: session.account), !account.disabled {
                context.identity = account
                context.sessions.withLockedSession { data in
                    // Renewed at most every five minutes: a request is not a write to the ledger.
                    if let left = data?.expiresIn, left < sessionIdle - .seconds(300) { data?.expiresIn = sessionIdle }
                }
            } else {
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }
}

/// Lets through only accounts of `role`: a visitor who is not signed in is sent to sign in (or, for a
/// form, refused), another role is refused.
struct RequireRole: RouterMiddleware {
    typealias Context = ServiceContext
    let roles: Set<AccountRole>

    func handle(
        _ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response
    ) async throws -> Response {
        guard let account = context.identity else {
            if request.method == .get { return .redirect(to: "/sign-in", type: .found) }
            throw Refusal(401, .signInNeeded)
        }
        guard roles.contains(account.role) else { throw Refusal(403, .forbidden) }
        return try await next(request, context)
    }
}

/// Headers every answer carries: no framing, no sniffing, no referrer (a set-password link stays in
/// the address bar), nothing from elsewhere, and pages that are not cached.
struct SecurityHeaders: RouterMiddleware {
    typealias Context = ServiceContext

    func handle(
        _ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response
    ) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        response.headers[.xFrameOptions] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
