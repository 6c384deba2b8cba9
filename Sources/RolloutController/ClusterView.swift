import Engine
import Foundation
import KubeClient

/// A Rollout on a cluster as the CLI's views show one (`rollout get|status|history
/// --kubeconfig`): the Rollout read as the engine's Deployment, its ReplicaSets, pods and
/// Services, and its decision log.
public struct ClusterView: Sendable {
  public var deployment: Deployment
  public var replicaSets: [ReplicaSet]
  public var services: [Service]
  public var pods: [Pod]
  public var decisions: [DecisionRecord]

  /// Reads the Rollout `key` and what belongs to it.
  /// - Throws: `ClusterVerbs.Refused` when there is no such Rollout, or a `KubeError`.
  public static func load(_ key: ObjectKey, client: KubeClient) async throws -> ClusterView {
    guard let object = try await client.get(.rollouts, namespace: key.namespace, name: key.name)
    else {
      throw ClusterVerbs.Refused(
        description: "rollout \"\(key.name)\" not found in namespace \"\(key.namespace)\"")
    }
    let deployment: Deployment
    do {
      deployment = try RolloutObject.decode(object)
    } catch {
      throw ClusterVerbs.Refused(description: "\(error)")
    }
    let replicaSets = ReconcilePlan.ownedReplicaSets(
      of: deployment, among: try await client.list(.replicaSets, namespace: key.namespace).items
    ).filter(deployment.controls)
    let services = try await client.list(.services, namespace: key.namespace).items
      .compactMap(ServiceObject.decode)
    let pods = try await client.list(.pods, namespace: key.namespace).items.compactMap(podOf)
    let log = try await client.get(
      .configMaps, namespace: key.namespace, name: DecisionLogMap.name(of: key.name))
    return ClusterView(
      deployment: deployment, replicaSets: replicaSets, services: services, pods: pods,
      decisions: DecisionLogMap.records(in: log))
  }

  /// The view as a cluster backend the CLI's renderers read (writes change only the copy).
  public func backend() -> any ClusterBackend {
    SnapshotCluster(
      now: Date().timeIntervalSince1970.rounded(.down), deployments: [deployment],
      replicaSets: replicaSets, services: services, pods: pods)
  }

  /// A pod's name, owner, phase and readiness.
  static func podOf(_ object: JSONValue) -> Pod? {
    let meta = object["metadata"]
    guard let name = meta?["name"]?.stringValue else { return nil }
    var metadata = ObjectMeta(
      name: name, namespace: meta?["namespace"]?.stringValue,
      labels: meta?["labels"]?.stringMapValue)
    metadata.uid = meta?["uid"]?.stringValue
    metadata.deletionTimestamp = (meta?["deletionTimestamp"]?.stringValue).flatMap(RFC3339.parse)
    metadata.ownerReferences = (meta?["ownerReferences"]?.arrayValue ?? []).compactMap {
      reference in
      guard let kind = reference["kind"]?.stringValue, let owner = reference["name"]?.stringValue
      else { return nil }
      return OwnerReference(
        apiVersion: reference["apiVersion"]?.stringValue ?? "", kind: kind, name: owner,
        uid: reference["uid"]?.stringValue,
        controller: reference["controller"] == .bool(true))
    }
    let images = (object["spec"]?["containers"]?.arrayValue ?? []).compactMap {
      $0["image"]?.stringValue
    }
    let ready = (object["status"]?["conditions"]?.arrayValue ?? []).first {
      $0["type"]?.stringValue == "Ready"
    }
    var status = PodStatus(
      phase: PodStatus.Phase(rawValue: object["status"]?["phase"]?.stringValue ?? "") ?? .pending,
      ready: ready?["status"]?.stringValue == "True",
      readySince: (ready?["lastTransitionTime"]?.stringValue).flatMap(RFC3339.parse))
    status.restartCount = (object["status"]?["containerStatuses"]?.arrayValue ?? []).reduce(0) {
      $0 + ($1["restartCount"]?.intValue ?? 0)
    }
    return Pod(metadata: metadata, spec: PodSpecSummary(images: images), status: status)
  }
}
