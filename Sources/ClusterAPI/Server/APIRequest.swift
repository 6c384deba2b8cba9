/// One request to the served API, as the HTTP face hands it over: method, path, query, the
/// headers that matter and the body.
public struct APIRequest: Sendable {
  public var method: String
  public var path: String
  public var query: [String: String]
  public var accept: String?
  public var contentType: String?
  public var body: [UInt8]
  /// The `User-Agent` header.
  public var userAgent: String?

  public init(
    method: String, path: String, query: [String: String] = [:], accept: String? = nil,
    contentType: String? = nil, body: [UInt8] = [], userAgent: String? = nil
  ) {
    self.userAgent = userAgent
    self.method = method
    self.path = path
    self.query = query
    self.accept = accept
    self.contentType = contentType
    self.body = body
  }

  /// Whether the client asked for a `meta.k8s.io` Table (`kubectl get`).
  var wantsTable: Bool {
    guard let accept else { return false }
    return accept.split(separator: ",").first.map { $0.contains("as=Table") } ?? false
  }

  /// `dryRun=All`: validate and answer, store nothing (`kubectl diff`).
  var isDryRun: Bool { query["dryRun"] == "All" }
}

/// The answer: a whole body, or a watch stream of newline-terminated JSON events.
public enum APIResponse: Sendable {
  case body(status: Int, contentType: String, bytes: [UInt8], headers: [String: String] = [:])
  case watch(contentType: String, stream: AsyncStream<[UInt8]>, onEnd: @Sendable () -> Void)

  static func json(_ status: Int, _ value: JSONValueText) -> APIResponse {
    .body(status: status, contentType: "application/json", bytes: value.bytes)
  }
}

/// JSON already encoded.
struct JSONValueText {
  var bytes: [UInt8]
}
