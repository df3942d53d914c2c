import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// The pages rendered: every value escaped by Mustache, in the layout, in the page's language.
struct Pages: Sendable {
    let library: MustacheLibrary
    let institution: Institution

    init(institution: Institution) throws {
        var library = MustacheLibrary()
        for (name, text) in PageTemplates.all { try library.register(text, named: name) }
        self.library = library
        self.institution = institution
    }

    /// The language of the page: the account's, else the one asked for (`?lang=cy`), else English.
    static func language(_ request: Request, _ context: ServiceContext) -> PageLanguage {
        if let account = context.identity { return PageLanguage(account.language) }
        return PageLanguage(request.uri.queryParameters.get("lang"))
    }

    func page(
        _ template: String, title: String, values: [String: Any], language: PageLanguage, context: ServiceContext,
        back: String = "/", status: HTTPResponse.Status = .ok, notice: String? = nil
    ) -> Response {
        var all = values
        all["lang"] = language.rawValue
        all["other"] = language.other.rawValue
        all["title"] = title
        all["institution"] =
            language == .welsh && !institution.config.institution.nameWelsh.isEmpty
            ? institution.config.institution.nameWelsh : institution.config.institution.name
        all["w"] = Words.of(language)
        if let notice { all["notice"] = notice }
        if let account = context.identity {
            all["signedIn"] = true
            all["email"] = account.email
            all["csrf"] = context.csrf
            if account.role == .courseTeam { all["languageSwitch"] = ["back": back] }
        }
        let html = library.render(all, withTemplate: template) ?? ""
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// A refusal as a page, in the layout, with the way back.
    func problem(_ refusal: Refusal, request: Request, context: ServiceContext) -> Response {
        let language = Self.language(request, context)
        let home = context.identity == nil ? "/sign-in" : "/"
        return page(
            "problem", title: Words.of(language)["problem"] ?? "",
            values: [
                "message": refusal.message.text(language), "home": home,
                "homeLabel":
                    (context.identity == nil ? Words.of(language)["signIn"] : Words.of(language)["backToSheets"])
                    ?? "",
            ], language: language, context: context,
            status: HTTPResponse.Status(code: refusal.status))
    }
}

/// A file to download, named by the service.
func download(_ bytes: [UInt8], name: String, type: String) -> Response {
    Response(
        status: .ok,
        headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
        body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
}

/// Every refusal and every HTTP error (an unknown address, a body too large) shown as a page.
struct ProblemPages: RouterMiddleware {
    typealias Context = ServiceContext
    let pages: Pages

    func handle(
        _ request: Request, context: ServiceContext, next: (Request, ServiceContext) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refusal as Refusal {
            return pages.problem(refusal, request: request, context: context)
        } catch let error as HTTPError {
            let message: ServiceMessage =
                switch error.status {
                case .contentTooLarge: .tooLarge(megabytes: SubmissionDesk.largestUpload >> 20)
                case .notFound: .notFound
                default: .formExpired
                }
            return pages.problem(Refusal(Int(error.status.code), message), request: request, context: context)
        }
    }
}
