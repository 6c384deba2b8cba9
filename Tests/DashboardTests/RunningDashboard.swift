import AsyncHTTPClient
import Dashboard
import DashboardServer
import Foundation
import NIOCore
import NIOHTTP1

/// A dashboard served on a free loopback port for one test, and a client to ask it.
struct RunningDashboard {
  let port: Int
  let token: String
  let responder: DashboardResponder
  private let task: Task<Void, any Error>

  var base: String { "http://127.0.0.1:\(port)/dashboard" }

  static func start(_ source: any DashboardSource, readOnly: Bool = false) async throws
    -> RunningDashboard
  {
    let security = DashboardSecurity(readOnly: readOnly, loopbackOnly: true)
    let responder = DashboardResponder(source: source, security: security)
    let server = DashboardServer(responder: responder, port: 0)
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let task = Task {
      try await server.run(signals: false) { port in continuation.yield(port) }
    }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw CancellationError() }
    return RunningDashboard(port: port, token: security.token, responder: responder, task: task)
  }

  func stop() async {
    task.cancel()
    _ = await task.result
  }

  /// The answer to one request: status, headers and body.
  struct Answer {
    var status: Int
    var headers: HTTPHeaders
    var body: String

    var json: [String: Any] {
      (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
    }
  }

  func get(_ path: String, headers: [(String, String)] = []) async throws -> Answer {
    try await send(.GET, path, headers: headers, body: nil)
  }

  /// A POST as the page sends it: JSON, with the token unless told otherwise.
  func post(
    _ path: String, _ body: String, token: String?? = .none,
    headers: [(String, String)] = [("Content-Type", "application/json")]
  ) async throws -> Answer {
    var all = headers
    let chosen: String? = token ?? self.token
    if let chosen { all.append(("X-Rollout-Token", chosen)) }
    return try await send(.POST, path, headers: all, body: body)
  }

  func send(_ method: HTTPMethod, _ path: String, headers: [(String, String)], body: String?)
    async throws -> Answer
  {
    var request = HTTPClientRequest(url: base + path)
    request.method = method
    for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
    if let body { request.body = .bytes(ByteBuffer(string: body)) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let bytes = try await response.body.collect(upTo: 32 * 1024 * 1024)
    return Answer(
      status: Int(response.status.code), headers: response.headers,
      body: String(buffer: bytes))
  }
}
