/// `[serve]` of `board.toml`: how the submission service (`board serve`) meets its users.
public struct ServeSettings: Sendable {
    /// Session cookies without `Secure`, for a trial on a machine without TLS; never behind a proxy.
    public var insecureCookies = false
    /// The header a single sign-on proxy names the signed-in user in (`X-Remote-User`); nil for none.
    public var trustedUserHeader: String?
    /// The addresses the header is believed from; from any other it is ignored.
    public var trustedProxies: [String] = []
    /// The address people reach the service at (`https://marks.example.ac.uk`), for the set-password
    /// links `board user add` prints; nil for `http://<listen>`.
    public var publicURL: String?

    public init() {}
}
