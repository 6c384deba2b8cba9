import Engine
import Foundation
import KubeClient
import Strategies

/// The operator verbs against a cluster's Rollout, as Argo's kubectl plugin carries them out:
/// read the Rollout, change it, write it back conditional on the version read (a 409 reads
/// again). The controller, wherever it runs, sees the change on its watch and acts on it.
public enum ClusterVerbs {
  /// Why a verb was not carried out.
  public struct Refused: Error, CustomStringConvertible {
    public var description: String
  }

  /// Carries `action` out on the Rollout `key`; returns what was done.
  /// - Throws: `Refused` (the engine's refusal, or no such Rollout), or a `KubeError`.
  public static func perform(_ action: OperatorAction, on key: ObjectKey, client: KubeClient)
    async throws -> String
  {
    for _ in 0..<5 {
      guard let object = try await client.get(.rollouts, namespace: key.namespace, name: key.name)
      else {
        throw Refused(
          description: "rollout \"\(key.name)\" not found in namespace \"\(key.namespace)\"")
      }
      let original: Deployment
      do {
        original = try RolloutObject.decode(object)
      } catch {
        throw Refused(description: "\(error)")
      }
      let replicaSets = try await client.list(.replicaSets, namespace: key.namespace).items
      let cluster = SnapshotCluster(
        now: Date().timeIntervalSince1970.rounded(.down), deployments: [original],
        replicaSets: ReconcilePlan.ownedReplicaSets(of: original, among: replicaSets))
      let strategies = ClusterStrategies()
      let spec = original.metadata.annotation(Annotations.strategy) ?? ""
      if let reference = ClusterStrategies.configMapReference(spec),
        let map = try await client.get(.configMaps, namespace: key.namespace, name: reference.name)
      {
        strategies.lookup = { _, _, field in map["data"]?[field]?.stringValue }
      }
      let provider = StrategyProvider { try strategies.resolve($0, $1) }
      let changed: Deployment
      do {
        changed = try OperatorActions.perform(
          action, on: key, cluster: cluster, strategy: { try provider.strategy(for: $0) })
      } catch let error as OperatorActionError {
        throw Refused(description: error.message)
      }
      guard
        let update = RolloutObject.updates(of: object, from: original, to: changed, newHash: nil)
          .object
      else {
        return "rollout/\(key.name): \(action): nothing to change"
      }
      do {
        try await client.replace(.rollouts, namespace: key.namespace, update)
        return "rollout/\(key.name): \(action) done"
      } catch let error as KubeError where error.isConflict {
        continue
      }
    }
    throw Refused(
      description:
        "rollout \"\(key.name)\" kept changing while \(action) was written; try again")
  }
}
