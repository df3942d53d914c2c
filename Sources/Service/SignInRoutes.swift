import Dispatch
import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdBcrypt
import Ledger

/// Signing in and out, setting a password from a one-time link, and the page language.
struct SignInRoutes {
    let institution: Institution
    let pages: Pages
    /// The cookie that carries the sign-in form's token (the form has no session yet to carry it).
    static let formCookie = "board_form"
    /// bcrypt's cost (SPEC §8: at least 12).
    static let cost: UInt8 = 12
    /// Compared against when no account matches, so that an unknown address takes as long as a wrong password.
    static let decoy = Bcrypt.hash("not a password of anyone's", cost: cost)

    struct SignInForm: Decodable {
        let csrf: String
        let email: String
        let password: String
    }

    struct SetPasswordForm: Decodable {
        let token: String
        let password: String
        let repeated: String
    }

    struct LanguageForm: Decodable {
        let csrf: String
        let language: String
        let back: String
    }

    struct TokenForm: Decodable {
        let csrf: String
    }

    func add(to router: Router<ServiceContext>) {
        router.get("/") { _, context -> Response in
            switch context.identity?.role {
            case nil: .redirect(to: "/sign-in", type: .found)
            case .courseTeam: .redirect(to: "/sheets", type: .found)
            case .registry: .redirect(to: "/registry", type: .found)
            }
        }
        router.get("/sign-in") { request, context in
            signInPage(request, context, problem: nil, email: "", status: .ok)
        }
        router.post("/sign-in") { request, context in try await signIn(request, context) }
        router.post("/sign-out") { request, context -> Response in
            let form = try await Forms.fields(TokenForm.self, request)
            try Forms.requireToken(form.csrf, context)
            context.sessions.clearSession()
            return .redirect(to: "/sign-in", type: .normal)
        }
        router.get("/set-password") { request, context -> Response in
            let token = request.uri.queryParameters.get("token") ?? ""
            let usable = try await institution.ledger.passwordLinkIsUsable(
                digest: Secrets.digest(token), now: institution.clock())
            let language = Pages.language(request, context)
            return pages.page(
                "set-password", title: Words.of(language)["setPassword"] ?? "",
                values: usable
                    ? ["usable": true, "token": token]
                    : ["problem": ServiceMessage.passwordLinkUnusable.text(language)],
                language: language, context: context, status: usable ? .ok : .gone)
        }
        router.post("/set-password") { request, context in try await setPassword(request, context) }
        router.post("/language") { request, context -> Response in
            guard let account = context.identity else { throw Refusal(401, .signInNeeded) }
            let form = try await Forms.fields(LanguageForm.self, request)
            try Forms.requireToken(form.csrf, context)
            try await institution.ledger.setLanguage(PageLanguage(form.language).rawValue, account: account.id)
            // Back to the page the switch was on: a path of this site only, of the characters its own
            // paths are made of.
            let isPath =
                form.back.hasPrefix("/") && !form.back.hasPrefix("//")
                && form.back.unicodeScalars.allSatisfy {
                    $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "/-_.".unicodeScalars.contains($0))
                }
            let back = isPath ? form.back : "/"
            return .redirect(to: back, type: .normal)
        }
    }

    private func signInPage(
        _ request: Request, _ context: ServiceContext, problem: ServiceMessage?, email: String,
        status: HTTPResponse.Status
    ) -> Response {
        let language = Pages.language(request, context)
        let token = Secrets.token()
        var values: [String: Any] = [
            "formToken": token, "emailValue": email, "switchHref": "/sign-in?lang=\(language.other.rawValue)",
        ]
        if let problem { values["problem"] = problem.text(language) }
        let notice = request.uri.queryParameters.get("set") != nil ? ServiceMessage.passwordSet.text(language) : nil
        var response = pages.page(
            "sign-in", title: Words.of(language)["signIn"] ?? "", values: values, language: language,
            context: context, status: status, notice: notice)
        response.setCookie(
            Cookie(
                name: Self.formCookie, value: token, path: "/", secure: !institution.config.serve.insecureCookies,
                httpOnly: true, sameSite: .strict))
        return response
    }

    /// Five failed sign-ins in ten minutes lock the account for ten minutes; while it is locked no
    /// password is tried. An unknown address is refused in the same words, after the same work.
    private func signIn(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let form = try await Forms.fields(SignInForm.self, request)
        guard let cookie = request.cookies[Self.formCookie]?.value, Secrets.same(form.csrf, cookie) else {
            throw Refusal(403, .formExpired)
        }
        let ledger = institution.ledger
        let now = institution.clock()
        guard let account = try await ledger.account(email: form.email), !account.disabled,
            let hash = account.passwordHash
        else {
            _ = await offThread { Bcrypt.verify(form.password, hash: Self.decoy) }
            return signInPage(request, context, problem: .signInFailed, email: form.email, status: .unauthorized)
        }
        let recent = try await ledger.failedSignIns(
            account: account.id, since: now.addingTimeInterval(-2 * SignInLock.window))
        if let until = SignInLock.lockedUntil(failedAt: recent, now: now) {
            try await ledger.audit(actor: account.email, event: "sign-in-refused", detail: "account locked", at: now)
            return signInPage(
                request, context, problem: .signInLocked(until: stamp(until)), email: form.email,
                status: .tooManyRequests)
        }
        let password = form.password
        guard await offThread({ Bcrypt.verify(password, hash: hash) }) else {
            try await ledger.recordSignIn(account: account.id, succeeded: false, at: now)
            try await ledger.audit(actor: account.email, event: "sign-in-refused", detail: "wrong password", at: now)
            if let until = SignInLock.lockedUntil(failedAt: recent + [now], now: now) {
                return signInPage(
                    request, context, problem: .signInLocked(until: stamp(until)), email: form.email,
                    status: .tooManyRequests)
            }
            return signInPage(request, context, problem: .signInFailed, email: form.email, status: .unauthorized)
        }
        try await ledger.recordSignIn(account: account.id, succeeded: true, at: now)
        try await ledger.audit(actor: account.email, event: "sign-in", detail: "with password", at: now)
        context.sessions.createSession(SignedIn(account: account.id, csrf: Secrets.token()), expiresIn: sessionIdle)
        return .redirect(to: "/", type: .normal)
    }

    private func setPassword(_ request: Request, _ context: ServiceContext) async throws -> Response {
        let form = try await Forms.fields(SetPasswordForm.self, request)
        let language = Pages.language(request, context)
        if let problem = PasswordRule.problem(form.password, repeated: form.repeated) {
            return pages.page(
                "set-password", title: Words.of(language)["setPassword"] ?? "",
                values: ["usable": true, "token": form.token, "problem": problem.text(language)], language: language,
                context: context, status: .badRequest)
        }
        let password = form.password
        let hash = await offThread { Bcrypt.hash(password, cost: Self.cost) }
        guard
            let account = try await institution.ledger.usePasswordLink(
                digest: Secrets.digest(form.token), passwordHash: hash, now: institution.clock())
        else { throw Refusal(410, .passwordLinkUnusable) }
        try await institution.ledger.audit(
            actor: account.email, event: "account", detail: "password set with the one-time link",
            at: institution.clock())
        return .redirect(to: "/sign-in?set=1", type: .normal)
    }
}

/// bcrypt's deliberate slowness, kept off the threads that serve requests.
func offThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}

/// A moment for a person: `2026-02-19 14:05:00`, UTC.
func stamp(_ time: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: time)
    return String(
        format: "%04d-%02d-%02d %02d:%02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!,
        parts.second!)
}
