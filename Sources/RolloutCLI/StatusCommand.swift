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
  @Option(name: [.customShort("n"), .long], help: "The namespace.") var namespace = "default"
  @Flag(inversion: .prefixedNo, help: "Drive the rollout on and print each new status.")
  var watch = true
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store: store, simulation: nil)
    let deployment = try session.deployment(named: name, namespace: namespace)
    let key = deployment.key
    var last = RolloutStatusMessage(deployment)
    emit(last.text + "\n")
    guard watch, !last.done, !last.isError else { throw ExitCode(code(for: deployment, last)) }
    let runner = session.makeRunner()
    runner.afterInstant = { runner in
      guard let current = runner.cluster.get(Deployment.self, key) else { return }
      let message = RolloutStatusMessage(current)
      if message.text != last.text { emit(message.text + "\n") }
      last = message
      try? session.checkpoint()
    }
    let outcome = try runner.run(key)
    try session.save()
    if outcome.result == .paused {
      emit("deployment \"\(name)\" is paused (\(outcome.reason ?? "paused"))\n")
    } else if outcome.result == .degraded {
      emit(
        "deployment \"\(name)\" is degraded (\(outcome.reason ?? "")): \(outcome.message ?? "")\n")
    }
    throw ExitCode(outcome.exitCode)
  }

  private func code(for deployment: Deployment, _ message: RolloutStatusMessage) -> Int32 {
    if message.isError { return ExitStatus.failed }
    let state = RolloutState.read(from: deployment)
    switch state.phase {
    case .paused: return ExitStatus.paused
    case .degraded: return ExitStatus.failed
    case .healthy, .progressing: return ExitStatus.complete
    }
  }
}
