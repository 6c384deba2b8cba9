import Engine

/// Answers `prometheus` metrics with an instant query, `GET {address}/api/v1/query`.
///
/// A vector becomes an array of its samples' values in the order Prometheus gives them, a
/// scalar a number; `NaN`, `+Inf` and `-Inf` are kept as those doubles. An empty vector, an
/// answer with `status: error`, an unreachable server, a timeout, a non-2xx status and a body
/// that is not Prometheus' JSON are all errors (never a passing measurement).
///
/// `measure` blocks its thread: see `MetricHTTPClient` for where it may be called from.
public struct PrometheusProvider: MetricProvider {
  /// The request's deadline without a `timeout` (Argo Rollouts' default).
  public static let defaultTimeoutSeconds = 30

  private let http: MetricHTTPClient

  public init(client: MetricHTTPClient) { http = client }

  public func measure(_ request: MeasurementRequest) -> Result<JSONValue, MeasurementError> {
    guard let spec = request.metric.provider.prometheus else {
      return .failure(MeasurementError("metric \(request.metric.name) has no prometheus provider"))
    }
    if let timeout = spec.timeout, timeout < 0 {
      return .failure(MeasurementError("prometheus timeout \(timeout) is negative"))
    }
    let what = "prometheus at \(spec.address)"
    let url = Self.queryURL(spec)
    let timeout = spec.timeout.flatMap { $0 > 0 ? $0 : nil } ?? Self.defaultTimeoutSeconds
    return http.send(
      .GET, url: url, headers: spec.headers ?? [], timeoutSeconds: timeout, what: what
    )
    .flatMap { Self.value(of: $0, what: what) }
  }

  /// `{address}/api/v1/query?query=…[&timeout=Ns]`.
  static func queryURL(_ spec: PrometheusMetric) -> String {
    var base = Substring(spec.address)
    while base.hasSuffix("/") { base = base.dropLast() }
    var url = "\(base)/api/v1/query?query=\(QueryEncoding.encode(spec.query))"
    if let timeout = spec.timeout, timeout > 0 { url += "&timeout=\(timeout)s" }
    return url
  }

  /// The measurement in an answer of the query API.
  static func value(
    of answer: MetricHTTPClient.Answer, what: String
  ) -> Result<JSONValue, MeasurementError> {
    let document = try? JSONValue(exactText: String(decoding: answer.body, as: UTF8.self))
    if let document, document["status"]?.stringValue == "error" {
      let kind = document["errorType"]?.stringValue ?? "error"
      let message = document["error"]?.stringValue ?? "(no message)"
      return .failure(
        MeasurementError("\(what): the query failed (\(answer.status.code)): \(kind): \(message)"))
    }
    guard (200..<300).contains(answer.status.code) else {
      return .failure(
        MeasurementError(
          "\(what) answered \(answer.status.code) \(answer.status.reasonPhrase): "
            + answer.excerpt))
    }
    guard let document, document["status"]?.stringValue == "success",
      let data = document["data"], let kind = data["resultType"]?.stringValue
    else {
      return .failure(
        MeasurementError("\(what) did not answer with Prometheus' query JSON: \(answer.excerpt)"))
    }
    switch kind {
    case "vector":
      guard let series = data["result"]?.arrayValue else { return malformed(what, "no result") }
      if series.isEmpty {
        return .failure(MeasurementError("\(what): the query returned no series"))
      }
      var values: [JSONValue] = []
      for sample in series {
        guard let value = number(sample["value"]) else {
          return malformed(what, "a sample without a numeric value")
        }
        values.append(.double(value))
      }
      return .success(.array(values))
    case "scalar":
      guard let value = number(data["result"]) else { return malformed(what, "no scalar value") }
      return .success(.double(value))
    default:
      return .failure(
        MeasurementError(
          "\(what): a \(kind) result is not supported (an instant query gives a vector or a "
            + "scalar)"))
    }
  }

  /// `[timestamp, "value"]`'s value; Prometheus writes `NaN`, `+Inf`, `-Inf` as such.
  private static func number(_ pair: JSONValue?) -> Double? {
    guard let pair = pair?.arrayValue, pair.count == 2, let text = pair[1].stringValue else {
      return nil
    }
    switch text {
    case "NaN": return .nan
    case "+Inf", "Inf": return .infinity
    case "-Inf": return -.infinity
    default: return Double(text)
    }
  }

  private static func malformed(_ what: String, _ detail: String) -> Result<
    JSONValue, MeasurementError
  > {
    .failure(MeasurementError("\(what): a malformed query result (\(detail))"))
  }
}

/// Percent-encoding of a query parameter's value: every byte but RFC 3986's unreserved.
enum QueryEncoding {
  static func encode(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = Array("0123456789ABCDEF".utf8)
        out.unicodeScalars.append("%")
        out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
        out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
      }
    }
    return out
  }
}
