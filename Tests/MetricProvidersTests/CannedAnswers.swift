import Engine
import Hummingbird
import NIOCore

/// The test server's Prometheus: the query names the answer.
enum PrometheusAnswers {
  /// A real-looking query, to check it arrives intact through the URL encoding.
  static let errorRate =
    #"sum(rate(http_requests_total{code=~"5..",app="web & api"}[5m])) / sum(rate(x[5m]))"#

  static func respond(to query: Substring) async throws -> Response {
    switch query {
    case errorRate[...]:
      return answer(.ok, vector(["0.05", "1"]))
    case "scalar":
      return answer(
        .ok, #"{"status":"success","data":{"resultType":"scalar","result":[1.5,"42.5"]}}"#)
    case "specials":
      return answer(.ok, vector(["NaN", "+Inf", "-Inf"]))
    case "empty":
      return answer(.ok, vector([]))
    case "matrix":
      return answer(
        .ok, #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)
    case "bad":
      return answer(
        .badRequest,
        #"{"status":"error","errorType":"bad_data","error":"1:4: parse error: unexpected end"}"#)
    case "malformed":
      return answer(.ok, "<html>a proxy's login page</html>", type: "text/html")
    case "down":
      return answer(.serviceUnavailable, "overloaded, try later", type: "text/plain")
    case "slow":
      try await Task.sleep(for: slowAnswerDelay)
      return answer(.ok, vector(["1"]))
    default:
      return answer(
        .badRequest, #"{"status":"error","errorType":"bad_data","error":"unknown test query"}"#)
    }
  }

  /// A vector answer with one series per value, labelled by position.
  static func vector(_ values: [String]) -> String {
    let series = values.enumerated().map { index, value in
      #"{"metric":{"pod":"web-\#(index)"},"value":[1700000000.123,"\#(value)"]}"#
    }
    return #"{"status":"success","data":{"resultType":"vector","result":["#
      + series.joined(separator: ",") + "]}}"
  }
}

/// The test server's web endpoints under `/web`.
enum WebAnswers {
  static let document = #"{"data":{"ok":true,"items":[{"value":0.5},{"value":2}]},"name":"canary"}"#

  static func install(on router: Router<BasicRequestContext>, recorder: Recorder) {
    router.get("/web/doc") { request, _ in
      recorder.record(request)
      return answer(.ok, document)
    }
    for method in [HTTPRequest.Method.post, .put] {
      router.on("/web/echo", method: method) { request, _ in
        recorder.record(request)
        var request = request
        return answer(.ok, try await echo(&request))
      }
    }
    router.get("/web/text") { _, _ in answer(.ok, "plain words, not JSON", type: "text/plain") }
    router.get("/web/fail") { _, _ in
      answer(.internalServerError, "database connection refused", type: "text/plain")
    }
    router.get("/web/slow") { _, _ in
      try await Task.sleep(for: slowAnswerDelay)
      return answer(.ok, document)
    }
  }

  /// The method, content type and body received, as JSON (the body parsed when it is JSON).
  private static func echo(_ request: inout Request) async throws -> String {
    let bytes = try await request.collectBody(upTo: 1 << 20)
    let text = String(buffer: bytes)
    let body = (try? JSONValue(exactText: text)) ?? .string(text)
    let echoed: JSONValue = .object([
      "method": .string(request.method.rawValue),
      "contentType": .string(request.headers[.contentType] ?? ""),
      "body": body,
    ])
    return try echoed.exactText()
  }
}
