import AsyncHTTPClient
import Engine
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// The one HTTP client the metric providers share: its connections are pooled and reused from
/// measurement to measurement, so a measurement costs one request and nothing more.
///
/// Requests block the calling thread until the answer or the deadline. A refused connection
/// is retried until then (a server restarting is not an error at once), so an unreachable
/// server costs the metric's whole timeout (at most the 10 s connect timeout). Call them from a plain
/// thread (the analysis runner's), never from a NIO event loop (which would deadlock and is
/// refused with a crash by `EventLoopFuture.wait()`) nor from Swift concurrency's pool (whose
/// few threads the wait would hold). Call `shutdown()` before the last reference goes.
public final class MetricHTTPClient: Sendable {
  /// The largest answer read; a larger one is an error rather than unbounded memory.
  public static let maxBodySize = 8 << 20

  let client: HTTPClient

  private static let insecureTLS: TLSConfiguration = {
    var configuration = TLSConfiguration.makeClientConfiguration()
    configuration.certificateVerification = .none
    return configuration
  }()

  public init() {
    var configuration = HTTPClient.Configuration(
      redirectConfiguration: .follow(max: 5, allowCycles: false),
      timeout: .init(connect: .seconds(10)))
    configuration.httpVersion = .http1Only
    // A refused connection is an Error measurement at once, as Argo's client reports it; the
    // metric's consecutiveErrorLimit and the next interval are the retries.
    configuration.connectionPool.retryConnectionEstablishment = false
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  /// Closes the pooled connections; requests after it fail.
  public func shutdown() async {
    try? await client.shutdown()
  }

  /// An answer of any status, its body whole.
  struct Answer {
    var status: HTTPResponseStatus
    var body: [UInt8]

    /// The body's first bytes as text, for messages.
    var excerpt: String {
      let text = String(decoding: body.prefix(200), as: UTF8.self)
        .split(whereSeparator: \.isNewline).joined(separator: " ")
      if text.isEmpty { return "(an empty body)" }
      return body.count > 200 ? "\(text)…" : text
    }
  }

  /// Sends one request and waits for the answer, at most `timeoutSeconds`.
  ///
  /// - Parameter what: names the request in messages (`prometheus at http://…`).
  func send(
    _ method: HTTPMethod, url: String, headers: [WebHeader], body: [UInt8]? = nil,
    timeoutSeconds: Int, insecure: Bool = false, what: String
  ) -> Result<Answer, MeasurementError> {
    var fields = HTTPHeaders()
    for header in headers { fields.replaceOrAdd(name: header.key, value: header.value) }
    let request: HTTPClient.Request
    do {
      request = try HTTPClient.Request(
        url: url, method: method, headers: fields, body: body.map { HTTPClient.Body.bytes($0) },
        tlsConfiguration: insecure ? Self.insecureTLS : nil)
    } catch {
      return .failure(MeasurementError("\(what): \"\(url)\" is not an http(s) URL (\(error))"))
    }
    let accumulator = ResponseAccumulator(request: request, maxBodySize: Self.maxBodySize)
    let deadline = NIODeadline.now() + .seconds(Int64(timeoutSeconds))
    do {
      let response = try client.execute(request: request, delegate: accumulator, deadline: deadline)
        .futureResult.wait()
      let bytes = response.body.map { Array($0.readableBytesView) } ?? []
      return .success(Answer(status: response.status, body: bytes))
    } catch {
      return .failure(MeasurementError("\(what): \(Self.explain(error, timeoutSeconds))"))
    }
  }

  /// A transport error in words a user can act on.
  static func explain(_ error: any Error, _ timeoutSeconds: Int) -> String {
    if let error = error as? HTTPClientError {
      switch error {
      case .deadlineExceeded, .readTimeout:
        return "no answer within the timeout of \(timeoutSeconds)s"
      case .connectTimeout:
        return "could not connect (connect timeout); is the address right and the server up?"
      case .remoteConnectionClosed:
        return "the server closed the connection before answering"
      case .alreadyShutdown:
        return "the metric providers are shut down"
      default:
        return "the request failed: \(error)"
      }
    }
    if let error = error as? IOError {
      // Connections are retried until the timeout; this is the last attempt's failure.
      let reason = String(cString: strerror(error.errnoCode)).lowercased()
      return "could not connect: \(reason) (is the address right and the server up?)"
    }
    if error is ResponseAccumulator.ResponseTooBigError {
      return "the answer is larger than \(maxBodySize) bytes"
    }
    return "could not reach the server: \(error)"
  }
}
