import ArgumentParser
import Engine
import Foundation
import KubeClient
import RolloutAPI
import RolloutController

/// The deployment an operator verb acts on.
struct TargetOptions: ParsableArguments {
  @Argument(help: "The deployment's (or Rollout's) name.") var name: String
  @Option(
    name: [.customShort("n"), .customLong("namespace")],
    help: "The namespace (default: default; with --kubeconfig, the context's).")
  var givenNamespace: String?
  /// The namespace in the local store.
  var namespace: String { givenNamespace ?? "default" }
}

/// The store, simulation and output options every operator verb takes.
struct VerbOptions: ParsableArguments {
  @OptionGroup var cluster: ClusterOptions
  @OptionGroup var store: StoreOptions
  @OptionGroup var simulation: SimulationOptions
  @OptionGroup var output: OutputOptions
}

/// What every operator verb shares: record the operator's intent on the stored deployment, then
/// drive the rollout on, like the main command, until it completes, pauses again or fails, and
/// exit with that outcome's code.
protocol OperatorVerb: ParsableCommand {
  var target: TargetOptions { get }
  var options: VerbOptions { get }

  /// Changes the stored deployment and its rollout state; throws `InputError` to refuse.
  func change(_ deployment: inout Deployment, _ state: inout RolloutState, session: Session)
    throws

  /// The verb as an action `rollout serve` carries out, for a store it holds.
  var action: OperatorAction { get }
}

extension OperatorVerb {
  func run() throws {
    if options.cluster.isGiven { return try runOnCluster() }
    let key = ObjectKey(target.namespace, target.name)
    let session: Session
    do {
      session = try Session(store: options.store, simulation: options.simulation)
    } catch let error as InputError where error.description.contains("served by `rollout serve`") {
      // The store is served: the server carries the verb out.
      let answer = try ServedActions.send(
        ServedActions.Request(action, on: key), directory: options.store.path)
      guard answer.done else { throw InputError(answer.message) }
      emit(answer.message + "\n")
      return
    }
    try session.steer(key) { deployment, state in
      try change(&deployment, &state, session: session)
    }
    throw ExitCode(try session.drive([key], output: options.output.output))
  }
}

extension OperatorVerb {
  /// `--kubeconfig`/`--context`: the verb patches the cluster's Rollout, as Argo's kubectl
  /// plugin does; the controller, wherever it runs, carries it out. A refusal is bad input.
  func runOnCluster() throws {
    let connection = try options.cluster.connection(namespace: target.givenNamespace)
    let key = ObjectKey(connection.namespace, target.name)
    let action = action
    let message = try AsyncBridge.run {
      let client = KubeClient(
        connection: connection, userAgent: "rollout/\(RolloutVersion.current)")
      defer { Task { await client.shutdown() } }
      do {
        return try await ClusterVerbs.perform(action, on: key, client: client)
      } catch let refused as ClusterVerbs.Refused {
        throw InputError(refused.description)
      } catch {
        throw RuntimeError("\(error)")
      }
    }
    emit(message + "\n")
  }
}

/// Runs an operator action's state change; a refusal is bad input (exit 2).
func refusingAsInput(_ change: () throws(OperatorActionError) -> Void) throws {
  do {
    try change()
  } catch {
    throw InputError(error.message)
  }
}
