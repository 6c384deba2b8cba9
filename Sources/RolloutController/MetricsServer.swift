import Hummingbird
import NIOCore

/// `/metrics`, `/healthz` and `/readyz` of `rollout controller`, on `--metrics-addr`.
public enum MetricsServer {
  /// Serves until the task is cancelled. `onListening` gets the port bound (0 asks for any).
  public static func run(
    host: String, port: Int, metrics: ControllerMetrics,
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    let router = Router()
    router.get("/metrics") { _, _ -> Response in
      Response(
        status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
        body: .init(byteBuffer: ByteBuffer(bytes: metrics.text())))
    }
    router.get("/healthz") { _, _ in "ok\n" }
    router.get("/readyz") { _, _ -> Response in
      let ready = metrics.isReady
      return Response(
        status: ready ? .ok : .serviceUnavailable,
        body: .init(byteBuffer: ByteBuffer(string: ready ? "ok\n" : "caches not synced\n")))
    }
    let app = Application(
      router: router,
      configuration: .init(address: .hostname(host, port: port), serverName: "rollout-controller"),
      onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) })
    try await app.runService()
  }
}
