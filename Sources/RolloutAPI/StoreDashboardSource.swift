import Dashboard
import Engine
import Foundation
import Simulator
import Store

/// The dashboard over a local store (`rollout dashboard --state DIR`). Reads never take the
/// store's lock (documents are replaced atomically, the decision log only appended to), so the
/// pages follow a rollout another `rollout` command is driving. An action opens a session as
/// the CLI verb does, records the operator action, drives the rollout on until it completes,
/// pauses or fails, and saves: the same path, logged the same way. A store `rollout serve`
/// holds gets the action through the server, as the CLI verbs do.
public final class StoreDashboardSource: DashboardSource, @unchecked Sendable {
  public let directory: String
  public let strategyDirectory: URL
  private let reader: StoreReader
  /// Actions run one at a time, off the concurrency pool.
  private let actions = DispatchQueue(label: "rollout.dashboard.actions")
  private let lock = NSLock()
  private var cached: (version: UInt64, objects: DashboardObjects)?
  /// The list's reads, decoding only the Deployments that changed (under `lock`).
  private let saved = SavedDeployments()

  public init(directory: String, strategyDirectory: URL) {
    self.directory = directory
    self.strategyDirectory = strategyDirectory
    reader = StoreReader(directory: directory)
  }

  public var title: String { "local store \(directory)" }

  public func version() async -> UInt64 {
    Self.fingerprint(reader.path(of: RolloutSession.clusterDocument))
      &* 31 &+ Self.fingerprint(reader.path(of: DecisionLogWriter.fileName))
  }

  public func objects() async throws -> DashboardObjects {
    let version = await version()
    if let cached = lock.withLock({ cached }), cached.version == version { return cached.objects }
    let objects: DashboardObjects
    if let snapshot = try reader.load(
      RolloutSession.clusterDocument, as: SimulatedCluster.Snapshot.self)
    {
      let settings =
        (try? reader.load(RolloutSession.settingsDocument, as: SimulationSettings.self))
        .flatMap { $0 } ?? SimulationSettings()
      objects = DashboardObjects(cluster: SimulatedCluster(snapshot: snapshot, settings: settings))
    } else {
      objects = DashboardObjects(now: 0, deployments: [])
    }
    lock.withLock { cached = (version, objects) }
    return objects
  }

  /// The list's read: the Deployments and the clock alone, not the ReplicaSets and pods that
  /// make up most of a big store.
  public func rollouts() async throws -> DashboardObjects {
    let version = await version()
    if let cached = lock.withLock({ cached }), cached.version == version { return cached.objects }
    guard
      let data = FileManager.default.contents(
        atPath: reader.path(of: RolloutSession.clusterDocument))
    else { return DashboardObjects(now: 0, deployments: []) }
    let listed = try lock.withLock { try saved.read(data) }
    return DashboardObjects(now: listed.now, deployments: listed.deployments)
  }

  public func decisions(of key: ObjectKey) async throws -> [DecisionRecord] {
    DecisionLogReader.records(
      lines: reader.lines(of: DecisionLogWriter.fileName), name: key.name,
      namespace: key.namespace)
  }

  public func perform(_ action: OperatorAction, on key: ObjectKey) async throws -> String {
    let (directory, strategyDirectory) = (self.directory, self.strategyDirectory)
    return try await withCheckedThrowingContinuation { continuation in
      actions.async {
        continuation.resume(
          with: Result {
            try Self.perform(
              action, on: key, directory: directory, strategyDirectory: strategyDirectory)
          })
      }
    }
  }

  /// What `rollout <verb> NAME` does: the action, then the drive on to the next stop.
  static func perform(
    _ action: OperatorAction, on key: ObjectKey, directory: String, strategyDirectory: URL
  ) throws -> String {
    let session: RolloutSession
    do {
      session = try RolloutSession(directory: directory, strategyDirectory: strategyDirectory)
    } catch  where ServeAddress.read(directory: directory) != nil {
      let answer = try ServedActions.send(
        ServedActions.Request(action, on: key), directory: directory)
      guard answer.done else { throw DashboardRefusal(409, answer.message) }
      return answer.message
    } catch {
      throw DashboardRefusal(409, "\(error)")
    }
    defer { session.close() }
    guard session.cluster.get(Deployment.self, key) != nil else {
      throw DashboardRefusal(
        404, "rollout \"\(key.name)\" not found in namespace \"\(key.namespace)\"")
    }
    do {
      try session.perform(action, on: key)
    } catch {
      throw DashboardRefusal(409, "\(error)")
    }
    let outcome = try session.drive([key]).first
    let kind =
      session.cluster.get(Deployment.self, key)?.kind == "Rollout"
      ? "rollout.argoproj.io" : "deployment.apps"
    var message = "\(kind)/\(key.name): \(action) done"
    if let outcome {
      message += "; now \(outcome.phase.rawValue)" + (outcome.reason.map { " (\($0))" } ?? "")
    }
    return message
  }

  /// The file's inode, size and modification time folded into one number (0 when missing).
  static func fingerprint(_ path: String) -> UInt64 {
    var info = stat()
    guard stat(path, &info) == 0 else { return 0 }
    let nanos = UInt64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ UInt64(info.st_mtim.tv_nsec)
    return nanos &* 1_000_003 &+ UInt64(info.st_size) &* 7_919 &+ UInt64(info.st_ino)
  }
}
