import Engine
import NIOHTTP1

/// Answers `web` metrics: one HTTP request whose 2xx JSON answer is the measurement, or the
/// part of it the metric's `jsonPath` selects (see `JSONPath`; an empty path selects it all).
///
/// `GET` is the default method; `POST` and `PUT` may carry `body` (sent as written) or
/// `jsonBody` (sent as JSON, with `Content-Type: application/json` unless a header sets one).
/// The timeout is `timeoutSeconds`, 10 without one; `insecure` skips TLS verification.
///
/// `measure` blocks its thread: see `MetricHTTPClient` for where it may be called from.
public struct WebProvider: MetricProvider {
  /// The request's deadline without `timeoutSeconds` (Argo Rollouts' default).
  public static let defaultTimeoutSeconds = 10

  private let http: MetricHTTPClient

  public init(client: MetricHTTPClient) { http = client }

  public func measure(_ request: MeasurementRequest) -> Result<JSONValue, MeasurementError> {
    guard let spec = request.metric.provider.web else {
      return .failure(MeasurementError("metric \(request.metric.name) has no web provider"))
    }
    let what = "web metric \(spec.url)"
    var path: JSONPath?
    if let text = spec.jsonPath, !text.allSatisfy(\.isWhitespace) {
      do {
        path = try JSONPath(text)
      } catch {
        return .failure(MeasurementError("\(what): \(error.message)"))
      }
    }
    let prepared: (method: HTTPMethod, headers: [WebHeader], body: [UInt8]?)
    switch Self.prepare(spec) {
    case .success(let value): prepared = value
    case .failure(let error): return .failure(MeasurementError("\(what): \(error.message)"))
    }
    let timeout = spec.timeoutSeconds.flatMap { $0 > 0 ? $0 : nil } ?? Self.defaultTimeoutSeconds
    return http.send(
      prepared.method, url: spec.url, headers: prepared.headers, body: prepared.body,
      timeoutSeconds: timeout, insecure: spec.insecure ?? false, what: what
    ).flatMap { Self.value(of: $0, path: path, what: what) }
  }

  /// The method, the headers and the body to send, or why the spec cannot be sent.
  static func prepare(
    _ spec: WebMetric
  ) -> Result<(method: HTTPMethod, headers: [WebHeader], body: [UInt8]?), MeasurementError> {
    let method: HTTPMethod
    switch (spec.method ?? "GET").uppercased() {
    case "GET", "": method = .GET
    case "POST": method = .POST
    case "PUT": method = .PUT
    case let other:
      return .failure(MeasurementError("the method \(other) is not one of GET, POST, PUT"))
    }
    var headers = spec.headers ?? []
    var body: [UInt8]?
    switch (spec.body, spec.jsonBody) {
    case (nil, nil): body = nil
    case (.some, .some):
      return .failure(MeasurementError("body and jsonBody are both set; use one"))
    case (let text?, nil): body = Array(text.utf8)
    case (nil, let json?):
      guard let bytes = try? json.exactBytes() else {
        return .failure(MeasurementError("jsonBody holds a number JSON cannot write"))
      }
      body = bytes
      if !headers.contains(where: { $0.key.lowercased() == "content-type" }) {
        headers.append(WebHeader(key: "Content-Type", value: "application/json"))
      }
    }
    if body != nil, method == .GET {
      return .failure(MeasurementError("a body is sent only with POST or PUT, not GET"))
    }
    return .success((method, headers, body))
  }

  /// The measurement in a web answer: its JSON, or what `path` selects in it.
  static func value(
    of answer: MetricHTTPClient.Answer, path: JSONPath?, what: String
  ) -> Result<JSONValue, MeasurementError> {
    guard (200..<300).contains(answer.status.code) else {
      return .failure(
        MeasurementError(
          "\(what) answered \(answer.status.code) \(answer.status.reasonPhrase): "
            + answer.excerpt))
    }
    let document: JSONValue
    do {
      document = try JSONValue(exactText: String(decoding: answer.body, as: UTF8.self))
    } catch {
      return .failure(
        MeasurementError("\(what) did not answer JSON (\(error.message)): \(answer.excerpt)"))
    }
    guard let path else { return .success(document) }
    do {
      return .success(try path.select(in: document))
    } catch {
      return .failure(MeasurementError("\(what): \(error.message)"))
    }
  }
}
