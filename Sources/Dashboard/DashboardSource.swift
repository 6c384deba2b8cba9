import Engine

/// Where the dashboard's rollouts live: the local store (`rollout dashboard`), the cluster
/// `rollout serve` runs, or the API server `rollout controller` watches. The pages, the API and
/// the event stream are one implementation over this boundary.
public protocol DashboardSource: Sendable {
  /// What the page header calls this source (`local store /tmp/s`, `rollout serve`).
  var title: String { get }

  /// Every Deployment and Rollout with their ReplicaSets, pods and Services, as one consistent
  /// read.
  func objects() async throws -> DashboardObjects

  /// The Deployments and Rollouts alone, with cluster time: all the list and the event stream
  /// need, and cheaper than `objects()` for a source that can read them apart.
  func rollouts() async throws -> DashboardObjects

  /// A number that changes whenever `objects()` or a decision log could read differently. The
  /// event stream polls it, so it must be cheap.
  func version() async -> UInt64

  /// The decisions of rollout `key` (every revision), oldest first.
  func decisions(of key: ObjectKey) async throws -> [DecisionRecord]

  /// Carries out `action` on rollout `key` through the same path as the CLI verb (and so is
  /// logged the same way), and says what happened. A refusal throws `DashboardRefusal`.
  func perform(_ action: OperatorAction, on key: ObjectKey) async throws -> String
}

extension DashboardSource {
  public func rollouts() async throws -> DashboardObjects { try await objects() }
}

/// The objects the pages show, read together.
public struct DashboardObjects: Sendable {
  /// Cluster time now, seconds (ages are measured against it).
  public var now: Double
  public var deployments: [Deployment]
  public var replicaSets: [ReplicaSet]
  public var pods: [Pod]
  public var services: [Service]

  public init(
    now: Double, deployments: [Deployment], replicaSets: [ReplicaSet] = [], pods: [Pod] = [],
    services: [Service] = []
  ) {
    self.now = now
    self.deployments = deployments
    self.replicaSets = replicaSets
    self.pods = pods
    self.services = services
  }

  /// The objects a cluster holds now.
  public init(cluster: any ClusterBackend) {
    self.init(
      now: cluster.now, deployments: cluster.list(Deployment.self, namespace: nil),
      replicaSets: cluster.list(ReplicaSet.self, namespace: nil),
      pods: cluster.list(Pod.self, namespace: nil),
      services: cluster.list(Service.self, namespace: nil))
  }
}

/// An action or request the dashboard refuses: the rollout does not exist (404), the action does
/// not apply now (409), or the request is malformed (400). Nothing was changed.
public struct DashboardRefusal: Error, Sendable, Hashable, CustomStringConvertible {
  public var status: Int
  public var message: String
  public var description: String { message }

  public init(_ status: Int, _ message: String) {
    self.status = status
    self.message = message
  }
}
