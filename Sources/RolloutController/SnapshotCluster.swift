import Engine

/// One reconcile's view of a real cluster: the Rollout (as the engine's Deployment) and its
/// ReplicaSets, copied from the informers' caches. The engine's controller reads and writes it
/// as it would the simulated cluster; nothing reaches the API server until the reconcile ends
/// and `changes` is written, whole, by `ReconcileWriter`.
///
/// Pods are not here: the engine never touches one, and reads its ReplicaSets' counts from
/// their status. The clock is the controller's wall clock, fixed for the pass.
final class SnapshotCluster: ClusterBackend {
  let now: Double
  private var deployments: [ObjectKey: Deployment] = [:]
  private var replicaSetsByKey: [ObjectKey: ReplicaSet] = [:]
  private var services: [ObjectKey: Service] = [:]
  /// Pods, for views only (`rollout get`): the engine never reads one.
  private var pods: [ObjectKey: Pod] = [:]
  /// The objects as read, to diff against.
  private let originalDeployments: [ObjectKey: Deployment]
  private let originalReplicaSets: [ObjectKey: ReplicaSet]
  private let originalServices: [ObjectKey: Service]
  private var nextUID = 0

  init(
    now: Double, deployments: [Deployment], replicaSets: [ReplicaSet], services: [Service] = [],
    pods: [Pod] = []
  ) {
    self.now = now
    for pod in pods { self.pods[pod.key] = pod }
    for deployment in deployments { self.deployments[deployment.key] = deployment }
    for replicaSet in replicaSets { replicaSetsByKey[replicaSet.key] = replicaSet }
    for service in services { self.services[service.key] = service }
    originalDeployments = self.deployments
    originalReplicaSets = replicaSetsByKey
    originalServices = self.services
  }

  func list<Object: ClusterObject>(_ type: Object.Type, namespace: String?) -> [Object] {
    let all: [Object]
    switch type.kind {
    case Deployment.kind: all = deployments.values.compactMap { $0 as? Object }
    case ReplicaSet.kind: all = replicaSetsByKey.values.compactMap { $0 as? Object }
    case Service.kind: all = services.values.compactMap { $0 as? Object }
    case Pod.kind: all = pods.values.compactMap { $0 as? Object }
    default: all = []
    }
    return
      all
      .filter { namespace == nil || $0.metadata.effectiveNamespace == namespace }
      .sorted { $0.key < $1.key }
  }

  func get<Object: ClusterObject>(_ type: Object.Type, _ key: ObjectKey) -> Object? {
    switch type.kind {
    case Deployment.kind: return deployments[key] as? Object
    case ReplicaSet.kind: return replicaSetsByKey[key] as? Object
    case Service.kind: return services[key] as? Object
    case Pod.kind: return pods[key] as? Object
    default: return nil
    }
  }

  @discardableResult
  func create<Object: ClusterObject>(_ object: Object) throws(ClusterError) -> Object {
    guard var replicaSet = object as? ReplicaSet else {
      throw .invalid("the controller creates only ReplicaSets, not a \(Object.kind)")
    }
    guard replicaSetsByKey[replicaSet.key] == nil else {
      throw .alreadyExists(kind: ReplicaSet.kind, key: replicaSet.key)
    }
    replicaSet.metadata.creationTimestamp = now
    nextUID += 1
    replicaSet.metadata.uid = "pending-\(nextUID)"
    replicaSetsByKey[replicaSet.key] = replicaSet
    return replicaSet as! Object
  }

  @discardableResult
  func update<Object: ClusterObject>(_ object: Object) throws(ClusterError) -> Object {
    if let deployment = object as? Deployment {
      guard deployments[deployment.key] != nil else {
        throw .notFound(kind: Deployment.kind, key: deployment.key)
      }
      deployments[deployment.key] = deployment
    } else if let replicaSet = object as? ReplicaSet {
      guard replicaSetsByKey[replicaSet.key] != nil else {
        throw .notFound(kind: ReplicaSet.kind, key: replicaSet.key)
      }
      replicaSetsByKey[replicaSet.key] = replicaSet
    } else if let service = object as? Service {
      guard services[service.key] != nil else {
        throw .notFound(kind: Service.kind, key: service.key)
      }
      services[service.key] = service
    } else {
      throw .invalid(
        "the controller writes only Rollouts, ReplicaSets and Services, not a \(Object.kind)")
    }
    return object
  }

  func delete<Object: ClusterObject>(_ type: Object.Type, _ key: ObjectKey) throws(ClusterError) {
    guard type.kind == ReplicaSet.kind, replicaSetsByKey.removeValue(forKey: key) != nil else {
      throw .notFound(kind: type.kind, key: key)
    }
  }

  /// Nothing changes by itself within one reconcile: the real cluster's changes arrive on the
  /// watches and start the next one.
  func waitForChange(until deadline: Double?) -> ClusterWait {
    deadline == nil ? .idle : .deadline
  }

  /// What the pass changed, in the order a crash between any two writes keeps safe: ReplicaSets
  /// shrunk or deleted first (fewer pods, and the pods they give up were counted gone by the
  /// decision), then created or grown, then Services' selectors, then the Rollout's own
  /// annotations and status.
  var changes: ReconcileChanges {
    var shrink: [ReplicaSetChange] = []
    var grow: [ReplicaSetChange] = []
    for (key, original) in originalReplicaSets.sorted(by: { $0.key < $1.key }) {
      guard let current = replicaSetsByKey[key] else {
        shrink.append(.delete(original))
        continue
      }
      guard current != original else { continue }
      if current.replicas < original.replicas {
        shrink.append(.update(current, from: original))
      } else {
        grow.append(.update(current, from: original))
      }
    }
    for (key, created) in replicaSetsByKey.sorted(by: { $0.key < $1.key })
    where originalReplicaSets[key] == nil {
      grow.append(.create(created))
    }
    var rollouts: [RolloutChange] = []
    for (key, original) in originalDeployments.sorted(by: { $0.key < $1.key }) {
      guard let current = deployments[key], current != original else { continue }
      rollouts.append(RolloutChange(original: original, current: current))
    }
    let pointed = originalServices.sorted(by: { $0.key < $1.key }).compactMap {
      key, original -> ServiceChange? in
      guard let current = services[key], current != original else { return nil }
      return ServiceChange(original: original, current: current)
    }
    return ReconcileChanges(replicaSets: shrink + grow, services: pointed, rollouts: rollouts)
  }
}

/// The writes one reconcile owes the API server.
struct ReconcileChanges: Sendable {
  var replicaSets: [ReplicaSetChange]
  var services: [ServiceChange] = []
  var rollouts: [RolloutChange]

  var isEmpty: Bool { replicaSets.isEmpty && services.isEmpty && rollouts.isEmpty }
}

enum ReplicaSetChange: Sendable {
  case create(ReplicaSet)
  case update(ReplicaSet, from: ReplicaSet)
  case delete(ReplicaSet)
}

/// A Rollout the engine changed: its annotations (the revision, the rollout state) and status.
struct RolloutChange: Sendable {
  var original: Deployment
  var current: Deployment
}

/// A Service whose selector the engine pinned to a ReplicaSet's hash, or unpinned.
struct ServiceChange: Sendable {
  var original: Service
  var current: Service
}
