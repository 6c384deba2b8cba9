import ArgumentParser
import Engine
import Foundation
import Strategies

/// `rollout get NAME`: the deployment, its ReplicaSets and pods as a tree, in the shape of
/// `kubectl argo rollouts get rollout`.
struct GetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "get",
    abstract: "Show a deployment in the local store: status, strategy, ReplicaSets and pods.",
    discussion: """
      --watch drives the rollout on, redrawing the tree after every change, and then keeps \
      watching the store until interrupted (Ctrl-C exits 0): promote or abort from another \
      terminal and the tree moves. --until-done stops where --watch would start waiting (the \
      rollout completes, pauses or fails) and exits with that outcome's code, for scripts.
      """)

  @Argument(help: "The deployment's name.") var name: String
  @Option(
    name: [.customShort("n"), .customLong("namespace")],
    help: "The namespace (default: default; with --kubeconfig, the context's).")
  var givenNamespace: String?
  /// The namespace in the local store.
  var namespace: String { givenNamespace ?? "default" }
  @Flag(
    help: "Drive the rollout on, redrawing the tree after every change; keep watching until Ctrl-C."
  )
  var watch = false
  @Flag(
    help:
      "Drive the rollout on, redrawing the tree after every change, until it completes, pauses or fails."
  )
  var untilDone = false
  @OptionGroup var cluster: ClusterOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var output: OutputOptions

  /// How often `--watch` looks at the store once the rollout has nothing left to do.
  static let pollInterval = Duration.milliseconds(250)

  func validate() throws {
    if watch, untilDone { throw ValidationError("give --watch or --until-done, not both") }
    if watch || untilDone, output.output == .json {
      throw ValidationError("--watch and --until-done print a stream: use --output jsonl")
    }
  }

  func run() throws {
    if cluster.isGiven { return try runOnCluster() }
    let session = try Session(store: store, simulation: simulation)
    let deployment = try session.deployment(named: name, namespace: namespace)
    guard watch || untilDone else {
      let tree = DeploymentTree(deployment: deployment, cluster: session.cluster)
      emit(output.output == .text ? tree.render() : tree.json.compactJSON + "\n")
      return
    }
    if watch { Interrupt.exitOnSIGINT() }
    let reporter = TreeReporter(
      live: output.output == .text && isatty(STDOUT_FILENO) != 0, json: output.output != .text)
    let code = try session.drive([deployment.key], reporter: reporter)
    guard watch else { throw ExitCode(code) }
    session.close()
    reporter.following = true
    try keepWatching(deployment.key, reporter: reporter)
  }

  /// Re-reads the store every `pollInterval`, redrawing the tree when it changed (another
  /// process promoted, aborted, applied...) and driving on a rollout left in progress. The lock
  /// is held only while reading, so the other process is never kept waiting. Ends at SIGINT.
  private func keepWatching(_ key: ObjectKey, reporter: TreeReporter) throws -> Never {
    while true {
      Thread.sleep(forTimeInterval: Double(Self.pollInterval.components.attoseconds) / 1e18)
      let session = try Session(store: store, simulation: nil)
      defer { session.close() }
      let deployment = try session.deployment(named: key.name, namespace: key.namespace)
      if RolloutState.read(from: deployment).phase == .progressing {
        _ = try session.drive([key], reporter: reporter)
      } else {
        reporter.settled(cluster: session.cluster, keys: [key])
      }
    }
  }
}

extension GetCommand {
  /// The Rollout on the cluster, as the tree; with --watch redrawn every second until Ctrl-C,
  /// with --until-done until it is Healthy, Paused or Degraded (exit code as for `status`).
  func runOnCluster() throws {
    if watch { Interrupt.exitOnSIGINT() }
    var last = ""
    while true {
      let view = try cluster.view(name, namespace: givenNamespace)
      let tree = DeploymentTree(deployment: view.deployment, cluster: view.backend())
      let text = output.output == .text ? tree.render() : tree.json.compactJSON + "\n"
      if text != last { emit((last.isEmpty || !watch ? "" : "\n") + text) }
      last = text
      let phase = RolloutState.read(from: view.deployment).phase
      if !watch, !untilDone { return }
      if untilDone, phase != .progressing {
        throw ExitCode(phase == .healthy ? 0 : phase == .paused ? 3 : 1)
      }
      Thread.sleep(forTimeInterval: 1)
    }
  }
}

/// What Ctrl-C does to a command that runs until interrupted.
enum Interrupt {
  /// SIGINT ends the process with exit code 0. The store is written atomically, so ending at
  /// any moment leaves it consistent, as a `kill -9` does.
  /// SIGINT is also unblocked: a process started with it blocked (a blocked mask is inherited)
  /// would otherwise never see it.
  static func exitOnSIGINT() {
    signal(SIGINT) { _ in _exit(0) }
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }
}
