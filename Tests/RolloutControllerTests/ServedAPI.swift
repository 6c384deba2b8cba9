import ClusterAPI
import Foundation
import KubeAPI
import KubeClient

/// `rollout serve` in this process on a free loopback port, with a `KubeClient` on it: the
/// client's tests run against an API server over TLS with a bearer token.
final class ServedAPI: Sendable {
  let directory: String
  let credentials: ServeCredentials
  let cluster: ServedCluster
  let port: Int
  private let task: Task<Void, any Error>

  init(externalRollouts: Bool = true) async throws {
    directory =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("served-api-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    credentials = try ServeCredentials.make()
    cluster = try ServedCluster(
      directory: directory, speed: 50, externalRollouts: externalRollouts)
    let server = KubeServer(cluster: cluster, credentials: credentials, port: 0)
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    task = Task { try await server.run { continuation.yield($0) } }
    var iterator = ports.makeAsyncIterator()
    guard let port = await iterator.next() else { throw CancellationError() }
    self.port = port
  }

  /// A connection as a kubeconfig for this server would give it.
  func connection(token: String? = nil, authority: [UInt8]? = nil) -> ClusterConnection {
    ClusterConnection(
      server: "https://127.0.0.1:\(port)",
      certificateAuthority: authority ?? Array(credentials.caCertificatePEM.utf8),
      certificateAuthorityOrigin: "the test's CA",
      credentials: StaticCredential(.bearer(token ?? credentials.token)), namespace: "default",
      userName: "tester", origin: "the served test cluster")
  }

  func client(token: String? = nil) -> KubeClient {
    KubeClient(connection: connection(token: token))
  }

  func stop() async {
    task.cancel()
    _ = try? await task.value
    try? FileManager.default.removeItem(atPath: directory)
  }

  /// Runs `body` with a served cluster and a client on it, both stopped after.
  static func with(_ body: (ServedAPI, KubeClient) async throws -> Void) async throws {
    let served = try await ServedAPI()
    let client = served.client()
    do {
      try await body(served, client)
    } catch {
      await client.shutdown()
      await served.stop()
      throw error
    }
    await client.shutdown()
    await served.stop()
  }
}
