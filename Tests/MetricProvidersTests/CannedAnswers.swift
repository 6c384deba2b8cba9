import Engine
import NIOCore
import NIOHTTP1

/// One canned answer of the test server: what to send, and how long to wait before sending it.
struct CannedAnswer: Sendable {
  var status: HTTPResponseStatus
  var body: String
  var contentType: String = "application/json"
  /// Sent after this long, on the server's event loop; nil sends at once.
  var delay: TimeAmount? = nil
}

/// Longer than any timeout the tests set, so a request to a slow endpoint can only time out.
let slowAnswerDelay: TimeAmount = .seconds(4)

/// The test server's routes: a Prometheus query API and a few web endpoints under `/web`.
enum CannedRoutes {
  /// The answer to `request` (whose body is `body`), recording the requests the tests check.
  static func answer(to request: Recorded, body: String, recorder: Recorder) -> CannedAnswer {
    switch (request.method, request.path) {
    case ("GET", "/api/v1/query"):
      recorder.record(request)
      return PrometheusAnswers.respond(to: request.parameters["query"] ?? "")
    case ("GET", "/web/doc"):
      recorder.record(request)
      return CannedAnswer(status: .ok, body: WebAnswers.document)
    case ("POST", "/web/echo"), ("PUT", "/web/echo"):
      recorder.record(request)
      return CannedAnswer(status: .ok, body: WebAnswers.echo(request, body: body))
    case ("GET", "/web/text"):
      return CannedAnswer(status: .ok, body: "plain words, not JSON", contentType: "text/plain")
    case ("GET", "/web/fail"):
      return CannedAnswer(
        status: .internalServerError, body: "database connection refused",
        contentType: "text/plain")
    case ("GET", "/web/slow"):
      return CannedAnswer(status: .ok, body: WebAnswers.document, delay: slowAnswerDelay)
    default:
      return CannedAnswer(status: .notFound, body: "no such route", contentType: "text/plain")
    }
  }
}

/// The test server's Prometheus: the query names the answer.
enum PrometheusAnswers {
  /// A real-looking query, to check it arrives intact through the URL encoding.
  static let errorRate =
    #"sum(rate(http_requests_total{code=~"5..",app="web & api"}[5m])) / sum(rate(x[5m]))"#

  static func respond(to query: String) -> CannedAnswer {
    switch query {
    case errorRate:
      return CannedAnswer(status: .ok, body: vector(["0.05", "1"]))
    case "scalar":
      return CannedAnswer(
        status: .ok,
        body: #"{"status":"success","data":{"resultType":"scalar","result":[1.5,"42.5"]}}"#)
    case "specials":
      return CannedAnswer(status: .ok, body: vector(["NaN", "+Inf", "-Inf"]))
    case "empty":
      return CannedAnswer(status: .ok, body: vector([]))
    case "matrix":
      return CannedAnswer(
        status: .ok, body: #"{"status":"success","data":{"resultType":"matrix","result":[]}}"#)
    case "bad":
      return CannedAnswer(
        status: .badRequest,
        body:
          #"{"status":"error","errorType":"bad_data","error":"1:4: parse error: unexpected end"}"#
      )
    case "malformed":
      return CannedAnswer(
        status: .ok, body: "<html>a proxy's login page</html>", contentType: "text/html")
    case "down":
      return CannedAnswer(
        status: .serviceUnavailable, body: "overloaded, try later", contentType: "text/plain")
    case "slow":
      return CannedAnswer(status: .ok, body: vector(["1"]), delay: slowAnswerDelay)
    default:
      return CannedAnswer(
        status: .badRequest,
        body: #"{"status":"error","errorType":"bad_data","error":"unknown test query"}"#)
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

/// The test server's web endpoints' content.
enum WebAnswers {
  static let document = #"{"data":{"ok":true,"items":[{"value":0.5},{"value":2}]},"name":"canary"}"#

  /// The method, content type and body received, as JSON (the body parsed when it is JSON).
  static func echo(_ request: Recorded, body: String) -> String {
    let parsed = (try? JSONValue(exactText: body)) ?? .string(body)
    let echoed: JSONValue = .object([
      "method": .string(request.method),
      "contentType": .string(request.headers["content-type"] ?? ""),
      "body": parsed,
    ])
    return (try? echoed.exactText()) ?? #"{"error":"the echo could not be written"}"#
  }
}
