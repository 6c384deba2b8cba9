import Engine
import Foundation
import Simulator
import Store
import Strategies

/// The engine as an operator uses it: one hold on a state store, with the cluster restored from
/// it, the strategies, and every operation a person can ask for (apply, drive, the verbs,
/// history, replay). The `rollout` command is argument parsing and rendering over this type.
///
/// Not `Sendable`: a session belongs to the one isolation domain that opened it.
public final class RolloutSession {
  /// The store, locked for as long as the session is open.
  public let store: StateStore
  /// The cluster as the store last saved it.
  public let cluster: SimulatedCluster
  /// Where strategies are loaded from, each once.
  public let strategies: StrategyProvider

  public static let clusterDocument = "cluster.json"
  public static let settingsDocument = "simulation.json"

  /// Virtual seconds per wall second for drives (`--speed`); nil: as fast as possible, unless
  /// an analysis asks a real metrics server, which paces the drive at 1.
  public var speed: Double?

  /// The longest wall time between two saves of a running rollout.
  public static let saveInterval = Duration.milliseconds(100)

  private var lastSave = ContinuousClock.now

  /// Opens (and locks) the store at `directory` and restores its cluster, with `settings`
  /// applied over the simulation settings the store last used. `existing`: the caller reads or
  /// steers what is stored, so a store with nothing applied yet is bad input, and nothing is
  /// created. Strategy paths are read relative to `strategyDirectory`, unless
  /// `strategyResolver` finds strategies another way.
  public init(
    directory: String, existing: Bool = true,
    settings: ((SimulationSettings) throws -> SimulationSettings)? = nil,
    strategyDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    strategyResolver: StrategyProvider.Resolver? = nil
  ) throws {
    do {
      // A served store is held for as long as the server runs: no point waiting for it.
      let wait = ServeAddress.read(directory: directory) == nil ? 5.0 : 0.0
      store =
        existing
        ? try StateStore.openExisting(
          directory: directory, requiring: Self.clusterDocument, lockTimeout: wait)
        : try StateStore.open(directory: directory, lockTimeout: wait)
      // Taken: an address left by a server killed with -9 is stale.
      if wait == 0 { ServeAddress.remove(directory: directory) }
    } catch let StoreError.empty(directory, _) {
      throw SessionError(
        "no rollout state in \(directory): nothing has been applied there yet "
          + "(rollout apply FILE --state \(directory) starts one)")
    } catch StoreError.locked(let path) {
      guard let address = ServeAddress.read(directory: directory) else {
        throw SessionError("\(StoreError.locked(path: path))")
      }
      throw SessionError(
        "the store \(directory) is served by `rollout serve` at \(address): drive it with kubectl "
          + "(export KUBECONFIG=\(directory)/kubeconfig), or stop the server first")
    } catch {
      throw SessionError("\(error)")
    }
    let stored = try store.load(Self.settingsDocument, as: SimulationSettings.self)
    let base = stored ?? SimulationSettings()
    let chosen = try settings?(base) ?? base
    if let snapshot = try store.load(Self.clusterDocument, as: SimulatedCluster.Snapshot.self) {
      cluster = SimulatedCluster(snapshot: snapshot, settings: chosen)
    } else {
      cluster = SimulatedCluster(settings: chosen)
    }
    strategies =
      strategyResolver.map { StrategyProvider(resolver: $0) }
      ?? StrategyProvider(baseDirectory: strategyDirectory)
  }

  /// Releases the store's lock; the session must not be used afterwards.
  public func close() { store.close() }

  /// Writes the cluster and the simulation settings (atomically, each).
  public func save() throws {
    try store.save(cluster.snapshot(), as: Self.clusterDocument)
    try store.save(cluster.settings, as: Self.settingsDocument)
    lastSave = ContinuousClock.now
  }

  /// Saves if `saveInterval` has passed since the last save. Every save is a consistent snapshot
  /// written atomically, so a kill between two saves resumes from the last one; saving at most
  /// this often keeps big simulations fast.
  public func checkpoint() throws {
    if ContinuousClock.now - lastSave >= Self.saveInterval { try save() }
  }

  /// The Deployment `name` in `namespace`, or bad input that says what exists.
  public func deployment(named name: String, namespace: String) throws(SessionError) -> Deployment {
    if let found = cluster.get(Deployment.self, ObjectKey(namespace, name)) { return found }
    let known = cluster.list(Deployment.self, namespace: nil).map(\.metadata.name)
    throw SessionError(
      "deployment \"\(name)\" not found in namespace \"\(namespace)\" of store \(store.directory)"
        + (known.isEmpty ? " (the store is empty)" : " (known: \(known.joined(separator: ", ")))"))
  }

  /// A controller and runner over this session's cluster and strategies.
  public func makeRunner() -> RolloutRunner {
    let provider = strategies
    let controller = DeploymentController(cluster: cluster) { deployment in
      try provider.strategy(for: deployment)
    }
    controller.metricProvider = metricProvider
    return RolloutRunner(controller: controller)
  }
}

/// Bad input to a session (a store, a name, a strategy, an operator action refused): nothing
/// was applied. The CLI exits 2 with it.
public struct SessionError: Error, Sendable, Hashable, CustomStringConvertible {
  public var message: String
  public var description: String { message }

  public init(_ message: String) { self.message = message }
}
