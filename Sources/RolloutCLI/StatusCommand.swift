import ArgumentParser
import Engine
import Foundation

/// `rollout status NAME`: kubectl's rollout status, against the local store.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show a deployment's rollout status in kubectl's words; by default, watch it finish.",
    discussion: """
      With --watch (the default) the rollout is driven on to its outcome, as `kubectl rollout \
      status` waits for the controller, printing each new status line. Exit codes as for the main \
      command: 0 rolled out, 1 failed or degraded, 3 paused.
      """)

  @Argument(help: "The deployment's name.") var name: String
  @Option(
    name: [.customShort("n"), .customLong("namespace")],
    help: "The namespace (default: default; with --kubeconfig, the context's).")
  var givenNamespace: String?
  /// The namespace in the local store.
  var namespace: String { givenNamespace ?? "default" }
  @Flag(inversion: .prefixedNo, help: "Drive the rollout on and print each new status.")
  var watch = true
  @OptionGroup var cluster: ClusterOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var output: OutputOptions

  func run() throws {
    if cluster.isGiven { return try runOnCluster() }
    let session = try Session(store: store, simulation: simulation)
    let deployment = try session.deployment(named: name, namespace: namespace)
    let key = deployment.key
    let last = RolloutStatusMessage(deployment)
    let printer = RecordPrinter(output.output)
    printer.record(last.text + "\n", last.json(deployment: name))
    guard watch, !last.done, !last.isError else {
      let code = code(for: deployment, last)
      printer.finish("status", ["deployment": .string(name), "exitCode": .int(Int(code))])
      throw ExitCode(code)
    }
    let reporter = StatusReporter(last: last, printer: printer)
    let code = try session.drive([key], reporter: reporter)
    printer.finish("status", ["deployment": .string(name), "exitCode": .int(Int(code))])
    throw ExitCode(code)
  }

  /// The exit code of a rollout left where it stands: an error or a degraded rollout fails, a
  /// pause waits for an operator, anything else is fine.
  private func code(for deployment: Deployment, _ message: RolloutStatusMessage) -> Int32 {
    let result: RolloutRunner.Outcome.Result
    switch RolloutState.read(from: deployment).phase {
    case _ where message.isError, .degraded: result = .degraded
    case .paused: result = .paused
    case .healthy, .progressing: result = .complete
    }
    return result.exitCode
  }
}

/// `rollout status --watch`: kubectl's status line each time it changes, then how it ended
/// when that is not a completed rollout.
final class StatusReporter: Reporter {
  private var last: RolloutStatusMessage
  private let printer: RecordPrinter

  init(last: RolloutStatusMessage, printer: RecordPrinter) {
    self.last = last
    self.printer = printer
  }

  func event(_ event: RolloutEvent) {}

  func settled(cluster: any ClusterBackend, keys: [ObjectKey]) {
    guard let key = keys.first, let current = cluster.get(Deployment.self, key) else { return }
    let message = RolloutStatusMessage(current)
    if message.text != last.text {
      printer.record(message.text + "\n", message.json(deployment: key.name))
    }
    last = message
  }

  func finished(_ outcomes: [RolloutRunner.Outcome], keys: [ObjectKey], wallSeconds: Double) {
    for (outcome, key) in zip(outcomes, keys) {
      let object: JSONValue = .object([
        "type": "outcome", "deployment": .string(key.name),
        "result": .string(outcome.result.rawValue),
        "reason": outcome.reason.map(JSONValue.string) ?? .null,
        "message": outcome.message.map(JSONValue.string) ?? .null,
      ])
      switch outcome.result {
      case .paused:
        printer.record(
          "deployment \"\(key.name)\" is paused (\(outcome.reason ?? "paused"))\n", object)
      case .degraded, .aborted:
        printer.record(
          "deployment \"\(key.name)\" is degraded (\(outcome.reason ?? "")): \(outcome.message ?? "")\n",
          object)
      default: break
      }
    }
  }
}

extension RolloutStatusMessage {
  /// The status line as a JSON object.
  func json(deployment: String) -> JSONValue {
    .object([
      "type": "status", "deployment": .string(deployment), "message": .string(text),
      "done": .bool(done), "error": .bool(isError),
    ])
  }
}

extension StatusCommand {
  /// The Rollout on the cluster: its status line, and with --watch each new one (read every
  /// second) until it is done, paused or failed.
  func runOnCluster() throws {
    let printer = RecordPrinter(output.output)
    var last: RolloutStatusMessage?
    while true {
      let deployment = try cluster.view(name, namespace: givenNamespace).deployment
      let message = RolloutStatusMessage(deployment)
      if message.text != last?.text {
        printer.record(message.text + "\n", message.json(deployment: name))
      }
      last = message
      let phase = RolloutState.read(from: deployment).phase
      if !watch || message.done || message.isError || phase != .progressing {
        let code = code(for: deployment, message)
        printer.finish("status", ["deployment": .string(name), "exitCode": .int(Int(code))])
        throw ExitCode(code)
      }
      Thread.sleep(forTimeInterval: 1)
    }
  }
}
