/// Where the objects live: the simulated cluster today, a Kubernetes API server later.
///
/// The rollout controller talks to the cluster only through this protocol, and every backend
/// keeps the same contract (`ClusterBackendConformance` in the tests holds each to it):
///
/// - Objects are values: a read returns a copy, and changing it changes nothing until written.
/// - Every write stamps the object with a `resourceVersion` higher than any before it, cluster
///   wide. A write whose `resourceVersion` is set and differs from the stored one fails with
///   `ClusterError.conflict` (optimistic concurrency, as the API server does).
/// - `create` fails with `.alreadyExists` for a taken name; `update`/`delete` of a missing
///   object fail with `.notFound`.
/// - The cluster owns pods. Scaling a ReplicaSet is a write of `spec.replicas`; the cluster's own
///   ReplicaSet controller and kubelets create, start and stop the pods and report counts in
///   the ReplicaSet's `status`. The rollout controller never touches a pod.
/// - `waitForChange` is the watch and the clock at once: it returns the changes the cluster made
///   by itself (pods started, became ready, crashed, terminated), in the order they happened,
///   moving the clock forward to them. Changes at the current instant come first, so the
///   effects of a write are seen before time moves.
public protocol ClusterBackend: AnyObject {
  /// The cluster clock, in seconds (virtual seconds on the simulated cluster).
  var now: Double { get }

  func list<Object: ClusterObject>(_ type: Object.Type, namespace: String?) -> [Object]
  func get<Object: ClusterObject>(_ type: Object.Type, _ key: ObjectKey) -> Object?
  @discardableResult func create<Object: ClusterObject>(_ object: Object) throws(ClusterError)
    -> Object
  @discardableResult func update<Object: ClusterObject>(_ object: Object) throws(ClusterError)
    -> Object
  func delete<Object: ClusterObject>(_ type: Object.Type, _ key: ObjectKey) throws(ClusterError)

  /// The ReplicaSets with an ownerReference naming the Deployment `deployment`: the candidates
  /// `replicaSets(controlledBy:)` picks from (see the default in `Ownership.swift`, which lists
  /// the namespace).
  func replicaSets(referencingDeployment deployment: ObjectKey) -> [ReplicaSet]

  /// Waits for the cluster to change by itself, or until `deadline` (cluster time), whichever
  /// comes first. Returns what changed; `.idle` when nothing will ever change without a write
  /// and there is no deadline.
  func waitForChange(until deadline: Double?) -> ClusterWait
}

/// An object kind the cluster stores.
public protocol ClusterObject: Sendable, Codable, Hashable {
  static var kind: String { get }
  var metadata: ObjectMeta { get set }
}

extension ClusterObject {
  public var key: ObjectKey { ObjectKey(metadata.effectiveNamespace, metadata.name) }
}

extension Deployment: ClusterObject {
  public static var kind: String { "Deployment" }
}

extension ReplicaSet: ClusterObject {
  public static var kind: String { "ReplicaSet" }
}

extension Pod: ClusterObject {
  public static var kind: String { "Pod" }
}

/// What `waitForChange` saw.
public enum ClusterWait: Sendable, Equatable {
  /// The cluster changed these objects by itself; the clock is at the time they changed.
  case changed([ChangeEvent])
  /// Nothing changed before the deadline; the clock is at the deadline.
  case deadline
  /// Nothing will change without a write, and there was no deadline.
  case idle
}

/// One change the cluster made by itself.
public struct ChangeEvent: Sendable, Hashable, Codable {
  public var time: Double
  public var kind: String
  public var key: ObjectKey
  /// A short description (`"pod web-abc-x1 became ready"`).
  public var reason: String

  public init(time: Double, kind: String, key: ObjectKey, reason: String) {
    self.time = time
    self.kind = kind
    self.key = key
    self.reason = reason
  }
}

/// Why a cluster write failed.
public enum ClusterError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No object of that kind and key.
  case notFound(kind: String, key: ObjectKey)
  /// An object of that kind and key exists already.
  case alreadyExists(kind: String, key: ObjectKey)
  /// The object changed since it was read.
  case conflict(kind: String, key: ObjectKey)
  /// The backend refused the object.
  case invalid(String)

  public var description: String {
    switch self {
    case .notFound(let kind, let key): return "\(kind) \(key) not found"
    case .alreadyExists(let kind, let key): return "\(kind) \(key) already exists"
    case .conflict(let kind, let key):
      return "\(kind) \(key) was modified; please apply your changes to the latest version"
    case .invalid(let message): return message
    }
  }
}
