import Engine
import Strategies

/// One row of the rollout list (and the head of a rollout's page), as the API sends it.
public struct RolloutSummary: Sendable, Hashable, Codable {
  public var namespace: String
  public var name: String
  /// `Deployment` or `Rollout`.
  public var kind: String
  public var strategy: String
  /// `Healthy`, `Progressing`, `Paused` or `Degraded`.
  public var phase: String
  public var reason: String?
  public var message: String?
  public var step: Step?
  public var setWeight: Int?
  public var actualWeight: Int?
  public var revision: Int
  public var images: [String]
  /// Seconds since the object was created, in cluster time.
  public var age: Double
  public var replicas: Int
  public var updated: Int
  public var ready: Int
  public var available: Int

  /// Step i of n of the strategy's steps.
  public struct Step: Sendable, Hashable, Codable {
    public var index: Int
    public var count: Int
  }

  /// The summary of `deployment` at cluster time `now`.
  public init(_ deployment: Deployment, now: Double) {
    let state = RolloutState.read(from: deployment)
    let status = deployment.status ?? DeploymentStatus()
    namespace = deployment.metadata.effectiveNamespace
    name = deployment.metadata.name
    kind = deployment.kind
    strategy = StrategySource.defaultSpec(for: deployment)
    phase = state.phase.rawValue
    reason = state.reason
    message = state.message
    step = state.step.map { Step(index: $0.index, count: $0.count) }
    setWeight = state.desiredWeight
    actualWeight = state.actualWeight
    revision = Int(deployment.metadata.annotation(Annotations.revision) ?? "") ?? 0
    images = deployment.spec.template.images
    age = max(0, now - (deployment.metadata.creationTimestamp ?? now))
    replicas = deployment.replicas
    updated = status.updatedReplicas ?? 0
    ready = status.readyReplicas ?? 0
    available = status.availableReplicas ?? 0
  }

  /// `namespace/name`.
  public var key: ObjectKey { ObjectKey(namespace, name) }

  /// The same summary, with its age left out: what the event stream compares to decide that a
  /// rollout changed (ages move on their own, and the pages work them out from `now`).
  public var comparable: RolloutSummary {
    var copy = self
    copy.age = 0
    return copy
  }
}

extension DashboardObjects {
  /// Every rollout's summary, by namespace then name.
  public func summaries() -> [RolloutSummary] {
    deployments
      .sorted {
        ($0.metadata.effectiveNamespace, $0.metadata.name)
          < ($1.metadata.effectiveNamespace, $1.metadata.name)
      }
      .map { RolloutSummary($0, now: now) }
  }
}
