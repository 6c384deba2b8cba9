import Engine
import Foundation
import Hummingbird
import Logging
import MetricProviders
import NIOCore
import Synchronization

/// What the test server was asked: the tests check the query, the parameters, the headers.
struct Recorded: Sendable {
  var method: String
  var path: String
  var parameters: [String: String]
  /// Header names lowercased.
  var headers: [String: String]
}

/// A Prometheus query API and a few web endpoints on a free loopback port, in this process.
final class MetricServer: Sendable {
  let port: Int
  private let task: Task<Void, any Error>
  private let recorder: Recorder

  var base: String { "http://127.0.0.1:\(port)" }

  /// The requests so far, in order.
  var requests: [Recorded] { recorder.log.withLock { $0 } }

  private init(port: Int, task: Task<Void, any Error>, recorder: Recorder) {
    self.port = port
    self.task = task
    self.recorder = recorder
  }

  static func start() async throws -> MetricServer {
    let recorder = Recorder()
    let router = Router()
    router.get("/api/v1/query") { request, _ in
      recorder.record(request)
      return try await PrometheusAnswers.respond(to: request.uri.queryParameters["query"] ?? "")
    }
    WebAnswers.install(on: router, recorder: recorder)
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    // Quiet: a stop while a slow handler sleeps is logged as an error, and is expected.
    var logger = Logger(label: "metrics-test")
    logger.logLevel = .critical
    let app = Application(
      router: router,
      configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "metrics-test"),
      onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
      logger: logger)
    let task = Task { try await app.runService() }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw CancellationError() }
    return MetricServer(port: port, task: task, recorder: recorder)
  }

  func stop() async {
    task.cancel()
    _ = try? await task.value
  }

  /// Runs `body` with a server and the providers, both stopped after.
  static func with(
    _ body: (MetricServer, HTTPMetricProviders) async throws -> Void
  ) async throws {
    let server = try await MetricServer.start()
    let providers = HTTPMetricProviders()
    do {
      try await body(server, providers)
    } catch {
      await providers.shutdown()
      await server.stop()
      throw error
    }
    await providers.shutdown()
    await server.stop()
  }
}

/// The requests the server's handlers saw.
final class Recorder: Sendable {
  let log = Mutex<[Recorded]>([])

  func record(_ request: Request, path: String? = nil) {
    var parameters: [String: String] = [:]
    for (key, value) in request.uri.queryParameters { parameters[String(key)] = String(value) }
    var headers: [String: String] = [:]
    for field in request.headers { headers[field.name.canonicalName] = field.value }
    let recorded = Recorded(
      method: request.method.rawValue, path: path ?? request.uri.path, parameters: parameters,
      headers: headers)
    log.withLock { $0.append(recorded) }
  }
}

/// A response with `body` as its content.
func answer(
  _ status: HTTPResponse.Status, _ body: String, type: String = "application/json"
) -> Response {
  Response(
    status: status, headers: [.contentType: type],
    body: .init(byteBuffer: ByteBuffer(string: body)))
}

/// Longer than any timeout the tests set, so a request to a slow endpoint can only time out.
let slowAnswerDelay: Duration = .seconds(4)

/// Off Swift concurrency's pool, as the providers require: a plain thread takes the measurement.
func measure(
  _ provider: some MetricProvider, _ metric: AnalysisMetric
) async -> Result<JSONValue, MeasurementError> {
  await withCheckedContinuation { continuation in
    let request = MeasurementRequest(metric: metric, run: "run-1")
    Thread { continuation.resume(returning: provider.measure(request)) }.start()
  }
}

/// The message of a failed measurement; nil for a value.
func failureMessage(_ result: Result<JSONValue, MeasurementError>) -> String? {
  if case .failure(let error) = result { return error.message }
  return nil
}
