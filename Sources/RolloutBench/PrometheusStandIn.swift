import Dispatch
import Foundation
import Hummingbird
import Logging
import Synchronization

/// A stand-in for Prometheus' query API on a free loopback port, in this process:
/// `GET /delay/{ms}/api/v1/query` answers an instant-query vector of one series after `ms`
/// milliseconds, so a metric's `address` chooses how slow "Prometheus" is.
final class PrometheusStandIn: Sendable {
  /// The one series' value, as the answer carries it.
  static let value = "0.0123"

  static let answer = Array(
    """
    {"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"web",\
    "code":"5xx"},"value":[1700000000.123,"\(value)"]}]}}
    """.utf8)

  let port: Int
  private let task: Task<Void, any Error>

  private init(port: Int, task: Task<Void, any Error>) {
    self.port = port
    self.task = task
  }

  /// The Prometheus address of a server that answers after `milliseconds`.
  func address(delay milliseconds: Int) -> String {
    "http://127.0.0.1:\(port)/delay/\(milliseconds)"
  }

  /// Starts the server and waits (blocking the calling thread) until it listens.
  static func start() throws -> PrometheusStandIn {
    let router = Router()
    router.get("/delay/:ms/api/v1/query") { _, context in
      let milliseconds = context.parameters.get("ms", as: Int.self) ?? 0
      if milliseconds > 0 { try await Task.sleep(for: .milliseconds(milliseconds)) }
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(bytes: answer)))
    }
    let bound = BoundPort()
    let listening = DispatchSemaphore(value: 0)
    var logger = Logger(label: "prometheus-stand-in")
    logger.logLevel = .critical
    let app = Application(
      router: router,
      configuration: .init(
        address: .hostname("127.0.0.1", port: 0), serverName: "prometheus-stand-in"),
      onServerRunning: { channel in
        bound.port.withLock { $0 = channel.localAddress?.port ?? 0 }
        listening.signal()
      },
      logger: logger)
    let task = Task { try await app.runService() }
    guard listening.wait(timeout: .now() + 10) == .success,
      case let port = bound.port.withLock({ $0 }), port > 0
    else {
      task.cancel()
      throw BenchFailure("the stand-in Prometheus did not start listening")
    }
    return PrometheusStandIn(port: port, task: task)
  }

  /// Stops the server and waits until it has.
  func stop() {
    let task = task
    try? blocking {
      task.cancel()
      _ = try? await task.value
    }
  }
}

/// The port the server bound, set once it listens.
private final class BoundPort: Sendable {
  let port = Mutex(0)
}
