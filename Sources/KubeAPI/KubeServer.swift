import ClusterAPI
import DashboardServer
import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// `rollout serve`: the served cluster on 127.0.0.1 over TLS, with its clock running, until
/// SIGTERM or SIGINT, which end every watch, save the store and return.
public struct KubeServer: Sendable {
  public var cluster: ServedCluster
  public var credentials: ServeCredentials
  public var host = "127.0.0.1"
  public var port: Int
  public var maxBody = 3 * 1024 * 1024
  /// The dashboard served under `/dashboard/` on the same port; nil for none.
  public var dashboard: DashboardResponder?

  public init(cluster: ServedCluster, credentials: ServeCredentials, port: Int) {
    self.cluster = cluster
    self.credentials = credentials
    self.port = port
  }

  /// Serves until a shutdown signal; `onRunning` gets the port bound (useful with port 0).
  public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
    let tls = TLSConfiguration.makeServerConfiguration(
      certificateChain: [
        .certificate(
          try NIOSSLCertificate(bytes: Array(credentials.certificatePEM.utf8), format: .pem))
      ],
      privateKey: .privateKey(
        try NIOSSLPrivateKey(bytes: Array(credentials.privateKeyPEM.utf8), format: .pem)))
    var logger = Logger(label: "rollout.serve")
    logger.logLevel = .warning
    let app = Application(
      responder: KubeResponder(
        cluster: cluster, token: credentials.token, maxBody: maxBody, dashboard: dashboard),
      server: try .tls(.http1(), tlsConfiguration: tls),
      configuration: ApplicationConfiguration(
        address: .hostname(host, port: port), serverName: "rollout"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
      logger: logger)
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: [
          .init(service: app),
          .init(service: ClockService(cluster: cluster)),
        ] + (dashboard.map { [.init(service: EventHubService(hub: $0.hub))] } ?? []),
        gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    try await group.run()
  }
}

/// Runs the served cluster's clock; on graceful shutdown ends every watch (so the HTTP server
/// can drain) and saves. Listed after the server, it is shut down first.
struct ClockService: Service {
  let cluster: ServedCluster

  func run() async throws {
    await withGracefulShutdownHandler {
      await cluster.run()
    } onGracefulShutdown: {
      Task { try? await cluster.stop() }
    }
    try await cluster.stop()
  }
}
