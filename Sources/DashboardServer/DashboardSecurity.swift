import HTTPTypes
import Hummingbird

/// What keeps the dashboard safe by default: the per-start token actions need, the checks that
/// refuse cross-site requests (CSRF) and foreign Host names (DNS rebinding), and the headers
/// every response carries.
public struct DashboardSecurity: Sendable {
  /// The token actions carry in `X-Rollout-Token`.
  public let token: String
  /// Actions are refused (and hidden).
  public let readOnly: Bool
  /// Host names the server answers to; nil answers any (when bound beyond loopback).
  public let allowedHosts: Set<String>?

  public init(token: String = DashboardSecurity.makeToken(), readOnly: Bool, loopbackOnly: Bool) {
    self.token = token
    self.readOnly = readOnly
    allowedHosts = loopbackOnly ? ["127.0.0.1", "localhost", "[::1]", "::1"] : nil
  }

  /// 32 random characters from the system's secure generator.
  public static func makeToken() -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    var random = SystemRandomNumberGenerator()
    return String(
      (0..<32).map { _ in alphabet[Int(random.next(upperBound: UInt64(alphabet.count)))] })
  }

  static let tokenHeader = HTTPField.Name("X-Rollout-Token")!
  static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

  /// The Content-Security-Policy of every response: the page's own scripts, styles, images and
  /// connections only; no inline code, no frames, no form posts, no plugins.
  static let contentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
    + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

  /// The headers every response carries.
  static let headers: HTTPFields = [
    HTTPField.Name("Content-Security-Policy")!: contentSecurityPolicy,
    HTTPField.Name("X-Content-Type-Options")!: "nosniff",
    HTTPField.Name("X-Frame-Options")!: "DENY",
    HTTPField.Name("Referrer-Policy")!: "no-referrer",
    HTTPField.Name("Cross-Origin-Opener-Policy")!: "same-origin",
    HTTPField.Name("Cross-Origin-Resource-Policy")!: "same-origin",
    .cacheControl: "no-store",
  ]

  /// Why a request may not be answered at all: a Host the server does not serve.
  func hostRefusal(_ request: Request) -> String? {
    guard let allowedHosts else { return nil }
    let host = request.head.authority ?? ""
    let name: Substring
    if host.hasPrefix("["), let end = host.firstIndex(of: "]") {
      name = host[...end]
    } else {
      name = host.split(separator: ":", maxSplits: 1).first ?? ""
    }
    return allowedHosts.contains(String(name))
      ? nil : "host \"\(host)\" is not served (the dashboard answers on loopback names only)"
  }

  /// Why a state-changing request is refused (403), or nil to go on: read-only mode, a missing
  /// or wrong token, or a request another site's page could have sent.
  func actionRefusal(_ request: Request, needsToken: Bool) -> String? {
    if needsToken && readOnly { return "the dashboard is read-only (--read-only)" }
    if let refusal = crossSiteRefusal(request) { return refusal }
    guard needsToken else { return nil }
    guard let given = request.headers[Self.tokenHeader], !given.isEmpty else {
      return "an action needs the dashboard's token (X-Rollout-Token): open the URL "
        + "`rollout dashboard` printed"
    }
    return Self.equalInConstantTime(given, token) ? nil : "wrong dashboard token"
  }

  /// CSRF: a POST must be JSON (which a cross-site form cannot send without a preflight the
  /// server never grants) and, when the browser says where it comes from, same-origin.
  func crossSiteRefusal(_ request: Request) -> String? {
    let type = request.headers[.contentType]?.split(separator: ";").first
      .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    guard type == "application/json" else { return "the request must be application/json" }
    if let site = request.headers[Self.secFetchSite], site != "same-origin", site != "none" {
      return "cross-site request refused (Sec-Fetch-Site: \(site))"
    }
    if let origin = request.headers[.origin] {
      let host = request.head.authority ?? ""
      guard origin == "http://\(host)" || origin == "https://\(host)" else {
        return "cross-origin request refused (Origin: \(origin))"
      }
    }
    return nil
  }

  static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
    let (x, y) = (Array(a.utf8), Array(b.utf8))
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
