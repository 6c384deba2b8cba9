import ArgumentParser
import DashboardServer
import Engine
import Foundation
import KubeClient
import Logging
import RolloutController

/// `rollout controller`: the engine deciding Argo Rollouts on a real Kubernetes cluster.
struct ControllerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "controller",
    abstract: "Run the rollout controller against a Kubernetes API server.",
    discussion: """
      Watches Argo Rollouts (argoproj.io/v1alpha1) and rolls each out with the engine and its \
      Lua strategies, as Argo Rollouts' controller does: it creates and scales their \
      ReplicaSets (`<rollout>-<hash>`), points Services for canary and blue-green, and writes \
      the status fields Argo writes. Plain Deployments stay Kubernetes' own. Strategies are \
      stock names or configmap/NAME/KEY in the Rollout's namespace. Each decision that is not \
      applied, and each scaling, is a Kubernetes Event on the Rollout. With --leader-elect, \
      replicas share a Lease and only the leader writes. /metrics, /healthz and /readyz are \
      served on --metrics-addr, the web dashboard on --dashboard-addr. SIGTERM or Ctrl-C stops it \
      (and gives the Lease up).
      """)

  @OptionGroup var cluster: ClusterOptions
  @Option(
    name: [.customShort("n"), .long], help: "The namespace to manage (default: the context's).")
  var namespace: String?
  @Flag(name: [.customShort("A"), .long], help: "Manage Rollouts in every namespace.")
  var allNamespaces = false
  @Option(
    help: ArgumentHelp(
      "Where to serve /metrics, /healthz and /readyz ([host]:port; `off` for nowhere).",
      valueName: "addr"))
  var metricsAddr = ":8090"
  @Option(
    help: ArgumentHelp(
      "Where to serve the web dashboard ([host]:port, host 127.0.0.1 unless given; `off` for nowhere).",
      valueName: "addr"))
  var dashboardAddr = "off"
  @Flag(help: "Serve the dashboard without its actions.") var dashboardReadOnly = false
  @Flag(help: "Take part in leader election on a coordination.k8s.io Lease.")
  var leaderElect = false
  @Option(help: "The Lease's namespace (default: the managed namespace, else the context's).")
  var leaderElectNamespace: String?
  @Option(help: "The Lease's name.") var leaderElectName = "rollout-controller"
  @Option(help: "Reconciles under way at once (never two of one Rollout).") var workers = 4
  @Option(help: ArgumentHelp("Log level.", valueName: "trace|debug|info|warning|error"))
  var logLevel = "info"

  func validate() throws {
    if allNamespaces, namespace != nil {
      throw InputError("--namespace and --all-namespaces: give one or the other")
    }
    _ = try metricsAddress()
    _ = try dashboardAddress()
    guard (1...64).contains(workers) else { throw InputError("--workers \(workers): 1 to 64") }
    guard Logger.Level(rawValue: logLevel) != nil else {
      throw InputError("--log-level \(logLevel): one of trace, debug, info, warning, error")
    }
  }

  /// (host, port) of --metrics-addr; nil for `off`.
  func metricsAddress() throws -> (String, Int)? {
    if metricsAddr == "off" { return nil }
    guard let colon = metricsAddr.lastIndex(of: ":"),
      let port = Int(metricsAddr[metricsAddr.index(after: colon)...]), (0...65_535).contains(port)
    else {
      throw InputError("--metrics-addr \(metricsAddr): expected [host]:port or off")
    }
    let host = String(metricsAddr[..<colon])
    return (host.isEmpty ? "0.0.0.0" : host, port)
  }

  /// (host, port) of --dashboard-addr; nil for `off`.
  func dashboardAddress() throws -> (String, Int)? {
    if dashboardAddr == "off" { return nil }
    guard let colon = dashboardAddr.lastIndex(of: ":"),
      let port = Int(dashboardAddr[dashboardAddr.index(after: colon)...]),
      (0...65_535).contains(port)
    else {
      throw InputError("--dashboard-addr \(dashboardAddr): expected [host]:port or off")
    }
    let host = String(dashboardAddr[..<colon])
    return (host.isEmpty ? "127.0.0.1" : host, port)
  }

  func run() throws {
    let connection = try cluster.connection(namespace: namespace)
    let scope = allNamespaces ? nil : connection.namespace
    let metrics = ControllerMetrics()
    let level = Logger.Level(rawValue: logLevel) ?? .info
    LoggingSystem.bootstrap { label in
      var handler = StreamLogHandler.standardError(label: label)
      handler.logLevel = level
      return handler
    }
    let logger = Logger(label: "rollout.controller")
    let client = KubeClient(
      connection: connection, userAgent: "rollout-controller/\(RolloutVersion.current)"
    ) { verb, resource, code in
      metrics.request(verb: verb, resource: resource.description, code: code)
    }
    let address = try metricsAddress()
    let leaseKey = ObjectKey(
      leaderElectNamespace ?? scope ?? connection.namespace, leaderElectName)
    let leaderElect = leaderElect
    let dashboardAddress = try dashboardAddress()
    let dashboardReadOnly = dashboardReadOnly
    let failure: String? = try AsyncBridge.run(cancelOnSignals: true) {
      defer { Task { await client.shutdown() } }
      // Fail early, and clearly, when the server or RBAC says no.
      do {
        _ = try await client.list(.rollouts, namespace: scope, limit: 1)
      } catch {
        return "\(error)"
      }
      let elector =
        leaderElect
        ? LeaderElector(
          client: client, lease: leaseKey,
          identity:
            "\(ProcessInfo.processInfo.hostName)_\(ProcessInfo.processInfo.processIdentifier)",
          logger: logger) : nil
      Self.say(
        "rollout controller: managing Rollouts in \(scope.map { "namespace \($0)" } ?? "all namespaces") on \(connection.server) (\(connection.origin))"
          + (elector.map { ", leader election on lease \(leaseKey) as \($0.identity)" } ?? ""))
      return await withTaskGroup(of: String?.self) { group in
        if let (host, port) = address {
          group.addTask {
            do {
              try await MetricsServer.run(
                host: host, port: port, metrics: metrics,
                onListening: { bound in
                  Self.say("rollout controller: metrics on http://\(host):\(bound)/metrics")
                })
              return nil
            } catch is CancellationError {
              return nil
            } catch {
              return "--metrics-addr \(host):\(port): \(error)"
            }
          }
        }
        if let (host, port) = dashboardAddress {
          group.addTask {
            // A client of its own: its watches must not take the controller's connections.
            let client = KubeClient(
              connection: connection, userAgent: "rollout-dashboard/\(RolloutVersion.current)")
            defer { Task { await client.shutdown() } }
            return await Self.serveDashboard(
              host: host, port: port, readOnly: dashboardReadOnly, client: client, scope: scope,
              logger: logger)
          }
        }
        group.addTask {
          do {
            if let elector {
              metrics.standingBy(true)
              try await elector.acquire()
              metrics.standingBy(false)
              Self.say("rollout controller: leading")
              let controller = ClusterController(
                client: client, options: .init(namespace: scope, workers: workers),
                observer: metrics,
                logger: logger)
              let running = Task { await controller.run() }
              let lost: Bool
              do {
                try await elector.keepLeading()
                lost = true
              } catch {
                lost = false
              }
              running.cancel()
              await running.value
              if lost { return "lost the leader election on lease \(leaseKey); exiting" }
              await elector.release()
              return nil
            }
            let controller = ClusterController(
              client: client, options: .init(namespace: scope, workers: workers), observer: metrics,
              logger: logger)
            await controller.run()
            return nil
          } catch {
            await elector?.release()
            return nil
          }
        }
        // The first task to end (a failure, or the controller on cancellation) ends them all.
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
      }
    }
    if let failure { throw RuntimeError("rollout controller: \(failure)") }
  }

  /// The dashboard on `host:port` until cancelled; a failure to listen ends the controller.
  static func serveDashboard(
    host: String, port: Int, readOnly: Bool, client: KubeClient, scope: String?, logger: Logger
  ) async -> String? {
    let source = ClusterDashboardSource(client: client, namespace: scope, logger: logger)
    let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
    let security = DashboardSecurity(readOnly: readOnly, loopbackOnly: loopback)
    let server = DashboardServer(
      responder: DashboardResponder(source: source, security: security), host: host, port: port)
    let informers = Task { await source.run() }
    defer { informers.cancel() }
    do {
      try await server.run(signals: false) { bound in
        say(
          "rollout controller: "
            + DashboardOptions.startMessage(
              host: host, port: bound, token: security.token, scheme: "http", readOnly: readOnly,
              loopback: loopback
            ).trimmingCharacters(in: .newlines)
            .replacingOccurrences(of: "\n", with: "\nrollout controller: "))
      }
      return nil
    } catch is CancellationError {
      return nil
    } catch {
      return "--dashboard-addr \(host):\(port): \(error)"
    }
  }

  static func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }
}
