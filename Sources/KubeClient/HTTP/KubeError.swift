import Engine

/// Why a request to the API server failed, worded so a user can act on it.
public enum KubeError: Error, Sendable, CustomStringConvertible {
  /// No connection: refused, no route, DNS, timeout.
  case unreachable(server: String, origin: String, detail: String)
  /// The TLS handshake failed: the server's certificate did not verify, or ours was refused.
  case tls(server: String, detail: String, certificateAuthority: String?)
  /// The server answered with an error `Status`.
  case status(APIStatus)
  /// The credential could not be had (an exec plugin failed, a token file is missing).
  case credentials(String)
  /// The server's answer was not what the API promises.
  case malformed(String)

  public var description: String {
    switch self {
    case .unreachable(let server, let origin, let detail):
      return
        "cannot reach the Kubernetes API server at \(server) (\(origin)): \(detail); is the cluster up, and is this the right context?"
    case .tls(let server, let detail, let authority):
      let trust = authority.map { "the certificate authority from \($0)" } ?? "the system's roots"
      return
        "TLS with \(server) failed: \(detail) (the server's certificate is checked against \(trust))"
    case .status(let status): return status.description
    case .credentials(let message): return message
    case .malformed(let message): return "the API server's answer was malformed: \(message)"
    }
  }

  /// The HTTP status code, for an answered request.
  public var code: Int? {
    if case .status(let status) = self { return status.code }
    return nil
  }

  /// 409 Conflict: the object changed since it was read (or, on create, exists).
  public var isConflict: Bool { code == 409 }
  public var isNotFound: Bool { code == 404 }
  /// 410 Gone: a watch or list from a resourceVersion the server no longer has.
  public var isExpired: Bool { code == 410 }
  /// Worth trying again later: no connection, 429, 5xx.
  public var isTransient: Bool {
    switch self {
    case .unreachable: return true
    case .status(let status): return status.code == 429 || status.code >= 500
    default: return false
    }
  }
}

/// A `meta.k8s.io/v1` Status the server answered with, and the request it answered.
public struct APIStatus: Sendable, Hashable, CustomStringConvertible {
  public var code: Int
  public var reason: String
  public var message: String
  /// `get`, `list`, `watch`, `create`, `update`, `patch` or `delete`: RBAC's verb.
  public var verb: String
  public var resource: String
  public var namespace: String?
  public var name: String?
  /// The user the request went as, for a 401 or 403.
  public var user: String?

  public init(
    code: Int, reason: String, message: String, verb: String, resource: String,
    namespace: String? = nil, name: String? = nil, user: String? = nil
  ) {
    self.code = code
    self.reason = reason
    self.message = message
    self.verb = verb
    self.resource = resource
    self.namespace = namespace
    self.name = name
    self.user = user
  }

  /// Reads a Status body; anything else keeps the HTTP code and the text.
  init(code: Int, body: [UInt8], verb: String, resource: String, namespace: String?, name: String?)
  {
    let text = String(decoding: body.prefix(2048), as: UTF8.self)
    let object = try? JSONValue(exactText: String(decoding: body, as: UTF8.self))
    self.init(
      code: object?["code"]?.intValue ?? code,
      reason: object?["reason"]?.stringValue ?? Self.reasons[code] ?? "Error",
      message: object?["message"]?.stringValue
        ?? (text.isEmpty ? "HTTP \(code)" : text.trimmingWhitespace),
      verb: verb, resource: resource, namespace: namespace, name: name)
  }

  private static let reasons = [
    400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound",
    405: "MethodNotAllowed", 409: "Conflict", 410: "Expired", 413: "RequestEntityTooLarge",
    415: "UnsupportedMediaType", 422: "Invalid", 429: "TooManyRequests",
    500: "InternalError", 503: "ServiceUnavailable", 504: "Timeout",
  ]

  public var description: String {
    let scope = namespace.map { " in namespace \"\($0)\"" } ?? " cluster-wide"
    switch code {
    case 401:
      return
        "the API server refused the credentials\(user.map { " of user \"\($0)\"" } ?? "") (401 Unauthorized): the token or certificate is invalid or expired; \(message)"
    case 403:
      return
        "RBAC forbids \(user.map { "\"\($0)\"" } ?? "this user") to \(verb) \(resource)\(scope) (403 Forbidden): \(message)"
    default:
      return
        "\(verb) \(resource)\(name.map { " \"\($0)\"" } ?? "")\(scope): \(message) (\(code) \(reason))"
    }
  }
}

extension String {
  var trimmingWhitespace: String {
    var text = Substring(self)
    while let first = text.first, first.isWhitespace { text.removeFirst() }
    while let last = text.last, last.isWhitespace { text.removeLast() }
    return String(text)
  }
}
