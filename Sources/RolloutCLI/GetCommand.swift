import ArgumentParser
import Engine
import Foundation
import Strategies

/// `rollout get NAME`: the deployment, its ReplicaSets and pods as a tree, in the shape of
/// `kubectl argo rollouts get rollout`.
struct GetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get",
    abstract: "Show a deployment in the local store: status, strategy, ReplicaSets and pods.")

  @Argument(help: "The deployment's name.") var name: String
  @Option(name: [.customShort("n"), .long], help: "The namespace.") var namespace = "default"
  @Flag(
    help:
      "Drive the rollout on, redrawing the tree after every change, until it completes, pauses or fails."
  )
  var watch = false
  @OptionGroup var store: StoreOptions

  func run() throws {
    let session = try Session(store: store, simulation: nil)
    let deployment = try session.deployment(named: name, namespace: namespace)
    guard watch else {
      emit(DeploymentTree(deployment: deployment, cluster: session.cluster).render())
      return
    }
    let reporter = TreeReporter(live: isatty(STDOUT_FILENO) != 0)
    throw ExitCode(try session.drive([deployment.key], reporter: reporter))
  }
}
