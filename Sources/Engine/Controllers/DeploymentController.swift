/// The Deployment controller: Kubernetes' `pkg/controller/deployment`, with every rollout step
/// handed to a `RolloutStrategy`.
///
/// One `sync` is one reconcile pass over one Deployment, in Kubernetes' order:
/// 1. a paused Deployment only scales (proportionally) and reports status;
/// 2. a change of `replicas` mid-rollout is a scaling event: proportional scaling, no step;
/// 3. otherwise the strategy decides a step, which is validated and applied whole or not at all;
/// 4. a complete rollout cleans up history beyond `revisionHistoryLimit`;
/// 5. status and conditions are computed as Kubernetes does.
///
/// The controller reads and writes only through `ClusterBackend` and never touches a pod.
public final class DeploymentController {
  public let cluster: any ClusterBackend
  private let resolveStrategy: (Deployment) throws -> any RolloutStrategy
  /// Called for everything the controller does, in order.
  public var onEvent: (RolloutEvent) -> Void = { _ in }
  /// Called with every decision a strategy makes, applied or not (the decision log). Records
  /// are built only when this is set.
  public var onDecision: ((DecisionRecord) -> Void)?
  /// The rollout state and strategy parameters of the Deployments this controller syncs,
  /// decoded once per annotation text.
  public let decoded = DecodedAnnotations()
  /// Answers analysis runs' queries; without one, every measurement is an error saying so.
  public var metricProvider: any MetricProvider = UnconfiguredMetricProvider()
  /// The last two applied decisions per Deployment, for a livelock report.
  var recentDecisions: [ObjectKey: [StrategyDecision]] = [:]

  /// - Parameter strategy: the strategy that decides steps for a Deployment. A thrown error
  ///   (a script that does not load) degrades that rollout.
  public init(
    cluster: any ClusterBackend,
    strategy: @escaping (Deployment) throws -> any RolloutStrategy
  ) {
    self.cluster = cluster
    self.resolveStrategy = strategy
  }

  /// What one pass did.
  public struct SyncResult: Sendable, Equatable {
    /// The pass wrote something: run another pass before the clock moves.
    public var changed: Bool
    /// The earliest cluster time at which the controller wants to look again even if nothing
    /// changes (a pause ending, the progress deadline).
    public var wakeAt: Double?
    /// The pass resized ReplicaSets for a scaling event: the cluster's ReplicaSet controller
    /// runs before the next pass, so the rolling update that follows starts from their new
    /// status (pods above the new size gone, available counts current), as Kubernetes' next
    /// sync after a scaling event does.
    public var awaitsReplicaSets: Bool

    public init(changed: Bool = false, wakeAt: Double? = nil, awaitsReplicaSets: Bool = false) {
      self.changed = changed
      self.wakeAt = wakeAt
      self.awaitsReplicaSets = awaitsReplicaSets
    }

    mutating func wake(at time: Double?) {
      guard let time else { return }
      wakeAt = min(wakeAt ?? time, time)
    }
  }

  /// One reconcile pass over the Deployment `key`.
  public func sync(_ key: ObjectKey) throws(ClusterError) -> SyncResult {
    guard let original = cluster.get(Deployment.self, key) else { return SyncResult() }
    var pass = SyncPass(controller: self, deployment: original)
    try pass.run()
    if pass.deployment != original {
      try cluster.update(pass.deployment)
      pass.result.changed = true
    }
    return pass.result
  }

  func emit(_ event: RolloutEvent) { onEvent(event) }

  func strategy(for deployment: Deployment) throws -> any RolloutStrategy {
    try resolveStrategy(deployment)
  }
}
