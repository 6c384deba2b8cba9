import Engine
import Foundation
import MetricProviders
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// What the test server was asked: the tests check the query, the parameters, the headers.
struct Recorded: Sendable {
  var method: String
  var path: String
  var parameters: [String: String]
  /// Header names lowercased.
  var headers: [String: String]
}

/// A Prometheus query API and a few web endpoints (`CannedRoutes`) on a free loopback port, in
/// this process.
///
/// The server runs on its own one-thread NIO event loop group and never on Swift concurrency's
/// pool: while a measurement waits for its answer, other suites may hold every pool thread.
final class MetricServer: Sendable {
  let port: Int
  private let group: MultiThreadedEventLoopGroup
  private let channel: any Channel
  private let recorder: Recorder

  var base: String { "http://127.0.0.1:\(port)" }

  /// The requests so far, in order.
  var requests: [Recorded] { recorder.log.withLock { $0 } }

  private init(
    port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel, recorder: Recorder
  ) {
    self.port = port
    self.group = group
    self.channel = channel
    self.recorder = recorder
  }

  static func start() async throws -> MetricServer {
    let recorder = Recorder()
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    do {
      let channel = try await ServerBootstrap(group: group)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelInitializer { channel in
          channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.configureHTTPServerPipeline(withErrorHandling: true)
            try pipeline.addHandler(NIOHTTPServerRequestAggregator(maxContentLength: 1 << 20))
            try pipeline.addHandler(MetricHTTPHandler(recorder: recorder))
          }
        }
        .bind(host: "127.0.0.1", port: 0).get()
      guard let port = channel.localAddress?.port else {
        try? await channel.close().get()
        throw ServerError.noPort
      }
      return MetricServer(port: port, group: group, channel: channel, recorder: recorder)
    } catch {
      try? await group.shutdownGracefully()
      throw error
    }
  }

  /// Closes the listening socket and every connection; delayed answers are never sent.
  func stop() async {
    try? await channel.close().get()
    try? await group.shutdownGracefully()
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

  enum ServerError: Error {
    case noPort
  }
}

/// The requests the server's handler saw, under a lock: written on the event loop, read by
/// the tests.
final class Recorder: Sendable {
  let log = Mutex<[Recorded]>([])

  func record(_ request: Recorded) {
    log.withLock { $0.append(request) }
  }
}

/// Off Swift concurrency's pool, as the providers require: a plain thread takes the measurement
/// and resumes the caller with its result. Nothing else is awaited while it is in flight.
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
