import Dashboard
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// `rollout dashboard` (and `rollout controller --dashboard-addr`): the dashboard alone on its
/// own port, plain HTTP, until SIGTERM or SIGINT.
public struct DashboardServer: Sendable {
  public var responder: DashboardResponder
  public var host: String
  public var port: Int

  public init(responder: DashboardResponder, host: String = "127.0.0.1", port: Int = 3100) {
    self.responder = responder
    self.host = host
    self.port = port
  }

  /// The application and the event hub's poller, as services to run in a group (the caller's,
  /// when the dashboard runs beside other services); `onRunning` gets the port bound.
  public func services(onRunning: @escaping @Sendable (Int) async -> Void) -> [any Service] {
    var logger = Logger(label: "rollout.dashboard")
    logger.logLevel = .warning
    let app = Application(
      responder: StandaloneResponder(dashboard: responder),
      configuration: ApplicationConfiguration(
        address: .hostname(host, port: port), serverName: "rollout"),
      onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
      logger: logger)
    return [app, EventHubService(hub: responder.hub)]
  }

  /// Serves until a shutdown signal (`signals`), or until the task is cancelled.
  public func run(
    signals: Bool = true, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    var logger = Logger(label: "rollout.dashboard")
    logger.logLevel = .warning
    let group = ServiceGroup(
      configuration: ServiceGroupConfiguration(
        services: services(onRunning: onRunning).map { .init(service: $0) },
        gracefulShutdownSignals: signals ? [.sigterm, .sigint] : [], logger: logger))
    // Cancellation shuts down gracefully too (open streams end, requests drain): the group
    // runs apart from this task, so the cancellation does not reach its services directly.
    let running = Task { try await group.run() }
    try await withTaskCancellationHandler {
      try await running.value
    } onCancel: {
      Task { await group.triggerGracefulShutdown() }
    }
  }
}

/// Polls the source for the event hub until shutdown, then ends every event stream so the HTTP
/// server can drain.
public struct EventHubService: Service {
  public let hub: EventHub

  public init(hub: EventHub) { self.hub = hub }

  public func run() async throws {
    await withGracefulShutdownHandler {
      await cancelWhenGracefulShutdown { await hub.run() }
    } onGracefulShutdown: {
      Task { await hub.finishAll() }
    }
  }
}

/// The dashboard on a port of its own: `/` goes to `/dashboard/`.
struct StandaloneResponder: HTTPResponder {
  typealias Context = BasicRequestContext
  let dashboard: DashboardResponder

  func respond(to request: Request, context: Context) async throws -> Response {
    if let response = await dashboard.respond(to: request) { return response }
    if request.uri.path == "/" {
      return Response(status: .found, headers: [.location: "/dashboard/"])
    }
    return DashboardResponder.error(404, "not found: the dashboard is at /dashboard/")
  }
}
