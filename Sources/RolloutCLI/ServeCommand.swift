import ArgumentParser
import ClusterAPI
import DashboardServer
import Dispatch
import Foundation
import KubeAPI
import RolloutAPI

/// `rollout serve`: the simulated cluster as a Kubernetes API server on 127.0.0.1, for kubectl
/// and the official clients.
struct ServeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the simulated cluster as a Kubernetes API that kubectl drives.",
    discussion: """
      Listens on 127.0.0.1 with TLS (a CA and serving certificate made at first start and kept in \
      the state directory) and a bearer token, writes a kubeconfig (context `rollout`) and prints \
      `export KUBECONFIG=...`. Every Deployment applied through the API is rolled out by the \
      engine and its Lua strategies (`rollout.dev/strategy`: a stock name or \
      configmap/NAME/KEY), --speed virtual seconds per wall second. The store is the CLI's: stop \
      the server (SIGTERM or Ctrl-C ends the watches and saves) and start it again, and the \
      cluster is where it was. While it runs, the operator verbs (promote, abort, retry, pause, \
      resume, undo, restart, scale, set image) on that store are carried out by the server, and \
      the other commands refuse the store, saying where it is served. The web dashboard is served \
      under /dashboard/ on the same port, with a token made at each start (printed).
      """)

  @Option(help: "The port to listen on (0: any free port).") var port = 6443
  /// `--speed` (SimulationOptions): virtual seconds per wall second, 1 unless given.
  var speed: Double { simulation.speed ?? 1.0 }
  @Option(
    name: .customLong("kubeconfig-out"),
    help: ArgumentHelp(
      "Where to write the kubeconfig (default: <state>/kubeconfig).", valueName: "file"))
  var kubeconfigOut: String?
  @Option(
    help: ArgumentHelp(
      "Who decides Argo Rollouts: engine (this server) or external (a `rollout controller` against this API; the server still runs their ReplicaSets' pods).",
      valueName: "engine|external"))
  var rollouts: RolloutDecider = .engine
  @Option(
    help: ArgumentHelp(
      "Faults to inject, for testing clients: conflicts=SHARE, errors=SHARE, drop-watches=SECONDS, outage=START+LENGTH, agent=PREFIX, seed=N (comma-separated).",
      valueName: "spec"))
  var injectFaults: String?
  @Flag(help: "Serve the dashboard (under /dashboard/) without its actions.")
  var dashboardReadOnly = false
  @OptionGroup var store: StoreOptions
  @OptionGroup var simulation: SimulationOptions

  enum RolloutDecider: String, ExpressibleByArgument, CaseIterable {
    case engine, external
  }

  func validate() throws {
    if let injectFaults {
      do {
        _ = try APIFaults(parsing: injectFaults)
      } catch {
        throw InputError("\(error)")
      }
    }
    guard speed > 0, speed.isFinite else {
      throw InputError("--speed \(speed): must be a positive number")
    }
    guard (0...65_535).contains(port) else { throw InputError("--port \(port): not a port number") }
  }

  func run() throws {
    let directory = store.path
    let simulation = simulation
    let cluster: ServedCluster
    do {
      cluster = try ServedCluster(
        directory: directory, speed: speed, externalRollouts: rollouts == .external
      ) {
        try simulation.settings(over: $0)
      }
    } catch let error as InputError {
      throw error
    } catch {
      throw InputError("\(error)")
    }
    let faults = try injectFaults.map { try APIFaults(parsing: $0) }
    let credentials = try ServeCredentials.loadOrCreate(in: directory)
    let kubeconfig = kubeconfigOut ?? directory + "/kubeconfig"
    var server = KubeServer(cluster: cluster, credentials: credentials, port: port)
    let security = DashboardSecurity(readOnly: dashboardReadOnly, loopbackOnly: true)
    server.dashboard = DashboardResponder(source: cluster, security: security)
    let readOnly = dashboardReadOnly
    let absolute = URL(fileURLWithPath: kubeconfig).standardizedFileURL.path
    let failure = ServeFailure()
    let done = DispatchSemaphore(value: 0)
    Task {
      await cluster.inject(faults)
      do {
        try await server.run { port in
          let address = "https://127.0.0.1:\(port)"
          do {
            try Kubeconfig.write(to: kubeconfig, server: address, credentials: credentials)
            try ServeAddress.write(address, directory: directory)
          } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
          }
          FileHandle.standardOutput.write(
            Data(
              ("rollout serve: listening on \(address) (speed \(speed)x, state \(directory))\n"
                + "export KUBECONFIG=\(absolute)\n"
                + DashboardOptions.startMessage(
                  host: "127.0.0.1", port: port, token: security.token, scheme: "https",
                  readOnly: readOnly, loopback: true)).utf8))
        }
      } catch {
        failure.set("\(error)")
      }
      done.signal()
    }
    done.wait()
    ServeAddress.remove(directory: directory)
    if let message = failure.message {
      throw RuntimeError("rollout serve: \(message)")
    }
  }
}

/// The error the server task ended with, handed back to the command's thread.
private final class ServeFailure: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: String?
  var message: String? { lock.withLock { stored } }
  func set(_ message: String) { lock.withLock { stored = message } }
}

/// A failure while running (not bad input): exits 1.
struct RuntimeError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
