import Engine
import Foundation
import Simulator
import Store
import Strategies

/// One invocation's hold on the local store: the simulated cluster restored from it, the
/// strategies, and the save after every settled instant.
final class Session {
  let store: StateStore
  let cluster: SimulatedCluster
  let strategies: StrategyProvider

  private static let clusterDocument = "cluster.json"
  private static let settingsDocument = "simulation.json"

  /// Opens (and locks) the store; restores the cluster with `simulation` flags applied over the
  /// settings the store last used. `existing`: the command reads or steers what is stored, so
  /// a store with nothing applied yet is bad input, and nothing is created.
  init(store options: StoreOptions, simulation: SimulationOptions?, existing: Bool = true) throws {
    do {
      store =
        existing
        ? try StateStore.openExisting(directory: options.path, requiring: Self.clusterDocument)
        : try StateStore.open(directory: options.path)
    } catch let StoreError.empty(directory, _) {
      throw InputError(
        "no rollout state in \(directory): nothing has been applied there yet "
          + "(rollout apply FILE --state \(directory) starts one)")
    } catch {
      throw InputError(error)
    }
    let stored = try store.load(Self.settingsDocument, as: SimulationSettings.self)
    let settings =
      try simulation?.settings(over: stored ?? SimulationSettings()) ?? stored
      ?? SimulationSettings()
    if let snapshot = try store.load(Self.clusterDocument, as: SimulatedCluster.Snapshot.self) {
      cluster = SimulatedCluster(snapshot: snapshot, settings: settings)
    } else {
      cluster = SimulatedCluster(settings: settings)
    }
    strategies = StrategyProvider(
      baseDirectory: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
  }

  private var lastSave = ContinuousClock.now

  /// Releases the store's lock; the session must not be used afterwards.
  func close() { store.close() }

  /// The longest wall time between two saves of a running rollout.
  static let saveInterval = Duration.milliseconds(100)

  /// Writes the cluster and the simulation settings (atomically, each).
  func save() throws {
    try store.save(cluster.snapshot(), as: Self.clusterDocument)
    try store.save(cluster.settings, as: Self.settingsDocument)
    lastSave = ContinuousClock.now
  }

  /// Saves if `saveInterval` has passed since the last save. Every save is a consistent snapshot
  /// written atomically, so a kill between two saves resumes from the last one; saving at most
  /// this often keeps big simulations fast.
  func checkpoint() throws {
    if ContinuousClock.now - lastSave >= Self.saveInterval { try save() }
  }

  /// The Deployment `name` in `namespace`, or a bad-input error that says what exists.
  func deployment(named name: String, namespace: String) throws -> Deployment {
    if let found = cluster.get(Deployment.self, ObjectKey(namespace, name)) { return found }
    let known = cluster.list(Deployment.self, namespace: nil).map(\.metadata.name)
    throw InputError(
      "deployment \"\(name)\" not found in namespace \"\(namespace)\" of store \(store.directory)"
        + (known.isEmpty ? " (the store is empty)" : " (known: \(known.joined(separator: ", ")))"))
  }

  /// A controller and runner over this session's cluster.
  func makeRunner() -> RolloutRunner {
    let provider = strategies
    let controller = DeploymentController(cluster: cluster) { deployment in
      try provider.strategy(for: deployment)
    }
    return RolloutRunner(controller: controller)
  }
}
