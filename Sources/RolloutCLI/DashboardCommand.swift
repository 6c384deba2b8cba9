import ArgumentParser
import Dashboard
import DashboardServer
import Dispatch
import Foundation
import RolloutAPI

/// `rollout dashboard`: the web dashboard over the local store.
struct DashboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "dashboard",
    abstract:
      "Serve a web dashboard of the local store's rollouts (list, tree, decisions, actions).",
    discussion: """
      Listens on 127.0.0.1:3100 unless told otherwise and prints the URL to open, with a token \
      made at each start: actions (promote, promote full, abort, retry, pause, resume, undo, \
      restart) need it, and each goes through the same path as its CLI verb, then drives the \
      rollout on like the verb does. --read-only hides and refuses actions. Pages follow the \
      store live (server-sent events), also while other `rollout` commands drive it. The same \
      pages are served by `rollout serve` under /dashboard/ and by `rollout controller \
      --dashboard-addr`. SIGTERM or Ctrl-C stops it.
      """)

  @Option(help: "The port to listen on (0: any free port).") var port = 3100
  @OptionGroup var dashboard: DashboardOptions
  @OptionGroup var store: StoreOptions

  func validate() throws {
    guard (0...65_535).contains(port) else { throw InputError("--port \(port): not a port number") }
    try dashboard.check()
  }

  func run() throws {
    let directory = store.path
    let source = StoreDashboardSource(
      directory: directory,
      strategyDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    let security = dashboard.security()
    let server = DashboardServer(
      responder: DashboardResponder(source: source, security: security),
      host: dashboard.address, port: port)
    let empty = !FileManager.default.fileExists(atPath: directory + "/cluster.json")
    let start = dashboard.startMessage
    do {
      try AsyncBridge.run {
        try await server.run { port in
          emit(
            "rollout dashboard: \(source.title)" + (empty ? " (nothing applied there yet)" : "")
              + "\n" + start(port, security.token, "http"))
        }
      }
    } catch {
      throw RuntimeError("rollout dashboard: \(error)")
    }
  }
}

/// The dashboard options `rollout dashboard`, `serve` and `controller` share.
struct DashboardOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The address to listen on (127.0.0.1: this machine only).", valueName: "address"))
  var address = "127.0.0.1"
  @Flag(help: "Show the rollouts without the actions (and refuse them).")
  var readOnly = false

  func check() throws {
    guard !address.isEmpty, !address.contains("/") else {
      throw InputError("--address \(address): not an address")
    }
  }

  /// Whether only this machine can reach the dashboard.
  var loopback: Bool { ["127.0.0.1", "::1", "localhost"].contains(address) }

  func security() -> DashboardSecurity {
    DashboardSecurity(readOnly: readOnly, loopbackOnly: loopback)
  }

  /// The lines that say where to open the dashboard (port, token, scheme), with its token.
  var startMessage: @Sendable (Int, String, String) -> String {
    let (host, readOnly, loopback) = (address, self.readOnly, self.loopback)
    return { port, token, scheme in
      Self.startMessage(
        host: host, port: port, token: token, scheme: scheme, readOnly: readOnly,
        loopback: loopback)
    }
  }

  static func startMessage(
    host: String, port: Int, token: String, scheme: String, readOnly: Bool, loopback: Bool
  ) -> String {
    let shown = host.contains(":") ? "[\(host)]" : (host == "0.0.0.0" ? "127.0.0.1" : host)
    var text = "dashboard: \(scheme)://\(shown):\(port)/dashboard/#token=\(token)\n"
    text +=
      readOnly
      ? "read-only: actions are hidden and refused\n"
      : "token: \(token) (actions need it; it changes at every start)\n"
    if !loopback {
      text += "warning: listening on \(host): anyone who can reach it can read the rollouts\n"
    }
    return text
  }
}
